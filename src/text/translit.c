/*
 * translit.c - romanisation of one script run, with the conventions that
 * matter for sanctions lists as numbered options (option 0 = default):
 *
 *   script     options (ICU transliterator id, then ASCII folding mode)
 *   ---------  -------------------------------------------------------------
 *   Latin      0 strip diacritics; 1 phonetic (š->sh, ü->ue) if it differs
 *   Cyrillic   Russian text:   0 Russian-Latin/BGN     1 Cyrillic-Latin+ISO9
 *              Ukrainian (і ї є ґ): 0 Ukrainian-Latin/BGN 1 Russian BGN 2 ISO9
 *              Belarusian (ў): 0 Belarusian-Latin/BGN  1 Russian BGN (ў as в)
 *                                 2 ISO9
 *   Greek      0 Greek-Latin/UNGEGN (ELOT 743, passports)  1 Greek-Latin/BGN
 *              2 a foreign name: UNGEGN with γκ g, ντ d, μπ b, τζ j
 *                "sergei", compared by sound
 *   Han        Han-Latin/Names per character (pinyin, tones stripped):
 *              0 "xi jin ping"  1 "xi jinping" (given name joined)
 *              2 a foreign name (parts split by a name dot): each part
 *                one reading "sielgai lafuluofu", compared by sound
 *   Hangul     own tables, see hangul.c: 0 DPRK "kim jong un"
 *              1 McCune-Reischauer "kim chong un"  2 RR "gim jeong eun"
 *   Arabic     own letter table + lexicon, see arabic.c:
 *              0 scholarly "muhammad husayn"  1 popular "mohammed hussein"
 *              2 consonant frame "syrgy lfrwf" (a foreign name, by sound)
 *   Hebrew     own letter table, see hebrew.c: 0 "wwsyngtwn"
 *   Khmer      own letter table, see khmer.c: 0 "sege lavruv"
 *              1 a foreign name, a spoken final e "segey lavruv"
 *   Tibetan    own letter table, see tibetan.c: 0 "sergey labarof"
 *   Sinhala    own letter table, see sinhala.c: 0 "sarji lavrov"
 *   Lao        as its Thai twin letters, Any-Latin: 0 "seike lawrob"
 *              1 a foreign name, k (ກ) read g, a spoken final e:
 *                "seigey lawrob"
 *   Thai       0 Any-Latin  1 a foreign name, k (ก) read g, a spoken
 *              final e
 *   Myanmar    own tables, see myanmar.c: 0 popular "min aung hlaing"
 *              1 a foreign name, a reading per word "bladima putang"
 *                (a spoken final e: "sagey")
 *   Ethiopic   0 Any-Latin  1 a foreign name, a spoken final e "saregey"
 *   other      0 Any-Latin
 *
 * Why BGN first for Cyrillic: OFAC, UN and EU lists romanise Russian
 * names with BGN/PCGN (Sergey Viktorovich Lavrov). ICU's Cyrillic-Latin
 * is ISO 9 (Ušakov, Ûrij); folded with the ISO9 mode of normalize.c it
 * becomes the German/scholarly spelling ("jurij ushakov"), which is what
 * European sources and passports from the 1990s use. Ukrainian and
 * Belarusian BGN are chained with Russian BGN and Cyrillic-Latin so a
 * letter they do not cover (ё, ъ, Serbian ђ) is still romanised.
 *
 * ICU transliterators are not thread-safe: each thread clones its own
 * from a process-wide prototype, lazily, into a per-thread cache that a
 * pthread key destructor closes when the thread exits. The main
 * thread's cache stays reachable from thread-local storage until exit
 * (LeakSanitizer counts it as reachable).
 * A transliterator that fails to open (ICU data without that id) is
 * remembered as failed and replaced by Any-Latin.
 */
#include "text/text_int.h"
#include "util/util.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

enum tid {
	T_RU,
	T_CYR,
	T_UK,
	T_BE,
	T_GR_UN,
	T_GR_BGN,
	T_HAN_NAMES,
	T_HAN,
	T_ANY,
	T_COUNT
};

static const UChar *const g_ids[T_COUNT] = {
	u"Russian-Latin/BGN;Cyrillic-Latin",
	u"Cyrillic-Latin",
	u"Ukrainian-Latin/BGN;Russian-Latin/BGN;Cyrillic-Latin",
	u"Belarusian-Latin/BGN;Russian-Latin/BGN;Cyrillic-Latin",
	u"Greek-Latin/UNGEGN",
	u"Greek-Latin/BGN",
	u"Han-Latin/Names",
	u"Han-Latin",
	u"Any-Latin",
};

/* ---- per-thread transliterator cache ------------------------------------------- */

#define CACHE_SLOTS 1024 /* power of two */
#define CK_MAX      24   /* UTF-16 units of a cached word */
#define CV_MAX      78   /* ASCII bytes of a cached result */

struct centry {
	uint8_t tid, mode, klen, vlen; /* klen 0: empty slot */
	UChar key[CK_MAX];
	char val[CV_MAX];
};

struct tcache {
	UTransliterator *t[T_COUNT];
	bool failed[T_COUNT];
	struct centry *memo; /* CACHE_SLOTS entries, allocated on first use */
};

static pthread_key_t g_key;
static bool g_key_ok;
static pthread_once_t g_key_once = PTHREAD_ONCE_INIT;
static _Thread_local struct tcache *t_cache;

static void tcache_free(void *p)
{
	struct tcache *c = p;
	int i;
	if (c == NULL)
		return;
	for (i = 0; i < T_COUNT; i++)
		if (c->t[i] != NULL)
			utrans_close(c->t[i]);
	kd__free(c->memo);
	if (c == t_cache)
		t_cache = NULL;
	kd__free(c);
}

static void key_init(void)
{
	g_key_ok = pthread_key_create(&g_key, tcache_free) == 0;
}

