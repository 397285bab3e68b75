/*
 * myanmar.c - names in Myanmar (Burmese) script to Latin, syllable by
 * syllable, in two readings.
 *
 * Why not ICU: its Myanmar-Latin writes no inherent vowel (က "k"), joins
 * a whole name into one word and spells vowels in a convention no list
 * uses (မင်းအောင်လှိုင် "mainnaaunglhaine"). Lists and the press write
 * Burmese names in the popular romanisation, one word per syllable (Min
 * Aung Hlaing, Than Shwe, Aung San Suu Kyi), and a foreign name in
 * Burmese is a transcription (ဗလာဒီမာ ပူတင် Vladimir Putin):
 *
 *   option 0  popular romanisation, a token per syllable (a Burmese
 *             name): onset (ရ y, သ th, ထ ht, ခ kh, ဖ ph, ကျ ကြ ky, ချ
 *             ch, ရှ sh, လှ hl) and rhyme (ာ a, ိ i, ု u, ေ e, ဲ e, ော
 *             aw, ို o; with a final: င် in, ောင် aung, ိုင် aing,
 *             န်/မ်/ံ an, ိန် ein, ွန် un, တ်/ပ် at, ိတ် eik, က် et,
 *             ောက် auk, စ် it, ည် i)
 *   option 1  a foreign name: each word one reading of plain letters
 *             (ဆ s, ဖ f, ဗ b, သ s, ရ and ြ r), the inherent a read, none
 *             before asat or on a bare consonant before ရ လ ဝ (the first
 *             of a cluster: ထရမ့် "tram"), compared by sound
 *
 * Tone marks (့ း) are not read; digits ၀-၉ are.
 */
#include "text/text_int.h"

#include <string.h>

/* U+1000..U+1021: popular onset, foreign-name letter */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_pop[34] = {
	"k", "kh", "g", "g", "ng", "s", "s", "z", "z", "ny", "ny", "t",
	"ht", "d", "d", "n", "t", "ht", "d", "d", "n", "p", "ph", "b",
	"b", "m", "y", "y", "l", "w", "th", "h", "l", "",
};
static const char *const g_for[34] = {
	"k", "kh", "g", "g", "ng", "s", "s", "z", "z", "ny", "ny", "t",
	"t", "d", "d", "n", "t", "t", "d", "d", "n", "p", "f", "b",
	"b", "m", "y", "r", "l", "w", "s", "h", "l", "",
};
/* clang-format on */

bool kd__is_myanmar(UChar32 c)
{
	return c >= 0x1000 && c <= 0x109F;
}

static bool is_cons(UChar c)
{
	return c >= 0x1000 && c <= 0x1021;
}

/* One syllable: onset, medials, vowel signs, final consonant. */
struct syl {
	UChar c;                   /* onset consonant, 0 for none */
	bool my, mr, mw, mh;       /* medials ျ ြ ွ ှ */
	bool a, i, u, e, ai, anus; /* vowel signs, anusvara ံ */
	bool kill;                 /* asat or virama on the onset */
	UChar fin;                 /* final consonant (with asat), 0 for none */
};

/* Parse the syllable starting at u[*i] (a consonant). */
static void parse(struct syl *s, const UChar *u, int32_t n, int32_t *i)
{
	memset(s, 0, sizeof(*s));
	s->c = u[(*i)++];
	while (*i < n && u[*i] >= 0x102B && u[*i] <= 0x103E) {
		switch (u[(*i)++]) {
		case 0x102B:
		case 0x102C:
			s->a = true;
			break;
		case 0x102D:
		case 0x102E:
			s->i = true;
			break;
		case 0x102F:
		case 0x1030:
			s->u = true;
			break;
		case 0x1031:
			s->e = true;
			break;
		case 0x1032:
			s->ai = true;
			break;
		case 0x1036:
			s->anus = true;
			break;
		case 0x1039: /* virama: a stacked consonant follows */
			s->kill = true;
			break;
		case 0x103A: /* asat; after a vowel sign part of it (ော်) */
			s->kill = !(s->a || s->i || s->u || s->e || s->ai);
			break;
		case 0x103B:
			s->my = true;
			break;
		case 0x103C:
			s->mr = true;
			break;
		case 0x103D:
			s->mw = true;
			break;
		case 0x103E:
			s->mh = true;
			break;
		default:
			break; /* tones */
		}
	}
	/* a final: a consonant with asat (a dot below may come first) */
	if (!s->kill && *i < n && is_cons(u[*i])) {
		int32_t k = *i + 1;
		if (k < n && u[k] == 0x1037)
			k++;
		if (k < n && u[k] == 0x103A) {
			s->fin = u[*i];
			*i = k + 1;
			while (*i < n && (u[*i] == 0x1037 || u[*i] == 0x1038))
				(*i)++;
		}
	}
}

