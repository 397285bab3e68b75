/*
 * tokens_joined.c - step 1 of kd__tokenize() (tokens.c): name parts
 * written joined, split as written apart.
 *
 *  - "abd" names: Abdul/Abdel/Abdur... are "abd" + article, so they
 *    become "abd" "al" (+ rest when joined): Abdul Rahman, Abd al-Rahman,
 *    Abdulrahman and Abdurrahman (sun-letter assimilation) all give abd
 *    al rahman; arabic.c spells عبدالرحمن the same way, and so is
 *    the article's sun letter written once (Abdurahman, Abdrazzak). The
 *    full name Abdullah/Abdallah (Abd Allah) stays one token, and so
 *    does a Slavic surname made of it (Abdurakhmanov).
 *  - surname particles glued to the name (Vanderberg: van der berg);
 *  - joined article compounds: Nasiruddin -> nasir al din, Ziaurrahman
 *    -> zia al rahman, Saifullah/Nasrallah -> saif allah / nasr allah,
 *    and the article written at the end of the word before the name
 *    (Fazlur Rehman -> fazl al rehman);
 *  - and the same compounds misspelt by one slip of the hand in typed
 *    text (Noureddnie, Abdderrahmane, Abdullsh), read as the compound.
 *
 * Split from tokens.c (a pure move) when the slips made it pass 1200
 * lines.
 */
#include "text/text_int.h"
#include "name_weights.h" /* typo_info_min */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ---- abd -------------------------------------------------------------------------- */

/* a, e, i, o, u (y is a consonant at the joints of these names) */
static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Has s (n letters) a vowel, y included? */
static bool any_vowel(const char *s, size_t n)
{
	while (n-- > 0)
		if (strchr("aeiouy", *s++) != NULL)
			return true;
	return false;
}

/* Does s end in a Slavic surname or patronymic suffix, as English,
 * German, Polish or Serbo-Croatian Latin writes it (Abdurakhmanov,
 * Abdurachmanow, Abdulkadirova, Abdulovich, Abdułowicz, Abdulović: a
 * family name made of the compound, one word, not Rakhmanov after an
 * article)? */
static bool slavic_suffix(const char *s, size_t len)
{
	static const char *const suf[] = { "ov",    "ev",    "ow",    "ew",
					   "ova",   "eva",   "owa",   "ewa",
					   "ovna",  "evna",  "ovich", "evich",
					   "owicz", "ewicz", "ovic",  "evic" };
	size_t k, n;
	for (k = 0; k < sizeof(suf) / sizeof(suf[0]); k++)
		if (len > (n = strlen(suf[k])) &&
		    memcmp(s + len - n, suf[k], n) == 0)
			return true;
	return false;
}

/* How the abd rule reads word s: ABD_NONE, ABD_ALLAH (Abdullah,
 * Abdallah, Abdulla, Abdullahi: Abd Allah, one name) or ABD_SPLIT with
 * *rest the offset of the name after the article (len: none);
 * ABD_SPLIT_PLAIN the same with the article's sun letter written once
 * (Abdurahman), which no slip of the hand is undone towards. */
enum { ABD_NONE, ABD_ALLAH, ABD_SPLIT, ABD_SPLIT_PLAIN };

static int abd_parts(const char *s, size_t len, size_t *rest)
{
	size_t v = 3, r;
	if (len < 5 || s[0] != 'a' || s[1] != 'b' || s[2] != 'd' ||
	    slavic_suffix(s, len))
		return ABD_NONE;
	while (v < len && v < 5 && is_vowel(s[v]))
		v++;
	if (v >= len)
		return ABD_NONE;
	/* abd V+ l REST, or abd V+ C C REST with a sun letter C; or abd V*
	 * C V REST when the assimilated article is not written double
	 * (Abdurahman, Abdisalam, Abdrazzak: Abd al-Rahman, Abd al-Salam,
	 * Abd al-Razzaq), the rest a name of four letters or more; not a
	 * d struck twice (Abdderrahmane: the slip repair's) */
	if (v > 3 && s[v] == 'l') {
		r = v + 1;
	} else if (v > 3 && strchr("tdrzsn", s[v]) != NULL &&
		   (v + 1 == len || s[v + 1] == s[v])) {
		r = v + 1;
	} else if (strchr("tdrzsn", s[v]) != NULL && len - v >= 4 &&
		   is_vowel(s[v + 1]) && (v > 3 || s[v] != 'd')) {
		*rest = v;
		return ABD_SPLIT_PLAIN;
	} else {
		return ABD_NONE;
	}
	*rest = r;
	if (s[v] == 'l' && len - r <= 4 &&
	    (strncmp(s + r, "la", 2) == 0 || strncmp(s + r, "ah", 2) == 0 ||
	     strcmp(s + r, "a") == 0))
		return ABD_ALLAH;
	if (r < len && (r + 3 > len || !any_vowel(s + r, len - r)))
		return ABD_NONE; /* too short a rest to be a name, or no vowel */
	return ABD_SPLIT;
}

