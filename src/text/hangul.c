/*
 * hangul.c - Korean names from Hangul to Latin, one token per syllable,
 * in three conventions:
 *
 *   opt  convention                         김정은         리설주       최룡해
 *   0    DPRK official (KCNA, UN/OFAC lists) kim jong un    ri sol ju    choe ryong hae
 *   1    McCune-Reischauer, breves dropped   kim chong un   ri sol chu   choe ryong hae
 *   2    Revised Romanization (ROK)          gim jeong eun  ri seol ju   choe ryong hae
 *
 * Why not ICU: Korean-Latin/BGN applies South Korean sound-change rules
 * across the whole word, which is wrong for names and in ICU 72 even
 * loses syllables (최룡해 -> "ch'ryonghae", 이설주 -> "sŏlchu"), and it
 * spells the initial ㄹ as "n"/"" (룡 -> "nyong") where North Korean names,
 * which dominate sanctions lists, keep "r" (Ryong, Ri). ICU's Hangul-Latin
 * (RR) also romanises across syllables ("gimjeong-eun") and writes
 * initial ㄹ as "l". Names are romanised syllable by syllable in every
 * list, and a syllable is arithmetic on its code point:
 *
 *   syllable = 0xAC00 + (initial * 21 + vowel) * 28 + final
 *
 * so three small tables per convention do the job, deterministically and
 * without ICU. One token per syllable matches "Kim Jong Un", "Kim Jong-un"
 * (hyphens split) and, through the matcher's joining of adjacent tokens,
 * "Kim Jongun". A syllable that is a single vowel letter (이 -> "i",
 * 오 -> "o") is marked KD_MARK_WORD so it is not taken for an initial.
 *
 * A name of two or more Hangul words, one of three syllables or more,
 * five syllables in all, or no word a one-syllable Korean surname
 * (조지 워싱턴, 존 커; not 진우 김), or a single word of four syllables
 * or more (아이젠하워), or of two or three that does not begin with a
 * Korean surname (카셀라) or has the vowel ㅡ Korean adds to a foreign
 * consonant (부라크) or a syllable Korean given names do not use
 * (피네다: data/names/wikidata/hangul_foreign.tsv), is usually a foreign
 * name in Korean
 * transcription, and its words are words, not syllables:
 * it gets a fourth option, KD_HANGUL_OPT_WORDS, Revised Romanization with
 * the syllables of each word joined ("joji wosingteon"), which the
 * matcher compares with Latin names by their consonant frame (phonetic.c).
 */
#include "text/text_int.h"

#include <string.h>

/* initial consonants: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ */
static const char *const g_ini[KD_HANGUL_NOPTS][19] = {
	{ "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j",
	  "jj", "ch", "k", "th", "p", "h" },
	{ "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch",
	  "tch", "ch", "k", "t", "p", "h" },
	{ "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j",
	  "jj", "ch", "k", "t", "p", "h" },
};

/* vowels: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ */
static const char *const g_vow[KD_HANGUL_NOPTS][21] = {
	{ "a",  "ae", "ya", "yae", "o",  "e",  "yo", "ye", "o",  "wa", "wae",
	  "oe", "yo", "u",  "wo",  "we", "wi", "yu", "u",  "ui", "i" },
	{ "a",  "ae", "ya", "yae", "o",  "e",  "yo", "ye", "o",  "wa", "wae",
	  "oe", "yo", "u",  "wo",  "we", "wi", "yu", "u",  "ui", "i" },
	{ "a",  "ae", "ya", "yae", "eo", "e",  "yeo", "ye", "o",  "wa", "wae",
	  "oe", "yo", "u",  "wo",  "we", "wi", "yu",  "eu", "ui", "i" },
};

/* finals: none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
 * (the same in all three conventions once MR's breves are dropped) */
static const char *const g_fin[28] = { "",   "k", "k", "k", "n", "n", "n",
				       "t",  "l", "k", "m", "l", "l", "l",
				       "p",  "l", "m", "p", "p", "t", "t",
				       "ng", "t", "t", "k", "t", "p", "t" };

