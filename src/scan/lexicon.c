/*
 * lexicon.c - words that must not fire on their own in prose.
 *
 * The lists' own statistics cannot tell a famous name from a common one:
 * "miller" and "novak" are as rare among listed names (df 9) as "lavrov"
 * (df 10) and rarer than "putin" (df 13), and "und" or "der" occur in one
 * listed name each, so their IDF is the highest there is. What a scanner
 * needs is the frequency of a word in the world's text, which the lists
 * do not carry; this small hand-made lexicon stands in for it:
 *
 *   STOP      function words of the major European languages and
 *             titles/roles that precede names ("President", "Minister",
 *             "Kreml"): never the first or last word of a name span
 *   PARTICLE  name particles (al, bin, von, van, de, da, ...): allowed
 *             lowercase inside a name span, never at its ends
 *   COMMON    frequent given names and surnames: fine as part of a
 *             multi-word name ("Alexander Nowak"), never a mention on
 *             their own ("Miller said", "Kim")
 *   PLACE     places and generic organisation words (Berlin, Hong Kong,
 *             North, Bank, Star): never alone, and a span made only of
 *             these (and function words) is not a name either
 *
 * All entries are lowercase ASCII as kd__text_fold writes them (Müller
 * -> "muller"; the transliterated "mueller" is listed too). The lists
 * are sorted once (pthread_once) into fixed static arrays sized by the
 * lists themselves and searched by bsearch: nothing is allocated, so
 * nothing can fail (a hash map built on first use once could, and then
 * *Kim* alone fired in a scan for the rest of the process).
 */
#include "scan/text_scan_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <xxhash.h>

/* clang-format off */ /* a table laid out by hand */
static const char *const g_stop[] = {
	/* English */
	"the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for",
	"from", "by", "with", "as", "is", "was", "are", "were", "be", "been",
	"has", "have", "had", "it", "its", "this", "that", "these", "those",
	"he", "she", "they", "we", "you", "i", "his", "her", "their", "our",
	"not", "but", "if", "so", "than", "then", "there", "here", "who",
	"whom", "which", "what", "when", "where", "why", "how", "also",
	"after", "before", "over", "under", "into", "about", "against",
	"between", "during", "without", "within", "per", "via",
	/* not "said": lowercase it is dropped like any verb, and
	 * capitalised mid-sentence it is the given name Said (Saeed) */
	"says", "will", "would", "can", "could", "may", "might", "must",
	"shall", "should", "did", "does", "do", "no", "yes", "all", "any",
	"some", "more", "most", "other", "such", "only", "own", "same",
	"too", "very", "just", "now", "one", "two", "three", "new", "last",
	"first", "mr", "mrs", "ms", "dr", "sir", "st", "however", "while",
	"since", "until", "because", "although", "both", "each", "few",
	"many", "much", "according", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "january", "february",
	"march", "april", "june", "july", "august", "september", "october",
	"november", "december",
	/* German */
	"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer",
	"einen", "einem", "eines", "und", "oder", "aber", "im", "am", "an",
	"auf", "aus", "bei", "mit", "nach", "vom", "zum", "zur", "fur",
	"fuer", "uber", "ueber", "unter", "vor", "hinter", "neben",
	"zwischen", "durch", "gegen", "ohne", "um", "als", "wie", "wenn",
	"dass", "ob", "ist", "sind", "war", "waren", "wird", "werden",
	"wurde", "wurden", "hat", "haben", "hatte", "hatten", "sein",
	"seine", "seiner", "seinen", "seinem", "seines", "ihr", "ihre",
	"ihren", "ihrem", "ihres", "er", "sie", "es", "wir", "auch", "nicht",
	"noch", "nur", "schon", "sehr", "dieser", "diese", "dieses",
	"diesem", "diesen", "man", "mehr", "laut", "sowie", "bereits",
	"nun", "dann", "doch", "jedoch", "zudem", "damit", "dabei", "seit",
	"bis", "beim", "sei", "habe", "soll", "sollen", "kann", "konnte",
	"muss", "will", "wollte", "hier", "dort", "heute", "gestern",
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
	"sonntag", "januar", "februar", "marz", "maerz", "mai", "juni",
	"juli", "oktober", "dezember", "herr", "frau",
	/* French, Spanish, Italian, Portuguese, Dutch */
	"les", "une", "et", "ou", "au", "aux", "en", "dans", "par", "pour",
	"sur", "avec", "sans", "sous", "il", "elle", "ils", "elles", "est",
	"sont", "ont", "qui", "que", "los", "las", "con", "por", "para",
	"sobre", "lo", "gli", "nel", "una", "um", "uma", "os", "em", "com",
	"het", "een", "en", "niet", "op", "met", "voor", "m", "mme",
	/* titles and roles that stand before names */
	"president", "prasident", "praesident", "presidente", "minister",
	"ministers", "ministerin", "aussenminister", "ausenminister",
	"verteidigungsminister", "prime", "premier", "premierminister",
	"foreign", "secretary", "general", "generalsekretar", "director",
	"chairman", "chief", "commander", "leader", "kremlin", "kreml",
	"sprecher", "spokesman", "spokeswoman", "spokesperson", "berater",
	"adviser", "advisor", "deputy", "vice", "head", "chef", "kanzler",
	"chancellor", "bundeskanzler", "king", "queen", "prince", "senator",
	"governor", "mayor", "ambassador", "botschafter", "colonel",
	"captain", "kapitan", "admiral", "marshal", "sheikh", "emir",
	"state", "government", "regierung", "ministry", "ministerium",
	"sanctions", "sanktionen", "reuters", "ap", "afp", "dpa", "tass",
	"ria", "bbc", "cnn", "vessel", "ship", "tanker", "schiff", "frachter",
};
/* clang-format on */

