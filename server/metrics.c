/*
 * metrics.c - request counters, latency histograms and index gauges in
 * the Prometheus text exposition format (version 0.0.4).
 *
 * Counting is lock-free: relaxed atomic increments in flat arrays indexed
 * by [endpoint][status slot] and [endpoint][bucket], so the request path
 * never contends on a lock for bookkeeping. Label cardinality is bounded
 * by construction: endpoints are the route names plus "other" (unknown
 * paths never become labels) and statuses outside a fixed list count as
 * "other". Histogram buckets are stored per bucket and summed into the
 * cumulative `le` form when rendered; a scrape may see counters a few
 * requests apart, which Prometheus tolerates.
 */
#include "server.h"

#include <string.h>

static const int g_statuses[SRV_NSTATUS - 1] = { 200, 202, 400, 401, 403,
						 404, 405, 408, 413, 422,
						 429, 500, 503 };
static const double g_bounds[SRV_NBUCKETS - 1] = { 0.0005, 0.001, 0.0025, 0.005,
						   0.01,   0.025, 0.05,   0.1,
						   0.25,   0.5,   1.0,    2.5 };

int srv_metrics_init(struct srv_metrics *m)
{
	size_t i;
	memset(m, 0, sizeof(*m));
	m->nep = srv_nroutes + 1;
	m->names = kd__calloc(m->nep, sizeof(*m->names));
	m->count = kd__calloc(m->nep * SRV_NSTATUS, sizeof(*m->count));
	m->bucket = kd__calloc(m->nep * SRV_NBUCKETS, sizeof(*m->bucket));
	m->sum_us = kd__calloc(m->nep, sizeof(*m->sum_us));
	if (!m->names || !m->count || !m->bucket || !m->sum_us) {
		srv_metrics_free(m);
		return -1;
	}
	for (i = 0; i < m->nep * SRV_NSTATUS; i++)
		atomic_init(&m->count[i], 0);
	for (i = 0; i < m->nep * SRV_NBUCKETS; i++)
		atomic_init(&m->bucket[i], 0);
	for (i = 0; i < m->nep; i++) {
		atomic_init(&m->sum_us[i], 0);
		m->names[i] = i < srv_nroutes ? srv_routes[i].name : "other";
	}
	atomic_init(&m->queries, 0);
	m->started = srv_wall();
	return 0;
}

void srv_metrics_free(struct srv_metrics *m)
{
	kd__free(m->names);
	kd__free(m->count);
	kd__free(m->bucket);
	kd__free(m->sum_us);
	memset(m, 0, sizeof(*m));
}

static size_t status_slot(int status)
{
	size_t i;
	for (i = 0; i < SRV_NSTATUS - 1; i++)
		if (g_statuses[i] == status)
			return i;
	return SRV_NSTATUS - 1;
}

void srv_metrics_observe(struct srv_metrics *m, size_t ep, int status,
			 double seconds)
{
	size_t b = 0;
	if (ep >= m->nep)
		ep = m->nep - 1;
	while (b < SRV_NBUCKETS - 1 && seconds > g_bounds[b])
		b++;
	atomic_fetch_add_explicit(
		&m->count[ep * SRV_NSTATUS + status_slot(status)], 1,
		memory_order_relaxed);
	atomic_fetch_add_explicit(&m->bucket[ep * SRV_NBUCKETS + b], 1,
				  memory_order_relaxed);
	atomic_fetch_add_explicit(&m->sum_us[ep],
				  (unsigned long)(seconds * 1e6 + 0.5),
				  memory_order_relaxed);
}

static unsigned long get(atomic_ulong *a)
{
	return atomic_load_explicit(a, memory_order_relaxed);
}

/* A label value: backslash, quote and newline escaped. */
static int label(struct kd_buf *b, const char *s)
{
	int err = kd__buf_putc(b, '"');
	for (; *s && err == 0; s++) {
		if (*s == '\\' || *s == '"')
			err = kd__buf_putc(b, '\\');
		if (err == 0)
			err = *s == '\n' ? kd__buf_puts(b, "\\n")
					 : kd__buf_putc(b, *s);
	}
	return err ? err : kd__buf_putc(b, '"');
}

static int head(struct kd_buf *b, const char *name, const char *type,
		const char *help)
{
	return kd__buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help,
			      name, type);
}

static int requests(struct kd_buf *b, struct srv_metrics *m)
{
	size_t e, k;
	int err = head(b, "kordon_http_requests_total", "counter",
		       "HTTP requests by endpoint and status.");
	for (e = 0; e < m->nep && err == 0; e++)
		for (k = 0; k < SRV_NSTATUS && err == 0; k++) {
			unsigned long v = get(&m->count[e * SRV_NSTATUS + k]);
			if (v == 0)
				continue;
			err = kd__buf_puts(b, "kordon_http_requests_total{"
					      "endpoint=");
			if (err == 0)
				err = label(b, m->names[e]);
			if (err == 0 && k < SRV_NSTATUS - 1)
				err = kd__buf_printf(b, ",status=\"%d\"} %lu\n",
						     g_statuses[k], v);
			else if (err == 0)
				err = kd__buf_printf(
					b, ",status=\"other\"} %lu\n", v);
		}
	return err;
}

