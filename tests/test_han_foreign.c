/*
 * test_han_foreign.c - foreign names written as one Han or Hangul word
 * (han_foreign.c, hangul.c): Paradis 帕拉迪丝, Antara 安塔拉, Casella
 * 카셀라, Burak 부라크 are read as foreign names as well and compared by
 * sound, while a Chinese or Korean person's name (王秀英, 김정은) keeps
 * only its own readings. Each class has a pair that must stay apart.
 */
#include "test.h"
#include "text/text_int.h"

#include <string.h>

/* UTF-8 s as UTF-16 in u[64]: its length, -1 on an error */
static int32_t utf16(UChar *u, const char *s)
{
	int32_t n = 0;
	UErrorCode e = U_ZERO_ERROR;
	u_strFromUTF8(u, 64, &n, s, -1, &e);
	return U_SUCCESS(e) ? n : -1;
}

/* kd__han_transcription on a UTF-8 string */
static int han_tr(const char *s)
{
	UChar u[64];
	int32_t n = utf16(u, s);
	return n >= 0 && kd__han_transcription(u, n);
}

static int hangul_words(const char *s)
{
	UChar u[64];
	int32_t n = utf16(u, s);
	return n >= 0 && kd__hangul_nopts(u, n) == KD_HANGUL_OPT_WORDS + 1;
}

/* kd__translit_nopts of a Han run given in UTF-8 */
static int han_nopts(const char *s)
{
	UChar u[64];
	int32_t n = utf16(u, s);
	return n >= 0 ? kd__translit_nopts(KD_SCRIPT_HAN, u, n) : -1;
}

KD_TEST(han_foreign__transcription_words)
{
	/* transcription characters (learnt: han_transcription.tsv) */
	CHECK(han_tr("帕拉迪丝"));       /* Paradis */
	CHECK(han_tr("安塔拉"));         /* Antara */
	CHECK(han_tr("蒙代尔"));         /* Mondale */
	CHECK(han_tr("谢尔盖拉夫罗夫")); /* longer than a Chinese name */
	/* Chinese persons' names: characters outside the table, or rare in
	 * it (林 明 are in Chinese names and a few transcriptions) */
	CHECK(!han_tr("王秀英"));
	CHECK(!han_tr("李伟"));
	CHECK(!han_tr("林明宗"));
	CHECK(!han_tr("习近平"));
	/* a given name and a surname in two words; one character alone */
	CHECK(!han_tr("月娥 張"));
	/* words of a foreign name parted by a space: one long word of
	 * transcription characters is enough when no word is one character */
	CHECK(han_tr("谢尔盖 拉夫罗夫"));
	CHECK(!han_tr("加奈 山本"));
	/* a word of two with one rare transcription character: a foreign
	 * name alone (Gannon, Dinah), not as a word of a longer name */
	CHECK(han_tr("甘農"));
	CHECK(han_tr("黛娜"));
	CHECK(!han_tr("山本 黛娜"));
	/* a word of two, the second character unseen after one typical of
	 * transcriptions: alone, a foreign name too (Arnau 阿瑙); not so
	 * beside a name word, nor when the unseen one comes first, where a
	 * Chinese surname stands (钱尼 may be Chaney, but 陈德 and 李德 are
	 * Chinese names), nor with a common given-name character (伟) */
	CHECK(han_tr("阿瑙"));
	CHECK(!han_tr("阿瑙 山本"));
	CHECK(!han_tr("钱尼"));
	CHECK(!han_tr("陈德"));
	CHECK(!han_tr("李德"));
	CHECK(!han_tr("钱伟"));
	/* four characters, one unseen in transcriptions (茱 of Juliana) */
	CHECK(han_tr("茱莉安娜"));
	CHECK(!han_tr("斯"));
	CHECK(!han_tr(""));
}

