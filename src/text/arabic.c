/*
 * arabic.c - names in Arabic script (Arabic, Persian, Urdu letters) to
 * Latin.
 *
 * Why not ICU: Arabic is written without short vowels, and ICU's
 * Arabic-Latin maps letter by letter (محمد -> "mḥmd"), which meets no
 * Latin spelling of Muhammad; ICU 72's Arabic-Latin/BGN even leaves
 * ي and ا untransliterated. Sanctions lists spell these names with vowels
 * (Muhammad, Mohammed), so this file supplies them in three layers:
 *
 *  1. A lexicon of the most frequent name words (~130: Muhammad, Ahmad,
 *     Husayn, Abd, Allah, Usama, ...) with two spellings, option 0 the
 *     scholarly/UN one (muhammad, husayn, usama), option 1 the popular
 *     one (mohammed, hussein, osama). A word ending in the nisba ي whose
 *     stem is known gets "i" (بغدادي -> baghdadi, سليماني -> sulaymani).
 *  2. Morphology that names share: the article ال -> "al" as a separate
 *     token (البغدادي -> al baghdadi), عبد + X -> "abd" X (عبدالرحمن ->
 *     abd al rahman), ابو + X -> "abu" X, X + الله -> X "allah" (نصرالله ->
 *     nasr allah), X + الدين -> X "al din", the same canonical forms
 *     tokens.c gives Latin input (Nasrallah, Nasiruddin).
 *  3. Otherwise a letter table plus vowels: written harakat are used
 *     when present; else alif/waw/ya give the long vowels a/u/i and a
 *     short vowel is guessed between two consonants, never in two gaps
 *     in a row (Arabic syllables are CV, CVV, CVC; see vocalise()):
 *     بغدادي -> "baghdadi", بكر -> "bakr", قذافي -> "qadhafi",
 *     زرقاوي -> "zarqawi", عارف -> "arif", الأهدل -> "al ahdal".
 *
 * The guess is wrong for many words (حسين without the lexicon would be
 * "hasayn") but it lands on the same skeleton as the Latin spelling far
 * more often than a consonant string does (skeleton.c keeps the first
 * vowel class and collapses the others).
 */
#include "text/text_int.h"

#include <string.h>

#define MAXW 64 /* letters per word looked at */

struct lex {
	const UChar *key; /* normalised: bare alif, ه for ة, ي for ى */
	const char *sch, *pop;
};