/* The popular rhyme of s. */
static const char *rhyme(const struct syl *s)
{
	bool o_aw = s->e && s->a, o_o = s->i && s->u;
	UChar f = s->fin;
	if (f == 0 && s->anus)
		f = 0x1019; /* ံ is a final m */
	switch (f) {
	case 0x1004: /* င */
		return o_aw ? "aung" : o_o ? "aing" : s->mw ? "win" : "in";
	case 0x1014: /* န */
	case 0x1019: /* မ */
		return s->i ? "ein" : s->u || s->mw ? "un" : "an";
	case 0x1010: /* တ */
	case 0x1015: /* ပ */
		return s->i ? "eik" : s->u || s->mw ? "ut" : "at";
	case 0x1000: /* က */
		return o_aw ? "auk" : o_o ? "aik" : "et";
	case 0x1005: /* စ */
		return "it";
	case 0x1009:
	case 0x100A: /* ဉ ည */
		return "i";
	case 0x101A: /* ယ် */
		return "e";
	default: /* none, or a final of a transcription (ဖ် f): the vowel
		  * alone */
		return o_aw            ? "aw"
		       : o_o           ? "o"
		       : s->e || s->ai ? "e"
		       : s->i          ? "i"
		       : s->u          ? "u"
				       : "a";
	}
}

static void put(struct kd_abuf *b, const char *s, size_t off)
{
	kd__abuf_put(b, s, strlen(s), off);
}

static void popular(struct kd_abuf *b, const struct syl *s, size_t off)
{
	const char *on = g_pop[s->c - 0x1000];
	if (s->mh && (s->c == 0x101B || s->c == 0x101A))
		on = "sh"; /* ရှ ယှ */
	else if ((s->my || s->mr) && (s->c == 0x1001 || s->c == 0x1002))
		on = "ch"; /* ချ ခြ */
	else if (s->mh)
		put(b, "h", off); /* လှ hl, မှ hm */
	put(b, on, off);
	if ((s->my || s->mr) && strcmp(on, "ch") != 0)
		put(b, "y", off);
	if (s->mw && s->fin == 0 && !s->anus)
		put(b, "w", off);
	if (!s->kill)
		put(b, rhyme(s), off);
	kd__abuf_putc(b, ' ', off);
}

static void foreign(struct kd_abuf *b, const struct syl *s, const UChar *u,
		    int32_t n, int32_t next, size_t off)
{
	bool vowel = s->a || s->i || s->u || s->e || s->ai;
	put(b, g_for[s->c - 0x1000], off);
	if (s->my)
		kd__abuf_putc(b, 'y', off);
	if (s->mr)
		kd__abuf_putc(b, 'r', off);
	if (s->mw)
		kd__abuf_putc(b, 'w', off);
	if (s->mh)
		kd__abuf_putc(b, 'h', off);
	if (!s->kill && (vowel || s->fin || s->c == 0x101B || s->c == 0x101C ||
			 s->c == 0x101D || next >= n || u[next] < 0x101B ||
			 u[next] > 0x101D))
		put(b,
		    s->e && s->a    ? "o"
		    : s->i && s->u  ? "o"
		    : s->e || s->ai ? "e"
		    : s->i          ? "i"
		    : s->u          ? "u"
				    : "a",
		    off);
	if (s->anus)
		kd__abuf_putc(b, 'n', off);
	if (s->fin)
		put(b, g_for[s->fin - 0x1000], off);
}

void kd__myanmar_run(struct kd_abuf *b, int opt, const UChar *u, int32_t n,
		     size_t off)
{
	int32_t i = 0;
	while (i < n) {
		UChar32 c;
		struct syl s;
		if (is_cons(u[i])) {
			parse(&s, u, n, &i);
			if (opt == KD_MYANMAR_OPT_WORDS)
				foreign(b, &s, u, n, i, off);
			else
				popular(b, &s, off);
			continue;
		}
		U16_NEXT(u, i, n, c);
		if (c >= 0x1023 && c <= 0x102A) {
			static const char *const indep[8] = { "i", "i", "u",
							      "u", "u", "e",
							      "o", "o" };
			put(b, indep[c - 0x1023], off);
		} else if (c >= 0x1040 && c <= 0x1049) {
			kd__abuf_putc(b, (char)('0' + (c - 0x1040)), off);
		} else if (!kd__is_myanmar(c)) {
			kd__latin_fold(b, c, KD_LM_STRIP, off);
		} /* else: signs without a consonant, punctuation */
	}
}
