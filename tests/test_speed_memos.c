/*
 * test_speed_memos.c - the shortcuts screening takes for speed give the
 * answers of the long way: transliterators cloned per thread from one
 * prototype (translit.c) transliterate as the main thread's do; the
 * last Latin word's sounds kept per thread (phonetic.c) never answer for
 * another word; the Korean key's consonant table (korean_roman.c) folds
 * as the rules say.
 */
#include "test.h"
#include "text/text.h"
#include "util/util.h"

#include <pthread.h>

static const char *const g_texts[] = { "Сергей Лавров", "Ελευθέριος", "毛泽东",
				       "Юлія Тимошенко" };
#define NTEXTS (sizeof(g_texts) / sizeof(g_texts[0]))

static void fold_all(char *out[NTEXTS])
{
	size_t i, n;
	for (i = 0; i < NTEXTS; i++)
		if (kd__text_fold(&out[i], &n, NULL, g_texts[i],
				  strlen(g_texts[i])) < 0)
			out[i] = NULL;
}

static void *fold_thread(void *arg)
{
	fold_all(arg);
	return NULL;
}

KD_TEST(speed_memos__translit_clone_per_thread)
{
	char *main_out[NTEXTS], *th_out[2][NTEXTS];
	pthread_t th[2];
	size_t i, t;
	fold_all(main_out);
	CHECK_STR(main_out[0], "sergey lavrov");
	for (t = 0; t < 2; t++)
		CHECK_INT(pthread_create(&th[t], NULL, fold_thread, th_out[t]),
			  0);
	for (t = 0; t < 2; t++)
		pthread_join(th[t], NULL);
	for (i = 0; i < NTEXTS; i++) {
		CHECK(main_out[i] != NULL && main_out[i][0] != '\0');
		for (t = 0; t < 2; t++) {
			CHECK(th_out[t][i] != NULL);
			if (main_out[i] && th_out[t][i])
				CHECK_STR(th_out[t][i], main_out[i]);
			kd__free(th_out[t][i]);
		}
		kd__free(main_out[i]);
	}
}

KD_TEST(speed_memos__latin_sounds_not_stale)
{
	size_t f1, f2, f3;
	double a = kd__sound_sim("marina", 6, "mrn", 3, &f1);
	/* a prefix, a longer word and another word in between */
	double b = kd__sound_sim("marin", 5, "mrn", 3, &f2);
	double c = kd__sound_sim("marinas", 7, "mrn", 3, &f3);
	CHECK(kd__sound_sim("marina", 6, "mrn", 3, &f1) == a);
	CHECK(kd__sound_sim("allan", 5, "ln", 2, &f2) > 0.9);
	CHECK(kd__sound_sim("marina", 6, "mrn", 3, &f1) == a);
	CHECK(kd__sound_sim("marin", 5, "mrn", 3, &f2) == b);
	CHECK(kd__sound_sim("marinas", 7, "mrn", 3, &f3) == c);
	CHECK(f1 == 3);
	/* a different word of the same length is not the kept one */
	CHECK(kd__sound_sim("marina", 6, "ln", 2, &f1) <
	      kd__sound_sim("allana", 6, "ln", 2, &f2));
}

static const char *key(char buf[16], const char *s)
{
	size_t n = kd__korean_key(buf, 16, s, strlen(s));
	buf[n] = '\0';
	return buf;
}

KD_TEST(speed_memos__korean_key_consonants)
{
	char k[16];
	CHECK_STR(key(k, "gang"), "kank");
	CHECK_STR(key(k, "dong"), "tonk");
	CHECK_STR(key(k, "bae"), "pae");
	CHECK_STR(key(k, "jin"), "cin");
	CHECK_STR(key(k, "zin"), "cin");
	CHECK_STR(key(k, "chang"), "cank");
	CHECK_STR(key(k, "shin"), "sin");
	CHECK_STR(key(k, "gil"), "kir");
	/* letters the key keeps */
	CHECK_STR(key(k, "sam"), "sam");
	CHECK_STR(key(k, "hyun"), "hyun");
	/* not folded together */
	CHECK(strcmp(key(k, "chang"), "sank") != 0);
}
