#!/usr/bin/env python3
"""bench_monitor_book.py - a synthetic customer book of N records for the
monitoring benchmarks (bench/bench_monitor.sh): given names and surnames
recombined from the development negatives (bench/data/dev/negatives_us.csv.gz),
random birth dates and countries, and one record in 200 a UN-listed name
(bench/data/dev/positives_un.csv), so alerts occur at a realistic rate.
Fixed seed: the same N gives the same file.

usage: python3 bench/bench_monitor_book.py N OUT.csv
"""
import csv, gzip, random, sys

random.seed(20261204)
n = int(sys.argv[1])
out = sys.argv[2]
here = __file__.rsplit("/", 1)[0]
firsts, lasts, countries = [], [], []
with gzip.open(f"{here}/data/dev/negatives_us.csv.gz", "rt", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["first_name"]:
            firsts.append(r["first_name"])
        if r["last_name"]:
            lasts.append(r["last_name"])
        if r["nationality"]:
            countries.append(r["nationality"])
pos = list(csv.DictReader(open(f"{here}/data/dev/positives_un.csv", encoding="utf-8")))
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "schema", "birth_date", "country"])
    for i in range(1, n + 1):
        if i % 200 == 0:
            p = random.choice(pos)
            w.writerow([f"K{i:07d}", p["full_name"], "Person", p["date_of_birth"], p["nationality"]])
            continue
        name = random.choice(firsts) + " " + random.choice(lasts)
        dob = "%04d-%02d-%02d" % (random.randint(1940, 2004), random.randint(1, 12), random.randint(1, 28))
        w.writerow([f"K{i:07d}", name, "Person", dob, random.choice(countries)])