static const char *const g_particle[] = {
	"al",  "el",  "ul",  "bin", "ibn", "ben", "bint",  "abu", "abd",  "von",
	"van", "der", "den", "de",  "da",  "del", "della", "di",  "du",   "le",
	"la",  "dos", "das", "do",  "y",   "zu",  "ter",   "ten", "ould", "ag",
};

/* Common given names and surnames. */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_common[] = {
	/* given names */
	"john", "james", "robert", "michael", "william", "david", "richard",
	"joseph", "thomas", "charles", "christopher", "daniel", "matthew",
	"anthony", "mark", "donald", "steven", "paul", "andrew", "joshua",
	"kenneth", "kevin", "brian", "george", "edward", "ronald", "timothy",
	"jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric",
	"jonathan", "stephen", "larry", "justin", "scott", "brandon",
	"benjamin", "samuel", "frank", "gregory", "raymond", "alexander",
	"patrick", "jack", "dennis", "jerry", "tyler", "aaron", "jose",
	"adam", "henry", "nathan", "douglas", "peter", "zachary", "kyle",
	"walter", "harold", "jeremy", "ethan", "carl", "keith", "roger",
	"gerald", "christian", "terry", "sean", "arthur", "austin", "noah",
	"lawrence", "jesse", "joe", "bryan", "billy", "jordan", "albert",
	"bruce", "gabriel", "alan", "juan", "wayne", "ralph", "roy",
	"eugene", "vincent", "russell", "louis", "philip", "bobby", "johnny",
	"mary", "patricia", "jennifer", "linda", "elizabeth", "barbara",
	"susan", "jessica", "sarah", "karen", "nancy", "lisa", "betty",
	"margaret", "sandra", "ashley", "kimberly", "emily", "donna",
	"michelle", "carol", "amanda", "melissa", "deborah", "stephanie",
	"rebecca", "laura", "sharon", "cynthia", "amy", "angela", "helen",
	"anna", "nicole", "emma", "katherine", "christine", "rachel",
	"catherine", "maria", "julie", "victoria", "olivia", "julia",
	"grace", "marie", "diana", "sophia", "charlotte", "rose", "hans",
	"klaus", "wolfgang", "jurgen", "juergen", "andreas", "stefan",
	"stephan", "markus", "uwe", "martin", "werner", "helmut", "gerhard",
	"dieter", "horst", "manfred", "bernd", "ralf", "karl", "heinz",
	"kurt", "ursula", "monika", "petra", "sabine", "claudia", "susanne",
	"andrea", "birgit", "karin", "renate", "helga", "olaf", "friedrich",
	"boris", "vladimir", "wladimir", "sergei", "sergey", "sergej",
	"aleksandr", "alexandr", "aleksander", "alexei", "aleksei",
	"alexej", "dmitry", "dmitri", "dmitrij", "andrei", "andrey",
	"andrej", "nikolai", "nikolaj", "ivan", "mikhail", "michail", "yuri",
	"yury", "juri", "jurij", "igor", "oleg", "viktor", "victor", "pavel",
	"evgeny", "yevgeny", "jewgeni", "anatoly", "natalia", "natalya",
	"olga", "elena", "jelena", "irina", "tatiana", "tatjana", "svetlana",
	"ekaterina", "mohammed", "muhammad", "mohamed", "mohammad", "ahmed",
	"ahmad", "ali", "hassan", "hasan", "hussein", "husain", "hussain",
	"omar", "umar", "abdullah", "ibrahim", "khalid", "mahmoud", "mustafa",
	"youssef", "yusuf", "fatima", "aisha", "kim", "lee", "park", "choi",
	"jung", "kang", "cho", "yoon", "jang", "lim", "wang", "li", "zhang",
	"liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
	"ma", "zhu", "hu", "guo", "he", "lin", "nguyen", "tran", "pham",
	"jean", "pierre", "jacques", "francois", "carlos", "luis", "miguel",
	"antonio", "manuel", "francisco", "giuseppe", "giovanni", "marco",
	/* surnames */
	"smith", "johnson", "williams", "brown", "jones", "garcia", "miller",
	"davis", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez",
	"wilson", "anderson", "taylor", "moore", "jackson", "perez",
	"thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis",
	"robinson", "walker", "young", "allen", "wright", "torres", "hill",
	"flores", "green", "adams", "nelson", "baker", "hall", "rivera",
	"campbell", "mitchell", "carter", "roberts", "muller", "mueller",
	"schmidt", "schneider", "fischer", "weber", "meyer", "meier",
	"wagner", "becker", "schulz", "hoffmann", "schafer", "schaefer",
	"koch", "bauer", "richter", "klein", "wolf", "schroder", "schroeder",
	"neumann", "schwarz", "zimmermann", "braun", "kruger", "krueger",
	"hofmann", "hartmann", "lange", "schmitt", "krause", "novak",
	"nowak", "novakova", "novotny", "kowalski", "wisniewski", "wojcik",
	"kowalczyk", "kaminski", "horvat", "kovac", "kovacs", "ivanov",
	"ivanova", "petrov", "petrova", "smirnov", "kuznetsov", "popov",
	"sokolov", "lebedev", "kozlov", "novikov", "morozov", "volkov",
	"fernandez", "gomez", "diaz", "alvarez", "ruiz", "jimenez", "moreno",
	"munoz", "romero", "alonso", "gutierrez", "rossi", "russo",
	"ferrari", "esposito", "bianchi", "romano", "colombo", "dubois",
	"durand", "leroy", "moreau", "simon", "laurent", "lefebvre",
	"michel", "khan", "shah", "singh", "kumar", "patel", "ahmadi",
	"hosseini", "yilmaz", "kaya", "demir",
};
/* clang-format on */