/* clang-format off */ /* a table laid out by hand */
static const struct lex g_lex[] = {
	{ u"محمد", "muhammad", "mohammed" }, { u"احمد", "ahmad", "ahmed" },
	{ u"محمود", "mahmud", "mahmoud" }, { u"مصطفي", "mustafa", "mostafa" },
	{ u"علي", "ali", "ali" }, { u"حسن", "hasan", "hassan" },
	{ u"حسين", "husayn", "hussein" }, { u"حسني", "husni", "hosni" },
	{ u"عمر", "umar", "omar" }, { u"عثمان", "uthman", "othman" },
	{ u"الله", "allah", "allah" }, { u"عبدالله", "abdullah", "abdallah" },
	{ u"عبد", "abd", "abd" }, { u"ابو", "abu", "abu" },
	{ u"ابن", "ibn", "ibn" }, { u"بن", "bin", "bin" },
	{ u"بنت", "bint", "bint" }, { u"اسامه", "usama", "osama" },
	{ u"يوسف", "yusuf", "youssef" }, { u"ابراهيم", "ibrahim", "ibrahim" },
	{ u"اسماعيل", "ismail", "ismail" }, { u"خالد", "khalid", "khaled" },
	{ u"سعيد", "said", "saeed" }, { u"صالح", "salih", "saleh" },
	{ u"سعد", "saad", "saad" }, { u"فهد", "fahd", "fahad" },
	{ u"ناصر", "nasir", "nasser" }, { u"نصر", "nasr", "nasr" },
	{ u"جمال", "jamal", "jamal" }, { u"كمال", "kamal", "kamal" },
	{ u"عادل", "adil", "adel" }, { u"عزيز", "aziz", "aziz" },
	{ u"رحمن", "rahman", "rahman" }, { u"كريم", "karim", "kareem" },
	{ u"رحيم", "rahim", "raheem" }, { u"حميد", "hamid", "hamid" },
	{ u"مجيد", "majid", "majeed" }, { u"سلمان", "salman", "salman" },
	{ u"سليمان", "sulayman", "suleiman" }, { u"يحيي", "yahya", "yahia" },
	{ u"زكريا", "zakariya", "zakaria" }, { u"موسي", "musa", "mousa" },
	{ u"عيسي", "isa", "issa" }, { u"هارون", "harun", "haroun" },
	{ u"داود", "dawud", "daoud" }, { u"طارق", "tariq", "tarek" },
	{ u"زياد", "ziyad", "ziad" }, { u"جعفر", "jafar", "jaafar" },
	{ u"حمزه", "hamza", "hamza" }, { u"بكر", "bakr", "bakr" },
	{ u"قاسم", "qasim", "kassem" }, { u"هاشم", "hashim", "hashem" },
	{ u"حيدر", "haydar", "haider" }, { u"رشيد", "rashid", "rachid" },
	{ u"راشد", "rashid", "rashed" }, { u"مراد", "murad", "mourad" },
	{ u"منصور", "mansur", "mansour" }, { u"نور", "nur", "nour" },
	{ u"دين", "din", "din" }, { u"فاطمه", "fatima", "fatma" },
	{ u"عائشه", "aisha", "aicha" }, { u"مريم", "maryam", "mariam" },
	{ u"خديجه", "khadija", "khadija" }, { u"زينب", "zaynab", "zeinab" },
	{ u"ليلي", "layla", "leila" }, { u"امين", "amin", "amine" },
	{ u"بشار", "bashar", "bashar" }, { u"حافظ", "hafiz", "hafez" },
	{ u"اسد", "asad", "assad" }, { u"قذافي", "qadhafi", "gaddafi" },
	{ u"معمر", "muammar", "moammar" }, { u"صدام", "saddam", "saddam" },
	{ u"بغداد", "baghdad", "baghdad" }, { u"ظواهري", "zawahiri", "zawahiri" },
	{ u"لادن", "ladin", "laden" }, { u"نصرالله", "nasr allah", "nasr allah" },
	{ u"ايمن", "ayman", "ayman" }, { u"انور", "anwar", "anwar" },
	{ u"جواد", "jawad", "javad" }, { u"رضا", "rida", "reza" },
	{ u"مهدي", "mahdi", "mehdi" }, { u"علاء", "ala", "alaa" },
	{ u"وليد", "walid", "waleed" }, { u"خليل", "khalil", "khalil" },
	{ u"شريف", "sharif", "cherif" }, { u"سيد", "sayyid", "sayed" },
	{ u"عباس", "abbas", "abbas" }, { u"جاسم", "jasim", "jassim" },
	{ u"حمد", "hamad", "hamad" }, { u"خليفه", "khalifa", "khalifa" },
	{ u"زايد", "zayid", "zayed" }, { u"سلطان", "sultan", "sultan" },
	{ u"طالب", "talib", "taleb" }, { u"عمار", "ammar", "ammar" },
	{ u"ياسر", "yasir", "yasser" }, { u"ياسين", "yasin", "yassin" },
	{ u"انس", "anas", "anas" }, { u"بلال", "bilal", "bilal" },
	{ u"حبيب", "habib", "habib" }, { u"سامي", "sami", "sami" },
	{ u"عماد", "imad", "emad" }, { u"غازي", "ghazi", "ghazi" },
	{ u"فيصل", "faysal", "faisal" }, { u"ماجد", "majid", "maged" },
	{ u"نبيل", "nabil", "nabil" }, { u"هيثم", "haytham", "haitham" },
	{ u"وائل", "wail", "wael" }, { u"يونس", "yunus", "younes" },
	{ u"ادريس", "idris", "idriss" }, { u"مختار", "mukhtar", "mokhtar" },
	{ u"جبريل", "jibril", "jibril" }, { u"الياس", "ilyas", "elias" },
	{ u"اياد", "iyad", "eyad" }, { u"سمير", "samir", "samir" },
	{ u"كامل", "kamil", "kamel" }, { u"قيس", "qays", "qais" },
	{ u"عدنان", "adnan", "adnan" }, { u"عرفات", "arafat", "arafat" },
	{ u"هنيه", "haniyya", "haniyeh" }, { u"مشعل", "mashal", "meshaal" },
	{ u"حق", "haqq", "haq" }, { u"قادر", "qadir", "kader" },
	{ u"جبار", "jabbar", "jabbar" }, { u"ستار", "sattar", "sattar" },
	{ u"غني", "ghani", "ghani" }, { u"وهاب", "wahhab", "wahab" },
	{ u"رزاق", "razzaq", "razak" }, { u"لطيف", "latif", "latif" },
	{ u"مالك", "malik", "malek" }, { u"شيخ", "shaykh", "sheikh" },
	{ u"امير", "amir", "amir" }, { u"ملا", "mulla", "mullah" },
	{ u"حاج", "hajj", "hajj" }, { u"صدر", "sadr", "sadr" },
	{ u"خامنئي", "khamenei", "khamenei" }, { u"روحاني", "ruhani", "rouhani" },
	{ u"قاسمي", "qasimi", "ghasemi" }, { u"نعيم", "naim", "naim" },
};
/* clang-format on */