/* One process-wide prototype per id, opened on first use and kept to
 * exit (reachable): each thread clones it. Opening goes through ICU's
 * registry (id parsing, locale lookups: about 8 M instructions for the
 * ids a thread uses); a clone shares the registry's rule data. The
 * prototype is only cloned, under the lock, never used to transliterate. */
static UTransliterator *g_proto[T_COUNT];
static bool g_proto_failed[T_COUNT];
static pthread_mutex_t g_proto_lock = PTHREAD_MUTEX_INITIALIZER;

static UTransliterator *trans_clone(enum tid id, UErrorCode *st)
{
	UTransliterator *t = NULL;
	pthread_mutex_lock(&g_proto_lock);
	if (g_proto[id] == NULL && !g_proto_failed[id]) {
		UErrorCode ps = U_ZERO_ERROR;
		g_proto[id] = utrans_openU(g_ids[id], -1, UTRANS_FORWARD, NULL,
					   0, NULL, &ps);
		if (U_FAILURE(ps) || g_proto[id] == NULL) {
			g_proto[id] = NULL;
			g_proto_failed[id] = true;
		}
	}
	if (g_proto[id] != NULL)
		t = utrans_clone(g_proto[id], st);
	else
		*st = U_INVALID_ID;
	pthread_mutex_unlock(&g_proto_lock);
	return t;
}

/* @return 0 with *out (NULL when the id cannot be opened) or KD_ENOMEM. */
static int get_trans(UTransliterator **out, enum tid id)
{
	UErrorCode st = U_ZERO_ERROR;
	*out = NULL;
	if (t_cache == NULL) {
		t_cache = kd__calloc(1, sizeof(*t_cache));
		if (t_cache == NULL)
			return KD_ENOMEM;
		pthread_once(&g_key_once, key_init);
		if (g_key_ok)
			(void)pthread_setspecific(g_key, t_cache);
	}
	if (t_cache->t[id] == NULL && !t_cache->failed[id]) {
		t_cache->t[id] = trans_clone(id, &st);
		if (U_FAILURE(st) || t_cache->t[id] == NULL) {
			t_cache->t[id] = NULL;
			t_cache->failed[id] = true;
		}
	}
	if (t_cache->t[id] == NULL && id != T_ANY)
		return get_trans(out, T_ANY);
	*out = t_cache->t[id];
	return 0;
}

/* ---- ICU application -------------------------------------------------------------- */

/* Transliterate u[0..n) with `id`, NFC the result (ICU may emit
 * combining sequences: "u" + U+0302 for û) and fold it to ASCII. */
/* Brahmic scripts of India and Bangladesh (Devanagari to Malayalam),
 * whose consonants carry an inherent vowel. */
static bool indic(UChar c)
{
	return c >= 0x0900 && c <= 0x0D7F;
}

/* A vowel of ICU's Indic romanisation (ISO 15919: a ā i ī u ū e ē o ō,
 * vocalic r̥ l̥ as their letters with marks) after NFC. */
static bool iso_vowel(UChar c)
{
	switch (c) {
	case 'a':
	case 'e':
	case 'i':
	case 'o':
	case 'u':
	case 0x0101: /* ā */
	case 0x012B: /* ī */
	case 0x016B: /* ū */
	case 0x0113: /* ē */
	case 0x014D: /* ō */
		return true;
	default:
		return false;
	}
}

/* Length of the consonant written by the letters ending at p[i] (an
 * aspirate kh, bh, ... is one): 0 when p[i] is no consonant letter. */
static int32_t cons_back(const UChar *p, int32_t i)
{
	if (i < 0 || iso_vowel(p[i]) || !u_isalpha(p[i]))
		return 0;
	return i >= 1 && p[i] == 'h' && !iso_vowel(p[i - 1]) &&
			       u_isalpha(p[i - 1])
		       ? 2
		       : 1;
}

static int32_t cons_fwd(const UChar *p, int32_t i, int32_t n)
{
	if (i >= n || iso_vowel(p[i]) || !u_isalpha(p[i]))
		return 0;
	return i + 1 < n && p[i + 1] == 'h' ? 2 : 1;
}

/*
 * Schwa deletion on ICU's reading of an Indic word: ICU writes every
 * inherent vowel ("लव्रोव" -> lavrova, "লাভরভ" -> lābharabha, "राम" ->
 * rāma), which Hindi and Bengali do not pronounce at the end of a word
 * after a single consonant (but after a cluster: Narendra), nor between
 * two single consonants that have vowels on their other sides (V C a C
 * V, Ohala's rule, applied from the right). The inherent vowel
 * is the plain "a" (a written one has a mark: ā). Lavrov, Putin, Ram and
 * Kamala Harris then read labhrabh, putin, ram, kamala hairis.
 */
static int32_t schwa_delete(UChar *p, int32_t n)
{
	int32_t s = 0, e, i, k;
	while (s < n) {
		while (s < n && !u_isalpha(p[s]))
			s++;
		for (e = s; e < n && (u_isalpha(p[e]) || p[e] == '\''); e++)
			;
		/* final: after one consonant that follows a vowel (not
		 * after a cluster: Narendra, Chandra keep it) */
		if (e - s >= 3 && p[e - 1] == 'a' &&
		    (k = cons_back(p, e - 2)) > 0 && e - 2 - k >= s &&
		    iso_vowel(p[e - 2 - k])) {
			memmove(p + e - 1, p + e, (size_t)(n - e) * sizeof(*p));
			n--;
			e--;
		}
		for (i = e - 2; i > s; i--) {
			int32_t cb, cf;
			if (p[i] != 'a')
				continue;
			cb = cons_back(p, i - 1);
			cf = cons_fwd(p, i + 1, e);
			if (cb == 0 || cf == 0 || i - cb - 1 < s ||
			    !iso_vowel(p[i - cb - 1]) || i + cf + 1 >= e ||
			    !iso_vowel(p[i + cf + 1]))
				continue;
			memmove(p + i, p + i + 1,
				(size_t)(n - i - 1) * sizeof(*p));
			n--;
			e--;
		}
		s = e;
	}
	return n;
}