/* Places and generic organisation words. */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_place[] = {
	"berlin", "moscow", "moskau", "moskva", "paris", "london",
	"washington", "beijing", "peking", "pyongyang", "seoul", "tokyo",
	"kiev", "kyiv", "kiew", "minsk", "damascus", "damaskus", "tehran",
	"teheran", "baghdad", "bagdad", "kabul", "cairo", "kairo",
	"istanbul", "ankara", "rome", "rom", "madrid", "vienna", "wien",
	"brussels", "brussel", "geneva", "genf", "zurich", "york",
	"frankfurt", "hamburg", "munich", "munchen", "cologne", "koln",
	"russia", "russland", "ukraine", "china", "korea", "nordkorea",
	"sudkorea", "deutschland", "germany", "france", "frankreich",
	"america", "amerika", "usa", "iran", "iraq", "irak", "syria",
	"syrien", "europe", "europa", "panama", "dubai", "hong", "kong",
	"singapore", "singapur", "crimea", "krim", "donbass", "donbas",
	"belarus", "weissrussland", "afghanistan", "libya", "libyen",
	"yemen", "jemen", "venezuela", "cuba", "kuba", "israel", "gaza",
	"lebanon", "libanon", "turkey", "turkei", "india", "indien",
	"pakistan", "japan", "vietnam", "myanmar", "sudan", "somalia",
	"mali", "niger", "nigeria", "congo", "kongo", "africa", "afrika",
	"asia", "asien", "arabia", "emirates", "qatar", "katar", "oman",
	"bahrain", "kuwait", "jordan", "jordanien", "egypt", "agypten",
	"st", "petersburg", "sankt", "vladivostok", "wladiwostok", "nampo",
	"sevastopol", "sewastopol", "odessa", "mariupol", "kherson",
	"cherson", "charkiw", "kharkiv", "lviv", "lemberg", "warsaw",
	"warschau", "prague", "prag", "budapest", "bern", "oslo",
	"stockholm", "helsinki", "tallinn", "riga", "vilnius", "sofia",
	"athens", "athen", "lisbon", "lissabon", "amsterdam", "hague",
	"haag", "united", "nations", "union", "european", "national",
	"north", "south", "east", "west", "nord", "sud", "ost", "central",
	"international", "bank", "group", "company", "trading", "ocean",
	"star", "gold", "golden", "global", "sea", "river", "city", "mount",
	"korean", "russian", "chinese", "iranian", "syrian", "american",
	"german", "french", "british", "ukrainian", "belarusian", "arab",
	"arabic", "islamic", "european", "asian", "african", "western",
	"northern", "southern", "eastern", "russische", "russischen",
	"russischer", "nordkoreanische", "nordkoreanischen", "chinesische",
	"chinesischen", "iranische", "iranischen", "syrische", "syrischen",
	"ukrainische", "ukrainischen", "amerikanische", "amerikanischen",
	"deutsche", "deutschen", "europaische", "europaischen", "republic",
	"republik", "democratic", "people", "peoples", "federation",
	"foderation", "kingdom", "states", "staaten", "vereinigte",
	"vereinten", "nationen", "street", "strasse", "road", "avenue",
	"square", "lane", "building", "floor", "district", "province",
	"region", "port", "harbour", "harbor", "airport", "station",
};
/* clang-format on */

#define N_(a) (sizeof(a) / sizeof((a)[0]))

struct lexent {
	const char *w;
	int cls;
	unsigned ord; /* position in priority order: the first one wins */
};

static struct lexent
	g_lex[N_(g_particle) + N_(g_stop) + N_(g_common) + N_(g_place)];
static size_t g_nlex;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static int cmp_lexent(const void *a, const void *b)
{
	const struct lexent *x = a, *y = b;
	int c = strcmp(x->w, y->w);
	return c ? c : (x->ord > y->ord) - (x->ord < y->ord);
}

static int cmp_key(const void *key, const void *el)
{
	return strcmp(key, ((const struct lexent *)el)->w);
}