/* Letter classes of the unit list. */
enum { U_CONS, U_ALIF, U_WAW, U_YA, U_TAMAR, U_MAQ };

struct unit {
	uint8_t type;
	char vow; /* explicit short vowel 'a' 'i' 'u', or 0 */
	bool shadda;
	bool hamza_waw;  /* ؤ: the consonant before it takes u */
	const char *lat; /* consonant spelling */
};

/* Consonant spelling of U+0621..U+064A (NULL: not a consonant). */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_cons[] = {
	/* 0621 */ "", NULL, NULL, "", NULL, "", NULL, "b", NULL, "t", "th",
	/* 062C */ "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d",
	/* 0637 */ "t", "z", "", "gh", NULL, NULL, NULL, NULL, NULL, NULL,
	/* 0641 */ "f", "q", "k", "l", "m", "n", "h", NULL, NULL, NULL,
};
/* clang-format on */

/* Normalised letter (for the lexicon) or 0 when c is not a letter. */
static UChar norm_letter(UChar32 c)
{
	switch (c) {
	case 0x0622:
	case 0x0623:
	case 0x0625:
	case 0x0671:
		return 0x0627;
	case 0x0629:
	case 0x06C3:
		return 0x0647;
	case 0x0649:
	case 0x06CC:
	case 0x06D2:
		return 0x064A;
	case 0x06A9:
		return 0x0643;
	case 0x06C1:
	case 0x06BE:
		return 0x0647;
	default:
		break;
	}
	if ((c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) ||
	    (c >= 0x0671 && c <= 0x06D5))
		return (UChar)c;
	return 0;
}

static void set_unit(struct unit *u, UChar32 c)
{
	memset(u, 0, sizeof(*u));
	u->type = U_CONS;
	u->lat = "";
	u->hamza_waw = c == 0x0624;
	switch (c) {
	case 0x0622:
	case 0x0623:
	case 0x0625:
	case 0x0627:
	case 0x0671:
		u->type = U_ALIF;
		u->lat = c == 0x0625 ? "i" : "a";
		return;
	case 0x0648:
		u->type = U_WAW;
		return;
	case 0x064A:
	case 0x06CC:
	case 0x06D2:
		u->type = U_YA;
		return;
	case 0x0629:
	case 0x06C3:
		u->type = U_TAMAR;
		return;
	case 0x0649:
		u->type = U_MAQ;
		return;
	case 0x067E:
		u->lat = "p";
		return;
	case 0x0686:
		u->lat = "ch";
		return;
	case 0x0698:
		u->lat = "zh";
		return;
	case 0x06AF:
		u->lat = "g";
		return;
	case 0x06A9:
		u->lat = "k";
		return;
	case 0x0679:
		u->lat = "t";
		return;
	case 0x0688:
		u->lat = "d";
		return;
	case 0x0691:
		u->lat = "r";
		return;
	case 0x06BA:
		u->lat = "n";
		return;
	case 0x06BE:
	case 0x06C1:
		u->lat = "h";
		return;
	default:
		break;
	}
	if (c >= 0x0621 && c <= 0x064A && g_cons[c - 0x0621] != NULL)
		u->lat = g_cons[c - 0x0621];
}