KD_TEST(han_foreign__compare)
{
	kd_result r;
	CHECK(kd_compare(&r, NULL, KD_SCHEMA_PERSON, "Paradis", "帕拉迪丝") ==
	      0);
	/* read with the fitted values (帕 pa 拉 ra 迪 di 丝 s): spelt alike */
	CHECK(r.match && r.score >= 0.95);
	CHECK(kd_test_person_score("Antara", "安塔拉") >= 0.70);
	CHECK(kd_test_person_score("Mondale", "蒙代尔") >= 0.70);
	CHECK(kd_test_person_score("Gannon", "甘農") >= 0.70);
	CHECK(kd_test_person_score("Juliana", "茱莉安娜") >= 0.70);
	CHECK(kd_test_person_score("Arnau", "阿瑙") >= 0.70);
	CHECK(kd_test_person_score("Chander", "陈德") < 0.30);
	CHECK(kd_test_person_score("Leder", "李德") < 0.30);
	CHECK(kd_test_person_score("Gannon", "黛娜") < 0.30);
	/* pinyin ji xi jia wu are the transcription's gi hi ga u */
	CHECK(kd_test_person_score("Gisco", "吉斯戈") >= 0.70);
	CHECK(kd_test_person_score("Hicham", "希沙姆") >= 0.70);
	CHECK(kd_test_person_score("Udo", "乌多") >= 0.70);
	CHECK(kd_test_person_score("Jisco", "乌多") < 0.30);
	CHECK(kd_test_person_score("Joana", "喬安娜") >=
	      0.70); /* 乔 qiao as jo */
	CHECK(kd_test_person_score("Gustafson", "古斯塔夫森") >= 0.70);
	CHECK(kd_test_person_score("Mondale", "古斯塔夫森") < 0.30);
	/* another foreign name in Han is another person */
	CHECK(kd_test_person_score("Paradis", "安塔拉") < 0.30);
	CHECK(kd_test_person_score("Antara", "帕拉迪丝") < 0.30);
	/* a Chinese name keeps its pinyin reading */
	CHECK(kd_test_person_score("Wang Xiuying", "王秀英") >= 0.85);
	CHECK(kd_test_person_score("Xi Jinping", "习近平") >= 0.85);
	CHECK(kd_test_person_score("Sergei Lavrov", "谢尔盖 拉夫罗夫") >= 0.70);
	CHECK(kd_test_person_score("Sergei Lavrov", "谢尔盖 古斯塔夫森") <
	      0.70);
}

/* Locker 洛克, Sanger 桑格, Carter 卡特 are found, and the reading
 * without the -er stays (Clark 克拉克); another name ending in -er is
 * not read into it */
static const struct {
	const char *latin, *han;
	bool same;
} er_pairs[] = {
	{ "Locker", "洛克", true },    { "Sanger", "桑格", true },
	{ "Carter", "卡特", true },    { "Clark", "克拉克", true },
	{ "Walker", "洛克", false },   { "Locker", "桑格", false },
	{ "Sanger", "克拉克", false },
};

KD_TEST(han_foreign__unwritten_er)
{
	size_t i;
	/* a lone stop value takes the -er the tables leave unwritten */
	CHECK(strcmp(kd__han_unwritten_er("k"), "er") == 0);
	CHECK(strcmp(kd__han_unwritten_er("t"), "er") == 0);
	CHECK(kd__han_unwritten_er("s") == NULL); /* 斯: Haines, not -ser */
	CHECK(kd__han_unwritten_er("ni") == NULL);
	CHECK(kd__han_unwritten_er("") == NULL);
	/* only a run whose word ends in such a character gets the option */
	CHECK(han_nopts("洛克") == KD_HAN_OPT_ER + 1);
	CHECK(han_nopts("帕拉迪丝") == KD_HAN_OPT_VALUES + 1);
	CHECK(han_nopts("李伟") == 1); /* a Chinese name: pinyin only */
	for (i = 0; i < sizeof(er_pairs) / sizeof(er_pairs[0]); i++) {
		double sc = kd_test_person_score(er_pairs[i].latin,
						 er_pairs[i].han);
		CHECK(er_pairs[i].same ? sc >= 0.70 : sc < 0.30);
	}
}

KD_TEST(han_foreign__hangul_words)
{
	/* one word of two or three syllables: a foreign name when it does
	 * not begin with a Korean surname or has an added ㅡ */
	CHECK(hangul_words("카셀라")); /* Casella */
	CHECK(hangul_words("보아텡")); /* Boateng */
	CHECK(hangul_words("부라크")); /* Burak: 부 is a surname, 크 added */
	CHECK(hangul_words("피츠"));   /* Pitts */
	/* Korean names: a surname, no added vowel */
	CHECK(!hangul_words("김정은"));
	CHECK(!hangul_words("이민기"));
	CHECK(!hangul_words("박"));
	CHECK(kd_test_person_score("Casella", "카셀라") >= 0.70);
	CHECK(kd_test_person_score("Burak", "부라크") >= 0.70);
	CHECK(kd_test_person_score("Boateng", "보아텡") >= 0.70);
	CHECK(kd_test_person_score("Casella", "보아텡") < 0.30);
	CHECK(kd_test_person_score("Burak", "카셀라") < 0.30);
	CHECK(kd_test_person_score("Kim Jong Un", "김정은") >= 0.85);
}