static void put_all(const char *const *w, size_t n, int cls)
{
	size_t i;
	for (i = 0; i < n; i++) {
		g_lex[g_nlex].w = w[i];
		g_lex[g_nlex].cls = cls;
		g_lex[g_nlex].ord = (unsigned)g_nlex;
		g_nlex++;
	}
}

static void build(void)
{
	size_t i, o = 0;
	/* particles first: "der", "de", "la" are particles before stops */
	put_all(g_particle, N_(g_particle), KD_LEX_PARTICLE);
	put_all(g_stop, N_(g_stop), KD_LEX_STOP);
	put_all(g_common, N_(g_common), KD_LEX_COMMON);
	put_all(g_place, N_(g_place), KD_LEX_PLACE);
	qsort(g_lex, g_nlex, sizeof(g_lex[0]), cmp_lexent);
	for (i = 0; i < g_nlex; i++) /* a repeated word: its first class */
		if (o == 0 || strcmp(g_lex[o - 1].w, g_lex[i].w) != 0)
			g_lex[o++] = g_lex[i];
	g_nlex = o;
}

/* The class by binary search over the sorted lists: what the tables
 * below are built from (and tested against); kd__lex_class() asks them. */
static int lex_class_sorted(const char *w)
{
	const struct lexent *e;
	pthread_once(&g_once, build);
	e = bsearch(w, g_lex, g_nlex, sizeof(g_lex[0]), cmp_key);
	return e ? e->cls : KD_LEX_NONE;
}

size_t kd__lex_entry(size_t i, const char **w)
{
	pthread_once(&g_once, build);
	if (i >= g_nlex)
		return 0;
	*w = g_lex[i].w;
	return (size_t)g_lex[i].cls;
}

size_t kd__lex_entries(void)
{
	pthread_once(&g_once, build);
	return g_nlex;
}

/* ---- short words as integers ------------------------------------------------- */

/* The scanner asks for the class of every short lowercase word of the
 * text ("de", "the", "und") and every capitalised word it has not seen:
 * most entries are at most 8 bytes, so they are packed into one 64-bit
 * key (zero-padded bytes; a NUL-free word of up to 8 bytes is its own
 * key) in a static open-addressing table: one multiply and usually one
 * compare, no string hashing or strcmp. The value is the KD_LEX_* class
 * (the map's, so particles win over stops as in build()) and bit 4 when
 * the word is a non-name (kd__lex_nonname). Longer words go to the maps. */
#define SHORT_SLOTS 4096u
static uint64_t g_skey[SHORT_SLOTS];
static uint8_t g_sval[SHORT_SLOTS];
static pthread_once_t g_short_once = PTHREAD_ONCE_INIT;
static int g_short_ready; /* set (release) once the table is built */

/* Bytes in memory order, as memcpy into a zeroed integer would put them
 * on this machine, without a call for the variable length. */
static uint64_t pack8(const char *w, size_t n)
{
	union {
		uint64_t k;
		unsigned char b[8];
	} u;
	size_t i;
	u.k = 0;
	for (i = 0; i < n; i++)
		u.b[i] = (unsigned char)w[i];
	return u.k;
}

static size_t short_slot(uint64_t k)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 52) & (SHORT_SLOTS - 1);
}

static void short_put(const char *w, int val)
{
	size_t n = strlen(w), i;
	uint64_t k;
	if (n == 0 || n > 8)
		return;
	k = pack8(w, n);
	for (i = short_slot(k); g_skey[i] != 0 && g_skey[i] != k;
	     i = (i + 1) & (SHORT_SLOTS - 1))
		;
	g_skey[i] = k;
	g_sval[i] |= (uint8_t)val;
}

/* Entries of more than 8 bytes (Bundesrepublik, international) in a
 * table of their own, by a hash of the whole word: the scanner asks for
 * every new capitalised word, and a long one took two binary searches
 * with strcmp (~400 instructions) where this takes a hash and a probe. */
#define LONG_SLOTS 1024u
static const char *g_lkey[LONG_SLOTS];
static uint8_t g_llen[LONG_SLOTS], g_lval[LONG_SLOTS];

static size_t long_slot(const char *w, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 1099511628211ULL;
	return (size_t)(h >> 54) & (LONG_SLOTS - 1);
}

static void long_put(const char *w, int val)
{
	size_t n = strlen(w), i;
	if (n <= 8 || n > 255)
		return;
	for (i = long_slot(w, n); g_lkey[i] != NULL && strcmp(g_lkey[i], w);
	     i = (i + 1) & (LONG_SLOTS - 1))
		;
	g_lkey[i] = w;
	g_llen[i] = (uint8_t)n;
	g_lval[i] |= (uint8_t)val;
}

static void build_short(void);
static int nonname_sorted(const char *w);

/* The class (and non-name bit) of the short word packed in k. */
static int short_get(uint64_t k, int *nonname)
{
	size_t i;
	for (i = short_slot(k); g_skey[i] != 0; i = (i + 1) & (SHORT_SLOTS - 1))
		if (g_skey[i] == k) {
			if (nonname)
				*nonname = g_sval[i] >> 4 & 1;
			return g_sval[i] & 15;
		}
	if (nonname)
		*nonname = 0;
	return KD_LEX_NONE;
}

