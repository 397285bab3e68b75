/*
 * limits.c - what keeps one client from taking the server from the
 * others: a deadline for the whole request, a reserve of free connection
 * slots, a per-request work budget, an answer-size cap and a handler
 * deadline.
 *
 * Connections. libmicrohttpd's connection timeout is an idle timeout: it
 * restarts on every byte, so a client sending one header byte every few
 * seconds holds its slot for ever, and ~1,000 such sockets lock everyone
 * out, health probes included. MHD has no whole-request deadline, so we
 * keep one here. Every connection is registered when MHD accepts it
 * (MHD_OPTION_NOTIFY_CONNECTION) in a list ordered by when its current
 * request started (accept, or the end of the previous request on a
 * keep-alive connection):
 *
 *     guard.list  oldest ──► ... ──► newest     (struct srv_conn)
 *
 * A connection is WAITING until its headers and body are in, then BUSY
 * while its answer is computed and sent. A watchdog thread wakes every
 * 100 ms and ends every WAITING connection older than the request
 * deadline; and whenever more than (max_connections - reserve) are open,
 * the oldest WAITING ones are ended until `reserve` slots are free
 * again, so a new client (a health probe, say) always finds a slot even
 * when many addresses trickle. Ending means shutdown(2) on the socket:
 * MHD's thread then sees end-of-file and closes the connection itself;
 * nothing here touches MHD state from another thread. The shutdown runs
 * under the guard's mutex, and a connection leaves the list (under the
 * same mutex) when MHD reports it closed, which MHD does before it
 * closes the descriptor, so a descriptor is never shut down after it was
 * reused. Besides, MHD itself caps connections per client address
 * (MHD_OPTION_PER_IP_CONNECTION_LIMIT, set in server.c).
 *
 * Work. A /match request costs about (names of all queries) x limit
 * candidate explanations; past `work_budget` it is refused with 422
 * before any screening, an answer past `max_answer` bytes is replaced by
 * 422, and a handler that runs past `work_ms` stops between queries
 * and answers 503 with Retry-After (handlers.c calls srv_deadline_passed).
 */
#include "server.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

enum { CONN_WAITING, CONN_BUSY };

struct srv_conn {
	struct srv_conn *prev, *next;
	MHD_socket fd;
	double since; /* monotonic start of the current request */
	int phase;
	int ended; /* shut down by us */
};

struct srv_guard {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	int running, stop;
	struct srv_conn head; /* sentinel: head.next oldest, head.prev newest */
	size_t n;
	double deadline;
	size_t high; /* open connections past which the oldest are ended */
	atomic_ulong ended_deadline, ended_reserve;
};

void srv_limits_defaults(struct srv_limits *l)
{
	l->request_deadline = 10;
	l->per_ip = 32;
	l->reserve = 16;
	l->work_budget = 25000; /* 100 queries x 50 names x limit 5 */
	l->max_answer = 8u << 20;
	l->work_ms = 10000;
	l->max_shrink = 50;
}

static void conn_unlink(struct srv_conn *c)
{
	c->prev->next = c->next;
	c->next->prev = c->prev;
	c->prev = c->next = c;
}

static void conn_append(struct srv_guard *g, struct srv_conn *c)
{
	c->prev = g->head.prev;
	c->next = &g->head;
	g->head.prev->next = c;
	g->head.prev = c;
}

/* End a connection (under the lock): MHD sees EOF and closes it. */
static void conn_end(struct srv_conn *c)
{
	if (c->ended)
		return;
	c->ended = 1;
	(void)shutdown(c->fd, SHUT_RDWR);
}

/* One watchdog pass (under the lock). */
static void sweep(struct srv_guard *g)
{
	double now = srv_mono();
	size_t open = g->n, ended = 0;
	struct srv_conn *c;
	/* oldest first: the list is ordered by `since` */
	for (c = g->head.next; c != &g->head; c = c->next) {
		if (c->ended) {
			ended++;
			continue;
		}
		if (c->phase != CONN_WAITING)
			continue;
		if (now - c->since > g->deadline) {
			conn_end(c);
			ended++;
			atomic_fetch_add(&g->ended_deadline, 1);
		} else if (open - ended > g->high) {
			conn_end(c);
			ended++;
			atomic_fetch_add(&g->ended_reserve, 1);
		} else {
			break; /* the rest are younger */
		}
	}
}

static void *watchdog(void *arg)
{
	struct srv_guard *g = arg;
	pthread_mutex_lock(&g->lock);
	while (!g->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 100 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g->cond, &g->lock, &ts);
		if (!g->stop)
			sweep(g);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

int srv_guard_start(struct srv *s)
{
	struct srv_guard *g = kd__calloc(1, sizeof(*g));
	unsigned max = s->cfg.max_connections;
	if (g == NULL)
		return -1;
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->cond, NULL);
	g->head.prev = g->head.next = &g->head;
	g->deadline = s->lim.request_deadline;
	g->high = max > s->lim.reserve ? max - s->lim.reserve : 1;
	atomic_init(&g->ended_deadline, 0);
	atomic_init(&g->ended_reserve, 0);
	if (pthread_create(&g->thread, NULL, watchdog, g) != 0) {
		pthread_cond_destroy(&g->cond);
		pthread_mutex_destroy(&g->lock);
		kd__free(g);
		return -1;
	}
	g->running = 1;
	s->guard = g;
	return 0;
}

