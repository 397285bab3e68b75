/*
 * bench_sounds.c - the sound strings of single-token name pairs, for
 * fitting the sound-alignment costs (bench/fit/fit_sounds.py). Not a
 * timed benchmark: it runs the library's own reading of a native-script
 * token (hebrew.c, hangul.c's words, ICU for Kana and Han, arabic.c's
 * frame) and its kd__sounds(),
 * so the fit sees exactly the strings kd__sound_sim() aligns.
 *
 * Input (stdin): latin<TAB>native[<TAB>count] lines (the Wikidata token
 * pairs of bench/data/dev/translit/wd_*_20.tsv.gz). Output (stdout):
 * latin<TAB>latin sounds<TAB>reading<TAB>reading sounds<TAB>count for
 * each pair whose Latin side is one plain word and whose native side
 * reads as one token marked as read from another script (KD_TF_READ).
 *
 * usage: zcat wd_korean_20.tsv.gz | bench_sounds > sounds.tsv
 *        zcat wd_chinese_20.tsv.gz | bench_sounds --han > sounds.tsv
 *        zcat wd_korean_20.tsv.gz | bench_sounds --hangul > sounds.tsv
 */
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* token `i` of the first variant of i + 1 tokens with `flag` (0: any) */
static const struct kd_ntok *one_token(const struct kd_name *n, unsigned flag,
				       size_t i)
{
	size_t v;
	for (v = 0; v < n->nvars; v++)
		if (n->vars[v].ntok == i + 1 &&
		    (flag == 0 || (n->vars[v].toks[i].flags & flag)))
			return &n->vars[v].toks[i];
	return NULL;
}

int main(int argc, char **argv)
{
	/* --han: Han tokens are parts of foreign names (wd_chinese_20);
	 * without it a Han token (a Japanese name in Kanji) is no reading */
	int han = argc > 1 && strcmp(argv[1], "--han") == 0;
	/* --hangul: the reading's sounds as a Hangul word's
	 * (kd__sounds_hangul: epenthetic U, O), for table 'w' */
	int hangul = argc > 1 && strcmp(argv[1], "--hangul") == 0;
	char line[1024], buf[1100];
	while (fgets(line, sizeof(line), stdin) != NULL) {
		char *lat = line, *nat = strchr(line, '\t'), *cnt;
		struct kd_name *a = NULL, *b = NULL;
		const struct kd_ntok *ta, *tb;
		char sa[64], sb[64];
		size_t pre = 0;
		if (nat == NULL)
			continue;
		*nat++ = '\0';
		cnt = strchr(nat, '\t');
		if (cnt != NULL)
			*cnt++ = '\0';
		else
			nat[strcspn(nat, "\r\n")] = '\0';
		/* one Hangul word may be read syllable by syllable (a Korean
		 * name); after another word it is read as a word, as the
		 * words of a foreign name in Hangul are (hangul.c) */
		/* a Han token is a transcription when it is part of a
		 * foreign name (a name dot before it: translit.c) */
		if (han && (unsigned char)nat[0] >= 0xE4 &&
		    (unsigned char)nat[0] <= 0xE9) {
			snprintf(buf, sizeof(buf),
				 "\xE7\xBA\xA6\xE7\xBF\xB0\xC2\xB7%s", nat);
			nat = buf; /* "约翰·" + the word */
			pre = 1;
		} else if ((unsigned char)nat[0] == 0xEA ||
			   ((unsigned char)nat[0] >= 0xEB &&
			    (unsigned char)nat[0] <= 0xED)) {
			snprintf(buf, sizeof(buf), "\xEC\xA1\xB4 %s", nat);
			nat = buf; /* "존 " + the word */
			pre = 1;
		}
		if (kd__name_analyze(&a, lat, strlen(lat), 0) == 0 &&
		    kd__name_analyze(&b, nat, strlen(nat), 0) == 0 &&
		    (ta = one_token(a, 0, 0)) != NULL &&
		    !(ta->flags & KD_TF_READ) && ta->kind == KD_TOK_WORD &&
		    (tb = one_token(b, KD_TF_READ, pre)) != NULL) {
			kd__sounds(sa, sizeof(sa), ta->s, ta->len);
			if (hangul)
				kd__sounds_hangul(sb, sizeof(sb), tb->s,
						  tb->len);
			else
				kd__sounds_reading(sb, sizeof(sb), tb->s,
						   tb->len);
			printf("%s\t%s\t%s\t%s\t%ld\n", ta->s, sa, tb->s, sb,
			       cnt != NULL ? strtol(cnt, NULL, 10) : 1L);
		}
		kd__name_free(a);
		kd__name_free(b);
	}
	return 0;
}
