/*
 * test_han_values.c - a foreign name in Han read with the fitted Latin
 * values of its characters (han_foreign.c's kd__han_value, translit.c's
 * KD_HAN_OPT_VALUES): 班尼斯特 "bannist" beside the pinyin "bannisite",
 * so Bannister, Ivanovsky, Crump meet their transcriptions; a value that
 * says another sound than the pinyin (思 "th") is not used; a listed
 * name gets no such reading; another name stays apart.
 */
#include "test.h"
#include "text/text_int.h"

#include <string.h>

/* Does a variant of s (analysed with flags) have the token tok, and
 * with which flags (-1: none)? */
static int token_flags(const char *s, unsigned flags, const char *tok)
{
	struct kd_name *n = NULL;
	size_t v, i;
	int got = -1;
	if (kd__name_analyze(&n, s, strlen(s), flags) != 0)
		return -2;
	for (v = 0; v < n->nvars && got < 0; v++)
		for (i = 0; i < n->vars[v].ntok && got < 0; i++)
			if (strcmp(n->vars[v].toks[i].s, tok) == 0)
				got = n->vars[v].toks[i].flags;
	kd__name_free(n);
	return got;
}

static const char *value_of(const char *s)
{
	UChar u[4];
	int32_t n = 0;
	UChar32 c;
	UErrorCode e = U_ZERO_ERROR;
	u_strFromUTF8(u, 4, &n, s, -1, &e);
	if (U_FAILURE(e) || n == 0)
		return NULL;
	U16_GET(u, 0, 0, n, c);
	return kd__han_value(c);
}

KD_TEST(han_values__table)
{
	/* lone consonants of the Xinhua table and whole syllables */
	CHECK_STR(value_of("斯"), "s");
	CHECK_STR(value_of("特"), "t");
	CHECK_STR(value_of("夫"), "v");
	CHECK_STR(value_of("尼"), "ni");
	/* a Chinese given-name character is no transcription character */
	CHECK(value_of("秀") == NULL);
}

KD_TEST(han_values__reading)
{
	/* both readings of a transcription, compared by sound */
	CHECK_INT(token_flags("班尼斯特", 0, "bannist"),
		  KD_TF_READ | KD_TF_HAN);
	CHECK_INT(token_flags("班尼斯特", 0, "bannisite"),
		  KD_TF_READ | KD_TF_HAN);
	/* 思 "th" (Keith, Smith) begins unlike its pinyin si: pinyin stays */
	CHECK(token_flags("马克思", 0, "makesi") >= 0);
	CHECK_INT(token_flags("马克思", 0, "maketh"), -1);
	/* a listed name has its Latin spellings on the list: no reading */
	CHECK_INT(token_flags("班尼斯特", KD_NAME_LISTED, "bannist"), -1);
	/* a Chinese name keeps its own readings only */
	CHECK_INT(token_flags("王秀英", 0, "wangxiuying"), -1);
}

KD_TEST(han_values__compare)
{
	CHECK(kd_test_person_score("Bannister", "班尼斯特") >= 0.70);
	CHECK(kd_test_person_score("Ivanovsky", "伊凡諾夫斯基") >= 0.70);
	CHECK(kd_test_person_score("Crump", "克倫普") >= 0.70);
	CHECK(kd_test_person_score("Sergei Lavrov", "谢尔盖·拉夫罗夫") >= 0.80);
	/* another foreign name in Han is another person */
	CHECK(kd_test_person_score("Bannister", "伊凡諾夫斯基") < 0.30);
	CHECK(kd_test_person_score("Crump", "班尼斯特") < 0.30);
	CHECK(kd_test_person_score("Wang Xiuying", "王秀英") >= 0.85);
}
