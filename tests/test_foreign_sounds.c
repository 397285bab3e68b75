/*
 * test_foreign_sounds.c - how a Western name sounds when Chinese,
 * Japanese or Korean writes it (issue 11, class 6): the Han reading of
 * 尔 "er" as the r or l it transcribes (translit.c), the English onsets
 * wr, wh, chr, chl of a Latin spelling (phonetic.c), a Hangul word that
 * begins with a Korean surname but has a syllable of foreign names
 * (hangul.c). Each mechanism has a pair that must stay apart.
 */
#include "test.h"
#include "text/text_int.h"

#include <string.h>

/* Does some variant of name s have a token equal to tok, with flags? */
static int has_token(const char *s, const char *tok, unsigned flags)
{
	struct kd_name *n;
	size_t v, t;
	int found = 0;
	if (kd__name_analyze(&n, s, strlen(s), 0) < 0)
		return 0;
	for (v = 0; v < n->nvars; v++)
		for (t = 0; t < n->vars[v].ntok; t++)
			if (strcmp(n->vars[v].toks[t].s, tok) == 0 &&
			    (n->vars[v].toks[t].flags & flags) == flags)
				found = 1;
	kd__name_free(n);
	return found;
}

KD_TEST(foreign_sounds__han_er)
{
	/* 尔 is the consonant r or l of a transcription, read l */
	CHECK(has_token("迈克尔·乔丹", "maikel", KD_TF_READ | KD_TF_HAN));
	CHECK(!has_token("迈克尔·乔丹", "maikeer", 0));
	CHECK(has_token("卡尔·马克思", "kal", KD_TF_READ | KD_TF_HAN));
	/* Michael Jordan was 0.37: maikeer kept only m and k of Michael */
	CHECK(kd_test_person_score("Michael Jordan", "迈克尔·乔丹") >= 0.80);
	CHECK(kd_test_person_score("Michael", "迈克尔") >= 0.70);
	CHECK(kd_test_person_score("Michael Klein", "迈克尔·克莱因") >= 0.70);
	CHECK(kd_test_person_score("Karl Marx", "卡尔·马克思") >= 0.85);
	/* another surname stays apart */
	CHECK(kd_test_person_score("Michael Jordan", "迈克尔·杰克逊") < 0.30);
	/* a Chinese name keeps its syllables: 尔 is er there */
	CHECK(has_token("王尔", "er", KD_TF_SYL));
}

KD_TEST(foreign_sounds__english_onsets)
{
	char s[32];
	/* wr is r, wh before o is h, wh elsewhere w, chr and chl kr kl */
	kd__sounds(s, sizeof(s), "wren", 4);
	CHECK_STR(s, "ran");
	kd__sounds(s, sizeof(s), "who", 3);
	CHECK_STR(s, "ha");
	kd__sounds(s, sizeof(s), "white", 5);
	CHECK_STR(s, "watE");
	kd__sounds(s, sizeof(s), "chrysler", 8);
	CHECK(s[0] == 'k' && s[1] == 'r');
	kd__sounds(s, sizeof(s), "chloe", 5);
	CHECK(s[0] == 'k');
	/* elsewhere ch stays the affricate (Charles, Chaney) */
	kd__sounds(s, sizeof(s), "charles", 7);
	CHECK(s[0] == 'c');
	/* a reading keeps its letters: only a Latin spelling has English
	 * onsets */
	kd__sounds_reading(s, sizeof(s), "wren", 4);
	CHECK(s[0] == 'w');
	/* each was 0 before (the first sounds w/r, ch/k too far apart) */
	CHECK(kd_test_person_score("Christopher Wren", "克里斯托弗·雷恩") >=
	      0.85);
	CHECK(kd_test_person_score("Christopher Wren",
				   "クリストファー・レン") >= 0.85);
	CHECK(kd_test_person_score("Orville Wright", "奥维尔·莱特") >= 0.85);
	CHECK(kd_test_person_score("Chrysler", "克萊斯勒") >= 0.80);
	/* apart: another name with the same onset */
	CHECK(kd_test_person_score("Christopher Wren", "克里斯托弗·李") < 0.60);
	CHECK(kd_test_person_score("Orville Wright", "奥维尔·布朗") < 0.60);
}

KD_TEST(foreign_sounds__hangul_foreign_syllable)
{
	/* 피 is a Korean surname, but 네 is a syllable of foreign names
	 * (hangul_foreign.tsv): the word is also read whole */
	CHECK(has_token("피네다", "pineda", KD_TF_READ | KD_TF_HANGUL));
	CHECK(has_token("피네다", "pi", KD_TF_SYL)); /* syllables stay */
	CHECK(has_token("라디카", "radika", KD_TF_READ | KD_TF_HANGUL));
	CHECK(kd_test_person_score("Pineda", "피네다") >= 0.90);
	CHECK(kd_test_person_score("Radhika", "라디카") >= 0.85);
	CHECK(kd_test_person_score("Riera", "리에라") >= 0.90);
	/* a Korean name keeps its syllables only */
	CHECK(!has_token("김정은", "gimjeongeun", 0));
	CHECK(!has_token("박지성", "bakjiseong", 0));
	CHECK(kd_test_person_score("Kim Jong Un", "김정은") >= 0.95);
	/* apart: another name */
	CHECK(kd_test_person_score("Pinto", "피네다") < 0.50);
	CHECK(kd_test_person_score("Pineda", "김정은") < 0.30);
}
