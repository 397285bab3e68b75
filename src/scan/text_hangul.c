/*
 * text_hangul.c - Korean words in prose: keep a name's core, drop the rest.
 *
 * Korean prose writes a name as one word (eojeol) with particles and
 * titles glued to it (김정은은, 리선권외무상, 황석화부위원장을). The folder
 * (text_fold.c) hands every run of Hangul syllables to
 * kd__scan_hangul_word(), which cuts the particle and title off, keeps the
 * word only if what is left is surname + given name (the Korean surname
 * table below, DPRK spellings included) and folds that core; any other
 * Korean word is dropped, so ordinary words never become name syllables.
 * Split out of text_fold.c (which had reached its size limit) because
 * this is Korean word grammar with its own tables (particles, titles,
 * surnames), while text_fold.c is script-independent byte folding.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <string.h>

/* A Korean affix (particle or title) and its byte length (kept, not
 * measured per word: every Hangul word of the text is tried against
 * every entry). */
struct ko_affix {
	const char *s;
	size_t len;
};
#define KO_AFFIX(lit)                \
	{                            \
		lit, sizeof(lit) - 1 \
	}

/* Korean particles and endings after a noun, longest first. */
/* clang-format off */
static const struct ko_affix g_particles_ko[] = {
	KO_AFFIX("에게서"), KO_AFFIX("으로서"), KO_AFFIX("으로써"), KO_AFFIX("께서"),
	KO_AFFIX("에게"), KO_AFFIX("에서"), KO_AFFIX("한테"), KO_AFFIX("으로"),
	KO_AFFIX("이다"), KO_AFFIX("이며"), KO_AFFIX("이고"), KO_AFFIX("에는"),
	KO_AFFIX("과의"), KO_AFFIX("와의"), KO_AFFIX("이라"), KO_AFFIX("라는"),
	KO_AFFIX("이란"), KO_AFFIX("까지"), KO_AFFIX("부터"), KO_AFFIX("처럼"),
	KO_AFFIX("보다"), KO_AFFIX("은"), KO_AFFIX("는"), KO_AFFIX("이"),
	KO_AFFIX("가"), KO_AFFIX("을"), KO_AFFIX("를"), KO_AFFIX("의"),
	KO_AFFIX("에"), KO_AFFIX("와"), KO_AFFIX("과"), KO_AFFIX("도"),
	KO_AFFIX("로"), KO_AFFIX("만"), KO_AFFIX("께"), KO_AFFIX("나"),
};
/* clang-format on */

/* Titles and functions written after a Korean name, spaced or glued
 * (김영철 위원장은, 황석화부위원장을, 리선권외무상), longest first: cut
 * from a name word, and a word that is a title (with a particle) is no
 * name (장관과 is no 장 surname). */
/* clang-format off */
static const struct ko_affix g_titles_ko[] = {
	KO_AFFIX("부위원장"), KO_AFFIX("총참모장"), KO_AFFIX("위원장"), KO_AFFIX("부총리"),
	KO_AFFIX("외무상"), KO_AFFIX("국방상"), KO_AFFIX("총비서"), KO_AFFIX("대통령"),
	KO_AFFIX("사령관"), KO_AFFIX("부장"), KO_AFFIX("장관"), KO_AFFIX("대사"),
	KO_AFFIX("총리"), KO_AFFIX("의장"), KO_AFFIX("비서"), KO_AFFIX("국장"),
	KO_AFFIX("부상"), KO_AFFIX("주석"), KO_AFFIX("위원"), KO_AFFIX("대표"),
	KO_AFFIX("원수"), KO_AFFIX("씨"),
};
/* clang-format on */

/* The bytes of a particle of g_particles_ko ending s[i..e), 0 if none
 * (the whole word is one only when `whole`). */
static size_t ko_particle_len(const char *s, size_t i, size_t e, int whole)
{
	size_t k;
	for (k = 0; k < sizeof(g_particles_ko) / sizeof(g_particles_ko[0]);
	     k++) {
		const struct ko_affix *p = &g_particles_ko[k];
		size_t pl = p->len;
		/* the last byte first: it tells most syllables apart */
		if ((pl < e - i || (whole && pl == e - i)) &&
		    s[e - 1] == p->s[pl - 1] &&
		    memcmp(s + e - pl, p->s, pl) == 0)
			return pl;
	}
	return 0;
}

