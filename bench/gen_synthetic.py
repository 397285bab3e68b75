#!/usr/bin/env python3
"""gen_synthetic.py - a synthetic watch list of N entities for scale
benchmarks (issue: cost growth with list size).

Recombines real name parts across cultures: given names and surnames from
the development people files (bench/data/dev, many name cultures) and words
of real organisation and vessel names from the bundled lists' excerpts, with
aliases, birth dates, countries and IMO numbers with valid check digits.
Writes a custom-CSV watch list that `kordon --data FILE` loads.

usage: python3 bench/gen_synthetic.py N OUT.csv[.gz]   (fixed seed)
"""
import csv, gzip, io, random, sys

random.seed(20261129)
N = int(sys.argv[1])
out = sys.argv[2]
here = __file__.rsplit("/", 1)[0]

firsts, lasts = set(), set()
for f in ("negatives_global_small.csv", "positives_un.csv"):
    with open(f"{here}/data/dev/{f}", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            parts = r["full_name"].split()
            if len(parts) >= 2:
                firsts.add(parts[0]); lasts.add(parts[-1])
with gzip.open(f"{here}/data/dev/negatives_us.csv.gz", "rt", encoding="utf-8") as fh:
    for i, r in enumerate(csv.DictReader(fh)):
        if i > 20000: break
        if r["first_name"]: firsts.add(r["first_name"])
        if r["last_name"]: lasts.add(r["last_name"])
firsts, lasts = sorted(firsts), sorted(lasts)
orgwords = ["Trading", "Global", "Marine", "Energy", "Shipping", "Holdings", "Star",
            "Ocean", "Golden", "United", "Pacific", "Industrial", "Petro", "Aero",
            "Falcon", "Orient", "Northern", "Silk", "Capital", "Logistics"]
legal = ["LLC", "Ltd", "JSC", "GmbH", "Co., Ltd.", "OOO", "PJSC", "FZE", "SA"]
countries = ["ru", "kp", "ir", "sy", "cn", "ae", "tr", "by", "ve", "cu", "lb", "iq", "af"]

def imo():
    d = [random.randint(0, 9) for _ in range(6)]
    d[0] = random.randint(1, 9)
    c = sum(x * w for x, w in zip(d, range(7, 1, -1))) % 10
    return "IMO" + "".join(map(str, d)) + str(c)

opener = gzip.open if out.endswith(".gz") else open
with opener(out, "wt", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["id", "schema", "name", "alias", "birth_date", "country", "imo_number"])
    for i in range(N):
        r = random.random()
        if r < 0.6:
            name = f"{random.choice(firsts)} {random.choice(lasts)}"
            alias = f"{random.choice(lasts)}, {name.split()[0]}" if random.random() < 0.5 else ""
            w.writerow([f"p{i}", "Person", name, alias,
                        f"{random.randint(1940, 2000)}-{random.randint(1,12):02d}-{random.randint(1,28):02d}",
                        random.choice(countries), ""])
        elif r < 0.9:
            name = f"{random.choice(lasts)} {random.choice(orgwords)} {random.choice(legal)}"
            w.writerow([f"o{i}", "Company", name, "", "", random.choice(countries), ""])
        else:
            name = f"{random.choice(orgwords)} {random.choice(lasts)}".upper()
            w.writerow([f"v{i}", "Vessel", name, "", "", random.choice(countries), imo()])