static int histogram(struct kd_buf *b, struct srv_metrics *m)
{
	const char *n = "kordon_http_request_duration_seconds";
	size_t e, k;
	int err = head(b, n, "histogram",
		       "Time from request start to response sent.");
	for (e = 0; e < m->nep && err == 0; e++) {
		unsigned long cum = 0;
		for (k = 0; k < SRV_NBUCKETS && err == 0; k++) {
			cum += get(&m->bucket[e * SRV_NBUCKETS + k]);
			err = kd__buf_printf(b, "%s_bucket{endpoint=", n);
			if (err == 0)
				err = label(b, m->names[e]);
			if (err == 0 && k < SRV_NBUCKETS - 1)
				err = kd__buf_printf(b, ",le=\"%g\"} %lu\n",
						     g_bounds[k], cum);
			else if (err == 0)
				err = kd__buf_printf(b, ",le=\"+Inf\"} %lu\n",
						     cum);
		}
		if (err == 0)
			err = kd__buf_printf(b, "%s_sum{endpoint=", n);
		if (err == 0)
			err = label(b, m->names[e]);
		if (err == 0)
			err = kd__buf_printf(b, "} %.6f\n%s_count{endpoint=",
					     (double)get(&m->sum_us[e]) / 1e6,
					     n);
		if (err == 0)
			err = label(b, m->names[e]);
		if (err == 0)
			err = kd__buf_printf(b, "} %lu\n", cum);
	}
	return err;
}

static int index_gauges(struct kd_buf *b, const struct index_ref *idx,
			struct reloader *rl)
{
	size_t i, n;
	int err = head(b, "kordon_index_ready", "gauge",
		       "1 once an index is loaded.");
	if (err == 0)
		err = kd__buf_printf(b, "kordon_index_ready %d\n", idx != NULL);
	if (err == 0)
		err = head(b, "kordon_reloads_total", "counter",
			   "Index loads by outcome.");
	if (err == 0)
		err = kd__buf_printf(b,
				     "kordon_reloads_total{result=\"ok\"} %lu\n"
				     "kordon_reloads_total{result=\"error\"} "
				     "%lu\n",
				     get(&rl->ok), get(&rl->failed));
	if (idx == NULL || err)
		return err;
	err = head(b, "kordon_index_version", "gauge",
		   "Version of the serving index (1 + successful reloads).");
	if (err == 0)
		err = kd__buf_printf(b, "kordon_index_version %lu\n",
				     idx->version);
	if (err == 0)
		err = head(b, "kordon_index_loaded_timestamp_seconds", "gauge",
			   "Unix time the serving index was loaded.");
	if (err == 0)
		err = kd__buf_printf(b,
				     "kordon_index_loaded_timestamp_seconds "
				     "%.3f\n",
				     idx->loaded_at);
	if (err == 0)
		err = head(b, "kordon_index_age_seconds", "gauge",
			   "Seconds since the serving index was loaded.");
	if (err == 0)
		err = kd__buf_printf(b, "kordon_index_age_seconds %.3f\n",
				     srv_wall() - idx->loaded_at);
	if (err == 0)
		err = head(b, "kordon_index_load_seconds", "gauge",
			   "Time the serving index took to load and prepare.");
	if (err == 0)
		err = kd__buf_printf(b, "kordon_index_load_seconds %.3f\n",
				     idx->load_seconds);
	if (err == 0)
		err = head(b, "kordon_index_entities", "gauge",
			   "Entities in the serving index by list.");
	n = kd_db_source_count(idx->db);
	for (i = 0; i < n && err == 0; i++) {
		kd_source_info s;
		if (kd_db_source(&s, idx->db, i) < 0)
			continue;
		err = kd__buf_puts(b, "kordon_index_entities{dataset=");
		if (err == 0)
			err = label(b, s.id);
		if (err == 0)
			err = kd__buf_printf(b, "} %zu\n", s.entities);
	}
	return err;
}

int srv_metrics_render(struct kd_buf *b, struct srv *s,
		       const struct index_ref *idx)
{
	struct srv_metrics *m = &s->metrics;
	int err = requests(b, m);
	if (err == 0)
		err = histogram(b, m);
	if (err == 0)
		err = head(b, "kordon_http_requests_in_flight", "gauge",
			   "Requests being handled.");
	if (err == 0)
		err = kd__buf_printf(b, "kordon_http_requests_in_flight %ld\n",
				     atomic_load(&s->inflight));
	if (err == 0) { /* limits.c */
		unsigned long dl, rs;
		srv_guard_counts(s, &dl, &rs);
		err = head(b, "kordon_connections_ended_total", "counter",
			   "Connections ended by the server before their "
			   "request was in: past the request deadline, or to "
			   "keep connection slots free.");
		if (err == 0)
			err = kd__buf_printf(
				b,
				"kordon_connections_ended_total{reason="
				"\"deadline\"} %lu\n"
				"kordon_connections_ended_total{reason="
				"\"reserve\"} %lu\n",
				dl, rs);
	}
	if (err == 0)
		err = head(b, "kordon_match_queries_total", "counter",
			   "Queries screened by /match.");
	if (err == 0)
		err = kd__buf_printf(b, "kordon_match_queries_total %lu\n",
				     get(&m->queries));
	if (err == 0)
		err = head(b, "kordon_uptime_seconds", "gauge",
			   "Seconds since the server started.");
	if (err == 0)
		err = kd__buf_printf(b, "kordon_uptime_seconds %.3f\n",
				     srv_wall() - m->started);
	if (err == 0)
		err = index_gauges(b, idx, &s->reload);
	return err;
}
