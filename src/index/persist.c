/*
 * persist.c - the index's tables as snapshot sections, and an index
 * that uses them in place from the mapping (no analysis, no allocation
 * beyond the handle), so a process starts screening at once and several
 * processes share one copy of the index.
 *
 * Sections: "MHDR" (format, counts, IDF constants, analysis id), "MNAM"
 * name records, "MVAR" variants, "MTOK" tokens, "MEN0"/"MENN" per-entity
 * record ranges, string tables "TXT" / "SKL" (token texts, skeletons)
 * with "TXDF"/"SKDF" document frequencies, "KEY" posting keys with
 * "PSTA" list starts, "PIDS" record ids and "PMUL" their multiplicities.
 *
 * The tables are only valid for the code that built them: name analysis
 * (ICU version included), token kinds, weights and index keys. The
 * analysis id records them; a snapshot from other code is not used and
 * the matcher is rebuilt from the entities instead.
 *
 * Every index the scorer follows is checked once here (record -> entity,
 * record -> variants -> tokens -> dictionaries, postings -> records), so
 * a crafted file cannot lead to an out-of-bounds read.
 */
#include "index.h"
#include "util/snapfile.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uvernum.h>

/** Bump when name analysis, token kinds, weights or index keys change. */
/* 7: readings of Arabic, Han, Burmese, Khmer, Sinhala, Lao; Korean
 * syllable spellings (KD_TF_HANGUL); organisation residue, glued forms
 * 8: skeleton of Polish/Czech -cki, -cka (sk)
 * 9: skeleton of Lithuanian -is, -skis and Dutch sj
 * 10: skeleton of sj: German and Polish s + y before e in a word with w
 * 11: typo keys ("^": spellings and their one-letter deletions)
 * 12: Hangul words with a foreign syllable read as words (hangul.c)
 * 13: a joined compound misspelt by one slip read as the compound
 * 14: Hebrew shin before he read as sh (hebrew.c)
 * 15: glued legal forms of three consonants without h (HotelSRL); an
 *     address after a house number without a comma (org residue);
 *     Abd + an article whose sun letter is written once (Abdurahman);
 *     the article glued to the word before its name (Fazlur Rehman);
 *     facts written into a person's name (", born in ...") cut off;
 *     Arabic nisba -awi and the popular diphthongs ay/aw (arabic.c);
 *     Han words read with the unwritten English -er, and two-character
 *     Han words with an unseen second character (han_foreign.c) */
#define KD_MATCHER_FORMAT 15u

#define TAG_MHDR KD_SNAP_TAG('M', 'H', 'D', 'R')
#define TAG_MNAM KD_SNAP_TAG('M', 'N', 'A', 'M')
#define TAG_MVAR KD_SNAP_TAG('M', 'V', 'A', 'R')
#define TAG_MTOK KD_SNAP_TAG('M', 'T', 'O', 'K')
#define TAG_MEN0 KD_SNAP_TAG('M', 'E', 'N', '0')
#define TAG_MENN KD_SNAP_TAG('M', 'E', 'N', 'N')
#define TAG_TXDF KD_SNAP_TAG('T', 'X', 'D', 'F')
#define TAG_SKDF KD_SNAP_TAG('S', 'K', 'D', 'F')
#define TAG_PSTA KD_SNAP_TAG('P', 'S', 'T', 'A')
#define TAG_PIDS KD_SNAP_TAG('P', 'I', 'D', 'S')
#define TAG_PMUL KD_SNAP_TAG('P', 'M', 'U', 'L')

struct snap_mhdr {
	uint32_t format, nents;
	double ndocs, idf_max;
	uint64_t nnames, nvars, ntoks, nids;
	char analysis[32];
};

_Static_assert(sizeof(struct snap_mhdr) == 88, "matcher header layout");
_Static_assert(sizeof(struct kd_mname) == 16, "name record layout");
_Static_assert(sizeof(struct kd_mvar) == 8, "variant layout");
_Static_assert(sizeof(struct kd_mtok) == 20, "token layout");

static void analysis_id(char out[32])
{
	memset(out, 0, 32);
	snprintf(out, 32, "kordon-%u icu-%s", KD_MATCHER_FORMAT, U_ICU_VERSION);
}