static int icu_raw(struct kd_abuf *b, enum tid id, const UChar *u, int32_t n,
		   enum kd_lmode mode, size_t off)
{
	UTransliterator *t;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	UChar *buf = NULL, *nb = NULL;
	int32_t cap, len, lim, j = 0;
	int err = 0;

	KD_FORWARD(get_trans(&t, id));
	if (t == NULL || n <= 0) {
		kd__abuf_putc(b, ' ', off);
		return 0;
	}
	cap = n > (INT32_MAX - 64) / 8 ? INT32_MAX / 2 : n * 8 + 64;
	for (;;) {
		buf = kd__malloc((size_t)cap * sizeof(*buf));
		KD_CHECK_ALLOC(buf);
		memcpy(buf, u, (size_t)n * sizeof(*u));
		len = n;
		lim = n;
		st = U_ZERO_ERROR;
		utrans_transUChars(t, buf, &len, cap, 0, &lim, &st);
		if (st != U_BUFFER_OVERFLOW_ERROR && len < cap)
			break;
		kd__free(buf);
		buf = NULL;
		if (len >= INT32_MAX / 2 || len < cap)
			goto done; /* absurd growth: drop the run */
		cap = len + 1;
	}
	if (U_FAILURE(st))
		goto done;
	st = U_ZERO_ERROR;
	nfc = unorm2_getNFCInstance(&st);
	if (U_SUCCESS(st) && nfc != NULL) {
		int32_t m;
		nb = kd__malloc((size_t)cap * sizeof(*nb));
		KD_CHECK_ALLOC(nb);
		m = unorm2_normalize(nfc, buf, len, nb, cap, &st);
		if (U_SUCCESS(st)) { /* NFC never lengthens beyond cap here */
			kd__free(buf);
			buf = nb;
			nb = NULL;
			len = m;
		}
	}
	if (id == T_ANY && n > 0 && indic(u[0]))
		len = schwa_delete(buf, len);
	while (j < len) {
		UChar32 c;
		U16_NEXT(buf, j, len, c);
		kd__latin_fold(b, c, mode, off);
	}
done:
	kd__free(buf);
	kd__free(nb);
	return err;
}

static uint32_t memo_hash(enum tid id, enum kd_lmode mode, const UChar *u,
			  int32_t n)
{
	uint32_t h = 2166136261u ^ (uint32_t)id ^ ((uint32_t)mode << 8);
	int32_t i;
	for (i = 0; i < n; i++)
		h = (h ^ u[i]) * 16777619u;
	return h;
}

/*
 * One word through ICU, memoised per thread: ICU's rule-based
 * transliterators cost 4-70 us per call, and names repeat their words
 * (Sergey, Viktorovich, Aleksandrovich; the few thousand Han characters),
 * so a direct-mapped cache of 1024 words makes loading a list with many
 * non-Latin names several times faster. Long words bypass it.
 */
/*
 * Any-Latin on one word of a script without a romaniser of its own: the
 * reading is one word, so the spaces ICU puts between the syllables of
 * Thai, Lao or Khmer words go ("ลาฟรอฟ" -> "la f rxf" -> "lafrxf"); and
 * in Thai, whose ICU romanisation is ISO 11940, the vowel carrier อ
 * written "x" reads "o" as names are romanised (lafrof, Lavrov).
 */
