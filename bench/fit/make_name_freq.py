#!/usr/bin/env python3
"""make_name_freq.py - how common each name part is among people in general.

Writes data/names/wikidata/name_freq.tsv: for every name word, how many
times it occurs in the Latin-script names of ~110k people (Wikidata
persons with a Korean or Hebrew label: bench/data/dev/translit/
wd_korean_names.tsv.gz and wd_hebrew_names.tsv.gz, first column). The
matcher (src/text/namefreq.c) turns a count into the information a name
part carries in the population, log(total / count), in nats: "carlos"
or "david" say little about who a person is, "kinahan" says much. List
frequencies (token idf) cannot say this: a name common in the world may
be rare on the sanctions lists.

Words are folded as the name analysis folds them (accents removed,
lowercase, apostrophes dropped, split at other non-letters). Words seen
once are left out (the matcher treats an unseen word as rare). Only the
development names are read, never the screening sets (negatives,
positives) that measure the alert rate.

usage: python3 bench/fit/make_name_freq.py   (standard library only)
"""
import collections
import gzip
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SRC = [os.path.join(ROOT, "bench", "data", "dev", "translit", f)
       for f in ("wd_korean_names.tsv.gz", "wd_hebrew_names.tsv.gz")]
OUT = os.path.join(ROOT, "data", "names", "wikidata", "name_freq.tsv")
SPECIAL = {"ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "đ": "d",
           "ı": "i", "þ": "th", "ð": "d"}


def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s.lower())
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("'", "").replace("\u2019", "")


def main():
    count = collections.Counter()
    for path in SRC:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                for w in re.split(r"[^a-z]+", fold(line.split("\t")[0])):
                    if len(w) >= 2:
                        count[w] += 1
    total = sum(count.values())
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# name_freq.tsv - occurrences of name words among the "
                "Latin-script names of\n# Wikidata persons (CC0); made by "
                "bench/fit/make_name_freq.py, read at build\n# time by "
                "CMakeLists.txt (src/text/namefreq.c). total = all words "
                "counted.\n")
        f.write("total\t%d\n" % total)
        for w, c in sorted(count.items()):
            if c >= 2 and w != "total":
                f.write("%s\t%d\n" % (w, c))


if __name__ == "__main__":
    main()