static void abd_split(struct kd_tokset *ts)
{
	size_t i, rest;
	for (i = 0; i < ts->n; i++) {
		struct kd_rtok *t = &ts->t[i];
		int abd = abd_parts(t->s, t->len, &rest);
		if (abd != ABD_SPLIT && abd != ABD_SPLIT_PLAIN)
			continue;
		if (!kd__tok_insert(ts, i + 1))
			return;
		t = &ts->t[i];
		kd__tok_set(&ts->t[i + 1], "al", 2);
		if (rest < t->len) {
			if (!kd__tok_insert(ts, i + 2))
				return;
			kd__tok_set(&ts->t[i + 2], t->s + rest, t->len - rest);
		}
		kd__tok_set(t, "abd", 3);
		i++;
	}
}

/*
 * Two surname particles glued to the name they belong to, as a name is
 * written once spaced and once joined: Vanderberg, Vandenberg,
 * Vandevelde, Vonderheide, Delarosa -> van der berg, van den berg, van de
 * velde, von der heide, de la rosa (kinds() makes the particles). A
 * single particle is left alone (Davis, Leonard, Delano are no da vis,
 * le onard, del ano), as is a rest of fewer than four letters. name.c
 * keeps the joined name as another variant: a reading from another
 * script (ヴァンダービルト) is one word.
 */
static void particle_split(struct kd_tokset *ts)
{
	static const char *const pairs[][2] = {
		{ "van", "der" }, { "van", "den" }, { "van", "de" },
		{ "von", "der" }, { "de", "la" },
	};
	size_t i, k;
	for (i = 0; i < ts->n; i++) {
		for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
			size_t a = strlen(pairs[k][0]), b = strlen(pairs[k][1]);
			struct kd_rtok *t = &ts->t[i];
			if (t->len < a + b + 4 ||
			    strncmp(t->s, pairs[k][0], a) != 0 ||
			    strncmp(t->s + a, pairs[k][1], b) != 0)
				continue;
			if (!kd__tok_insert(ts, i + 1) ||
			    !kd__tok_insert(ts, i + 1))
				return;
			t = &ts->t[i];
			kd__tok_set(&ts->t[i + 2], t->s + a + b,
				    t->len - a - b);
			kd__tok_set(&ts->t[i + 1], pairs[k][1], b);
			kd__tok_set(t, pairs[k][0], a);
			ts->particles_split = true;
			i += 2;
			break;
		}
	}
}

/*
 * Joined article compounds: Nasiruddin, Salaheddine -> X al din;
 * Ziaurrahman -> X al rahman; Saifullah, Nasrallah -> X allah (Abdullah
 * excepted, see abd_split), as arabic.c spells them from Arabic script.
 */
/* SUFFIX: an entry with its suffix's length, known when compiled (the
 * slip repair below asks suffix_at() of every slip of a long word) */
#define SUFFIX(suf, add1, add2)                  \
	{                                        \
		suf, add1, add2, sizeof(suf) - 1 \
	}
static const struct {
	const char *suf, *add1, *add2;
	size_t len; /* strlen(suf) */
} g_suffixes[] = {
	SUFFIX("uddeen", "al", "din"),      SUFFIX("eddine", "al", "din"),
	SUFFIX("uddin", "al", "din"),       SUFFIX("eddin", "al", "din"),
	SUFFIX("iddin", "al", "din"),       SUFFIX("addin", "al", "din"),
	SUFFIX("aldin", "al", "din"),       SUFFIX("udin", "al", "din"),
	SUFFIX("urrahman", "al", "rahman"), SUFFIX("urrehman", "al", "rehman"),
	SUFFIX("urrahim", "al", "rahim"),   SUFFIX("ullah", "allah", NULL),
	SUFFIX("ollah", "allah", NULL),     SUFFIX("allah", "allah", NULL),
};

/* The compound suffix word s ends in (its g_suffixes index), -1 for
 * none; -2 for Abdullah, Abdallah (see abd_split) */
