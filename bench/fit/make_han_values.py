#!/usr/bin/env python3
"""make_han_values.py - the Latin letters each Han transcription character
stands for, learnt from Wikidata's Latin and Han name words of the
development data.

Chinese transcribes a foreign name syllable by syllable with characters
chosen for their sound (Xinhua's transcription table): 斯 is s, 特 t,
克 k, 姆 m, 尔 r or l, 夫 f or v, 尼 ni, 拉 la ... A lone consonant of
the name gets a character with an added vowel (Bannister 班尼斯特 ban ni
si te), so reading such a word as pinyin (bannisite) puts a vowel after
every consonant and changes others (xi for si, er for r). The character's
value in foreign names says what the name had: 班尼斯特 read "bannist".

Learnt by hard EM from the single-token pairs
bench/data/dev/translit/wd_chinese_20.tsv.gz (latin<TAB>han<TAB>count,
CC0): each Latin word (folded to lowercase ASCII) is cut into as many
pieces (1 to 5 letters) as its Han word has characters, the cut that the
current piece probabilities like most; the probabilities are counted
again from the cuts (smoothed towards the share of the piece among all
pieces), ten rounds, starting from even cuts. A character's value is its
commonest piece, kept when the character is seen in at least --min rows
and that piece in at least --share of them.

Kept apart from what bench_quality measures: only rows of the tuned part
(FNV-1a of latin, 0xff, native, as bench_quality splits rows) are used,
and a row is dropped when its Han word is also the Han word of a
kept-aside row (of this file or of bench/data/script_pairs.csv), or its
Latin word a Latin word of a kept-aside row of this file.

Output (data/names/wikidata/han_values.tsv): one line per character,
sorted by code point: its code point in hex, the character, the rows it
was seen in, its value and the rows with that value:

    65AF<TAB>斯<TAB>812<TAB>s<TAB>655

usage: python3 bench/fit/make_han_values.py [--min 5] [--share 0.2] > \
           data/names/wikidata/han_values.tsv
"""
import argparse
import math
import os
import sys
import zlib
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from fit_sounds import fnv_aside, fold  # noqa: E402
from make_han_transcription import chinese_rows, is_han, simplified  # noqa: E402,E501

MAXP = 5  # longest piece


def cut(lat, han, score):
    """The best cut of lat into len(han) pieces under score(c, piece)."""
    n, m = len(lat), len(han)
    NEG = -1e18
    best = [[NEG] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for j in range(1, m + 1):
        for i in range(j, n + 1):
            for ln in range(1, MAXP + 1):
                k = i - ln
                if k < 0 or best[j - 1][k] == NEG:
                    continue
                v = best[j - 1][k] + score(han[j - 1], lat[k:i])
                if v > best[j][i]:
                    best[j][i] = v
                    back[j][i] = k
    if best[m][n] == NEG:
        return None
    pieces, i = [], n
    for j in range(m, 0, -1):
        k = back[j][i]
        pieces.append(lat[k:i])
        i = k
    return pieces[::-1]


def even(lat, m):
    n = len(lat)
    b = [round(i * n / m) for i in range(m + 1)]
    p = [lat[b[i]:b[i + 1]] for i in range(m)]
    return p if all(0 < len(x) <= MAXP for x in p) else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min", type=int, default=5)
    ap.add_argument("--share", type=float, default=0.2)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--half", type=int, default=-1,
                    help="fit on the tuned rows whose Latin word has this "
                    "CRC-32 parity only (0 or 1), to check the values on "
                    "the other half")
    args = ap.parse_args()
    rows, nat_aside = chinese_rows()
    aside = [r for r in rows if fnv_aside(r[0], r[1])]
    lat_aside = {fold(r[0]) for r in aside}
    simp = simplified()
    simp_aside = {w.translate(simp) for w in nat_aside}
    data = []
    for r in rows:
        if fnv_aside(r[0], r[1]) or r[1].translate(simp) in simp_aside:
            continue
        lat = fold(r[0])
        if lat in lat_aside or not lat.isalpha() or not lat.isascii():
            continue
        if not r[1] or not all(is_han(c) for c in r[1]):
            continue
        if args.half >= 0 and zlib.crc32(lat.encode()) % 2 != args.half:
            continue
        data.append((lat, r[1].translate(simp)))
    cuts = [even(l, len(h)) for l, h in data]
    for rnd in range(args.rounds):
        cnt = defaultdict(Counter)
        glob = Counter()
        for (l, h), p in zip(data, cuts):
            if p is None:
                continue
            for c, x in zip(h, p):
                cnt[c][x] += 1
                glob[x] += 1
        tot = sum(glob.values())
        ctot = {c: sum(v.values()) for c, v in cnt.items()}

        def score(c, x, cnt=cnt, glob=glob, tot=tot, ctot=ctot):
            p0 = (glob[x] + 0.1) / (tot + 1.0)
            k = cnt[c][x] if c in cnt else 0
            return math.log((k + 2.0 * p0) / (ctot.get(c, 0) + 2.0))

        new = [cut(l, h, score) for l, h in data]
        moved = sum(a != b for a, b in zip(new, cuts))
        cuts = new
        print("round %d: %d cuts moved" % (rnd + 1, moved), file=sys.stderr)
    seen = Counter()
    val = defaultdict(Counter)
    for (l, h), p in zip(data, cuts):
        if p is None:
            continue
        for c in set(h):
            seen[c] += 1
        for c, x in zip(h, p):
            val[c][x] += 1
    kept = 0
    for c in sorted(seen, key=ord):
        if seen[c] < args.min:
            continue
        x, k = val[c].most_common(1)[0]
        if k < args.share * sum(val[c].values()):
            continue
        kept += 1
        print("%04X\t%s\t%d\t%s\t%d" % (ord(c), c, seen[c], x, k))
    print("rows: %d tuned of %d; characters: %d seen, %d kept"
          % (len(data), len(rows), len(seen), kept), file=sys.stderr)


if __name__ == "__main__":
    main()
