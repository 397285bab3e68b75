#!/usr/bin/env python3
"""fit_sounds.py - learn the sound-alignment costs of phonetic.c from data.

How a Korean, Japanese or Hebrew newspaper writes a Western name is learnt
from Wikidata's single-token pairs (bench/data/dev/translit/
wd_{korean,hebrew,katakana,japanese,arabic,chinese}_20.tsv.gz: latin<TAB>native<TAB>count)
instead of set by hand:

 1. bench_sounds (bench/bench_sounds.c) turns each pair into the two sound
    strings kd__sound_sim() aligns: the Latin token's sounds and the sounds
    of the library's own reading of the native token.
 2. A memoryless stochastic edit transducer (Ristad & Yianilos 1998) is
    fitted by EM (forward-backward) over those pairs: the probability of
    each edit, Latin sound -> reading sound, Latin sound dropped, reading
    sound inserted.
 3. Each edit becomes a cost: how much less likely it is than the most
    likely thing that happens to that sound,

        sub(x, y) = ln(P(best | x) / P(y | x)) / ln(K)     (clamped to 0..1)
        del(x)    = ln(P(best | x) / P(- | x)) / ln(K)
        ins(y)    = ln(P(best -> y) / P(- -> y)) / ln(K)

    so an edit K times rarer than the usual outcome costs 1 (what any
    unrelated consonant cost before), and identity is always 0.
    Written to data/weights/sound_costs.txt ("latin reading cost", '-' for
    nothing), which CMake turns into generated/sound_costs.h.

Kept apart from what bench_quality measures: only token pairs of the
*tuned* part are used (FNV-1a of latin, 0xff, native, as bench_quality
splits rows; a third is aside), and a token pair is dropped if its Latin
word or its native word occurs in any kept-aside row of
bench/data/script_pairs.csv (whose names come from other Wikidata files,
but share words with these). The held-out token pairs give the log-
likelihood printed at the end (fitted vs held out).

usage: python3 bench/fit/fit_sounds.py --build build-rel [--k 120] [--write]
"""
import argparse
import csv
import gzip
import json
import math
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(ROOT, "bench", "data")
LANGS = ("korean", "hebrew", "katakana", "japanese", "arabic", "chinese")
EPS = "-"


def fnv_aside(a, b):
    h = 2166136261
    for c in a.encode("utf-8"):
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    h = ((h ^ 0xFF) * 16777619) & 0xFFFFFFFF
    for c in b.encode("utf-8"):
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    return h % 3 == 0


def fold(w):
    w = unicodedata.normalize("NFKD", w.lower())
    return "".join(c for c in w if not unicodedata.combining(c))