static int suffix_at(const char *s, size_t len)
{
	size_t j;
	if (len < 7)
		return -1;
	for (j = 0; j < sizeof(g_suffixes) / sizeof(g_suffixes[0]); j++) {
		size_t l = g_suffixes[j].len;
		/* the last letters first: most words end otherwise */
		if (len < l + 3 || s[len - 1] != g_suffixes[j].suf[l - 1] ||
		    strcmp(s + len - l, g_suffixes[j].suf) != 0)
			continue;
		if (strncmp(s, "abd", 3) == 0 && len - l <= 5)
			return -2;
		return (int)j;
	}
	return -1;
}

static void suffix_split(struct kd_tokset *ts)
{
	size_t i;
	for (i = 0; i < ts->n; i++) {
		struct kd_rtok *t = &ts->t[i];
		int j = suffix_at(t->s, t->len);
		size_t pre;
		if (j < 0)
			continue;
		pre = t->len - g_suffixes[j].len;
		if (!kd__tok_insert(ts, i + 1))
			return;
		t = &ts->t[i];
		kd__tok_set(&ts->t[i + 1], g_suffixes[j].add1,
			    strlen(g_suffixes[j].add1));
		if (g_suffixes[j].add2 != NULL && kd__tok_insert(ts, i + 2))
			kd__tok_set(&ts->t[i + 2], g_suffixes[j].add2,
				    strlen(g_suffixes[j].add2));
		t->len = (uint8_t)pre;
		t->s[pre] = '\0';
	}
}

/*
 * A joined compound misspelt by one slip of the hand is hidden from the
 * rules above: two letters swapped (Noureddnie, Najmudidn, Noourddin),
 * a letter struck twice (Abdderrahmane), a key's neighbour on its row
 * struck instead (Abdullsh). A word of seven letters or more that no
 * one is called (kd__name_pop_info at least typo_info_min, as for the
 * matcher's typing errors) and that is a compound of the rules above
 * once one such slip is undone is read as that compound: Noureddine,
 * nur al din. Not every compound is told by one slip: a swap or a
 * doubled letter keeps the letters as typed, but a substituted letter
 * makes one, and a sun letter or l after Abd-V is made too easily
 * (Abdikadir is no Abdiladir). So a substitution counts only towards Abd
 * Allah and the suffixes that write the article assimilated, with a
 * doubled letter (-uddin, -eddine, -urrahman, -ullah), and the other
 * slips too only towards those suffixes: -udin and -aldin are one swap
 * or substitution from many a name (Karpusin is no Karpudin, Jamaladin
 * no Jamaaldin). A change of vowels only is no slip but another
 * spelling (Fadlillah, Fadlollah), left to the matcher.
 */
enum { SLIP_NONE, SLIP_SAME, SLIP_MOVED, SLIP_KEY };

static bool compound_word(const char *s, size_t len)
{
	size_t rest;
	return abd_parts(s, len, &rest) != ABD_NONE || suffix_at(s, len) != -1;
}

/* Does suffix s write the article assimilated, a doubled letter (uddin,
 * eddine, urrahman, ullah)? */
static bool assimilated(const char *s)
{
	for (; s[0] != '\0' && s[1] != '\0'; s++)
		if (s[0] == s[1])
			return true;
	return false;
}

/* Is s (one slip of `kind` undone at `at`) a compound the slip can
 * tell? The slip must be where the compound is marked: in abd or the
 * letter after it (Abdderrahmane, Adbelbasit; not Abdeslam, abd es-salam,
 * made Abdelsam), or in the suffix or next to it. */
static bool slip_compound(const char *s, size_t len, int kind, size_t at)
{
	size_t rest;
	int abd = abd_parts(s, len, &rest), j;
	if (abd == ABD_ALLAH ||
	    (abd == ABD_SPLIT && kind == SLIP_MOVED && at <= 3))
		return true;
	j = suffix_at(s, len);
	if (j == -2)
		return true;
	return j >= 0 && assimilated(g_suffixes[j].suf) &&
	       at + 1 + g_suffixes[j].len >= len;
}

/*
 * The article written at the end of the word before the name it
 * belongs to (Fazlur Rehman, Matiur Rahman, Nasirud Din: Fazl-ur-Rehman,
 * Nasir-ud-Din, as South Asian names are often written): a word that ends
 * in what a compound suffix writes before its name (ur of urrahman, ud
 * of uddin) with the name itself as the next word reads as X al NAME,
 * like the compound. Only the compounds with an assimilated, doubled
 * consonant (Arthur Rose, Timur Rakhimov are no such name), and only
 * when the word as written is not a name of its own (kd__name_pop_info
 * under typo_info_min, as for the slips below: Muhammad Din, Mansur
 * Rahman keep their Muhammad and Mansur).
 */