int kd__lex_class_n(const char *w, size_t n, int *nonname)
{
	size_t i;
	if (n == 0 || n > 255) {
		if (nonname)
			*nonname = nonname_sorted(w);
		return lex_class_sorted(w);
	}
	if (!__atomic_load_n(&g_short_ready, __ATOMIC_ACQUIRE))
		pthread_once(&g_short_once, build_short);
	if (n > 8) {
		for (i = long_slot(w, n); g_lkey[i] != NULL;
		     i = (i + 1) & (LONG_SLOTS - 1))
			if (g_llen[i] == n && memcmp(g_lkey[i], w, n) == 0) {
				if (nonname)
					*nonname = g_lval[i] >> 4 & 1;
				return g_lval[i] & 15;
			}
		if (nonname)
			*nonname = 0;
		return KD_LEX_NONE;
	}
	return short_get(pack8(w, n), nonname);
}

int kd__lex_class_w8(const char *w, size_t n, int *nonname)
{
	uint64_t k;
	if (n == 0 || n > 8)
		return kd__lex_class_n(w, n, nonname);
	if (!__atomic_load_n(&g_short_ready, __ATOMIC_ACQUIRE))
		pthread_once(&g_short_once, build_short);
	memcpy(&k, w, 8);
	if (n < 8) /* the first n bytes in memory order, as pack8() */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		k &= ~((UINT64_C(1) << (8 * (8 - n))) - 1);
#else
		k &= (UINT64_C(1) << (8 * n)) - 1;
#endif
	return short_get(k, nonname);
}

/* ---- general-language words (lexicon_words.c) ---------------------------- */

extern const unsigned char kd__lexicon_data[];
extern const unsigned char kd__lexicon_end[];

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

size_t kd__lex_words(void)
{
	size_t bytes = (size_t)(kd__lexicon_end - kd__lexicon_data);
	uint32_t n;
	if (bytes < 12 || memcmp(kd__lexicon_data, "KDLX", 4) != 0 ||
	    rd32(kd__lexicon_data + 4) != 2)
		return 0;
	n = rd32(kd__lexicon_data + 8);
	/* the words, then the count of the accented ones */
	return (size_t)n < (bytes - 12) / 4 ? n : 0;
}

/* First entry of each of 2^16 buckets by the hash's top 16 bits (and
 * the end), built once: a lookup is then a binary search over ~26
 * entries instead of 1.7 million (cache misses were the cost). */
static uint32_t g_bucket[65537];
static pthread_once_t g_bucket_once = PTHREAD_ONCE_INIT;
static int g_bucket_ready; /* set (release) once the buckets are built */

static void build_buckets(void)
{
	const unsigned char *e = kd__lexicon_data + 12;
	size_t i, n = kd__lex_words(), b = 0;
	for (i = 0; i < n; i++) {
		size_t top = rd32(e + 4 * i) >> 16;
		while (b <= top)
			g_bucket[b++] = (uint32_t)i;
	}
	while (b <= 65536)
		g_bucket[b++] = (uint32_t)n;
	__atomic_store_n(&g_bucket_ready, 1, __ATOMIC_RELEASE);
}

int kd__lex_word(const char *w, size_t n)
{
	const unsigned char *e = kd__lexicon_data + 12;
	size_t lo, hi;
	uint32_t h;
	if (n < 3 || n > 32 || kd__lex_words() == 0)
		return KD_WORD_NONE;
	if (!__atomic_load_n(&g_bucket_ready, __ATOMIC_ACQUIRE))
		pthread_once(&g_bucket_once, build_buckets);
	h = XXH32(w, n, 0) & ~1u;
	lo = g_bucket[h >> 16];
	hi = g_bucket[(h >> 16) + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t v = rd32(e + 4 * mid);
		if ((v & ~1u) < h)
			lo = mid + 1;
		else if ((v & ~1u) > h)
			hi = mid;
		else
			return v & 1u ? KD_WORD_PROPER : KD_WORD_COMMON;
	}
	return KD_WORD_NONE;
}

