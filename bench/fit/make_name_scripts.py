#!/usr/bin/env python3
"""make_name_scripts.py - one name across scripts: bench/data/name_scripts.csv.

Issue 11 class 6: how Arabic, Chinese, Hebrew, Japanese (Katakana), Korean
and Russian writers spell a foreign or their own name. Built from Wikidata's
single-token pairs (bench/data/dev/translit/wd_*_20.tsv.gz: latin<TAB>native
<TAB>count, CC0) only; nothing is invented:

  positive  a Latin name word and the native word Wikidata gives for it
            (rows seen at least twice, count >= 2, so one-off errors such
            as a name paired with another reading of the person are rare)
  negative  the same Latin word and the native word of ANOTHER Latin word
            of the same script that looks like it (same first letter,
            length within 2, the most similar by difflib among 60 drawn)
            but is a different name: at least 3 edits apart, not one
            spelling of the other, and never a native word Wikidata also
            gives for the first Latin word

Kept apart like bench_quality and fit_sounds.py: a row is kept aside when
FNV-1a(latin, 0xff, native) % 3 == 0. A positive row is the Wikidata token
pair itself, so its part is the part fit_sounds.py gave that pair (the
sound tables are fitted only on tuned pairs); a negative is kept only when
its row, its Latin word's pair and its native word's pair all fall in the
same part, so no kept-aside token is seen while tuning.

Output: schema,name1,name2,label,kind (as pairs.csv) with kind
"<script>" or "<script>_neg"; bench_quality prints it per script.

A second file, name_scripts_full.csv, joins two such words of one script
and one part (from all rows seen twice, up to 100 positives per part)
into a two-part name ("paradis frith" / "帕拉迪丝·弗里思"),
written as a name of two parts is written in that script: Han and Kana
with the middle dot, the others with a space. A single Han or Hangul
word is read as a Chinese or Korean name, not a foreign one; two parts
are how a foreign person's name appears. Its negatives keep the first
part and take the second from the single-word negative (one part of the
name differs). A row is kept only when its own hash falls in the part
of its words.

usage: python3 bench/fit/make_name_scripts.py [--per 300]
"""
import argparse
import csv
import difflib
import gzip
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "bench", "data")
LANGS = ("arabic", "chinese", "hebrew", "japanese", "katakana", "korean",
         "russian")

# the row split and the folding of fit_sounds.py, so that a positive
# falls in the part its token pair was (or was not) fitted on
from fit_sounds import fnv_aside, fold  # noqa: E402


def edits(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1,
                           prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def load(lang):
    rows, natives = [], {}
    path = os.path.join(DATA, "dev", "translit", "wd_%s_20.tsv.gz" % lang)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 3 or not p[0] or not p[1]:
                continue
            lat = fold(p[0])
            natives.setdefault(lat, set()).add(p[1])
            if int(p[2]) < 2 or not lat.isalpha() or len(lat) < 3:
                continue
            rows.append((p[0], p[1]))
    return rows, natives


def hard_negative(lat, nat, rows, natives, rng):
    """The native word of another Latin word like lat (same first letter,
    length within 2, the most similar of 60 drawn) that is not a spelling
    of it, with every word in the part of (lat, nat); None if none."""
    part = fnv_aside(lat, nat)
    fl = fold(lat)
    cand = [r for r in rows if r[0] != lat and fold(r[0])[:1] ==
            fl[:1] and abs(len(fold(r[0])) - len(fl)) <= 2]
    rng.shuffle(cand)
    best, bs = None, -1.0
    for l2, n2 in cand[:60]:
        f2 = fold(l2)
        if (n2 == nat or n2 in natives.get(fl, ()) or
                nat in natives.get(f2, ()) or edits(fl, f2) < 3 or
                fnv_aside(l2, n2) != part or fnv_aside(lat, n2) != part):
            continue
        s = difflib.SequenceMatcher(None, fl, f2).ratio()
        if s > bs:
            best, bs = n2, s
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--per", type=int, default=300,
                    help="positives (and as many negatives) per script")
    ap.add_argument("--out", default=os.path.join(DATA, "name_scripts.csv"))
    a = ap.parse_args()
    rng = random.Random(20261204)
    rng2 = random.Random(20261205)  # the two-part names' own draws
    out, full = [], []
    for lang in LANGS:
        rows, natives = load(lang)
        rows = sorted(set(rows))
        rng.shuffle(rows)
        pos = rows[:a.per]
        for lat, nat in pos:
            out.append(("Person", lat, nat, 1, lang))
        nneg = 0
        for lat, nat in pos:
            best = hard_negative(lat, nat, rows, natives, rng)
            if best is not None:
                out.append(("Person", lat, best, 0, lang + "_neg"))
                nneg += 1
        # two-part names: words of one part paired, from all the rows
        # (a row is kept only when its hash falls in that part: up to
        # a.per // 3 positives per part and script)
        sep = "\u00b7" if lang == "chinese" else (
            "\u30fb" if lang in ("japanese", "katakana") else " ")
        for part in (False, True):
            ws = [r for r in rows if fnv_aside(r[0], r[1]) == part]
            npos = 0
            for i in range(0, len(ws) - 1, 2):
                if npos >= a.per // 3:
                    break
                (l1, n1), (l2, n2) = ws[i], ws[i + 1]
                lat2 = l1 + " " + l2
                if fnv_aside(lat2, n1 + sep + n2) != part:
                    continue
                full.append(("Person", lat2, n1 + sep + n2, 1, lang))
                npos += 1
                neg = hard_negative(l2, n2, rows, natives, rng2)
                if neg is not None and fnv_aside(lat2, n1 + sep + neg) == part:
                    full.append(("Person", lat2, n1 + sep + neg, 0,
                                 lang + "_neg"))
    rng.shuffle(out)
    rng2.shuffle(full)
    for rows, path in ((out, a.out),
                       (full, a.out.replace(".csv", "_full.csv"))):
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(("schema", "name1", "name2", "label", "kind"))
            w.writerows(rows)
        print("%d rows -> %s" % (len(rows), path))


if __name__ == "__main__":
    main()