struct word {
	UChar key[MAXW]; /* normalised letters */
	struct unit u[MAXW];
	int n;
	bool harakat;
	bool article; /* begins with bare alif + lam: the article ال */
};

static const struct lex *lex_find(const UChar *k, int n)
{
	size_t i;
	for (i = 0; i < sizeof(g_lex) / sizeof(g_lex[0]); i++) {
		const UChar *e = g_lex[i].key;
		int j = 0;
		while (j < n && e[j] == k[j])
			j++;
		if (j == n && e[n] == 0)
			return &g_lex[i];
	}
	return NULL;
}

static bool vowelish(const struct unit *u, const char *res)
{
	return u->type == U_ALIF || u->type == U_TAMAR || u->type == U_MAQ ||
	       (res != NULL && res[0] != 'w' && res[0] != 'y');
}

/* Is the waw or ya at k, read as the long vowel u or i, the diphthong
 * aw or ay of the popular spelling? When it follows the word's first
 * letter, a consonant, and comes before a consonant and a vowel letter:
 * the CayCuC / CawCaC pattern of Arabic names (طيفور Tayfour, شوقي
 * Shawky, ريحان Rayhan), which the scholarly option reads
 * with the long vowel (Tifur) that a Persian word (ميلاد Milad) has. */
static bool diphthong_at(const struct unit *u, int n, int k,
			 const char *const *res)
{
	return k == 1 && u[0].type == U_CONS && u[0].lat[0] != '\0' &&
	       (res[1][0] == 'u' || res[1][0] == 'i') && k + 2 < n &&
	       u[2].type == U_CONS && res[2] == NULL &&
	       (u[3].type == U_ALIF || u[3].type == U_TAMAR ||
		u[3].type == U_MAQ ||
		(res[3] != NULL && (res[3][0] == 'u' || res[3][0] == 'i')));
}

/* What precedes the current consonant, for guessing short vowels. */
enum { ST_OPEN, ST_SHORT, ST_LONG };

static bool is_cons(const struct unit *u, const char *res)
{
	return u->type == U_CONS ||
	       (res != NULL && (res[0] == 'w' || res[0] == 'y'));
}

/*
 * Spell units [0..n) with vowels (layer 3). Without harakat, a short
 * vowel is guessed between two consonants: none right after a short
 * vowel (the syllable closes: b-a-gh|d-a-d-i), "i" right after a long
 * vowel (the CāCiC pattern of Arif, Sadiq, Nasir), "a" otherwise; "u"
 * before a hamza on waw (Fu'ad). Waw and ya are consonants at the start,
 * after a vowel, before alif and before another waw/ya (درويش Darwish,
 * طويل Tawil); between consonants they are long u/i.
 */
