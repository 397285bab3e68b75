/*
 * ofac_remarks.h - the parser of OFAC's free-text "Remarks" field (legacy
 * SDN CSV/PIP format), shared by the OFAC CSV parser and its fuzz target.
 */
#ifndef KD_OFAC_REMARKS_H
#define KD_OFAC_REMARKS_H

#include "model/model.h"

/**
 * Parse `;`-separated remarks facts ("DOB 21 Mar 1950; POB Moscow, Russia;
 * a.k.a. 'BNC'; Tax ID No. 7744001497 (Russia)") into properties of `e`
 * (birthDate, birthPlace, weakAlias, taxNumber ...). Facts it does not
 * know are ignored: the caller keeps the whole text in `notes`. May
 * upgrade an Organization/LegalEntity to Company ("Target Type Private
 * Company"). The text need not be NUL-terminated.
 *
 * @return 0, KD_EPARSE (invalid UTF-8, message set) or KD_ENOMEM.
 */
int kd__ofac_parse_remarks(struct kd_ment *e, const char *s, size_t n);

#endif
