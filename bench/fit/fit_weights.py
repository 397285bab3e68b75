#!/usr/bin/env python3
"""fit_weights.py - fit how the explained name features combine.

The name score (src/match/compare.c) is

    score = scale * Sq * Sl^list_exp * I^info_exp * number_factor^num
            * order_factor^order * subst_factor^subst * phonetic_factor^phon

with Sq, Sl the weighted shares of the query / list name that matched,
I = min(1, nats matched / 9), num, order, subst the number mismatch,
name order conflict and substituted-part counts, and phon the share of
the query matched by sound across scripts (phonetic.c). Taking logs, a logistic
regression on labelled pairs

    P(same) = sigmoid(a + b*log Sq + c*log Sl + d*log I + e*num + f*order
                      + g*subst + h*phon)

gives every weight as a ratio to b: list_exp = c/b, info_exp = d/b,
number_factor = exp(e/b), ... info_exp is not fitted (see main()). The threshold stays where the screening sets
put it (0.70: balanced pairs do not have screening's base rate), so scale
is not fitted and stays 1.

Data: the features of every labelled pair, from the bench_features
program (run it first, or let this script run it), TUNED part only (the
split bench_quality uses); the kept-aside part is never read here. The
fit is Newton's method with a small ridge penalty; 5-fold
cross-validation on the tuned part reports log-loss and F1 per fold; a
feature seen in fewer than MIN_SEEN tuned pairs keeps its current value
(it cannot be fitted). Standard library only.

usage: python3 bench/fit/fit_weights.py [--features FILE] [--build DIR]
       [--fit number,order,subst|phon] [--threshold T] [--write]
       (without --write, prints the weights and CV figures; the phonetic
       factor: --fit phon --threshold 0.70, see README.md)
"""
import argparse
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
WEIGHTS = os.path.join(ROOT, "data", "weights", "name_score.txt")
NAMES = ["bias", "log_sq", "log_sl", "log_info", "number", "order", "subst",
         "phon"]
MIN_SEEN = 20
RIDGE = 1.0
FLOOR = 0.02  # log floor: a share below 2 % is no match at all


def features(row, list_exp, thr=None):
    sq, sl, info = (max(float(row[k]), FLOOR) for k in ("sq", "sl", "info"))
    # list_exp is held at its current value (see main()): the coverage
    # feature is log(Sq * Sl^list_exp); with a fixed threshold thr it is
    # measured from log(thr), so that P = 0.5 falls on the threshold and
    # the factors are fitted for the decision screening makes
    off = -math.log(thr) if thr else 0.0
    # common_name (persons, set by hand: see README.md) is a fixed factor
    common = max(float(row.get("common", 1.0)), 1e-6)
    return [1.0, math.log(sq) + list_exp * math.log(sl) + math.log(common)
            + off, math.log(sl),
            math.log(min(1.0, info / 9.0)),
            float(row["number"]), float(row["order"]), float(row["subst"]),
            float(row["phon"])]


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [list(a[i]) + [b[i]] for i in range(n)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0
            for i in range(n)]


def fit(xs, ys, active):
    """Ridge logistic regression by Newton's method over active columns."""
    n = len(NAMES)
    w = [0.0] * n
    w[1] = 1.0
    for _ in range(30):
        g = [0.0] * n
        h = [[0.0] * n for _ in range(n)]
        for x, y in zip(xs, ys):
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for i in range(n):
                if not active[i]:
                    continue
                g[i] += (p - y) * x[i]
                for j in range(n):
                    if active[j]:
                        h[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, n):
            if active[i]:
                g[i] += RIDGE * w[i]
                h[i][i] += RIDGE
        for i in range(n):
            if not active[i]:
                h[i] = [0.0] * n
                h[i][i] = 1.0
                g[i] = 0.0
        step = solve(h, g)
        # damped: halve the step until the penalised loss goes down
        base, t = loss(w, xs, ys), 1.0
        while t > 1e-4:
            nw = [wi - t * si for wi, si in zip(w, step)]
            if loss(nw, xs, ys) <= base:
                break
            t /= 2
        w = nw
        if max(abs(t * s) for s in step) < 1e-7:
            break
    return w


def loss(w, xs, ys):
    tot = RIDGE / 2 * sum(v * v for v in w[1:])
    for x, y in zip(xs, ys):
        z = sum(wi * xi for wi, xi in zip(w, x))
        z = max(-30.0, min(30.0, z))
        tot += math.log1p(math.exp(-z)) if y else math.log1p(math.exp(z))
    return tot


def predict(w, x):
    z = sum(wi * xi for wi, xi in zip(w, x))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def scores(w, rows):
    """Log-loss and F1 at P >= 0.5."""
    ll, tp, fp, fn = 0.0, 0, 0, 0
    for x, y in rows:
        p = min(max(predict(w, x), 1e-9), 1 - 1e-9)
        ll -= y * math.log(p) + (1 - y) * math.log(1 - p)
        if p >= 0.5:
            tp += y
            fp += 1 - y
        else:
            fn += y
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return ll / max(1, len(rows)), f1


