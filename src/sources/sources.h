/*
 * sources.h - one parser per list format. Each reads one list file (plain
 * or gzip) in a streaming way and feeds entities into a sink; on malformed
 * input it fails with KD_EPARSE and fills `err` with file, line and (for
 * XML) column. Unknown optional columns/elements are counted with
 * kd__sink_unknown(), never fatal.
 *
 * Each parser also describes its source (kd__sink_describe): id, title,
 * publisher and the publication date found inside the file, if any.
 *
 * Parsers must not include match/ or text/ headers: parsing knows nothing
 * about matching.
 */
#ifndef KD_SOURCES_H
#define KD_SOURCES_H

#include "model/model.h"

typedef int (*kd_parser_fn)(struct kd_sink *sink, const char *path,
			    kd_parse_err *err);

/* UN Security Council consolidated XML. Ids "un-<REFERENCE_NUMBER>". */
int kd__parse_un_xml(struct kd_sink *sink, const char *path, kd_parse_err *err);
/* OFAC SDN-format XML (sdn.xml, consolidated.xml). Ids "ofac-<uid>". */
int kd__parse_ofac_xml(struct kd_sink *sink, const char *path,
		       kd_parse_err *err);
/* Canada SEMA consolidated autonomous sanctions XML. Ids "ca-...". */
int kd__parse_canada_xml(struct kd_sink *sink, const char *path,
			 kd_parse_err *err);
/* EU Financial Sanctions Files XML (export/sanctionEntity). Ids
 * "eu-<logicalId>". */
int kd__parse_eu_xml(struct kd_sink *sink, const char *path, kd_parse_err *err);
/* OFAC legacy CSV set: path is sdn.csv or cons_prim.csv; the sibling
 * alt/add/comments files (same directory, optional .gz) are joined on
 * ent_num. Ids "ofac-<ent_num>". */
int kd__parse_ofac_csv(struct kd_sink *sink, const char *path,
		       kd_parse_err *err);
/* UK OFSI ConList CSV ("Last Updated" line, header, a row per name). Ids
 * "uk-<Group ID>". */
int kd__parse_uk_csv(struct kd_sink *sink, const char *path, kd_parse_err *err);
/* FollowTheMoney JSON lines: entities or delta ops {"op":..,"entity":..}.
 * Ids kept as given. */
int kd__parse_ftm_json(struct kd_sink *sink, const char *path,
		       kd_parse_err *err);
/** FtM schema name to a screening schema (PublicBody is an Organization);
 *  false when the schema is not a screening target. */
bool kd__ftm_target_schema(kd_schema *out, const char *name);
/* OpenSanctions targets.simple.csv export. Ids kept as given. */
int kd__parse_os_simple_csv(struct kd_sink *sink, const char *path,
			    kd_parse_err *err);
/* A bank's own watch list: CSV with a header naming the columns
 * (id,schema,name,alias,birth_date,country,...). Ids "<list>-<id>". */
int kd__parse_custom_csv(struct kd_sink *sink, const char *path,
			 kd_parse_err *err);

/** Parser for a format name ("un_xml", "ofac_csv" ...) or NULL. */
kd_parser_fn kd__parser_for(const char *format);
/**
 * Guess the format of a file from its name and first bytes.
 * @return the format name or NULL when it is not a list file we know.
 */
const char *kd__sniff_format(const char *path);

#endif