static void vocalise(struct kd_abuf *b, const struct unit *u, int n,
		     bool harakat, bool popular, size_t off)
{
	const char *res[MAXW]; /* resolved spelling of waw/ya */
	int k, st = ST_OPEN;
	for (k = 0; k < n; k++) {
		res[k] = NULL;
		if (u[k].type != U_WAW && u[k].type != U_YA)
			continue;
		if (k == 0 || (harakat && u[k].vow) ||
		    vowelish(&u[k - 1], res[k - 1]) ||
		    (k + 1 < n && (u[k + 1].type == U_WAW ||
				   u[k + 1].type == U_YA)) || /* Darwish */
		    (k + 1 < n &&
		     (u[k + 1].type == U_ALIF || u[k + 1].type == U_TAMAR)) ||
		    (harakat && u[k - 1].vow == 'a'))
			res[k] = u[k].type == U_WAW ? "w" : "y";
		else
			res[k] = u[k].type == U_WAW ? "u" : "i";
	}
	for (k = 0; k < n; k++) {
		const struct unit *p = &u[k];
		switch (p->type) {
		case U_ALIF:
			kd__abuf_putc(b, k == 0 ? p->lat[0] : 'a', off);
			st = k == 0 ? ST_SHORT : ST_LONG;
			continue;
		case U_TAMAR:
			kd__abuf_put(b, k + 1 == n ? "a" : "at",
				     k + 1 == n ? 1 : 2, off);
			st = ST_LONG;
			continue;
		case U_MAQ:
			kd__abuf_putc(b, 'a', off);
			st = ST_LONG;
			continue;
		case U_WAW:
		case U_YA:
			if (popular && !harakat && diphthong_at(u, n, k, res)) {
				kd__abuf_putc(b, 'a', off);
				kd__abuf_putc(b, res[k][0] == 'u' ? 'w' : 'y',
					      off);
				st = ST_SHORT;
				continue;
			}
			if (!is_cons(p, res[k])) {
				/* مُوسَى: the damma already spelled the long u */
				if (!harakat || k == 0 ||
				    u[k - 1].vow != res[k][0])
					kd__abuf_putc(b, res[k][0], off);
				st = ST_LONG;
				continue;
			}
			kd__abuf_putc(b, res[k][0], off);
			break;
		default:
			kd__abuf_put(b, p->lat, strlen(p->lat), off);
			if (p->shadda)
				kd__abuf_put(b, p->lat, strlen(p->lat), off);
			break;
		}
		if (harakat) {
			if (p->vow)
				kd__abuf_putc(b, p->vow, off);
			continue;
		}
		if (k + 1 >= n || !is_cons(&u[k + 1], res[k + 1]))
			continue; /* a vowel follows, or the end */
		/* a consonant before a final waw + ya: the nisba -awi
		 * (صفوي Safavi, موسوي Musawi, بدوي Badawi), not a
		 * cluster (safwi) */
		if (k + 3 == n && u[k + 1].type == U_WAW &&
		    u[k + 2].type == U_YA) {
			kd__abuf_putc(b, 'a', off);
			st = ST_SHORT;
			continue;
		}
		if (st == ST_SHORT) {
			st = ST_OPEN;
			continue;
		}
		kd__abuf_putc(b,
			      u[k + 1].hamza_waw ? 'u'
			      : st == ST_LONG    ? 'i'
						 : 'a',
			      off);
		st = ST_SHORT;
	}
}

static bool key_is(const UChar *k, int n, const UChar *lit)
{
	int j;
	for (j = 0; j < n; j++)
		if (lit[j] != k[j])
			return false;
	return true;
}

/* Layers 1 and 2 on the letters w[s..e), then layer 3. */
static void spell(struct kd_abuf *b, int opt, const struct word *w, int s,
		  int e, size_t off)
{
	const struct lex *l;
	int n = e - s;
	const UChar *k = w->key + s;
	if (n <= 0)
		return;
	if ((l = lex_find(k, n)) != NULL) {
		const char *t = opt ? l->pop : l->sch;
		kd__abuf_put(b, t, strlen(t), off);
		return;
	}
	if (n >= 3 && k[n - 1] == 0x064A && (l = lex_find(k, n - 1)) != NULL) {
		const char *t = opt ? l->pop : l->sch;
		kd__abuf_put(b, t, strlen(t), off);
		kd__abuf_putc(b, 'i', off);
		return;
	}
	if (n > 3 && key_is(k, 2, u"ال")) {
		kd__abuf_put(b, "al ", 3, off);
		spell(b, opt, w, s + 2, e, off);
		return;
	}
	if (n > 3 && key_is(k, 3, u"عبد")) {
		kd__abuf_put(b, "abd ", 4, off);
		spell(b, opt, w, s + 3, e, off);
		return;
	}
	if (n > 3 && key_is(k, 3, u"ابو")) {
		kd__abuf_put(b, "abu ", 4, off);
		spell(b, opt, w, s + 3, e, off);
		return;
	}
	if (n > 5 && key_is(k + n - 4, 4, u"الله")) {
		spell(b, opt, w, s, e - 4, off);
		kd__abuf_put(b, " allah", 6, off);
		return;
	}
	if (n > 6 && key_is(k + n - 5, 5, u"الدين")) {
		spell(b, opt, w, s, e - 5, off);
		kd__abuf_put(b, " al din", 7, off);
		return;
	}
	vocalise(b, w->u + s, n, w->harakat, opt == 1, off);
}