def read_weights():
    cur = {}
    with open(WEIGHTS, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2 and not line.startswith("#"):
                cur[parts[0]] = float(parts[1])
    return cur


def to_weights(w, cur, fitted):
    b = w[1]
    out = dict(cur)
    if b <= 0:
        sys.exit("fit: the coverage coefficient is not positive; not used")
    for i, key in ((4, "number_factor"), (5, "order_factor"),
                   (6, "subst_factor"), (7, "phonetic_factor")):
        if fitted[i]:
            out[key] = math.exp(w[i] / b)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", help="TSV from bench_features")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fit", default="number,order,subst",
                    help="comma-separated factors to fit (number, order, "
                    "subst, phon); the others are held at their current "
                    "values and enter the score term with them")
    ap.add_argument("--threshold", type=float, default=0.0,
                    help="the screening threshold P=0.5 is held at "
                    "(0: fit the intercept too)")
    a = ap.parse_args()
    if a.features:
        text = open(a.features, encoding="utf-8").read()
    else:
        exe = os.path.join(a.build, "bench_features")
        text = subprocess.run([exe], check=True, capture_output=True,
                              text=True).stdout
    cur = read_weights()
    lines = text.splitlines()
    head = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        r = dict(zip(head, line.split("\t")))
        if r["part"] != "tuned":
            continue  # the kept-aside part is never used for fitting
        if float(r["score"]) <= 0:
            continue  # no part matched: no weight can change that
        rows.append((features(r, cur["list_exp"], a.threshold),
                     int(r["label"])))
    seen = [sum(1 for x, _ in rows if x[i] != 0) for i in range(len(NAMES))]
    want = set(a.fit.split(",")) if a.fit else set()
    keys = {4: "number_factor", 5: "order_factor", 6: "subst_factor",
            7: "phonetic_factor"}
    for i, key in keys.items():
        if NAMES[i] in want:
            continue
        # held: its current factor is part of the score term
        for x, _ in rows:
            x[1] += x[i] * math.log(cur[key])
            x[i] = 0.0
    # log_info is not fitted: the damping of matches built only of common
    # tokens guards screening against common names, which balanced pairs
    # do not measure (fitted, it comes out negative: rewarding commonness)
    # list_exp is not fitted either: balanced pairs push it up (0.61),
    # which fails the first screening case there is, a listed name with
    # a patronymic the query lacks (Sergej Lawrow / LAVROV, Sergei
    # Viktorovich); the lists carry parts queries omit far more often
    # than the pairs do
    # the intercept: held by the threshold (see features()) unless 0
    active = [not a.threshold, True, False, False] + \
        [s >= MIN_SEEN and n in want for s, n in zip(seen[4:], NAMES[4:])]
    print("tuned pairs: %d; feature present in: %s" % (
        len(rows), ", ".join("%s %d" % (n, s) for n, s in
                             zip(NAMES[4:], seen[4:]))))
    for i in range(4, len(NAMES)):
        if not active[i] and NAMES[i] not in want:
            print("  %s: held at its current value" % NAMES[i])
        elif not active[i]:
            print("  %s: seen %d times (< %d), kept at its current value"
                  % (NAMES[i], seen[i], MIN_SEEN))
    # k-fold cross-validation on the tuned part: fit on k-1, score the 1
    cv_ll, cv_f1, tr_ll, tr_f1 = [], [], [], []
    for k in range(a.folds):
        train = [r for i, r in enumerate(rows) if i % a.folds != k]
        test = [r for i, r in enumerate(rows) if i % a.folds == k]
        w = fit([x for x, _ in train], [y for _, y in train], active)
        l1, f1 = scores(w, train)
        l2, f2 = scores(w, test)
        tr_ll.append(l1)
        tr_f1.append(f1)
        cv_ll.append(l2)
        cv_f1.append(f2)
        print("fold %d: fitted-on log-loss %.4f F1 %.4f | held-out fold "
              "log-loss %.4f F1 %.4f" % (k, l1, f1, l2, f2))
    print("mean:   fitted-on log-loss %.4f F1 %.4f | held-out folds "
          "log-loss %.4f F1 %.4f" % (sum(tr_ll) / len(tr_ll),
                                     sum(tr_f1) / len(tr_f1),
                                     sum(cv_ll) / len(cv_ll),
                                     sum(cv_f1) / len(cv_f1)))
    w = fit([x for x, _ in rows], [y for _, y in rows], active)
    print("coefficients: " + ", ".join("%s %.4f" % (n, v)
                                      for n, v in zip(NAMES, w)))
    new = to_weights(w, cur, active)
    if a.threshold:
        print("threshold held at %.3f (P=0.5 there)" % a.threshold)
    else:
        print("implied threshold at P=0.5 (not used: screening sets it): "
              "%.3f" % math.exp(-w[0] / w[1]))
    for key in sorted(new):
        print("  %-14s %.4f  (was %.4f)" % (key, new[key], cur.get(key, 0)))
    if a.write:
        out = []
        with open(WEIGHTS, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and not line.startswith("#") \
                        and parts[0] in new:
                    line = "%s %.4f\n" % (parts[0], new[parts[0]])
                out.append(line)
        with open(WEIGHTS, "w", encoding="utf-8") as f:
            f.writelines(out)
        print("written: %s (rebuild to use)" % WEIGHTS)


if __name__ == "__main__":
    main()