/* Korean surnames (one syllable; DPRK spellings 리, 림, 로, 류, 라 too)
 * and the two-syllable ones. North Korea keeps the initial r of a
 * Sino-Korean surname that the South writes without it (리 for 이, 렴 for
 * 염, 량 for 양, 려 for 여, 룡 for 용, 련 for 연, 륙 for 육); 렴 (RYOM
 * Hui-bong, RYOM Yong) and 량 (RYANG Tae Chol, RYANG Su Nyo) are borne
 * by listed persons. */
static const char g_surnames_ko[] =
	"김이리박최정강조윤장임림한오서신권황안송류유전홍고문양손배백허남심"
	"노로하곽성차주우구민나라진지엄채원천방공현함변염여추도소석선설마길"
	"연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감"
	"음빈동온호범좌팽승간상갈시단견당화창궁계렴량려룡련륙";
static const char *const g_surnames2_ko[] = { "남궁", "황보", "제갈", "선우",
					      "독고", "사공", "서문" };

static int ko_surname(const char *syl, size_t nsyl)
{
	size_t i;
	for (i = 0; i + 3 <= sizeof(g_surnames_ko) - 1 && nsyl == 1; i += 3)
		if (memcmp(g_surnames_ko + i, syl, 3) == 0)
			return 1;
	for (i = 0; i < sizeof(g_surnames2_ko) / sizeof(g_surnames2_ko[0]) &&
		    nsyl == 2;
	     i++)
		if (memcmp(g_surnames2_ko[i], syl, 6) == 0)
			return 1;
	return 0;
}

/* North Korean surnames South Korean spelling never starts a word with:
 * the South drops or changes the initial r of a Sino-Korean syllable
 * (the initial-sound rule, 두음법칙: 염, 양, 여, 용, 연, 육), and no
 * loanword starts with these syllables (unlike 리, 라, 로, 류, 림:
 * 리스트, 라디오, 로그). So a word starting with one is a North Korean
 * name, evidence enough for a two-syllable one (RYOM Yong) without a
 * title beside it. */
static const char g_dprk_surnames_ko[] = "렴량려룡련륙";

/* Is the Hangul word s[i..e) a title, with a particle maybe (장관,
 * 위원장은)? */
static int ko_title_word(const char *s, size_t i, size_t e)
{
	size_t k;
	for (k = 0; k < sizeof(g_titles_ko) / sizeof(g_titles_ko[0]); k++) {
		const struct ko_affix *t = &g_titles_ko[k];
		size_t tl = t->len;
		/* the first syllable's last byte first (see ko_particle_len) */
		if (tl <= e - i && s[i + 2] == t->s[2] &&
		    memcmp(s + i, t->s, tl) == 0 &&
		    (tl == e - i ||
		     ko_particle_len(s, i + tl, e, 1) == e - i - tl))
			return 1;
	}
	return 0;
}

/* Is the Hangul word s[i..e) next to a title word, one space after it
 * (김규 부위원장은) or before it (부위원장 강룡과)? */
static int ko_title_beside(const char *s, size_t len, size_t i, size_t e)
{
	size_t a, b;
	if (e + 1 < len && s[e] == ' ') {
		for (b = e + 1; b + 3 <= len && kd__scan_hangul_at(s, len, b);)
			b += 3;
		if (b > e + 1 && ko_title_word(s, e + 1, b))
			return 1;
	}
	if (i >= 4 && s[i - 1] == ' ') {
		for (a = i - 1; a >= 3 && kd__scan_hangul_at(s, len, a - 3);)
			a -= 3;
		if (a < i - 1 && ko_title_word(s, a, i - 1))
			return 1;
	}
	return 0;
}

/* One Korean word (eojeol) s[i..e) of Hangul syllables: a person's name
 * is surname + given name, 3 syllables (4 with a two-syllable surname),
 * with a particle maybe attached (김정은은, 김정은이, 리영호에게). Such a
 * core is folded and kept; any other word is dropped, which also bounds
 * the name: ordinary words are not name syllables. @return the fold
 * error or 0. */
