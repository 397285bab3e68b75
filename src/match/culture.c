/*
 * culture.c - the naming culture of a sound-alike: policy.c's
 * culture_sound factor, one of the listed-person factors of
 * KD_POLICY_SCREEN and KD_POLICY_FULL.
 *
 * A word of the screened name that is a name of Europe and the Americas
 * only (kd__name_culture: KD_CULTURE_WEST and no other culture: Romero,
 * Cohen, Anderson, Berry), which the listed name has only in another
 * spelling, matched by sound (equal skeletons, an edit distance) and
 * not spelled alike nor as a nickname, against a listed word that is no
 * name of that culture (a name of another naming culture, or of none
 * the tables know): Romero ~ RUMURI (Rwanda), Cohen ~ CHEN, Anderson ~
 * ANDOSON, Salo ~ SALIH. A writer renders a foreign name in his own
 * convention's spelling of it, not as another, established name of his
 * own culture that happens to sound alike: two names of two cultures
 * that sound alike are two names, weak evidence of the listed person.
 * The comparison is multiplied by culture_sound_factor (once).
 *
 * The listed word may be spelled as a Western name and still be one of
 * another culture: BARRE, Marian of Somalia (Barre is a Somali clan
 * name, and a US surname by the Census). So when the listed person is
 * of a country of an Arabic, Chinese or Korean naming culture (by
 * nationality, citizenship, birth country or country: the official
 * languages of CLDR, kd__country_culture) and every word of the
 * screened name is a Western name only, none spelled as listed nor a
 * nickname, and one of them matches a listed word by sound (Marion
 * Berry ~ BARRE, Marian), that name is a Western one that sounds like
 * hers, the same factor. A true rendering of such a person's name keeps
 * a word of her culture (Mohamed, Haddad) or a listed spelling (Michel
 * AOUN), which leaves the rule alone.
 *
 * Left alone: a screened word that is also a name of another culture
 * (Omar, Lee, Kim, Ahmed), or whose spelling class is (Hussein: Husayn;
 * Jonas: Yunus), as press spellings of Arabic, Korean and Chinese names
 * are; romanisations of one Korean syllable (Park ~
 * PAK, kd__same_syllable); words read from another script (their
 * writer's culture is that script's, and readings are compared by
 * sound anyway); a listed word that is a Western name too (Marian,
 * Barre, Juan, Gomez: Western spellings of one name).
 */
#include "match/policy.h"

/* Is a match of kind `how` by sound alone? */
static int by_sound(enum kd_word_match how)
{
	return how == KD_WM_SKELETON || how == KD_WM_EDIT;
}

/* Is token t spelled as a name of Europe and the Americas
 * (KD_CULTURE_WEST) and of no other culture? */
static int west_spelling(const struct kd_qtok *t)
{
	return t->kind == KD_TOK_WORD && t->len >= 3 &&
	       !(t->flags & KD_TF_READ) &&
	       kd__name_culture(t->s, t->len) == KD_CULTURE_WEST;
}

/* Is token t a word of a Western name only: a Western spelling, and no
 * word of its spelling class (skeleton) a name of the Arabic, Chinese
 * or Korean cultures (Hussein, Husayn; Jonas, Yunus)? */
static int west_only(const struct kd_qtok *t)
{
	return west_spelling(t) &&
	       !(kd__name_culture_class(t->skel, t->skel_len) &
		 KD_CULTURE_ASIA);
}

/* Is listed token t no Western name, or a name of the Arabic, Chinese
 * or Korean cultures (Chen: Chinese, and a US surname by the Census)?
 * Other cultures' lists (Indonesia, Africa, Japan) hold Western given
 * names too (Luis, Michael), which stay Western. */
static int foreign(const struct kd_qtok *t)
{
	unsigned c = kd__name_culture(t->s, t->len);
	return !(c & KD_CULTURE_WEST) || (c & KD_CULTURE_ASIA);
}

double kd__culture_sound(const struct kd_qvar *q, const struct kd_qvar *lv,
			 unsigned listed_culture, size_t *qa, size_t *la,
			 unsigned *kind)
{
	size_t i, sound = q->ntok, nwords = 0;
	int all_west = 1; /* every word a Western name only, by sound */
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i], *b;
		enum kd_word_match how;
		double sim;
		if (a->kind != KD_TOK_WORD)
			continue;
		nwords++;
		if (!west_spelling(a)) {
			all_west = 0;
			continue;
		}
		/* a listed word spelled as a is its closest (exact) */
		if ((b = kd__closest_word(a, lv, &sim, &how)) == NULL ||
		    sim < KD_SIM_MIN || b->kind != KD_TOK_WORD)
			continue;
		if (!by_sound(how) || kd__same_syllable(a, b)) {
			all_west = 0; /* spelled as listed, a nickname */
			continue;
		}
		if (foreign(b) && west_only(a)) {
			*qa = i;
			*la = (size_t)(b - lv->toks);
			*kind = KD_CULTURE_SOUND_WORD;
			return KD_W_CULTURE_SOUND_FACTOR;
		}
		if (sound == q->ntok) {
			sound = i;
			*la = (size_t)(b - lv->toks);
		}
	}
	/* the listed person's culture by nationality */
	if ((listed_culture & KD_CULTURE_ASIA) && all_west && nwords >= 2 &&
	    sound < q->ntok) {
		*qa = sound;
		*kind = KD_CULTURE_SOUND_COUNTRY |
			(listed_culture & KD_CULTURE_ASIA);
		return KD_W_CULTURE_SOUND_FACTOR;
	}
	return 1;
}

const char *kd__culture_sound_of(unsigned kind)
{
	return (kind & KD_CULTURE_ARAB)    ? "an Arabic"
	       : (kind & KD_CULTURE_CHINA) ? "a Chinese"
					   : "a Korean";
}
