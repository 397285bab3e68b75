#!/usr/bin/env python3
"""make_script_pairs.py - labelled full-name pairs across scripts.

Builds bench/data/script_pairs.csv (same columns as pairs.csv:
schema,name1,name2,label,kind) from the Wikidata person names in
bench/data/dev/translit/wd_{korean,hebrew}_names.tsv.gz (Latin<TAB>native):

  positives  the Latin name vs the native-script name of the same row
             (Korean persons and foreign persons written in Hangul /
             Hebrew script)
  negatives  the Latin name of one person vs the native-script name of a
             *different* person sharing a name part with it (same surname
             or same given name): hard negatives

Rows that are not plain person names are skipped (titles "X of Y",
regnal numbers, commas, parentheses, one-word names). Sampling uses a
fixed seed, so the output is reproducible. Standard library only.

usage: python3 bench/fit/make_script_pairs.py [--n N]   (N per kind, 1500)
"""
import argparse
import csv
import gzip
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
BAD = re.compile(r"[0-9(),]|\b(of|the|von der|saint|st|king|queen|duke|"
                 r"prince|princess|emperor|pope|lord|earl|count)\b|\b[IVX]+\b",
                 re.IGNORECASE)


def load(lang):
    path = os.path.join(DATA, "dev", "translit", "wd_%s_names.tsv.gz" % lang)
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                continue
            latin, native = parts[0].strip(), parts[1].strip()
            if BAD.search(latin) or "," in native or "(" in native:
                continue
            toks = latin.lower().split()
            if not 2 <= len(toks) <= 4 or len(native.split()) > 5:
                continue
            if any(len(t.strip(".")) < 2 for t in toks):
                continue  # initials: too little to pair on
            rows.append((latin, native, toks))
    return rows


def build(lang, n, rnd):
    rows = load(lang)
    rnd.shuffle(rows)
    out = []
    seen = set()
    for latin, native, _ in rows[:n]:
        out.append(("Person", latin, native, 1, lang + "_same_person"))
        seen.add((latin, native))
    # index by name part: first and last token
    by_part = {}
    for i, (_, _, toks) in enumerate(rows):
        for t in (toks[0], toks[-1]):
            by_part.setdefault(t, []).append(i)
    negs = 0
    for i, (latin, _, toks) in enumerate(rows):
        if negs >= n:
            break
        part = toks[-1] if rnd.random() < 0.5 else toks[0]
        cands = [j for j in by_part.get(part, []) if j != i]
        if not cands:
            continue
        j = rnd.choice(cands)
        other_latin, other_native, other_toks = rows[j]
        if set(other_toks) == set(toks) or other_native == rows[i][1]:
            continue  # the same name: not separable by name
        if (latin, other_native) in seen:
            continue
        seen.add((latin, other_native))
        kind = "_neg_same_surname" if part == toks[-1] else "_neg_same_given"
        out.append(("Person", latin, other_native, 0, lang + kind))
        negs += 1
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--out", default=os.path.join(DATA, "script_pairs.csv"))
    a = ap.parse_args()
    rnd = random.Random(20261204)
    rows = []
    for lang in ("korean", "hebrew"):
        rows += build(lang, a.n, rnd)
    rnd.shuffle(rows)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["schema", "name1", "name2", "label", "kind"])
        w.writerows(rows)
    print("%s: %d pairs" % (a.out, len(rows)), file=sys.stderr)


if __name__ == "__main__":
    main()