void kd__hangul_run(struct kd_abuf *b, int opt, const UChar *u, int32_t n,
		    size_t off, bool marks)
{
	int32_t i = 0;
	bool join = opt == KD_HANGUL_OPT_WORDS, after_syl = false;
	if (join)
		opt = 2;
	if (opt < 0 || opt >= KD_HANGUL_NOPTS)
		opt = 0;
	while (i < n) {
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (c >= 0xAC00 && c <= 0xD7A3) {
			int s = (int)(c - 0xAC00);
			const char *p1 = g_ini[opt][s / 588];
			const char *p2 = g_vow[opt][(s % 588) / 28];
			const char *p3 = g_fin[s % 28];
			size_t l1 = strlen(p1), l2 = strlen(p2),
			       l3 = strlen(p3);
			if (b->len > 0 && b->p[b->len - 1] != ' ' &&
			    !(join && after_syl))
				kd__abuf_putc(b, ' ', off);
			kd__abuf_put(b, p1, l1, off);
			kd__abuf_put(b, p2, l2, off);
			kd__abuf_put(b, p3, l3, off);
			if (marks && l1 + l2 + l3 == 1)
				kd__abuf_putc(b, KD_MARK_WORD, off);
			after_syl = true;
		} else if (kd__script_of(c) == KD_SCRIPT_HANGUL) {
			kd__abuf_putc(b, ' ', off); /* stray jamo */
			after_syl = false;
		} else {
			kd__latin_fold(b, c, KD_LM_STRIP, off);
			after_syl = false;
		}
	}
}

/* The common Korean surnames of one syllable (with the DPRK spellings
 * of initial ㄹ: 리 류 림 ...), which cover nearly all Koreans. */
static const UChar g_surnames[] =
	u"김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하"
	u"곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명"
	u"기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온"
	u"호범좌라리량로륙림려렴";

static bool korean_surname(UChar32 c)
{
	size_t i;
	for (i = 0; i + 1 < sizeof(g_surnames) / sizeof(g_surnames[0]); i++)
		if (g_surnames[i] == c)
			return true;
	return false;
}

/* A syllable of the vowel ㅡ alone after a consonant (스 크 트 드 르 즈):
 * the vowel Korean adds to a foreign consonant cluster or final
 * (Schram 슈람 has none, Pitts 피츠, Burak 부라크), rare in Korean names. */
static bool epenthetic(UChar32 c)
{
	int s = (int)(c - 0xAC00);
	return s / 588 != 11 && (s % 588) / 28 == 18 && s % 28 == 0;
}

/* The syllables that mark a foreign name in transcription (네 카 코 디
 * 레), seen in foreign words ten times likelier than in Korean given
 * names (data/names/wikidata/hangul_foreign.tsv, by bench/fit/
 * make_hangul_foreign.py), sorted by code point. */
static const struct {
	uint32_t cp, count; /* code point, foreign words seen in */
} g_foreign_syl[] = {
#include "hangul_foreign.inc"
};

static bool foreign_syllable(UChar32 c)
{
	size_t lo = 0, hi = sizeof(g_foreign_syl) / sizeof(g_foreign_syl[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g_foreign_syl[mid].cp == (uint32_t)c)
			return true;
		if (g_foreign_syl[mid].cp < (uint32_t)c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

int kd__hangul_nopts(const UChar *u, int32_t n)
{
	int32_t i = 0;
	int words = 0, syl = 0, run = 0, longest = 0;
	bool in = false, surname = false, eu = false, alien = false;
	UChar32 first = 0, head = 0;
	while (i < n) {
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (c >= 0xAC00 && c <= 0xD7A3) {
			words += !in;
			run = in ? run + 1 : 1;
			if (run > longest)
				longest = run;
			if (run == 1)
				first = c;
			if (words == 1 && run == 1)
				head = c;
			eu = eu || (run > 1 && epenthetic(c));
			alien = alien ||
				(words == 1 && run > 1 && foreign_syllable(c));
			syl++;
			in = true;
		} else {
			if (in && run == 1 && korean_surname(first))
				surname = true;
			in = false;
		}
	}
	if (in && run == 1 && korean_surname(first))
		surname = true;
	/* a Korean name has 2-4 syllables, a given name of two and a
	 * surname of one (진우 김); a foreign name is longer, or written
	 * in words of which none is a Korean surname (존 커, 폴 버처), or
	 * one word of four syllables or more (아이젠하워, and Mandarin by
	 * sound: 저우둥위), or one word of two or three that does not begin
	 * with a Korean surname (카셀라, 보아텡) or has an added ㅡ (부라크,
	 * 피츠) or a syllable of foreign names that Korean given names
	 * do not use (피네다, 라디카: foreign_syllable); the syllables stay
	 * read as well (남궁민수) */
	return (words >= 2 && (longest >= 3 || syl >= 5 || !surname)) ||
			       (words == 1 && longest >= 4) ||
			       (words == 1 && longest >= 2 &&
				(!korean_surname(head) || eu || alien))
		       ? KD_HANGUL_NOPTS + 1
		       : KD_HANGUL_NOPTS;
}
