/*
 * first_sounds.c - two words whose first letters write two sounds that
 * the skeleton (skeleton.c) folds into one class, where no spelling
 * convention writes one for the other: a veto kd__token_sim puts on a
 * likeness of skeletons.
 *
 * The skeleton puts f, v, w (and ph, wh) in one class: right for v/w
 * (Vali/Wali, Avni/Awni: the Arabic and Persian و, the German w) and
 * f/v (Volker, the Dutch and German v) and f/ph (Farid/Pharid), wrong
 * for w against f: w writes the glide or the voiced v (و, в, German
 * w), f the voiceless fricative (ف, ф), and no romanisation writes
 * one letter for the other. Warid (وريد) is not Farhad, Wali (ولي)
 * not Falih (فالح).
 */
#include "compare_int.h"

/* does word s (len >= 2) begin with f or ph */
static int f_onset(const char *s, size_t len)
{
	return s[0] == 'f' || (len >= 2 && s[0] == 'p' && s[1] == 'h');
}

/* does word s begin with w, not wh (English Wh- is often h or w) */
static int w_onset(const char *s, size_t len)
{
	return s[0] == 'w' && (len < 2 || s[1] != 'h');
}

int kd__distinct_onsets(const struct kd_qtok *a, const struct kd_qtok *b)
{
	if (a->len < 2 || b->len < 2)
		return 0;
	return (w_onset(a->s, a->len) && f_onset(b->s, b->len)) ||
	       (f_onset(a->s, a->len) && w_onset(b->s, b->len));
}