int kd__scan_hangul_word(struct scan *sc, const char *s, size_t len, size_t i,
			 size_t e, size_t base,
			 int (*put)(struct scan *, char, size_t))
{
	size_t nsyl = (e - i) / 3, core = nsyl, k, sur,
	       pl = ko_particle_len(s, i, e, 0) / 3;
	char *o = NULL;
	size_t ol = 0, *om = NULL;
	int err, titled = 0;
	if (nsyl > 3)
		core = nsyl - pl;
	if (ko_title_word(s, i, e))
		return 0; /* a title: 장관과, 위원장은 */
	for (k = 0; k < sizeof(g_titles_ko) / sizeof(g_titles_ko[0]); k++) {
		const struct ko_affix *t = &g_titles_ko[k];
		size_t tl = t->len;
		/* a title glued after a name of 2 to 4 syllables */
		if (core * 3 >= tl + 6 && s[i + 3 * core - 1] == t->s[tl - 1] &&
		    memcmp(s + i + 3 * core - tl, t->s, tl) == 0) {
			core -= tl / 3;
			titled = 1;
			break;
		}
	}
	/* a surname and one syllable (KIM KYU, KANG RYONG) is a name only
	 * beside a title: glued (류진부위원장과), after one, before one */
	if (!titled && nsyl - pl == 2 && ko_title_beside(s, len, i, e))
		titled = 1, core = 2;
	if (core == 2 && !(titled && ko_surname(s + i, 1)))
		return 0;
	if (core >= 3 && memcmp(s + i + 3 * (core - 2), "요일", 6) == 0)
		return 0; /* 화요일: weekdays */
	/* a two-syllable surname only in a 4-syllable core: the word is
	 * long enough to compare 2 syllables (a fuzzed one-syllable word
	 * was read past its end) */
	sur = core == 4 && ko_surname(s + i, 2) ? 2 : 1;
	if ((core != 2 + sur && core != 2) || !ko_surname(s + i, sur))
		return 0;
	err = kd__text_fold(&o, &ol, &om, s + i, 3 * core);
	{
		/* one romanised token per syllable (hangul.c): map token t
		 * to syllable t exactly, not proportionally */
		size_t tk = 0;
		for (k = 0; k < ol && err == 0; k++) {
			if (k > 0 && o[k] != ' ' && o[k - 1] == ' ' &&
			    tk + 1 < core)
				tk++;
			err = put(sc, o[k], base + i + 3 * tk);
		}
	}
	if (err == 0)
		err = put(sc, ' ', base + i + 3 * core);
	kd__free(o);
	kd__free(om);
	return err;
}

/* Is the syllable at sc->g->s[t->os] (3 bytes) one of `set`? */
static int syllable_in(const struct scan *sc, const struct tok *t,
		       const char *set, size_t setlen)
{
	size_t k;
	if (t->oe < t->os + 3 || t->os + 3 > sc->g->len)
		return 0;
	for (k = 0; k + 3 <= setlen; k += 3)
		if (memcmp(sc->g->s + t->os, set + k, 3) == 0)
			return 1;
	return 0;
}

/*
 * Are tokens i and i + 1 a North Korean two-syllable name with a
 * one-syllable particle glued after it (렴영은: RYOM Yong + 은)? The
 * word is then three syllables, which kd__scan_hangul_word() keeps whole
 * as surname + two-syllable given name, since 은 and 이 are also given
 * name syllables (김정은); a two-syllable name needs a title beside it
 * there, because most Sino-Korean words start with a surname syllable
 * (정부가: government + subject particle). A North Korean r- surname
 * (g_dprk_surnames_ko) starts no South Korean word, so here the first
 * two syllables may be read as the name, the third as the particle.
 */
int kd__scan_ko_dprk_pair(const struct scan *sc, size_t i)
{
	const struct tok *t = sc->t;
	size_t k;
	if (sc->legacy || i + 2 >= sc->n ||
	    (i > 0 && t[i - 1].hangul && t[i - 1].oe == t[i].os))
		return 0;
	for (k = i; k < i + 2; k++)
		if (!t[k].hangul || !t[k + 1].hangul || t[k].oe != t[k + 1].os)
			return 0;
	if (i + 3 < sc->n && t[i + 3].hangul && t[i + 2].oe == t[i + 3].os)
		return 0; /* a fourth syllable */
	if (!syllable_in(sc, &t[i], g_dprk_surnames_ko,
			 sizeof(g_dprk_surnames_ko) - 1))
		return 0;
	return t[i + 2].oe == t[i + 2].os + 3 &&
	       ko_particle_len(sc->g->s, t[i + 2].os, t[i + 2].oe, 1) == 3;
}