def aside_words():
    """Latin and native words of the kept-aside script pairs."""
    lat, nat = set(), set()
    with open(os.path.join(DATA, "script_pairs.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not fnv_aside(r["name1"], r["name2"]):
                continue
            for w in r["name1"].replace("-", " ").split():
                lat.add(fold(w))
            for w in r["name2"].replace("-", " ").split():
                nat.add(w)
    return lat, nat


def load(build):
    lat_aside, nat_aside = aside_words()
    rows = {0: [], 1: []}
    dropped = 0
    for lang in LANGS:
        path = os.path.join(DATA, "dev", "translit", "wd_%s_20.tsv.gz" % lang)
        lines = {0: [], 1: []}
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) < 2:
                    continue
                if fold(p[0]) in lat_aside or p[1] in nat_aside:
                    dropped += 1
                    continue
                lines[1 if fnv_aside(p[0], p[1]) else 0].append(line)
        # Korean twice: the sounds every table reads (k), and a Hangul
        # word's own sounds (kd__sounds_hangul: U, O) for table w
        for flag in ([None, "--hangul"] if lang == "korean" else
                     ["--han"] if lang == "chinese" else [None]):
            for part in (0, 1):
                out = subprocess.run(
                    [os.path.join(build, "bench_sounds")] +
                    ([flag] if flag else []),
                    input="".join(lines[part]), check=True,
                    capture_output=True, text=True).stdout
                for l in out.splitlines():
                    q = l.split("\t")
                    if len(q) == 5 and q[1] and q[3]:
                        g = "w" if flag == "--hangul" else group(q[2], lang)
                        if g:
                            rows[part].append((q[1], q[3], g))
    print("token pairs: fitted %d, held out %d; dropped %d sharing a word "
          "with kept-aside script pairs" % (len(rows[0]), len(rows[1]),
                                            dropped), file=sys.stderr)
    return rows


def group(reading, lang):
    """The cost table of a reading: "a" for the consonant frame of a word
    in Arabic script (arabic.c; f/v and b/p are one letter each there, so
    it does not share Hebrew's table), "h" for a foreign name read from
    Han characters (pinyin syllables joined), "c" for one written without vowel
    letters (an abjad: Hebrew; phonetic.c tells it by the same rule),
    "k" for Hangul and "j" for Kana (phonetic.c takes the better of the
    two for a reading with vowels); None: a Hebrew reading with vowel
    letters (Latin letters in it), or an Arabic-script word spelled with
    vowels, left out."""
    if lang == "arabic":
        # a word of fewer than three consonant sounds is spelled with
        # vowels in the frame option (arabic.c) and never compared by
        # sound: no frame, left out
        return None if any(ch in "eiou" for ch in reading) else "a"
    if lang == "chinese":
        return "h"
    if not any(ch in "aeiou" for ch in reading[:-1]):
        return "c"
    return {"korean": "k", "katakana": "j", "japanese": "j"}.get(lang)


def forward(x, y, P):
    n, m = len(x), len(y)
    a = [[0.0] * (m + 1) for _ in range(n + 1)]
    a[0][0] = 1.0
    for i in range(n + 1):
        ai, ap = a[i], a[i - 1] if i else None
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            v = 0.0
            if i:
                v += ap[j] * P.get((x[i - 1], EPS), 0.0)
                if j:
                    v += ap[j - 1] * P.get((x[i - 1], y[j - 1]), 0.0)
            if j:
                v += ai[j - 1] * P.get((EPS, y[j - 1]), 0.0)
            ai[j] = v
    return a


def backward(x, y, P):
    n, m = len(x), len(y)
    b = [[0.0] * (m + 1) for _ in range(n + 1)]
    b[n][m] = 1.0
    for i in range(n, -1, -1):
        bi, bn = b[i], b[i + 1] if i < n else None
        for j in range(m, -1, -1):
            if i == n and j == m:
                continue
            v = 0.0
            if i < n:
                v += bn[j] * P.get((x[i], EPS), 0.0)
                if j < m:
                    v += bn[j + 1] * P.get((x[i], y[j]), 0.0)
            if j < m:
                v += bi[j + 1] * P.get((EPS, y[j]), 0.0)
            bi[j] = v
    return b


def em(pairs, alpha, iters):
    sx = sorted({c for x, _ in pairs for c in x})
    sy = sorted({c for _, y in pairs for c in y})
    P = {}
    for a in sx:
        P[(a, EPS)] = 1.0
        for b in sy:
            P[(a, b)] = 20.0 if a == b else 1.0
    for b in sy:
        P[(EPS, b)] = 1.0
    z = sum(P.values())
    P = {k: v / z for k, v in P.items()}
    for it in range(iters):
        C = {k: alpha for k in P}
        ll = 0.0
        for (x, y), w in pairs.items():
            a = forward(x, y, P)
            b = backward(x, y, P)
            tot = a[len(x)][len(y)]
            if tot <= 0:
                continue
            ll += w * math.log(tot)
            s = w / tot
            for i in range(len(x) + 1):
                for j in range(len(y) + 1):
                    ab = a[i][j] * s
                    if ab == 0:
                        continue
                    if i < len(x):
                        k = (x[i], EPS)
                        C[k] += ab * P[k] * b[i + 1][j]
                        if j < len(y):
                            k = (x[i], y[j])
                            C[k] += ab * P[k] * b[i + 1][j + 1]
                    if j < len(y):
                        k = (EPS, y[j])
                        C[k] += ab * P[k] * b[i][j + 1]
        z = sum(C.values())
        P = {k: v / z for k, v in C.items()}
        print("EM %d: log-likelihood per pair %.4f" %
              (it + 1, ll / sum(pairs.values())), file=sys.stderr)
    return P


def loglik(rows, P):
    ll, n = 0.0, 0
    for x, y, _ in rows:
        t = forward(x, y, P)[len(x)][len(y)]
        if t > 0:
            ll += math.log(t)
            n += 1
    return ll / max(n, 1)


def costs(P, k):
    """Edit probabilities -> costs (see the top)."""
    sx = sorted({a for a, _ in P if a != EPS})
    sy = sorted({b for _, b in P if b != EPS})
    out = {}
    lk = math.log(k)

    def c(p, best):
        if p <= 0:
            return 1.0
        return min(1.0, max(0.0, math.log(best / p) / lk))

    for a in sx:
        row = {b: P.get((a, b), 0.0) for b in sy + [EPS]}
        best = max(row.values())
        for b, p in row.items():
            out[(a, b)] = 0.0 if a == b else c(p, best)
    for b in sy:
        col = {a: P.get((a, b), 0.0) for a in sx}
        col[EPS] = P.get((EPS, b), 0.0)
        out[(EPS, b)] = c(col[EPS], max(col.values()))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--k", type=float, default=120.0,
                    help="an edit K times rarer than the usual costs 1")
    ap.add_argument("--iters", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=0.5,
                    help="add-alpha smoothing of the expected counts")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--probs", help="a JSON file of fitted edit "
                    "probabilities: read if it exists, else written")
    a = ap.parse_args()
    rows = load(a.build)
    probs = {}
    if a.probs and os.path.exists(a.probs):
        with open(a.probs) as f:
            probs = {g: {tuple(k.split(" ")): v for k, v in t.items()}
                     for g, t in json.load(f).items()}
    lines = ["# sound-alignment costs of phonetic.c, written by",
             "# bench/fit/fit_sounds.py (K %g, %d EM iterations, %d fitted "
             "token pairs)" % (a.k, a.iters, len(rows[0])),
             "# table latin-sound reading-sound cost ('-': nothing); table "
             "c: readings", "# without vowel letters (Hebrew), k: Hangul, "
             "j: Kana, a: Arabic script, h: Han, w: Hangul words in their own", "# sounds "
             "(U for eu, O for eo); only costs below 1 are listed, every "
             "other", "# edit costs 1"]
    for g in ("c", "k", "j", "a", "h", "w"):
        pairs = {}
        fit = [r for r in rows[0] if r[2] == g]
        held = [r for r in rows[1] if r[2] == g]
        for x, y, _ in fit:
            pairs[(x, y)] = pairs.get((x, y), 0) + 1
        P = probs[g] if g in probs else em(pairs, a.alpha, a.iters)
        probs[g] = P
        print("table %s: %d token pairs; log-likelihood per pair: fitted "
              "%.4f, held out %.4f" % (g, len(fit), loglik(fit, P),
                                       loglik(held, P)), file=sys.stderr)
        C = costs(P, a.k)
        for (x, y), v in sorted(C.items()):
            if x != y and v < 1.0:
                lines.append("%s %s %s %.3f" % (g, x, y, v))
    if a.probs and not os.path.exists(a.probs):
        with open(a.probs, "w") as f:
            json.dump({g: {" ".join(k): v for k, v in t.items()}
                       for g, t in probs.items()}, f)
    text = "\n".join(lines) + "\n"
    if a.write:
        path = os.path.join(ROOT, "data", "weights", "sound_costs.txt")
        with open(path, "w") as f:
            f.write(text)
        print("wrote %s" % path, file=sys.stderr)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