int kd__index_add_sections(struct kd_snap_writer *w, const struct kd_index *m)
{
	struct kd_buf hdr = KD_BUF_INIT;
	struct snap_mhdr h;
	int err = 0;

	memset(&h, 0, sizeof(h));
	h.format = KD_MATCHER_FORMAT;
	h.nents = (uint32_t)m->db->nents;
	h.ndocs = m->ndocs;
	h.idf_max = m->idf_max;
	h.nnames = m->nnames;
	h.nvars = m->nvars;
	h.ntoks = m->ntoks;
	h.nids = m->post.nids;
	analysis_id(h.analysis);
	KD_FORWARD(kd__buf_put(&hdr, &h, sizeof(h)));
	KD_FORWARD(kd__snap_add_buf(w, TAG_MHDR, &hdr, sizeof(h)));
	KD_FORWARD(kd__snap_add(w, TAG_MNAM, m->names, sizeof(*m->names),
				m->nnames * sizeof(*m->names)));
	KD_FORWARD(kd__snap_add(w, TAG_MVAR, m->vars, sizeof(*m->vars),
				m->nvars * sizeof(*m->vars)));
	KD_FORWARD(kd__snap_add(w, TAG_MTOK, m->toks, sizeof(*m->toks),
				m->ntoks * sizeof(*m->toks)));
	KD_FORWARD(kd__snap_add(w, TAG_MEN0, m->ent_name0, sizeof(uint32_t),
				m->db->nents * sizeof(uint32_t)));
	KD_FORWARD(kd__snap_add(w, TAG_MENN, m->ent_nname, sizeof(uint32_t),
				m->db->nents * sizeof(uint32_t)));
	KD_FORWARD(kd__snap_add_strtab(w, "TXT", &m->texts.tab));
	KD_FORWARD(kd__snap_add(w, TAG_TXDF, m->texts.df, sizeof(uint32_t),
				m->texts.tab.n * sizeof(uint32_t)));
	KD_FORWARD(kd__snap_add_strtab(w, "SKL", &m->skels.tab));
	KD_FORWARD(kd__snap_add(w, TAG_SKDF, m->skels.df, sizeof(uint32_t),
				m->skels.tab.n * sizeof(uint32_t)));
	KD_FORWARD(kd__snap_add_strtab(w, "KEY", &m->post.keys));
	KD_FORWARD(
		kd__snap_add(w, TAG_PSTA, m->post.start, sizeof(uint32_t),
			     ((size_t)m->post.keys.n + 1) * sizeof(uint32_t)));
	KD_FORWARD(kd__snap_add(w, TAG_PIDS, m->post.ids, sizeof(uint32_t),
				(size_t)m->post.nids * sizeof(uint32_t)));
	KD_FORWARD(kd__snap_add(w, TAG_PMUL, m->post.mult, 1,
				(size_t)m->post.nids));
done:
	kd__buf_free(&hdr);
	return err;
}

/* Written so that compilers vectorise it with plain SSE2 (tens of
 * millions of postings are checked at every open); out of line because
 * GCC 12 stops vectorising it once inlined. */
__attribute__((noinline)) static int any_at_least(const uint32_t *restrict a,
						  size_t n, uint32_t lim)
{
	uint32_t bad = 0;
	size_t i;
	for (i = 0; i < n; i++)
		bad |= a[i] >= lim;
	return bad != 0;
}

/* Every record, variant and token index must stay inside its table. */
static int tables_consistent(const struct kd_index *m)
{
	const struct kd_postings *p = &m->post;
	uint32_t k;
	size_t i;
	for (i = 0; i < m->nnames; i++)
		if (m->names[i].entity >= m->db->nents ||
		    m->names[i].var0 > m->nvars ||
		    m->names[i].nvar > m->nvars - m->names[i].var0)
			return 0;
	for (i = 0; i < m->nvars; i++)
		if (m->vars[i].tok0 > m->ntoks ||
		    m->vars[i].ntok > m->ntoks - m->vars[i].tok0 ||
		    m->vars[i].ntok > KD_NAME_MAX_TOKS)
			return 0;
	for (i = 0; i < m->ntoks; i++)
		if (m->toks[i].text >= m->texts.tab.n ||
		    m->toks[i].skel >= m->skels.tab.n ||
		    m->toks[i].kind > KD_TOK_INITIAL) /* every flag bit
						       * has a meaning */
			return 0;
	for (i = 0; i < m->db->nents; i++)
		if (m->ent_name0[i] > m->nnames ||
		    m->ent_nname[i] > m->nnames - m->ent_name0[i])
			return 0;
	if (p->start[0] != 0 || p->start[p->keys.n] != p->nids)
		return 0;
	for (k = 0; k < p->keys.n; k++)
		if (p->start[k + 1] < p->start[k])
			return 0;
	return !any_at_least(p->ids, (size_t)p->nids, (uint32_t)m->nnames);
}

