#!/usr/bin/env python3
"""make_name_culture.py - writes data/names/culture/name_culture.tsv: the
naming cultures in which a name word is a name people carry, as bits.

    1  W  Europe and the Americas: the faker locales of European
          languages (Latin, Greek, Cyrillic, Georgian and Armenian
          script, read as Kordon reads them) and the 1990 US Census
          name lists
    2  A  the Arabic, Persian, Turkic, Kurdish and South Asian naming
          cultures: faker ar fa ur ku_ckb ku_kmr_latin az uz tr dv ne
          en_IN en_NP
    4  C  Chinese: faker zh_CN zh_TW read as pinyin, the Hong Kong
          (Cantonese) surnames of faker en_HK, every pinyin syllable of
          data/names/unihan/sino_korean.tsv
    8  K  Korean: faker ko read in Revised Romanization, the Sino-Korean
          readings of data/names/unihan/sino_korean.tsv
   16  O  other naming cultures faker covers: Ghana, Nigeria (Yoruba),
          Zulu, Senegal, Vietnam, Indonesia, Japan, Hebrew, Thai

The locales and their cultures: data/names/culture/locales.tsv, which
src/text/countries.c reads too (a country's culture by its languages).
A word is folded and read (other scripts romanised) by Kordon itself
(bench_features --tokens), so the table holds what the matcher compares.
Read at build time into the library (src/text/namefreq.c
kd__name_culture). The input: the names of every faker locale, written by
bench/fit/extract_faker_cultures.mjs.

usage: make_name_culture.py BUILD_DIR faker_names.tsv > name_culture.tsv
"""
import os
import sys

from make_name_freq import read_words

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
W, A, C, K, O = 1, 2, 4, 8, 16
BIT = {"W": W, "A": A, "C": C, "K": K, "O": O}


def read_locales(path):
    """data/names/culture/locales.tsv: {locale: bits} of the locales whose
    names count, and of those whose surnames only count; the CLDR language
    column (read by src/text/countries.c) must give no language two
    cultures."""
    culture, surnames_only, lang_bits = {}, {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            loc, cult, lang, part = line.rstrip("\n").split("\t")
            (surnames_only if part == "last" else culture)[loc] = BIT[cult]
            if lang != "-":
                if lang_bits.setdefault(lang, BIT[cult]) != BIT[cult]:
                    sys.exit("locales.tsv: %s has two cultures" % lang)
    return culture, surnames_only


CULTURE, SURNAMES_ONLY = read_locales(os.path.join(
    ROOT, "data", "names", "culture", "locales.tsv"))


def main():
    build, faker = sys.argv[1], sys.argv[2]
    names, bits = [], []
    with open(faker, encoding="utf-8") as f:
        for line in f:
            loc, part, name = line.rstrip("\n").split("\t")
            if loc in SURNAMES_ONLY:
                if part == "last":
                    names.append(name)
                    bits.append(SURNAMES_ONLY[loc])
            elif loc in CULTURE:
                names.append(name)
                bits.append(CULTURE[loc])
    for fn in ("first_male", "first_female", "last"):
        with open(os.path.join(ROOT, "data", "names", "census1990",
                               fn + ".txt")) as f:
            for line in f:
                names.append(line.strip())
                bits.append(W)
    with open(os.path.join(ROOT, "data", "names", "unihan",
                           "sino_korean.tsv")) as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.split()
            names.append(cols[0])
            bits.append(C)
            for r in cols[1:]:
                names.append(r)
                bits.append(K)
    table = {}
    for toks, b in zip(read_words(build, names), bits):
        for t in toks:
            if len(t) >= 2 and t.isascii() and t.isalpha():
                table[t] = table.get(t, 0) | b
    print("# name_culture.tsv - the naming cultures in which a name word is "
          "a name people\n# carry, as bits: 1 Europe and the Americas, 2 "
          "Arabic/Persian/Turkic/South\n# Asian, 4 Chinese, 8 Korean, 16 "
          "other (see bench/fit/make_name_culture.py);\n# from the "
          "@faker-js/faker 10.6.0 locales (MIT), the 1990 US Census name\n"
          "# lists and Unihan readings. Read at build time by CMakeLists.txt "
          "(src/text/namefreq.c\n# kd__name_culture).")
    for w in sorted(table):
        print("%s\t%d" % (w, table[w]))


if __name__ == "__main__":
    main()
