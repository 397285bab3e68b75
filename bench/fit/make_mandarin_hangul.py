#!/usr/bin/env python3
"""make_mandarin_hangul.py - how Korean writes a Mandarin syllable in
Hangul (the transcription of modern Chinese names: 周冬雨 Zhou Dongyu =
저우둥위 "jeo u dung wi", 廖仲愷 Liao Zhongkai = 랴오중카이), learnt from
Wikidata's Latin and Hangul names of the development data.

Modern Chinese persons are written in Korean by the sound of Mandarin
(since 1986), older ones by the Korean reading of the characters
(sino_korean.c). The sound transcription maps each pinyin syllable to
one to three Hangul syllables (zhou 저우, yuan 위안, dong 둥), a mapping no
Debian package ships, so it is counted here from the data: every person
whose Latin name splits wholly into pinyin syllables (the syllables of
data/names/unihan/sino_korean.tsv, from Unihan) is aligned with the
Hangul syllables of the Korean name (each pinyin syllable to 1-3 of
them, in order), by hard EM (Viterbi alignments, counts, again), and a
Hangul spelling is kept when it is at least a tenth of a syllable's
alignments and seen three times.

Kept apart from what bench_quality measures: only rows of the tuned part
(FNV-1a of latin, 0xff, native, as bench_quality splits rows) are used,
and a row is dropped if its Hangul name is that of a kept-aside row of
bench/data/script_pairs.csv (whose rows come from the same file). Words
are shared (Zhou, Li): the spelling of a syllable is what is learnt.

Output (data/names/wikidata/mandarin_hangul.tsv): one line per pinyin
syllable, its spellings in Revised Romanization as hangul.c writes them
(syllables joined), space-separated, most frequent first:

    zhou<TAB>jeou ju

usage: python3 bench/fit/make_mandarin_hangul.py > \
           data/names/wikidata/mandarin_hangul.tsv
"""
import csv
import difflib
import gzip
import math
import os
import re
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fit_sounds import ROOT, DATA, fnv_aside, fold  # noqa: E402
from make_sino_korean import rr  # noqa: E402


def pinyin_set():
    out = set()
    path = os.path.join(ROOT, "data", "names", "unihan", "sino_korean.tsv")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                out.add(line.split("\t")[0])
    return out


def segs(w, py, memo):
    """Every split of word w into pinyin syllables (at most 8)."""
    if w in memo:
        return memo[w]
    if not w:
        return [[]]
    out = []
    for k in range(1, min(6, len(w)) + 1):
        if w[:k] in py:
            for rest in segs(w[k:], py, memo):
                out.append([w[:k]] + rest)
                if len(out) >= 8:
                    break
    memo[w] = out
    return out


def sino_readings():
    out = {}
    path = os.path.join(ROOT, "data", "names", "unihan", "sino_korean.tsv")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                p, r = line.rstrip("\n").split("\t")
                out[p] = set(r.split())
    return out


def aside_names():
    """The kept-aside rows of bench/data/script_pairs.csv, and their
    Hangul names."""
    rows, nat = set(), set()
    with open(os.path.join(DATA, "script_pairs.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if fnv_aside(r["name1"], r["name2"]):
                rows.add((r["name1"], r["name2"]))
                nat.add(r["name2"])
    return rows, nat


def rows():
    py = pinyin_set()
    sk = sino_readings()
    aside, nat_aside = aside_names()
    memo = {}
    out = []
    for name in ("wd_korean_names", "wd_korean_20"):
        path = os.path.join(DATA, "dev", "translit", name + ".tsv.gz")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) < 2 or fnv_aside(p[0], p[1]):
                    continue
                lw = [fold(w) for w in re.split(r"[\s\-']+", p[0]) if w]
                nw = p[1].split()
                if not lw or (p[0], p[1]) in aside or p[1] in nat_aside:
                    continue
                if not all(re.fullmatch("[a-z]+", w) for w in lw):
                    continue
                hs = [rr(c) for c in "".join(nw)]
                if not hs or None in hs:
                    continue
                splits = [[]]
                for w in lw:
                    s = segs(w, py, memo)
                    if not s:
                        splits = []
                        break
                    splits = [a + b for a in splits for b in s][:16]
                # a name in Korean reading (고운 Gao Yun): not a
                # transcription
                if any(len(sy) == len(hs) and
                       all(h in sk.get(y, ()) for y, h in zip(sy, hs))
                       for sy in splits):
                    continue
                if splits:
                    out.append((splits, hs))
    return out


def viterbi(splits, hs, logp):
    """Best alignment of some split to the Hangul syllables hs:
    [(pinyin, hangul spelling)], or None."""
    best, bestv = None, -1e18
    n = len(hs)
    for sy in splits:
        m = len(sy)
        if not m <= n <= 3 * m:
            continue
        d = [[-1e18] * (n + 1) for _ in range(m + 1)]
        bk = [[0] * (n + 1) for _ in range(m + 1)]
        d[0][0] = 0.0
        for i in range(1, m + 1):
            for j in range(1, n + 1):
                for k in (1, 2, 3):
                    if j - k < 0 or d[i - 1][j - k] <= -1e17:
                        continue
                    v = d[i - 1][j - k] + logp(sy[i - 1],
                                               "".join(hs[j - k:j]), k)
                    if v > d[i][j]:
                        d[i][j], bk[i][j] = v, k
        if d[m][n] > bestv:
            bestv = d[m][n]
            al, j = [], n
            for i in range(m, 0, -1):
                k = bk[i][j]
                al.append((sy[i - 1], "".join(hs[j - k:j])))
                j -= k
            best = al[::-1]
    return best


def main():
    data = rows()
    counts = None
    for _ in range(6):
        if counts is None:
            # start: spellings alike in letters (zhou/jeou, kai/kai)
            def logp(p, h, k):
                return 4.0 * difflib.SequenceMatcher(None, p, h).ratio()
        else:
            tot = {p: sum(c.values()) for p, c in counts.items()}

            def logp(p, h, k, counts=counts, tot=tot):
                c = counts.get(p, {}).get(h, 0)
                return math.log((c + 0.01) / (tot.get(p, 0) + 1.0)) - 0.5 * k
        new = defaultdict(lambda: defaultdict(int))
        for splits, hs in data:
            al = viterbi(splits, hs, logp)
            # after the start, a row counts only when every syllable of
            # its alignment is a spelling already seen (a Japanese name
            # that happens to split into pinyin, a name in another
            # order, a title: no evidence)
            if al and (counts is None or
                       all(counts.get(p, {}).get(h, 0) >= 0.05 *
                           tot.get(p, 1) for p, h in al)):
                for p, h in al:
                    new[p][h] += 1
        counts = new
    print("# pinyin syllable -> its Hangul transcription (Revised "
          "Romanization, syllables joined),")
    print("# learnt from Wikidata names (bench/data/dev/translit) by "
          "bench/fit/make_mandarin_hangul.py")
    for p in sorted(counts):
        c = counts[p]
        tot = sum(c.values())
        keep = [h for h, v in sorted(c.items(), key=lambda x: (-x[1], x[0]))
                if v >= 3 and v >= 0.1 * tot]
        if keep:
            print("%s\t%s" % (p, " ".join(keep)))


if __name__ == "__main__":
    main()