/* The letters of w as a consonant frame (option KD_ARABIC_OPT_FRAME),
 * read like Hebrew (hebrew.c): a foreign name in Arabic script (سيرغي
 * لافروف "syrgy lfrwf", Persian سرگئی لاوروف) has no Arabic vowel
 * pattern to guess, so the matcher compares its sounds with the Latin
 * spelling (phonetic.c). Alif, ain and hamza are silent, waw is w and ya
 * y, ghain and qaf are the g and k of foreign names. A word-final alif is
 * the name's final vowel a (ناندا Nanda, كانغا Kanga, تشيكا Checa), which
 * an Arabic word outside the lexicon seldom ends in; a medial alif stays
 * silent (read as a, it lets بابك meet Bubka). Uyghur writes its
 * vowels (ې e, ۇ u, ۆ o, ۈ ü, ە e; ۋ v): a word with one of them reads
 * its alif as a. */
static bool uyghur_vowels(const struct word *w)
{
	int k;
	for (k = 0; k < w->n; k++)
		if (w->key[k] == 0x06D0 || w->key[k] == 0x06D5 ||
		    (w->key[k] >= 0x06C6 && w->key[k] <= 0x06CB))
			return true;
	return false;
}

static void frame(struct kd_abuf *b, const struct word *w, size_t off)
{
	bool vowels = uyghur_vowels(w);
	int k;
	for (k = 0; k < w->n; k++) {
		const char *p;
		switch (w->key[k]) {
		case 0x06D0:
		case 0x06D5:
			p = "e";
			break;
		case 0x06C6:
			p = "o";
			break;
		case 0x06C7:
		case 0x06C8:
			p = "u";
			break;
		case 0x06CB:
			p = "v";
			break;
		case 0x063A:
			p = "g";
			break;
		case 0x0642:
			p = "k";
			break;
		default:
			p = w->u[k].type == U_ALIF
				    ? (vowels || k + 1 == w->n ? "a" : "")
			    : w->u[k].type == U_WAW   ? "w"
			    : w->u[k].type == U_YA    ? "y"
			    : w->u[k].type == U_TAMAR ? "a"
			    : w->u[k].type == U_MAQ   ? "a"
						      : w->u[k].lat;
			break;
		}
		kd__abuf_put(b, p, strlen(p), off);
	}
}

/* A short word of a foreign name (fewer than three consonants: its frame
 * is never compared by sound) spelled as a transcription writes it:
 * every vowel with a letter, none guessed between two consonants
 * (هيرلي "hirli" Hurley, not "hirili"), alif a, waw u and ya i between
 * consonants, w and y before a vowel letter or first; an alif that
 * begins the word before waw or ya only carries that vowel (أولي "uli"
 * Olly, إيغل "igl" Egil), and a final he after ya is the silent e of a
 * French name (موليه Mollet, كورنيه). Ghain is the foreign g; a
 * consonant before he takes an a (سهير "sahir", not "shir"), and one
 * before a glide and alif the glide's vowel (كيان "kiyan"). */
static bool vowel_letter_at(const struct word *w, int k)
{
	return k < w->n && (w->u[k].type == U_ALIF || w->u[k].type == U_TAMAR ||
			    w->u[k].type == U_MAQ);
}

