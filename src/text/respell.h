/*
 * respell.h - a Latin name respelt as its own language reads it, before
 * it is compared by sound with a reading from Kana, Hangul or Cyrillic
 * (respell.c; used by phonetic.c).
 */
#ifndef KD_TEXT_RESPELL_H
#define KD_TEXT_RESPELL_H

#include <stddef.h>

enum {
	KD_RESPELL_CENTRAL,   /* German, Dutch, Slavic, Greek */
	KD_RESPELL_CENTRAL_W, /* and w as v: a reading may keep the w (ワ) */
	KD_RESPELL_ITALIAN,
	KD_RESPELL_IBERIAN,
	KD_RESPELL_HEPBURN, /* a Japanese name as Hangul writes it */
	KD_RESPELL_N
};

/* room a respelling needs (dst of kd__respell) */
#define KD_RESPELL_CAP 48

/**
 * Writes respelling `how` of the lowercase Latin word a to dst
 * (KD_RESPELL_CAP bytes) and returns its length; 0 when it changes
 * nothing, does not apply or does not fit. korean: the reading compared
 * with it is of Hangul words (some rules are Korea's).
 */
size_t kd__respell(char *dst, int how, int korean, const char *a, size_t alen);

#endif
