#!/usr/bin/env python3
"""make_han_transcription.py - which Han characters Chinese uses to
transcribe foreign names, learnt from Wikidata's Latin and Han name words
of the development data.

Chinese writes a foreign name with a small set of characters chosen for
their sound (Xinhua's transcription table: 斯 si, 尔 er, 克 ke, 特 te,
拉 la, 德 de, 夫 fu ...): Paradis 帕拉迪丝, Whitaker 惠特克, Haines 海恩斯.
A Chinese person's name is written with other characters (surnames and
given-name characters with a meaning). A Han word made of transcription
characters is therefore also read as a foreign name (han_foreign.c), its
syllables joined and compared by sound.

The set is counted from the single-token pairs
bench/data/dev/translit/wd_chinese_20.tsv.gz (latin<TAB>han<TAB>count,
CC0): every character of the Han words, counted once per row. A
character is kept when it occurs in at least --min rows.

Kept apart from what bench_quality measures: only rows of the tuned part
(FNV-1a of latin, 0xff, native, as bench_quality and fit_sounds.py split
rows) are counted, and a row is dropped when its Han word is also the
Han word of a kept-aside row (the same word under another Latin
spelling) or of a kept-aside row of bench/data/script_pairs.csv.

Output (data/names/wikidata/han_transcription.tsv): one line per
character, sorted by code point: its code point in hex, the character
and the number of tuned rows it occurs in:

    5E15<TAB>帕<TAB>61

usage: python3 bench/fit/make_han_transcription.py [--min 5] > \
           data/names/wikidata/han_transcription.tsv
"""
import argparse
import gzip
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fit_sounds import DATA, aside_words, fnv_aside  # noqa: E402


def is_han(c):
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or
            0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F)


def simplified():
    """The traditional-to-simplified map of data/names/unicode/
    han_simplified.tsv (make_han_simplified.py) as a str.translate
    table: characters are counted on their simplified form (農 is 农),
    as han_foreign.c looks them up."""
    path = os.path.join(HERE, "..", "..", "data", "names", "unicode",
                        "han_simplified.tsv")
    with open(path, encoding="utf-8") as f:
        return {int(l.split("\t")[0], 16): int(l.split("\t")[2])
                for l in f if l.strip()}


def chinese_rows():
    """The rows of wd_chinese_20 (latin, han, count) and the Han words
    of kept-aside rows (of it and of bench/data/script_pairs.csv)."""
    path = os.path.join(DATA, "dev", "translit", "wd_chinese_20.tsv.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f]
    rows = [r for r in rows if len(r) >= 2]
    _, nat_aside = aside_words()
    nat_aside |= {r[1] for r in rows if fnv_aside(r[0], r[1])}
    return rows, nat_aside


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min", type=int, default=5,
                    help="rows a character must occur in (default 5)")
    args = ap.parse_args()
    rows, nat_aside = chinese_rows()
    fold = simplified()
    simp_aside = {w.translate(fold) for w in nat_aside}
    tuned = [r for r in rows if not fnv_aside(r[0], r[1]) and
             r[1].translate(fold) not in simp_aside]
    cnt = Counter()
    for r in tuned:
        for c in set(r[1].translate(fold)):
            if is_han(c):
                cnt[c] += 1
    keep = sorted((c for c, k in cnt.items() if k >= args.min), key=ord)
    print("rows: %d tuned of %d; characters: %d seen, %d kept (>= %d rows)"
          % (len(tuned), len(rows), len(cnt), len(keep), args.min),
          file=sys.stderr)
    for c in keep:
        print("%04X\t%s\t%d" % (ord(c), c, cnt[c]))


if __name__ == "__main__":
    main()