static void foreign_spell(struct kd_abuf *b, const struct word *w, size_t off)
{
	int k;
	for (k = 0; k < w->n; k++) {
		const struct unit *p = &w->u[k];
		const char *t;
		bool glide = p->type == U_WAW || p->type == U_YA;
		if (p->type == U_ALIF && k == 0 && w->n > 2 &&
		    (w->u[1].type == U_WAW || w->u[1].type == U_YA) &&
		    !vowel_letter_at(w, 2))
			continue;
		if (glide) {
			/* w, y first, before a vowel letter, after
			 * another glide (رويل "ruyl" Royle) */
			bool cons = k == 0 || vowel_letter_at(w, k + 1) ||
				    (k > 1 && (w->u[k - 1].type == U_WAW ||
					       w->u[k - 1].type == U_YA));
			/* after a consonant and before alif: the vowel,
			 * then the glide (كيان "kiyan", ماريا) */
			if (cons && k > 0 && w->u[k - 1].type == U_CONS &&
			    vowel_letter_at(w, k + 1))
				kd__abuf_putc(b, p->type == U_WAW ? 'u' : 'i',
					      off);
			t = p->type == U_WAW ? (cons ? "w" : "u")
					     : (cons ? "y" : "i");
		} else if (p->type != U_CONS) {
			t = "a";
		} else if (w->key[k] == 0x063A) {
			t = "g";
		} else if (w->key[k] == 0x0647 && k + 1 == w->n && k > 0 &&
			   w->u[k - 1].type == U_YA) {
			t = "";
		} else {
			t = p->lat;
		}
		kd__abuf_put(b, t, strlen(t), off);
		/* a consonant before he: a vowel between, or the two would
		 * spell one sound sh, kh, th or a cluster that a foreign
		 * name writes without he (سهير Soheir, رها Raha) */
		if (p->type == U_CONS && *t && k + 1 < w->n &&
		    w->key[k + 1] == 0x0647)
			kd__abuf_putc(b, 'a', off);
	}
}

/* Read the letters (and harakat) of one word of u from *i into w; stops
 * at the first other character, which it leaves at *i. */
static void read_word(struct word *w, const UChar *u, int32_t *i, int32_t n)
{
	w->n = 0;
	w->harakat = false;
	w->article = *i + 1 < n && u[*i] == 0x0627 && u[*i + 1] == 0x0644;
	while (*i < n) {
		UChar32 c;
		UChar nl;
		int32_t at = *i;
		U16_NEXT(u, *i, n, c);
		if ((nl = norm_letter(c)) != 0) {
			if (w->n < MAXW) {
				w->key[w->n] = nl;
				set_unit(&w->u[w->n], c);
				w->n++;
			}
			continue;
		}
		if (c >= 0x064B && c <= 0x0652) {
			if (w->n > 0) {
				struct unit *p = &w->u[w->n - 1];
				w->harakat = true;
				if (c == 0x064E)
					p->vow = 'a';
				else if (c == 0x064F)
					p->vow = 'u';
				else if (c == 0x0650)
					p->vow = 'i';
				else if (c == 0x0651)
					p->shadda = true;
			}
			continue;
		}
		if (c == 0x0670) { /* superscript alif: long a */
			if (w->n > 0)
				w->u[w->n - 1].vow = 'a';
			continue;
		}
		if (c == 0x0640 || c == 0x200C || c == 0x200D)
			continue; /* tatweel, ZWNJ, ZWJ keep the word */
		*i = at;
		return;
	}
}

/* Letters that Arabic, Persian and Urdu words have and the transcription
 * of a foreign name does not: the pharyngeals and emphatics (ح ع ص ض ط
 * ظ), the interdentals (ث ذ) and ta marbuta (ة); and the article ال at
 * the start of a word. A word with one of them is an Arabic name, which
 * the vocalised options spell. */
static bool arabic_word(const struct word *w)
{
	int k;
	if (w->article)
		return true;
	for (k = 0; k < w->n; k++)
		switch (w->key[k]) {
		case 0x062D:
		case 0x0639:
		case 0x0635:
		case 0x0636:
		case 0x0637:
		case 0x0638:
		case 0x062B:
		case 0x0630:
			return true;
		default:
			if (w->u[k].type == U_TAMAR)
				return true;
			break;
		}
	return false;
}

/* Consonant sounds of w's frame: the letters a frame reading keeps as
 * consonants (not alif, waw, ya, ta marbuta, hamza, ain, nor he, a
 * glide). phonetic.c never compares a frame of fewer than three by sound
 * (two consonants meet too many names). */