int kd__index_open(struct kd_index *ix, const kd_db *db)
{
	static atomic_ullong serial;
	int err = KD_ENOTFOUND;
	/* a snapshot that carries an index for this code: use it in place;
	 * otherwise (older analysis) build one */
	if (db->snap != NULL)
		err = kd__index_view(ix, db);
	if (err == KD_ENOTFOUND)
		err = kd__index_build(ix, db);
	if (err == 0)
		ix->serial = (uint64_t)atomic_fetch_add(&serial, 1) + 1;
	return err;
}

int kd__index_view(struct kd_index *m, const kd_db *db)
{
	const struct snap_mhdr *h;
	char want[32];
	size_t n, n0, nn, ntdf, nsdf, nsta, nids, nmul;

	memset(m, 0, sizeof(*m));
	h = kd__snap_get(db->snap, TAG_MHDR, sizeof(*h), &n);
	analysis_id(want);
	if (h == NULL || n != 1 || h->format != KD_MATCHER_FORMAT ||
	    memcmp(h->analysis, want, sizeof(want)) != 0)
		return KD_ENOTFOUND; /* other code built it: rebuild */
	m->db = db;
	m->ndocs = h->ndocs;
	m->idf_max = h->idf_max;
	m->names = kd__snap_get(db->snap, TAG_MNAM, sizeof(*m->names),
				&m->nnames);
	m->vars = kd__snap_get(db->snap, TAG_MVAR, sizeof(*m->vars), &m->nvars);
	m->toks = kd__snap_get(db->snap, TAG_MTOK, sizeof(*m->toks), &m->ntoks);
	m->ent_name0 = kd__snap_get(db->snap, TAG_MEN0, sizeof(uint32_t), &n0);
	m->ent_nname = kd__snap_get(db->snap, TAG_MENN, sizeof(uint32_t), &nn);
	m->texts.df = kd__snap_get(db->snap, TAG_TXDF, sizeof(uint32_t), &ntdf);
	m->skels.df = kd__snap_get(db->snap, TAG_SKDF, sizeof(uint32_t), &nsdf);
	m->post.start = kd__snap_get(db->snap, TAG_PSTA, sizeof(uint32_t),
				     &nsta);
	m->post.ids = kd__snap_get(db->snap, TAG_PIDS, sizeof(uint32_t), &nids);
	m->post.mult = kd__snap_get(db->snap, TAG_PMUL, 1, &nmul);
	m->post.nids = nids;
	if (!m->names || !m->vars || !m->toks || !m->ent_name0 ||
	    !m->ent_nname || !m->texts.df || !m->skels.df || !m->post.start ||
	    !m->post.ids || !m->post.mult || nmul != nids ||
	    h->nents != db->nents || n0 != db->nents || nn != db->nents ||
	    h->nnames != m->nnames || h->nvars != m->nvars ||
	    h->ntoks != m->ntoks || h->nids != nids || !(m->ndocs >= 1.0) ||
	    !(m->idf_max > 0.0) ||
	    kd__snap_get_strtab(db->snap, "TXT", &m->texts.tab) < 0 ||
	    kd__snap_get_strtab(db->snap, "SKL", &m->skels.tab) < 0 ||
	    kd__snap_get_strtab(db->snap, "KEY", &m->post.keys) < 0 ||
	    ntdf != m->texts.tab.n || nsdf != m->skels.tab.n ||
	    nsta != (size_t)m->post.keys.n + 1 || !tables_consistent(m)) {
		memset(m, 0, sizeof(*m));
		return kd__error_set(KD_EFORMAT,
				     "%s: not a usable Kordon snapshot: "
				     "matcher tables inconsistent",
				     kd__snap_path(db->snap));
	}
	return 0;
}
