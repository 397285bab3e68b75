#!/usr/bin/env python3
"""make_hangul_foreign.py - which Hangul syllables mark a word as a foreign
name in Korean transcription rather than a Korean person's name, learnt
from Wikidata's Latin and Hangul full names of the development data.

A Korean name is one word of a surname syllable and a given name of one
or two syllables (김정은, 박근혜); its given-name syllables come from a
limited stock of Sino-Korean readings (정 은 민 수 영 희). A foreign name
in transcription is written with other syllables (네 카 코 디 레: Pineda
피네다, Radhika 라디카, Riera 리에라). hangul.c reads a word of two or
three syllables that begins with a Korean surname only as syllables; with
this table it also reads it as a foreign word when one of its later
syllables is one Korean given names (almost) never use.

Counted from bench/data/dev/translit/wd_korean_names.tsv.gz (Latin full
name<TAB>Hangul full name, CC0):

  given    the second and third syllable of a one-word Hangul name of
           three syllables that begins with a common Korean surname
           (nearly all Korean persons; some Chinese and foreign names
           too, which only makes the table more cautious)
  foreign  the syllables after the first of every word of a Hangul name
           of two words or more (foreign persons: 조지 워싱턴)

A syllable is kept when it is seen in at least --min foreign words and
its share among foreign syllables is at least --ratio times its share
among given-name syllables (given count + 0.5, so an unseen one is not
infinitely likely).

Kept apart from what bench_quality measures: only rows of the tuned part
(FNV-1a of latin, 0xff, native, as bench_quality splits rows) are
counted, and a row is dropped when one of its Hangul words is a word of a
kept-aside row of bench/data/script_pairs.csv, name_scripts.csv or
name_scripts_full.csv.

Output (data/names/wikidata/hangul_foreign.tsv): one line per kept
syllable, sorted by code point: its code point in hex, the syllable, its
foreign and its given-name counts:

    B124<TAB>네<TAB>708<TAB>3

usage: python3 bench/fit/make_hangul_foreign.py [--min 20] [--ratio 10] > \
           data/names/wikidata/hangul_foreign.tsv
"""
import argparse
import csv
import gzip
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fit_sounds import DATA, aside_words, fnv_aside  # noqa: E402

# the common Korean surnames of one syllable, as hangul.c's g_surnames
SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하"
    "곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명"
    "기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온"
    "호범좌라리량로륙림려렴")


def is_hangul(c):
    return 0xAC00 <= ord(c) <= 0xD7A3


def aside_native():
    """Native words of the kept-aside rows of the script name sets."""
    _, nat = aside_words()
    for name in ("name_scripts.csv", "name_scripts_full.csv"):
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if fnv_aside(r["name1"], r["name2"]):
                    for w in r["name2"].replace("·", " ").split():
                        nat.add(w)
    return nat


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min", type=int, default=20,
                    help="foreign words a syllable must occur in")
    ap.add_argument("--ratio", type=float, default=10.0,
                    help="how many times likelier in foreign words")
    args = ap.parse_args()
    path = os.path.join(DATA, "dev", "translit", "wd_korean_names.tsv.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f]
    rows = [r for r in rows if len(r) >= 2]
    nat_aside = aside_native()
    given, foreign = Counter(), Counter()
    used = 0
    for latin, hangul in rows:
        words = hangul.split()
        if fnv_aside(latin, hangul) or any(w in nat_aside for w in words):
            continue
        if not words or not all(all(is_hangul(c) for c in w) for w in words):
            continue
        used += 1
        if len(words) == 1 and len(words[0]) == 3 and \
                words[0][0] in SURNAMES:
            for c in words[0][1:]:
                given[c] += 1
        elif len(words) >= 2:
            for w in words:
                for c in w[1:]:
                    foreign[c] += 1
    ng, nf = sum(given.values()), sum(foreign.values())
    keep = sorted((c for c, k in foreign.items()
                   if k >= args.min and
                   (k / nf) >= args.ratio * (given[c] + 0.5) / ng), key=ord)
    print("rows: %d of %d used; syllables: %d given-name, %d foreign; "
          "%d kept" % (used, len(rows), ng, nf, len(keep)), file=sys.stderr)
    for c in keep:
        print("%04X\t%s\t%d\t%d" % (ord(c), c, foreign[c], given[c]))


if __name__ == "__main__":
    main()