static int frame_consonants(const struct word *w)
{
	int k, c = 0;
	for (k = 0; k < w->n; k++)
		c += w->u[k].type == U_CONS && w->u[k].lat[0] != '\0' &&
		     strcmp(w->u[k].lat, "h") != 0;
	return c;
}

/* A word written as foreign names are, next to an Arabic word: not a
 * word of the lexicon, and a waw or ya for each of two vowels inside
 * the word (هيرتويغ Hertwig, بوتين Putin), where an Arabic or Persian
 * word writes mostly its one long vowel (منصور, سليم, ساميار) and a
 * final ya is the nisba -i (کریمی). Measured on the tuned rows: 44 % of
 * the foreign words in Arabic script of three consonants or more
 * (Wikidata) and 5 % of those of the Arabic-script names of the
 * many-culture and US negatives; counting alif too (ديكامب Descamps)
 * would take 71 % and 25 %. */
static bool foreign_word(const struct word *w)
{
	int k, v = 0;
	for (k = 1; k + 1 < w->n; k++)
		v += w->u[k].type == U_WAW || w->u[k].type == U_YA;
	return v >= 2 && lex_find(w->key, w->n) == NULL;
}

/* Is w read as a frame in the frame option? Not an Arabic word, and
 * three consonant sounds at least: a word of fewer is spelled with
 * vowels like the other options (Sylla سيلا "sila"), its frame being
 * never compared by sound, so the vowelled word can still meet the
 * Latin word by spelling next to the frames of the longer words of the
 * same name (سيلا إردمان Sylla Erdmann). In a name with an Arabic word
 * (هيرتويغ مرعي Hertwig Marei), only a word written as foreign names
 * are. A Uyghur word writes its vowels (frame()): always read so. */
static bool frame_word(const struct word *w, bool marked)
{
	return !arabic_word(w) &&
	       (frame_consonants(w) >= 3 || uyghur_vowels(w)) &&
	       (!marked || foreign_word(w));
}

/* The frame option exists when some word is read as a frame: a name
 * wholly of words without Arabic letters (a foreign name), or a foreign
 * word next to Arabic ones. */
int kd__arabic_nopts(const UChar *u, int32_t n)
{
	struct word w[8];
	int nw = 0, k;
	bool marked = false;
	int32_t i = 0;
	while (i < n && nw < 8) {
		UChar32 c;
		read_word(&w[nw], u, &i, n);
		if (w[nw].n > 0) {
			marked |= arabic_word(&w[nw]);
			nw++;
		}
		if (i < n)
			U16_NEXT(u, i, n, c);
	}
	for (k = 0; k < nw; k++)
		if (!marked || frame_word(&w[k], marked))
			return KD_ARABIC_OPT_FRAME + 1;
	return KD_ARABIC_OPT_FRAME;
}

void kd__arabic_run(struct kd_abuf *b, int opt, const UChar *u, int32_t n,
		    size_t off)
{
	struct word w;
	bool marked = false;
	int32_t i = 0;
	if (opt == KD_ARABIC_OPT_FRAME)
		while (i < n) {
			UChar32 c;
			read_word(&w, u, &i, n);
			marked |= w.n > 0 && arabic_word(&w);
			if (i < n)
				U16_NEXT(u, i, n, c);
		}
	i = 0;
	while (i < n) {
		UChar32 c;
		read_word(&w, u, &i, n);
		if (w.n > 0) {
			if (opt == KD_ARABIC_OPT_FRAME &&
			    !frame_word(&w, marked) && !arabic_word(&w) &&
			    !w.harakat && lex_find(w.key, w.n) == NULL &&
			    frame_consonants(&w) < 3)
				foreign_spell(b, &w, off);
			else if (opt == KD_ARABIC_OPT_FRAME &&
				 !frame_word(&w, marked))
				spell(b, 0, &w, 0, w.n, off);
			else if (opt == KD_ARABIC_OPT_FRAME)
				frame(b, &w, off);
			else
				spell(b, opt, &w, 0, w.n, off);
		}
		if (i < n) {
			U16_NEXT(u, i, n, c);
			kd__latin_fold(b, c, KD_LM_STRIP, off);
		}
	}
}