static bool vowel_letter(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static void any_word_fixup(struct kd_abuf *t, UChar first)
{
	size_t i, o = 0;
	bool thai = first >= 0x0E00 && first <= 0x0E7F;
	for (i = 0; i < t->len; i++) {
		char c = t->p[i];
		if (c == ' ')
			continue;
		/* Kana: a small vowel that makes a syllable with the kana
		 * before it is written "~" after that kana's own vowel
		 * (ヴィ "vu~i", ツァ "tsu~a", デュ "de~yu"): the vowel goes
		 * (vi, tsa, dyu); a lone ウ or イ before it is the glide w or
		 * y (ウィ wi, イェ ye) */
		if (c == '~') {
			if (o > 0 && vowel_letter(t->p[o - 1])) {
				bool alone = o == 1 ||
					     vowel_letter(t->p[o - 2]);
				char v = t->p[o - 1];
				if (alone && (v == 'u' || v == 'i'))
					t->p[o - 1] = v == 'u' ? 'w' : 'y';
				else
					o--;
			}
			continue;
		}
		t->p[o++] = thai && c == 'x' ? 'o' : c;
	}
	t->len = o;
}

static int icu_word(struct kd_abuf *b, enum tid id, const UChar *u, int32_t n,
		    enum kd_lmode mode, size_t off)
{
	struct kd_abuf t = { NULL, NULL, 0, 0, false, 0 };
	struct centry *e = NULL;
	int err = 0;

	if (t_cache != NULL && n <= CK_MAX) {
		if (t_cache->memo == NULL)
			t_cache->memo = kd__calloc(CACHE_SLOTS, sizeof(*e));
		if (t_cache->memo != NULL) {
			e = &t_cache->memo[memo_hash(id, mode, u, n) &
					   (CACHE_SLOTS - 1)];
			if (e->klen == n && e->tid == id && e->mode == mode &&
			    memcmp(e->key, u, (size_t)n * sizeof(*u)) == 0) {
				kd__abuf_put(b, e->val, e->vlen, off);
				return 0;
			}
		}
	}
	KD_FORWARD(icu_raw(&t, id, u, n, mode, off));
	if (t.err) {
		err = KD_ENOMEM;
		goto done;
	}
	if (id == T_ANY)
		any_word_fixup(&t, u[0]);
	kd__abuf_put(b, t.p, t.len, off);
	if (e != NULL && t.len <= CV_MAX && n > 0) {
		e->tid = (uint8_t)id;
		e->mode = (uint8_t)mode;
		e->klen = (uint8_t)n;
		e->vlen = (uint8_t)t.len;
		memcpy(e->key, u, (size_t)n * sizeof(*u));
		if (t.len > 0)
			memcpy(e->val, t.p, t.len);
	}
done:
	kd__abuf_free(&t);
	return err;
}

/* Letters, marks and apostrophes make up a word (Ukrainian writes an
 * apostrophe inside words: Мар'яна). */
static bool word_char(UChar32 c)
{
	int8_t t;
	if (c == '\'' || c == 0x2019 || c == 0x02BC)
		return true;
	if (u_isalpha(c))
		return true;
	t = u_charType(c);
	return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	       t == U_ENCLOSING_MARK || t == U_FORMAT_CHAR;
}

/* A run word by word (transliteration rules are word-local: BGN's
 * word-initial е -> ye), separators folded directly. */
static int icu_apply(struct kd_abuf *b, enum tid id, const UChar *u, int32_t n,
		     enum kd_lmode mode, size_t off)
{
	UTransliterator *t;
	int32_t i = 0;
	int err = 0;
	if (get_trans(&t, id) < 0)
		return KD_ENOMEM; /* also creates t_cache for icu_word */
	while (i < n && !err) {
		int32_t s0 = i;
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (!word_char(c)) {
			kd__latin_fold(b, c, mode, off);
			continue;
		}
		while (i < n) {
			int32_t k = i;
			U16_NEXT(u, k, n, c);
			if (!word_char(c))
				break;
			i = k;
		}
		err = icu_word(b, id, u + s0, i - s0, mode, off);
	}
	return err;
}

/* ---- Han --------------------------------------------------------------------------- */

static bool is_han(UChar32 c)
{
	return kd__script_of(c) == KD_SCRIPT_HAN;
}

/* Longest run of consecutive Han characters in u[0..n). */
static int32_t han_longest(const UChar *u, int32_t n)
{
	int32_t i = 0, cur = 0, best = 0;
	while (i < n) {
		UChar32 c;
		U16_NEXT(u, i, n, c);
		cur = is_han(c) ? cur + 1 : 0;
		if (cur > best)
			best = cur;
	}
	return best;
}

/*
 * One Han word (consecutive Han characters), character by character so
 * each syllable is a token (Han-Latin joins words it knows: 毛泽东 ->
 * "máo zédōng"): the first character with Han-Latin/Names, which knows
 * surname readings (曾 zeng, 单 shan, 解 xie), the others with Han-Latin.
 * Option 1 joins the given name: 习近平 -> "xi jinping", the usual Latin
 * spelling of Chinese names.
 */
static int han_word(struct kd_abuf *b, int opt, const UChar *u, int32_t n,
		    size_t off)
{
	int32_t i = 0, nch = 0, total = u_countChar32(u, n);
	int err = 0;

	if (b->len > 0 && b->p[b->len - 1] != ' ')
		kd__abuf_putc(b, ' ', off);
	while (i < n && !err) {
		int32_t s0 = i;
		UChar32 c;
		U16_NEXT(u, i, n, c);
		(void)c;
		if (nch == 1 || (nch > 1 && !(opt == 1 && total >= 3)))
			kd__abuf_putc(b, ' ', off);
		err = icu_word(b, nch == 0 ? T_HAN_NAMES : T_HAN, u + s0,
			       i - s0, KD_LM_STRIP, off);
		nch++;
	}
	kd__abuf_putc(b, ' ', off);
	return err;
}

/* The middle dot Chinese and Japanese write between the parts of a
 * foreign name (谢尔盖·拉夫罗夫, and its look-alikes). */
static bool name_dot(UChar32 c)
{
	return c == 0x00B7 || c == 0x30FB || c == 0x2027 || c == 0x2022 ||
	       c == 0xFF65;
}

static bool han_foreign(const UChar *u, int32_t n)
{
	int32_t i;
	for (i = 1; i + 1 < n; i++)
		if (name_dot(u[i]) && is_han(u[i - 1]) && is_han(u[i + 1]))
			return true;
	return false;
}

/* Pinyin initials that spell other sounds than in the Latin names a
 * transcription renders: x s (谢尔盖 Xie'ergai = Sergei), q ch, c ts,
 * zh j; and the syllable er (尔 爾 儿), which transcribes a consonant r
 * or l, read l. The syllable p[start..len) is rewritten in place. */
static void pinyin_sounds(struct kd_abuf *b, size_t start, size_t off)
{
	char syl[16];
	const char *ini = NULL;
	size_t n = b->len - start, skip = 1;
	if (n == 0 || n >= sizeof(syl) - 2)
		return;
	memcpy(syl, b->p + start, n);
	if (n == 2 && syl[0] == 'e' && syl[1] == 'r') {
		/* a final or pre-consonant r or l (Michael 迈克尔, Carl
		 * 卡尔): the consonant, not a vowel */
		b->len = start;
		kd__abuf_put(b, "l", 1, off);
		return;
	}
	if (syl[0] == 'x')
		ini = "s";
	else if (syl[0] == 'q')
		ini = "ch";
	else if (syl[0] == 'c' && (n < 2 || syl[1] != 'h'))
		ini = "ts";
	else if (syl[0] == 'z' && n >= 2 && syl[1] == 'h') {
		ini = "j";
		skip = 2;
	}
	if (ini == NULL)
		return;
	b->len = start;
	kd__abuf_put(b, ini, strlen(ini), off);
	kd__abuf_put(b, syl + skip, n - skip, off);
}

/* The fitted value of a transcription character (han_foreign.c: 斯 s,
 * 尼 ni, 夫 v, 拉 ra) is its reading in option KD_HAN_OPT_VALUES when it
 * begins like its pinyin (a vowel, or consonants of one sound class:
 * kd__phonetic): a value that says another sound (思 "th", from Keith
 * and Smith; 谢 "sch" from German) is one language's convention, and the
 * pinyin stays. */
static bool value_agrees(const char *v, const char *py, size_t n)
{
	char kv[8], kp[8];
	bool vv = strchr("aeiouy", v[0]) != NULL;
	bool pv = n > 0 && strchr("aeiouy", py[0]) != NULL;
	if (n > 0 && kd__han_value_palatal(v, py, n))
		return true;
	if (n == 0 || vv != pv)
		return false;
	if (vv)
		return true;
	kd__phonetic(kv, sizeof(kv), v, 1);
	kd__phonetic(kp, sizeof(kp), py, 1);
	return kv[0] == kp[0];
}

/* At the end of a Han word, an English -er its transcription leaves
 * unwritten (洛克 Locker: han_foreign.c) after the value v just read. */
static void han_unwritten_er(struct kd_abuf *b, const UChar *u, int32_t i,
			     int32_t n, const char *v, size_t off)
{
	UChar32 c = 0;
	const char *er;
	if (i < n)
		U16_GET(u, 0, i, n, c);
	er = i == n || !is_han(c) ? kd__han_unwritten_er(v) : NULL;
	if (er != NULL)
		kd__abuf_put(b, er, strlen(er), off);
}

/* Option KD_HAN_OPT_WORDS: a foreign name in Han characters (a name dot
 * between its parts) is a transcription, not Chinese syllables: each
 * part is one reading, its syllables joined and their initials spelt as
 * they sound (谢尔盖 "sielgai"), that the matcher compares by sound with
 * the learnt Han table (phonetic.c). */
static int han_reading(struct kd_abuf *b, const UChar *u, int32_t n, int opt,
		       size_t off)
{
	const char *v;
	int32_t i = 0;
	int err = 0;
	while (i < n && !err) {
		int32_t s0 = i;
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (is_han(c)) {
			size_t start = b->len;
			err = icu_word(b, T_HAN, u + s0, i - s0, KD_LM_STRIP,
				       off);
			if (err == 0 && !b->err)
				pinyin_sounds(b, start, off);
			v = opt >= KD_HAN_OPT_VALUES ? kd__han_value(c) : NULL;
			if (v != NULL && !b->err &&
			    value_agrees(v, b->p + start, b->len - start)) {
				b->len = start;
				kd__abuf_put(b, v, strlen(v), off);
				if (opt == KD_HAN_OPT_ER)
					han_unwritten_er(b, u, i, n, v, off);
			}
		} else
			kd__latin_fold(b, name_dot(c) ? ' ' : c, KD_LM_STRIP,
				       off);
	}
	return err;
}

static int han_run(struct kd_abuf *b, int opt, const UChar *u, int32_t n,
		   size_t off)
{
	int32_t i = 0;
	int err = 0;
	if (opt >= KD_HAN_OPT_WORDS)
		return han_reading(b, u, n, opt, off);
	while (i < n && !err) {
		int32_t s = i;
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (!is_han(c)) {
			kd__latin_fold(b, c, KD_LM_STRIP, off);
			continue;
		}
		while (i < n) {
			int32_t k = i;
			U16_NEXT(u, k, n, c);
			if (!is_han(c))
				break;
			i = k;
		}
		err = han_word(b, opt, u + s, i - s, off);
	}
	return err;
}

/* ---- dispatch ---------------------------------------------------------------------- */

/* 0 Russian, 1 Ukrainian, 2 Belarusian, from the letters only these
 * alphabets have. */
static int cyr_lang(const UChar *u, int32_t n)
{
	int32_t i;
	int lang = 0;
	for (i = 0; i < n; i++) {
		if (u[i] == 0x045E)
			return 2;
		if (u[i] == 0x0456 || u[i] == 0x0457 || u[i] == 0x0454 ||
		    u[i] == 0x0491)
			lang = 1;
	}
	return lang;
}

/* Does word w[0..n) (lowercase Cyrillic) end as Slavic names do: -ов,
 * -ев, -ин, -ова, -ский, -ич, -вна, -енко, -юк, -ий ...? */
static bool slavic_end(const UChar *w, int32_t n)
{
	static const UChar *const e[] = {
		u"ов",   u"ев",   u"ёв",   u"ин",  u"ын",   u"ова",
		u"ева",  u"ёва",  u"ина",  u"ына", u"ский", u"ская",
		u"цкий", u"цкая", u"ской", u"ич",  u"вна",  u"чна",
		u"енко", u"юк",   u"ук",   u"як",  u"ска",  u"ски",
		u"ых",   u"их",   u"ий",   u"ый",  u"ая",   u"ько",
	};
	size_t k;
	for (k = 0; k < sizeof(e) / sizeof(e[0]); k++) {
		int32_t m = (int32_t)u_strlen(e[k]);
		if (n > m + 1 && u_memcmp(w + n - m, e[k], m) == 0)
			return true;
	}
	return false;
}

/*
 * Is the Cyrillic run u[0..n) a foreign name written in Russian letters
 * (Рэнсом, Джуд, Карлин)? Letters of the Russian alphabet only (not
 * Serbian, Macedonian, Kazakh ...), and no word ending as Slavic names
 * do (Лавров, Петрова, Луценко, Юрий): a Russian or Ukrainian name has
 * its spellings on the lists and is not read by sound.
 */
static bool cyr_foreign(const UChar *u, int32_t n)
{
	int32_t i = 0, s = -1;
	for (i = 0; i <= n; i++) {
		UChar c = i < n ? u[i] : 0x20;
		bool ru = (c >= 0x0430 && c <= 0x044F) || c == 0x0451;
		if (ru) {
			if (s < 0)
				s = i;
			continue;
		}
		if (u_isalpha(c))
			return false; /* another alphabet's letter */
		if (s >= 0 && slavic_end(u + s, i - s))
			return false;
		s = -1;
	}
	return true;
}

/* u[0..n) read by transliterator id after each letter is replaced by its
 * twin (one letter for one, so offsets hold): a script or a letter
 * that ICU does not read, spelt with those it does. */
static int icu_apply_twins(struct kd_abuf *b, enum tid id, const UChar *u,
			   int32_t n, UChar (*twin)(UChar), size_t off)
{
	UChar stack[128], *v = stack;
	int32_t i;
	int err;
	if (n > (int32_t)(sizeof(stack) / sizeof(stack[0])) &&
	    (v = kd__malloc((size_t)n * sizeof(*v))) == NULL)
		return KD_ENOMEM;
	for (i = 0; i < n; i++)
		v[i] = twin(u[i]);
	err = icu_apply(b, id, v, n, KD_LM_STRIP, off);
	if (v != stack)
		kd__free(v);
	return err;
}

/* Belarusian read as Russian (option 1): ў is the Russian в or л that
 * Belarusian turns into a glide after a vowel (Лаўроў = Лавров), so it
 * is read v here; Russian BGN then gives the spelling the lists use for
 * Belarusians under their Russian names (Сяргей Лаўроў -> Syargey
 * Lavrov). */
static UChar belarusian_twin(UChar c)
{
	return c == 0x045E ? 0x0432 : c == 0x040E ? 0x0412 : c;
}

/* Lao read as Thai: ICU has no Lao romaniser, and the Lao block was laid
 * out parallel to the Thai one (ກ U+0E81 = ก U+0E01), so Lao letters
 * become their Thai twins and Thai-Latin reads them: ລາວຣອບ -> ลาวรอบ
 * "lawrob". Lao ຊ is s (Thai ซ, not ช); the subscript ຼ is l, ຽ y; the
 * vowel ົ has no twin and becomes the silent mark ์. */
static bool is_lao(UChar c)
{
	return c >= 0x0E80 && c <= 0x0EFF;
}

static UChar lao_twin(UChar c)
{
	return !is_lao(c)    ? c
	       : c == 0x0EBB ? 0x0E4C
	       : c == 0x0E8A ? 0x0E0B
	       : c == 0x0EBC ? 0x0E25
	       : c == 0x0EBD ? 0x0E22
			     : (UChar)(c - 0x80);
}

/*
 * A foreign name in Greek, Thai or Lao (the last option of those runs):
 * these scripts have no letter for some sounds of a foreign name and
 * write them with a pair or a near letter, which their romanisation
 * then spells as the native sound:
 *   Greek  γκ g, ντ d, μπ b, τζ j (Σεργκέι Sergei, Ντόναλντ Donald,
 *          Μπους Bush, Τζον John), in UNGEGN's spelling nk/gk, nt, mp,
 *          tz; the reading is compared by sound (KD_TF_READ)
 *   Thai, Lao  ก ກ (k) for g: Lao ເຊີເກ "seike" is Sergei
 * so the pairs become the one sound. Native names keep option 0. The
 * bytes of b from start on are rewritten in place (only shortened).
 */
static void foreign_sounds(struct kd_abuf *b, size_t start, bool greek)
{
	size_t i, o = start;
	for (i = start; i < b->len; i++) {
		char c = b->p[i], nx = i + 1 < b->len ? b->p[i + 1] : 0;
		if (greek && ((c == 'n' || c == 'g') && nx == 'k')) {
			c = 'g';
			i++;
		} else if (greek && c == 'n' && nx == 't') {
			c = 'd';
			i++;
		} else if (greek && c == 'm' && nx == 'p') {
			c = 'b';
			i++;
		} else if (greek && c == 't' && nx == 'z') {
			c = 'j';
			i++;
		} else if (!greek && c == 'k' && nx != 'h') {
			c = 'g';
		}
		if (b->map != NULL)
			b->map[o] = b->map[i];
		b->p[o++] = c;
	}
	b->len = o;
}

static bool is_thai(UChar c)
{
	return c >= 0x0E01 && c <= 0x0E5B;
}

/*
 * Kana in a name: the doubling mark ッ before an affricate writes its t
 * once more (フィッツ "fittsu" Fitz, ガイッチ "gaitchi" Gajić), where the
 * name has the one sound ts, ch: the t goes. Names only (kd__text_fold
 * keeps ICU's spelling, which the scanner's own Kana folding mirrors).
 * The bytes of b from start on are rewritten in place (only shortened).
 */
static void kana_sokuon(struct kd_abuf *b, size_t start)
{
	size_t i, o = start;
	for (i = start; i < b->len; i++) {
		if (b->p[i] == 't' && i + 2 < b->len &&
		    ((b->p[i + 1] == 't' && b->p[i + 2] == 's') ||
		     (b->p[i + 1] == 'c' && b->p[i + 2] == 'h')))
			continue;
		if (b->map != NULL)
			b->map[o] = b->map[i];
		b->p[o++] = b->p[i];
	}
	b->len = o;
}

/* Ethiopic syllables (Amharic, Tigrinya): U+1200..U+139F. */
static bool is_ethiopic(UChar c)
{
	return c >= 0x1200 && c <= 0x139F;
}

static bool ascii_letter(char c)
{
	return c >= 'a' && c <= 'z';
}

/*
 * A foreign name read from a script that writes every vowel it speaks
 * (Thai, Lao, Khmer, Burmese, Tibetan, Ethiopic) ends in e where the
 * name ends in -ei, -ey, -ie or -e (ເຊີເກ "seige", សឺហ្គេ "sege",
 * ဆာဂေး "sage", ሰርጌ "sarege": Sergei): that e is spoken, while the matcher's sounds (phonetic.c)
 * read a final e after a consonant as the silent e of English and
 * French (Rose, Serge). Written "ey" here it is the vowel it is. The
 * bytes of b from start on are rewritten (each word-final e after a
 * consonant gains a y, mapped to the e's offset).
 */
static void spoken_final_e(struct kd_abuf *b, size_t start)
{
	char tmp[256];
	size_t tmap[256], n = b->len - start, i;
	if (n == 0 || n > sizeof(tmp) || b->err)
		return;
	memcpy(tmp, b->p + start, n);
	if (b->map != NULL)
		memcpy(tmap, b->map + start, n * sizeof(tmap[0]));
	b->len = start;
	for (i = 0; i < n; i++) {
		size_t off = b->map != NULL ? tmap[i] : 0;
		kd__abuf_putc(b, tmp[i], off);
		if (tmp[i] == 'e' && i > 0 && ascii_letter(tmp[i - 1]) &&
		    !vowel_letter(tmp[i - 1]) && tmp[i - 1] != 'y' &&
		    (i + 1 == n || !ascii_letter(tmp[i + 1])))
			kd__abuf_putc(b, 'y', off);
	}
}

int kd__translit_nopts(unsigned script, const UChar *u, int32_t n)
{
	int32_t i = 0;
	switch (script) {
	case KD_SCRIPT_LATIN:
		while (i < n) {
			UChar32 c;
			U16_NEXT(u, i, n, c);
			if (kd__latin_has_phon(c))
				return 2;
		}
		return 1;
	case KD_SCRIPT_CYRILLIC:
		if (cyr_lang(u, n) != 0)
			return 3;
		return cyr_foreign(u, n) ? KD_CYR_OPT_FOREIGN + 1 : 2;
	case KD_SCRIPT_GREEK:
		return KD_GREEK_OPT_FOREIGN + 1;
	case KD_SCRIPT_HAN:
		if (han_foreign(u, n) || kd__han_transcription(u, n))
			return kd__han_er_final(u, n) ? KD_HAN_OPT_ER + 1
						      : KD_HAN_OPT_VALUES + 1;
		return han_longest(u, n) >= 3 ? 2 : 1;
	case KD_SCRIPT_HANGUL:
		return kd__hangul_nopts(u, n);
	case KD_SCRIPT_ARABIC:
		return kd__arabic_nopts(u, n);
	default:
		while (i < n && !u_isalpha(u[i]))
			i++;
		if (i < n && (is_thai(u[i]) || is_lao(u[i]) ||
			      kd__is_khmer(u[i]) || is_ethiopic(u[i])))
			return 2; /* 1: a foreign name */
		return i < n && kd__is_myanmar(u[i]) ? KD_MYANMAR_OPT_WORDS + 1
						     : 1;
	}
}

int kd__translit_run(struct kd_abuf *b, unsigned script, int opt,
		     const UChar *u, int32_t n, size_t off, bool marks)
{
	/* Russian: BGN, ISO 9, (ISO 9 again: the same variant, dropped),
	 * and BGN read by sound (KD_CYR_OPT_FOREIGN) */
	static const enum tid cyr[3][4] = { { T_RU, T_CYR, T_CYR, T_RU },
					    { T_UK, T_RU, T_CYR, T_CYR },
					    { T_BE, T_RU, T_CYR, T_CYR } };
	int nopt = kd__translit_nopts(script, u, n);
	int32_t i = 0;
	int err;

	if (opt >= nopt)
		opt = nopt - 1;
	if (opt < 0)
		opt = 0;
	switch (script) {
	case KD_SCRIPT_LATIN:
		while (i < n) {
			UChar32 c;
			U16_NEXT(u, i, n, c);
			kd__latin_fold(b, c, opt ? KD_LM_PHON : KD_LM_STRIP,
				       off);
		}
		err = 0;
		break;
	case KD_SCRIPT_CYRILLIC: {
		int lang = cyr_lang(u, n);
		enum tid id = cyr[lang][opt];
		if (lang == 2 && id == T_RU) {
			err = icu_apply_twins(b, T_RU, u, n, belarusian_twin,
					      off);
			break;
		}
		err = icu_apply(b, id, u, n,
				id == T_CYR ? KD_LM_ISO9 : KD_LM_STRIP, off);
		break;
	}
	case KD_SCRIPT_GREEK: {
		size_t start = b->len;
		err = icu_apply(b, opt == 1 ? T_GR_BGN : T_GR_UN, u, n,
				KD_LM_STRIP, off);
		if (opt == KD_GREEK_OPT_FOREIGN)
			foreign_sounds(b, start, true);
		break;
	}
	case KD_SCRIPT_HAN:
		err = han_run(b, opt, u, n, off);
		break;
	case KD_SCRIPT_HANGUL:
		kd__hangul_run(b, opt, u, n, off, marks);
		err = 0;
		break;
	case KD_SCRIPT_ARABIC:
		kd__arabic_run(b, opt, u, n, off);
		err = 0;
		break;
	default:
		while (i < n && !kd__is_hebrew(u[i]) && !u_isalpha(u[i]))
			i++;
		if (i < n && kd__is_hebrew(u[i])) {
			kd__hebrew_run(b, u, n, off);
			err = 0;
			break;
		}
		if (i < n && is_lao(u[i])) {
			size_t start = b->len;
			err = icu_apply_twins(b, T_ANY, u, n, lao_twin, off);
			if (opt == 1) {
				foreign_sounds(b, start, false);
				spoken_final_e(b, start);
			}
			break;
		}
		if (i < n && is_thai(u[i])) {
			size_t start = b->len;
			err = icu_apply(b, T_ANY, u, n, KD_LM_STRIP, off);
			if (opt == 1) {
				foreign_sounds(b, start, false);
				spoken_final_e(b, start);
			}
			break;
		}
		if (i < n && kd__is_sinhala(u[i])) {
			kd__sinhala_run(b, u, n, off);
			err = 0;
			break;
		}
		if (i < n && kd__is_khmer(u[i])) {
			size_t start = b->len;
			kd__khmer_run(b, u, n, off);
			if (opt == 1)
				spoken_final_e(b, start);
			err = 0;
			break;
		}
		if (i < n && kd__is_myanmar(u[i])) {
			size_t start = b->len;
			kd__myanmar_run(b, opt, u, n, off);
			if (opt == KD_MYANMAR_OPT_WORDS)
				spoken_final_e(b, start);
			err = 0;
			break;
		}
		if (i < n && kd__is_tibetan(u[i])) {
			size_t start = b->len;
			kd__tibetan_run(b, u, n, off);
			spoken_final_e(b, start);
			err = 0;
			break;
		}
		if (marks && i < n && u[i] >= 0x3040 && u[i] <= 0x30FF) {
			size_t start = b->len;
			err = icu_apply(b, T_ANY, u, n, KD_LM_STRIP, off);
			kana_sokuon(b, start);
			break;
		}
		if (i < n && is_ethiopic(u[i])) {
			size_t start = b->len;
			err = icu_apply(b, T_ANY, u, n, KD_LM_STRIP, off);
			if (opt == 1)
				spoken_final_e(b, start);
			break;
		}
		err = icu_apply(b, T_ANY, u, n, KD_LM_STRIP, off);
		break;
	}
	if (err == 0 && b->err)
		err = b->err;
	return err;
}

/*
 * A name in ASCII Latin written as Hungarian spells a Russian one (the
 * Hungarian Academy's transcription, AkH 217.: Szergej Lavrov,
 * Alekszandr Csernisenko, Vjacseszlav Zsukov): sz is s, s is sh, cs ch,
 * zs zh, c ts. Polish writes the same sz for sh (Szojgu), so the reading
 * is a second spelling of the query, never a replacement, and only for
 * a name with sz, cs or zs and without the letters Hungarian does not
 * use for a Russian name (w, x, q; ch, sh, cz, rz: Polish and English).
 * Writes the reading to dst (lowercase) and returns its length, 0 when
 * the name is not spelled so or dst is too small.
 */
size_t kd__hungarian_reading(char *dst, size_t cap, const char *s, size_t len)
{
	size_t i, n = 0;
	bool mark = false;
	char low[KD_HU_MAX];
	if (!kd__reading_lower(low, s, len))
		return 0;
	for (i = 0; i < len; i++) {
		char c = low[i], nx = i + 1 < len ? low[i + 1] : 0;
		char nn = i + 2 < len ? low[i + 2] : 0;
		/* Polish rz, not Hungarian r + zs (Korzsov) */
		if (c == 'w' || c == 'x' || c == 'q' ||
		    ((c == 'c' || c == 's' || c == 'r') && nx == 'h') ||
		    (c == 'c' && nx == 'z') ||
		    (c == 'r' && nx == 'z' && nn != 's'))
			return 0;
		if ((c == 's' && nx == 'z') || (c == 'c' && nx == 's') ||
		    (c == 'z' && nx == 's'))
			mark = true;
	}
	if (!mark)
		return 0;
	for (i = 0; i < len; i++) {
		char c = low[i], nx = i + 1 < len ? low[i + 1] : 0;
		const char *o;
		char one[2] = { c, 0 };
		if (c == 's' && nx == 'z') {
			o = "s";
			i++;
		} else if (c == 'z' && nx == 's') {
			o = "zh";
			i++;
		} else if (c == 'c' && nx == 's') {
			o = "ch";
			i++;
		} else if (c == 's') {
			o = "sh";
		} else if (c == 'c') {
			o = "ts";
		} else {
			o = one;
		}
		while (*o) {
			if (n + 1 >= cap)
				return 0;
			dst[n++] = *o++;
		}
	}
	dst[n] = '\0';
	return n;
}

/* Is s[i] (an h) Ukrainian г, not part of kh, zh, ch, sh? */
static bool free_h(const char *s, size_t i)
{
	char p = i > 0 ? s[i - 1] : 0;
	return s[i] == 'h' && p != 'k' && p != 'z' && p != 'c' && p != 's';
}

/*
 * A name in ASCII Latin written as Ukrainian Latin spells a Ukrainian
 * name (the national and the scholarly transliteration: Serhii, Serhiy,
 * Serhij, Hryhorii): г is h where Russian has g (Sergei, Grigorii). Read
 * with h as g when a word ends in -ii, -iy, -ij, -yi, -yj (Ukrainian
 * -ій, -ий) and the name has an h that is not part of kh, zh, ch, sh;
 * a second spelling of the query like the Hungarian one. Writes the
 * reading to dst (lowercase) and returns its length, 0 when the name is
 * not spelled so or dst is too small.
 */
size_t kd__ukrainian_reading(char *dst, size_t cap, const char *s, size_t len)
{
	size_t i, n = 0;
	bool end = false, h = false;
	char low[KD_HU_MAX];
	if (len + 1 > cap || !kd__reading_lower(low, s, len))
		return 0;
	for (i = 0; i < len; i++) {
		bool last = i + 1 == len ||
			    !(low[i + 1] >= 'a' && low[i + 1] <= 'z');
		if (last && i >= 3 &&
		    (low[i - 1] == 'i' || low[i - 1] == 'y') &&
		    (low[i] == 'i' || low[i] == 'y' || low[i] == 'j') &&
		    low[i - 2] >= 'a' && low[i - 2] <= 'z')
			end = true;
		if (free_h(low, i))
			h = true;
	}
	if (!end || !h)
		return 0;
	for (i = 0; i < len; i++)
		dst[n++] = free_h(low, i) ? 'g' : low[i];
	dst[n] = '\0';
	return n;
}
