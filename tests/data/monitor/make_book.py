#!/usr/bin/env python3
"""make_book.py - the 10,000-record sample book (book.csv) for the
monitoring workflow test and README: 9,950 people from the development
negatives (bench/data/dev/negatives_us.csv.gz, synthetic names that are
not listed) plus 50 names from the UN list (bench/data/dev/positives_un.csv),
spread through the file, and the first two of those again as second
customers with the name in "LAST First" order (two book records on one
listed person). Deterministic: run it again and the file is the
same.

usage: tests/data/monitor/make_book.py [OUT]   (default: beside this file)
"""
import csv, gzip, io, os, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", "..", ".."))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "book.csv")

neg = []
with gzip.open(os.path.join(root, "bench/data/dev/negatives_us.csv.gz"), "rt",
               encoding="utf-8") as f:
    for row in csv.DictReader(f):
        neg.append(row)
        if len(neg) == 9948:
            break
pos = []
with open(os.path.join(root, "bench/data/dev/positives_un.csv"),
          encoding="utf-8") as f:
    for row in csv.DictReader(f):
        pos.append(row)
        if len(pos) == 50:
            break

buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["id", "name", "schema", "birth_date", "country"])
n = 0
pi = 0
for i, r in enumerate(neg):
    if i % 199 == 100 and pi < len(pos):
        p = pos[pi]
        pi += 1
        n += 1
        w.writerow(["C%06d" % n, p["full_name"], "Person",
                    p["date_of_birth"], p["nationality"]])
    n += 1
    w.writerow(["C%06d" % n, r["full_name"], "Person", r["date_of_birth"],
                r["nationality"]])
while pi < len(pos):
    p = pos[pi]
    pi += 1
    n += 1
    w.writerow(["C%06d" % n, p["full_name"], "Person", p["date_of_birth"],
                p["nationality"]])
for p in pos[:2]:
    parts = p["full_name"].split()
    n += 1
    w.writerow(["C%06d" % n, " ".join(parts[-1:] + parts[:-1]), "Person",
                p["date_of_birth"], p["nationality"]])
with open(out, "w", encoding="utf-8") as f:
    f.write(buf.getvalue())
print("%s: %d records (%d listed names)" % (out, n, len(pos)))
