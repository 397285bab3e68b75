/*
 * bench_text.c - nanoseconds per kd__name_analyze call for typical names
 * in several scripts (ASCII takes the no-ICU fast path), per
 * kd__skeleton call, and kd__text_fold throughput. Prints figures only.
 *
 *   build-rel/bench_text [iterations]
 */
#include "text/text.h"
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

struct sample {
	const char *label, *name;
	unsigned flags;
};

static const struct sample g_samples[] = {
	{ "ascii 3 tokens", "Sergey Viktorovich Lavrov", 0 },
	{ "ascii arabic", "Abu Bakr al-Baghdadi", 0 },
	{ "ascii org", "Rosneft Oil Company PJSC", KD_NAME_ORG },
	{ "latin diacritics", "Łukasz Wałęsa Müller", 0 },
	{ "cyrillic 3 tokens", "Сергей Викторович Лавров", 0 },
	{ "cyrillic org", "ООО «Ромашка»", KD_NAME_ORG },
	{ "hangul", "김정은", 0 },
	{ "arabic", "أسامة بن لادن", 0 },
	{ "han", "习近平", 0 },
	{ "greek", "Ηλίας Παπαδόπουλος", 0 },
};

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 200000;
	size_t i;
	long k;
	volatile size_t sink = 0;

	printf("kd__name_analyze (%ld iterations each)\n", iters);
	for (i = 0; i < sizeof(g_samples) / sizeof(g_samples[0]); i++) {
		const struct sample *s = &g_samples[i];
		size_t len = strlen(s->name);
		long n = iters;
		double t0, t1;
		struct kd_name *nm;
		if (s->name[0] & 0x80)
			n = iters / 10 > 0 ? iters / 10 : 1; /* ICU paths */
		if (kd__name_analyze(&nm, s->name, len, s->flags) == 0)
			kd__name_free(nm); /* warm the per-thread caches */
		t0 = now_ns();
		for (k = 0; k < n; k++) {
			if (kd__name_analyze(&nm, s->name, len, s->flags) != 0)
				return 1;
			sink += nm->nvars;
			kd__name_free(nm);
		}
		t1 = now_ns();
		printf("  %-20s %-28s %9.0f ns/name\n", s->label, s->name,
		       (t1 - t0) / (double)n);
	}

	/* Cold: every word new, so the per-thread transliteration memo
	 * misses (what loading a list of unseen surnames costs). */
	{
		static const char *const kinds[] = { "cyrillic (cold)",
						     "han (cold)" };
		int kind;
		unsigned seed = 12345;
		for (kind = 0; kind < 2; kind++) {
			long n = iters / 20 > 0 ? iters / 20 : 1;
			double t = 0;
			for (k = 0; k < n; k++) {
				char name[96];
				size_t len = 0;
				int w, c;
				struct kd_name *nm;
				double t0;
				for (w = 0; w < 3; w++) {
					int nc = kind ? (w ? 2 : 1) : 6 + w;
					for (c = 0; c < nc; c++) {
						unsigned cp;
						seed = seed * 1103515245u +
						       12345u;
						if (kind == 0) {
							cp = 0x430 +
							     (seed >> 16) % 32;
							name[len++] =
								(char)(0xC0 |
								       (cp >>
									6));
							name[len++] =
								(char)(0x80 |
								       (cp &
									0x3F));
						} else {
							cp = 0x4E00 +
							     (seed >> 8) %
								     0x51A5;
							name[len++] =
								(char)(0xE0 |
								       (cp >>
									12));
							name[len++] =
								(char)(0x80 |
								       ((cp >>
									 6) &
									0x3F));
							name[len++] =
								(char)(0x80 |
								       (cp &
									0x3F));
						}
					}
					if (kind == 0)
						name[len++] = ' ';
				}
				t0 = now_ns();
				if (kd__name_analyze(&nm, name, len, 0) != 0)
					return 1;
				t += now_ns() - t0;
				sink += nm->nvars;
				kd__name_free(nm);
			}
			printf("  %-20s %-28s %9.0f ns/name\n", kinds[kind],
			       kind ? "3 random CJK characters"
				    : "3 random words",
			       t / (double)n);
		}
	}

	{
		static const char *const toks[] = { "chruschtschow", "muhammad",
						    "lavrov", "kim" };
		char out[64];
		double t0 = now_ns(), t1;
		long n = iters * 4;
		for (k = 0; k < n; k++) {
			const char *t = toks[k & 3];
			sink += kd__skeleton(out, sizeof(out), t, strlen(t));
		}
		t1 = now_ns();
		printf("kd__skeleton %27s %9.0f ns/token\n", "",
		       (t1 - t0) / (double)n);
	}

	{
		static const char text[] =
			"Payment for invoice 4471 to OOO Romashka, beneficiary "
			"Сергей Викторович Лавров, Moscow; ref. Müller GmbH. ";
		char *out;
		size_t outlen, *map;
		long n = iters / 10 > 0 ? iters / 10 : 1;
		double t0 = now_ns(), t1;
		for (k = 0; k < n; k++) {
			if (kd__text_fold(&out, &outlen, &map, text,
					  sizeof(text) - 1) != 0)
				return 1;
			sink += outlen;
			kd__free(out);
			kd__free(map);
		}
		t1 = now_ns();
		printf("kd__text_fold %26s %9.1f MB/s\n", "",
		       (double)(sizeof(text) - 1) * (double)n / (t1 - t0) *
			       1e3);
	}
	return sink == 0;
}