int kd__lex_accented(const char *w, size_t n)
{
	size_t words = kd__lex_words(), bytes, lo = 0, hi;
	const unsigned char *e;
	uint32_t h;
	if (words == 0 || n < 3 || n > 32)
		return 0;
	bytes = (size_t)(kd__lexicon_end - kd__lexicon_data);
	e = kd__lexicon_data + 12 + 4 * words;
	hi = rd32(e);
	if (hi > (bytes - 16 - 4 * words) / 4)
		return 0;
	e += 4;
	h = XXH32(w, n, 1) & ~1u;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t v = rd32(e + 4 * mid);
		if (v < h)
			lo = mid + 1;
		else if (v > h)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/* Russian case and number forms, folded as the scanner folds them
 * (системы -> "sistemy", безопасности -> "bezopasnosti", нового ->
 * "novogo"): the dictionaries list the base forms only (hunspell stems
 * without their affixes), so an inflected ordinary word would read as
 * distinctive. Strip one ending (longest first) and try the base
 * endings of its kind; only an ORDINARY base counts. Endings a surname
 * in -ov/-in shares with adjectives (Лаврову, Лавровым, Лавровой,
 * Лавровых: лавровый is a word) try noun bases only, so a surname's
 * case form never becomes an adjective's. A form that is a proper noun
 * somewhere is still an ordinary word's form in Russian text (Рубина:
 * of рубин, "ruby"). */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_ru_adj[] = { /* adjective-only endings */
	"yaya", "yuyu", "ogo", "ego", "omu", "emu", "aya", "uyu", "oye",
	"yye", "iye",
};
static const char *const g_ru_shared[] = { /* adjectives and surnames */
	"ykh", "ikh", "ymi", "imi", "ym", "im", "oy", "ey",
};
static const char *const g_ru_noun[] = { /* longest first */
	"yami", "yakh", "ami", "akh", "yam", "am", "om", "em", "ym", "im",
	"oy", "ey", "yu", "ya", "ye", "a", "y", "i", "u", "e", "o",
};
static const char *const g_ru_adj_base[] = { "yy", "iy", "oy" };
static const char *const g_ru_noun_base[] = {
	"", "a", "ya", "o", "e", "iya", "iye", "ie",
};
/* clang-format on */

/* Does w[0..n) end in a surname suffix (-ov, -ev, -in, -yn)? */
static int ru_surname_stem(const char *w, size_t n)
{
	return n >= 2 &&
	       (((w[n - 2] == 'o' || w[n - 2] == 'e') && w[n - 1] == 'v') ||
		((w[n - 2] == 'i' || w[n - 2] == 'y') && w[n - 1] == 'n'));
}

static int ru_base(const char *w, size_t n, const char *const *end, size_t nend,
		   const char *const *base, size_t nbase, int no_surname)
{
	size_t e, b;
	char k[40];
	for (e = 0; e < nend; e++) {
		size_t el = strlen(end[e]);
		if (el + 3 > n || memcmp(w + n - el, end[e], el) != 0)
			continue;
		if (no_surname && ru_surname_stem(w, n - el))
			return 0;
		memcpy(k, w, n - el);
		for (b = 0; b < nbase; b++) {
			size_t bl = strlen(base[b]);
			memcpy(k + n - el, base[b], bl);
			if (strcmp(base[b], end[e]) != 0 &&
			    kd__lex_word(k, n - el + bl) == KD_WORD_COMMON)
				return 1;
		}
		return 0; /* only the longest ending */
	}
	return 0;
}

int kd__lex_word_ru(const char *w, size_t n)
{
	int r = kd__lex_word(w, n);
	if (r == KD_WORD_COMMON || n < 5 || n > 32)
		return r;
	/* a proper noun as it stands (Сергей) is an ordinary word's form
	 * only when the ending leaves that word bare (Рубина: рубин), not
	 * through another ending (sergey -> "serge", a fabric in English) */
	if (r == KD_WORD_PROPER)
		return ru_base(w, n, g_ru_noun, N_(g_ru_noun), g_ru_noun_base,
			       1, 0)
			       ? KD_WORD_COMMON
			       : r;
	if (ru_base(w, n, g_ru_adj, N_(g_ru_adj), g_ru_adj_base,
		    N_(g_ru_adj_base), 0) ||
	    ru_base(w, n, g_ru_shared, N_(g_ru_shared), g_ru_adj_base,
		    N_(g_ru_adj_base), 1) ||
	    ru_base(w, n, g_ru_noun, N_(g_ru_noun), g_ru_noun_base,
		    N_(g_ru_noun_base), 0))
		return KD_WORD_COMMON;
	return r;
}

/* ---- tokens that are never part of a name ----------------------------------- */

/* Weekdays, months (names and the abbreviations of dates and logs) and
 * units of the scanned languages, folded as the scanner folds them
 * (Cyrillic through kd__text_fold: "четверг" -> "chetverg"). "Thu Jun"
 * in a changelog date is no Korean name, "Mai" no given name. Words
 * that are also frequent name parts are left out ("may", "august",
 * "april", "sun", "mar", "jan", "june", "julio", "domingo", "abril",
 * "mayo", "marta", "maya", "maja" and "patek" stay names: Umar Patek,
 * Júlio Nhate; "Jun" and "Mon" do not,
 * being Korean name syllables only next to other name words, which a
 * date never has). */
/* clang-format off */ /* a table laid out by hand */
static const char *const g_nonname[] = {
	/* English */
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
	"fri", "sat", "january", "february", "march", "july",
	"september", "october", "november", "december", "feb", "apr", "jun",
	"jul", "aug", "sep", "sept", "oct", "nov", "dec",
	/* German */
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
	"sonnabend", "sonntag", "januar", "jaenner", "februar", "marz",
	"maerz", "mai", "juni", "juli", "oktober", "dezember", "okt", "dez",
	/* French */
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
	"dimanche", "janvier", "fevrier", "mars", "avril", "juin", "juillet",
	"aout", "septembre", "octobre", "novembre", "decembre", "janv",
	"fevr", "avr", "juil",
	/* Spanish, Italian */
	"lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
	"enero", "febrero", "marzo", "junio", "agosto", "septiembre", "setiembre", "octubre", "noviembre",
	"diciembre", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi",
	"domenica", "gennaio", "febbraio", "aprile", "maggio", "giugno",
	"luglio", "settembre", "ottobre", "dicembre",
	/* Polish, Czech */
	"poniedzialek", "wtorek", "sroda", "czwartek", "piatek", "sobota",
	"niedziela", "styczen", "stycznia", "luty", "lutego", "marzec",
	"marca", "kwiecien", "kwietnia", "maj", "czerwiec",
	"czerwca", "lipiec", "lipca", "sierpien", "sierpnia", "wrzesien",
	"wrzesnia", "pazdziernik", "pazdziernika", "listopad", "listopada",
	"grudzien", "grudnia", "pondeli", "utery", "streda", "ctvrtek",
	"nedele", "leden", "ledna", "unor", "unora", "brezen",
	"brezna", "duben", "dubna", "kveten", "kvetna", "cerven", "cervna",
	"cervenec", "cervence", "srpen", "srpna", "zari", "rijen", "rijna",
	"prosinec", "prosince",
	/* Russian (folded Cyrillic) */
	"ponedelnik", "vtornik", "sreda", "chetverg", "pyatnitsa", "subbota",
	"voskresene", "voskresenye", "yanvar", "yanvarya", "fevral",
	"fevralya", "mart", "aprel", "aprelya", "iyun",
	"iyunya", "iyul", "iyulya", "avgust", "avgusta", "sentyabr",
	"sentyabrya", "oktyabr", "oktyabrya", "noyabr", "noyabrya", "dekabr",
	"dekabrya",
	/* units and other non-name tokens of technical text */
	"kb", "kib", "mb", "mib", "gb", "gib", "tb", "tib", "kbit", "mbit",
	"hz", "khz", "mhz", "ghz", "km", "kg", "mm", "cm", "ms", "usd",
	"eur", "utc", "gmt", "cet", "cest", "est", "pst", "am", "pm",
};
/* clang-format on */

static const char *g_nn[N_(g_nonname)]; /* sorted copy, no allocation */
static pthread_once_t g_nn_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void build_nonname(void)
{
	memcpy(g_nn, g_nonname, sizeof(g_nn));
	qsort(g_nn, N_(g_nn), sizeof(g_nn[0]), cmp_str);
}

static int nonname_sorted(const char *w)
{
	pthread_once(&g_nn_once, build_nonname);
	return bsearch(&w, g_nn, N_(g_nn), sizeof(g_nn[0]), cmp_str) != NULL;
}

/* Both by the short- and long-word tables (build_short): a hash and a
 * probe, where the binary searches took ~10 strcmp calls a word (the
 * span policy asks not_name() of every word of every listed name it
 * compares: 1.3 million searches per MB of English prose). Words of no
 * list and of more than 255 bytes are not in the tables: the searches. */
int kd__lex_class_sorted(const char *w)
{
	return lex_class_sorted(w);
}

int kd__lex_nonname_sorted(const char *w)
{
	return nonname_sorted(w);
}

int kd__lex_nonname(const char *w)
{
	int nn;
	size_t n = strlen(w);
	if (n == 0 || n > 255)
		return nonname_sorted(w);
	kd__lex_class_n(w, n, &nn);
	return nn;
}

int kd__lex_class(const char *w)
{
	size_t n = strlen(w);
	if (n == 0 || n > 255)
		return lex_class_sorted(w);
	return kd__lex_class_n(w, n, NULL);
}

/* The short-word table: every entry of the lexicon and of the non-name
 * words of up to 8 bytes, with the class the maps give it; the longer
 * ones go to the long-word table. */
static void build_short(void)
{
	static const char *const *const lists[] = { g_particle, g_stop,
						    g_common, g_place,
						    g_nonname };
	static const size_t lens[] = {
		sizeof(g_particle) / sizeof(g_particle[0]),
		sizeof(g_stop) / sizeof(g_stop[0]),
		sizeof(g_common) / sizeof(g_common[0]),
		sizeof(g_place) / sizeof(g_place[0]),
		sizeof(g_nonname) / sizeof(g_nonname[0]),
	};
	size_t l, i;
	for (l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (i = 0; i < lens[l]; i++) {
			const char *w = lists[l][i];
			int val = lex_class_sorted(w) |
				  (nonname_sorted(w) ? 16 : 0);
			short_put(w, val);
			long_put(w, val);
		}
	__atomic_store_n(&g_short_ready, 1, __ATOMIC_RELEASE);
}

/* ---- country names ---------------------------------------------------------- */

/* The words of the names of countries and territories in the scanned
 * languages, from ICU's locale data (uloc_getDisplayCountry: "Bosnia &
 * Herzegovina", "Bosnien und Herzegowina", "Босния и Герцеговина"),
 * and of the UN M.49 regions (Southeast Asia, Lateinamerika), folded as
 * the scanner folds them, of 4 letters or more. A span made
 * only of these and joining words is a place, not a name. Names of
 * territories with "Saint", "Island" or "Isle" are left out (Saint
 * Martin, Heard & McDonald Islands: their words are given names and
 * surnames). Built once; an ICU failure leaves the set empty. */
static char **g_cw;
static size_t g_ncw;
static pthread_once_t g_cw_once = PTHREAD_ONCE_INIT;
static uint32_t *g_cwset; /* g_cw index + 1 by hash; 0: empty */
static size_t g_cwcap;

static int cmp_cw(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void cw_add(const char *f, size_t n, size_t *cap)
{
	size_t i = 0, j;
	char **nw, p[520];
	/* the short words as words: " st " (St. Lucia), not the end of
	 * "Southeast Asia" or "East Timor"; " ile " (Île), not "Chile " */
	snprintf(p, sizeof(p), " %s ", f);
	if (strstr(f, "saint") || strstr(f, "island") || strstr(f, "isle") ||
	    strstr(f, "svyat") || strstr(f, "ostrov") || strstr(f, "insel") ||
	    strstr(f, "isla") || strstr(f, "isol") || strstr(p, " san ") ||
	    strstr(f, "sankt") || strstr(p, " st ") || strstr(p, " st.") ||
	    strstr(f, "svat") || strstr(f, "sveti") || strstr(f, "sint") ||
	    strstr(p, " sen ") || strstr(f, "iles") || strstr(p, " ile ") ||
	    strstr(f, "wysp"))
		return;
	while (i < n) {
		while (i < n && !kd__scan_alnum((unsigned char)f[i]))
			i++;
		for (j = i; j < n && kd__scan_alnum((unsigned char)f[j]); j++)
			;
		if (j - i >= 4 && j - i <= 32) {
			if (g_ncw == *cap) {
				*cap = *cap ? 2 * *cap : 1024;
				nw = realloc(g_cw, *cap * sizeof(*g_cw));
				if (nw == NULL)
					return;
				g_cw = nw;
			}
			if ((g_cw[g_ncw] = malloc(j - i + 1)) == NULL)
				return;
			memcpy(g_cw[g_ncw], f + i, j - i);
			g_cw[g_ncw++][j - i] = '\0';
		}
		i = j;
	}
}

/* The words of the display names of region `code` ("DE", "035") in
 * the scanned languages. */
static void cw_code(const char *code, size_t *cap)
{
	static const char *const langs[] = { "en", "de", "fr", "es",
					     "it", "pl", "ru", "cs" };
	char loc[8];
	size_t l;
	snprintf(loc, sizeof(loc), "_%s", code);
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		UChar u[128];
		char s[512], *f = NULL;
		int32_t un, sn;
		size_t fl = 0;
		UErrorCode e = U_ZERO_ERROR;
		un = uloc_getDisplayCountry(loc, langs[l], u, 128, &e);
		if (U_FAILURE(e) || e == U_USING_DEFAULT_WARNING)
			continue;
		u_strToUTF8(s, sizeof(s), &sn, u, un, &e);
		if (U_FAILURE(e) || sn >= (int32_t)sizeof(s))
			continue;
		if (kd__text_fold(&f, &fl, NULL, s, (size_t)sn) < 0)
			continue;
		cw_add(f, fl, cap);
		kd__free(f);
	}
}

static void cw_build(void)
{
	/* UN M.49 regions ICU names too: Southeast Asia, Sub-Saharan
	 * Africa, Latin America, Western Europe, Südostasien... */
	static const char *const regions[] = {
		"001", "002", "005", "009", "011", "013", "014", "015",
		"017", "018", "019", "021", "029", "030", "034", "035",
		"039", "053", "054", "057", "061", "142", "143", "145",
		"150", "151", "154", "155", "202", "419", "EU",  "UN",
	};
	const char *const *cc = uloc_getISOCountries();
	size_t cap = 0, o = 0, i;
	for (; cc && *cc; cc++)
		cw_code(*cc, &cap);
	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		cw_code(regions[i], &cap);
	if (g_ncw == 0)
		return;
	qsort(g_cw, g_ncw, sizeof(*g_cw), cmp_cw);
	for (i = 0; i < g_ncw; i++) /* unique */
		if (o == 0 || strcmp(g_cw[o - 1], g_cw[i]) != 0)
			g_cw[o++] = g_cw[i];
		else
			free(g_cw[i]);
	g_ncw = o;
	/* an open-addressing set over g_cw: the scanner asks for every
	 * capitalised word of a span, and a binary search of ~2,000
	 * strings was 3-5% of a prose scan (without it: the search) */
	for (g_cwcap = 1; g_cwcap < 2 * g_ncw; g_cwcap *= 2)
		;
	g_cwset = calloc(g_cwcap, sizeof(*g_cwset));
	for (i = 0; g_cwset && i < g_ncw; i++) {
		size_t k = (size_t)XXH3_64bits(g_cw[i], strlen(g_cw[i]));
		while (g_cwset[k & (g_cwcap - 1)])
			k++;
		g_cwset[k & (g_cwcap - 1)] = (uint32_t)i + 1;
	}
}

int kd__lex_country(const char *w)
{
	size_t k;
	pthread_once(&g_cw_once, cw_build);
	if (g_ncw == 0)
		return 0;
	if (g_cwset == NULL)
		return bsearch(&w, g_cw, g_ncw, sizeof(*g_cw), cmp_cw) != NULL;
	for (k = (size_t)XXH3_64bits(w, strlen(w)); g_cwset[k & (g_cwcap - 1)];
	     k++)
		if (strcmp(g_cw[g_cwset[k & (g_cwcap - 1)] - 1], w) == 0)
			return 1;
	return 0;
}