static void article_before_split(struct kd_tokset *ts)
{
	size_t i, j;
	for (i = 0; i + 1 < ts->n; i++) {
		const struct kd_rtok *nx = &ts->t[i + 1];
		struct kd_rtok *t = &ts->t[i];
		for (j = 0; j < sizeof(g_suffixes) / sizeof(g_suffixes[0]);
		     j++) {
			const char *add2 = g_suffixes[j].add2;
			size_t p;
			/* the next word is the compound's name (rahman of
			 * urrahman): most words are none, so asked first */
			if (add2 == NULL || strcmp(nx->s, add2) != 0 ||
			    g_suffixes[j].len < (size_t)nx->len + 2)
				continue;
			/* suffix = prefix + add2, its last letter doubled */
			p = g_suffixes[j].len - nx->len;
			if (strcmp(g_suffixes[j].suf + p, add2) != 0 ||
			    g_suffixes[j].suf[p - 1] != add2[0] ||
			    t->len < p + 3 ||
			    strncmp(t->s + t->len - p, g_suffixes[j].suf, p) !=
				    0 ||
			    !any_vowel(t->s, t->len - p) ||
			    kd__name_pop_info(t->s, t->len) <
				    KD_W_TYPO_INFO_MIN)
				continue;
			if (!kd__tok_insert(ts, i + 1))
				return;
			t = &ts->t[i];
			t->len = (uint8_t)(t->len - p);
			t->s[t->len] = '\0';
			kd__tok_set(&ts->t[i + 1], "al", 2);
			i += 2;
			break;
		}
	}
}

/* The key left (right 0) or right of c on its row of the keyboard, or
 * 0 */
static char row_neighbour(char c, int right)
{
	static const char rows[] = "qwertyuiop asdfghjkl zxcvbnm";
	const char *p = c >= 'a' && c <= 'z' ? strchr(rows, c) : NULL;
	char x = p == NULL ? ' ' : right ? p[1] : p > rows ? p[-1] : ' ';
	return x >= 'a' && x <= 'z' ? x : 0;
}

/* Slip k of t's text undone, into buf (*len letters; *at the first
 * letter it changed): the doubled letters first, then the swaps, then
 * the row neighbours. Its kind; SLIP_NONE past the last, SLIP_SAME
 * where k changes nothing. */
static int slip_undone(const struct kd_rtok *t, size_t k, char *buf,
		       size_t *len, size_t *at)
{
	size_t n = t->len;
	char c;
	memcpy(buf, t->s, n + 1);
	*len = n;
	if (k < n - 1) { /* the letter at k struck twice */
		if (t->s[k] != t->s[k + 1])
			return SLIP_SAME;
		memmove(buf + k + 1, t->s + k + 2, n - k - 1);
		*len = n - 1;
		*at = k + 1;
		return SLIP_MOVED;
	}
	k -= n - 1;
	if (k < n - 1) { /* the letters at k and k + 1 swapped */
		if (t->s[k] == t->s[k + 1])
			return SLIP_SAME;
		buf[k] = t->s[k + 1];
		buf[k + 1] = t->s[k];
		*at = k;
		return SLIP_MOVED;
	}
	k -= n - 1;
	if (k >= 2 * n)
		return SLIP_NONE;
	/* a neighbour of the letter meant struck at k / 2 */
	c = row_neighbour(t->s[k / 2], (int)(k % 2));
	if (c == 0 || (is_vowel(c) && is_vowel(t->s[k / 2])))
		return SLIP_SAME;
	buf[k / 2] = c;
	*at = k / 2;
	return SLIP_KEY;
}

static void slip_repair(struct kd_tokset *ts)
{
	char buf[KD_TOK_MAXLEN + 1];
	size_t i, k, len, at = 0;
	int kind;
	for (i = 0; i < ts->n; i++) {
		struct kd_rtok *t = &ts->t[i];
		if (t->len < 7 || compound_word(t->s, t->len) ||
		    kd__name_pop_info(t->s, t->len) < KD_W_TYPO_INFO_MIN)
			continue;
		for (k = 0;
		     (kind = slip_undone(t, k, buf, &len, &at)) != SLIP_NONE;
		     k++)
			if (kind != SLIP_SAME &&
			    slip_compound(buf, len, kind, at)) {
				kd__tok_set(t, buf, len);
				break;
			}
	}
}

/* Step 1 of kd__tokenize(): slips undone (typed text only), then abd,
 * glued particles (unless flags ask them joined) and suffixes split. */
void kd__joined_split(struct kd_tokset *ts, unsigned flags)
{
	if (flags & KD_NAME_TYPED)
		slip_repair(ts);
	abd_split(ts);
	if (!(flags & KD_NAME_PARTICLES_JOINED))
		particle_split(ts);
	suffix_split(ts);
	article_before_split(ts);
}