void srv_guard_stop(struct srv *s)
{
	struct srv_guard *g = s->guard;
	struct srv_conn *c;
	if (g == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	g->stop = 1;
	pthread_cond_signal(&g->cond);
	pthread_mutex_unlock(&g->lock);
	if (g->running)
		pthread_join(g->thread, NULL);
	/* MHD is stopped first, so normally nothing is left */
	while ((c = g->head.next) != &g->head) {
		conn_unlink(c);
		kd__free(c);
	}
	pthread_cond_destroy(&g->cond);
	pthread_mutex_destroy(&g->lock);
	kd__free(g);
	s->guard = NULL;
}

void srv_guard_counts(const struct srv *s, unsigned long *deadline,
		      unsigned long *reserve)
{
	*deadline = s->guard ? atomic_load(&s->guard->ended_deadline) : 0;
	*reserve = s->guard ? atomic_load(&s->guard->ended_reserve) : 0;
}

void srv_guard_notify(void *cls, struct MHD_Connection *conn,
		      void **socket_context,
		      enum MHD_ConnectionNotificationCode toe)
{
	struct srv *s = cls;
	struct srv_guard *g = s->guard;
	struct srv_conn *c = *socket_context;
	if (g == NULL)
		return;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
			conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (ci == NULL || (c = kd__calloc(1, sizeof(*c))) == NULL)
			return; /* not watched; MHD's idle timeout still is */
		c->fd = ci->connect_fd;
		c->since = srv_mono();
		c->phase = CONN_WAITING;
		pthread_mutex_lock(&g->lock);
		conn_append(g, c);
		g->n++;
		if (g->n > g->high)
			sweep(g); /* make room now, not in 100 ms */
		pthread_mutex_unlock(&g->lock);
		*socket_context = c;
		return;
	}
	if (c == NULL)
		return;
	pthread_mutex_lock(&g->lock); /* CLOSED: before MHD closes the fd */
	conn_unlink(c);
	g->n--;
	pthread_mutex_unlock(&g->lock);
	kd__free(c);
	*socket_context = NULL;
}

static struct srv_conn *conn_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

void srv_guard_busy(struct srv *s, struct MHD_Connection *conn)
{
	struct srv_conn *c = conn_of(conn);
	if (s->guard == NULL || c == NULL)
		return;
	pthread_mutex_lock(&s->guard->lock);
	c->phase = CONN_BUSY;
	pthread_mutex_unlock(&s->guard->lock);
}

void srv_guard_idle(struct srv *s, struct MHD_Connection *conn)
{
	struct srv_guard *g = s->guard;
	struct srv_conn *c = conn_of(conn);
	if (g == NULL || c == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	c->phase = CONN_WAITING; /* for the next request, from now */
	c->since = srv_mono();
	conn_unlink(c);
	conn_append(g, c); /* keeps the list ordered by `since` */
	pthread_mutex_unlock(&g->lock);
}

/* ---- work ----------------------------------------------------------------- */

int srv_deadline_passed(const struct srv_req *r)
{
	return r->srv->lim.work_ms > 0 &&
	       (srv_mono() - r->t_work) * 1e3 > (double)r->srv->lim.work_ms;
}

int srv_busy(struct srv_req *r)
{
	r->hname = "Retry-After";
	r->hvalue = "5";
	return srv_error(r, 503,
			 "request took longer than %u ms and was stopped; "
			 "retry later, or split it into smaller requests",
			 r->srv->lim.work_ms);
}

int srv_work_admit(struct srv_req *r)
{
	const struct srv_limits *l = &r->srv->lim;
	struct mreq mq;
	struct req_err perr;
	size_t limit = SRV_DEFAULT_LIMIT, names = 0, i, nq;
	const char *v;
	double cost;
	if (strcmp(r->route->name, "match") != 0 || l->work_budget == 0)
		return 0;
	if ((v = srv_arg(r, "limit")) != NULL &&
	    srv_parse_size(&limit, v, 1, SRV_MAX_LIMIT) < 0)
		return 0; /* the handler answers 400 */
	/* every name is a JSON string plus a separator, 3 bytes at least:
	 * most requests are within the budget without a second parse */
	if ((double)(r->body.len / 3 + 1) * (double)limit <=
	    (double)l->work_budget)
		return 0;
	if (srv_mreq_parse(&mq, r->body.ptr, r->body.len, SRV_MAX_QUERIES,
			   &perr) < 0) {
		srv_mreq_free(&mq);
		return 0; /* the handler answers 400/422 */
	}
	for (i = 0; i < mq.n; i++) {
		size_t nn = kd_query_count(mq.items[i].q, KD_ROLE_NAME);
		names += nn ? nn : 1;
	}
	nq = mq.n;
	srv_mreq_free(&mq);
	cost = (double)names * (double)limit;
	if (cost <= (double)l->work_budget)
		return 0;
	srv_error(r, 422,
		  "request too large to screen at once: %zu queries with %zu "
		  "names in all x limit %zu = %.0f, over the budget of %u; "
		  "split it or lower limit",
		  nq, names, limit, cost, l->work_budget);
	return -1;
}

int srv_answer_fits(struct srv_req *r)
{
	size_t max = (size_t)r->srv->lim.max_answer;
	size_t len = r->out.len;
	if (max == 0 || r->status < 200 || r->status >= 300 || len <= max)
		return 0;
	srv_error(r, 422,
		  "answer of %zu bytes is over the cap of %zu bytes; lower "
		  "limit, raise threshold/cutoff or split the request",
		  len, max);
	return -1;
}
