#!/usr/bin/env python3
"""make_scan_sentences.py - listed persons' spellings inside sentences.

bench_scan measures recall on names in running text with this set: each
row puts one spelling of a listed person into an ordinary sentence of one
language, as a newspaper would write it (Title Case, Korean particle
attached to a Hangul name):

  de fr pl   press transliterations of Russian names (pairs.csv
             translit_de / translit_fr / translit_pl)
  ru         Cyrillic spellings (pairs.csv script, Cyrillic side)
  ko         Hangul spellings (pairs.csv script) with a particle, and
             Latin re-romanisations (pairs.csv korean_romanization)
  es cs      the UN list's own spellings (dev/positives_un.csv), even
             rows in Spanish, odd rows in Czech sentences

Output bench/data/scan_sentences.tsv: lang, byte start, byte end of the
name in the sentence, the listed name the spelling belongs to, the
sentence. Deterministic (no randomness; inputs in file order). Rows whose
spelling is a single word are skipped: a one-word person mention is not
expected to fire.

usage: python3 bench/make_scan_sentences.py
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

TPL = {
    "de": ["Nach Angaben der Behörden traf sich {} am Dienstag mit "
           "Vertretern der Regierung.",
           "Wie die Zeitung berichtete, hat {} die Vorwürfe zurückgewiesen."],
    "fr": ["Selon plusieurs sources, {} a rencontré mardi des "
           "représentants du gouvernement.",
           "Le journal rapporte que {} a rejeté les accusations."],
    "pl": ["Według źródeł {} spotkał się we wtorek z przedstawicielami "
           "rządu.", "Jak podała gazeta, {} odrzucił zarzuty."],
    "es": ["Según fuentes oficiales, {} se reunió el martes con "
           "representantes del gobierno.",
           "El diario informó de que {} rechazó las acusaciones."],
    "cs": ["Podle zdrojů se {} v úterý setkal se zástupci vlády.",
           "Jak uvedl deník, {} obvinění odmítl."],
    "ru": ["По данным источников, {} во вторник встретился с "
           "представителями правительства.",
           "Как сообщила газета, {} отверг обвинения."],
    "ko": ["정부 소식통에 따르면 {} 화요일 대표단과 만났다.",
           "신문에 따르면 {} 혐의를 부인했다."],
}


def title(name):
    def one(w):
        return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
    return " ".join(one(w) for w in name.split())


def caps_words(name):
    return sum(1 for w in name.split() if len(w) > 1 and w.isupper())


def hangul(s):
    return any("\uac00" <= ch <= "\ud7a3" for ch in s)


def cyrillic(s):
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


def particle(name, k):
    """은/는 (topic) or 이/가 (subject) after the last syllable."""
    last = name[-1]
    coda = (ord(last) - 0xAC00) % 28 if "\uac00" <= last <= "\ud7a3" else 0
    return ("은" if coda else "는") if k == 0 else ("이" if coda else "가")


def main():
    rows = []
    n = {}

    def add(lang, spelling, listed):
        if len(spelling.split()) < 2 and not (hangul(spelling)
                                              and len(spelling) >= 3):
            return
        k = n.get(lang, 0)
        n[lang] = k + 1
        tpl = TPL[lang][k % 2]
        shown = spelling
        if lang == "ko" and hangul(spelling):
            shown = spelling + particle(spelling.replace(" ", ""), k % 2)
        pre = tpl.split("{}")[0]
        s = tpl.replace("{}", shown)
        b0 = len(pre.encode("utf-8"))
        b1 = b0 + len(spelling.encode("utf-8"))
        rows.append((lang, b0, b1, listed, s))

    with open(os.path.join(HERE, "data", "pairs.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["label"] != "1" or r["schema"] != "Person":
                continue
            a, b, kind = r["name1"], r["name2"], r["kind"]
            if kind.startswith("translit_"):
                sp, li = (a, b) if caps_words(a) < caps_words(b) else (b, a)
                add(kind[-2:], title(sp), li)
            elif kind == "script":
                if cyrillic(a) or cyrillic(b):
                    sp, li = (a, b) if cyrillic(a) else (b, a)
                    add("ru", title(sp), li)
                elif hangul(a) or hangul(b):
                    sp, li = (a, b) if hangul(a) else (b, a)
                    add("ko", sp, li)
            elif kind == "korean_romanization":
                sp, li = (a, b) if caps_words(a) < caps_words(b) else (b, a)
                add("ko", title(sp), li)
    with open(os.path.join(HERE, "data", "dev", "positives_un.csv"),
              encoding="utf-8") as f:
        for i, r in enumerate(csv.DictReader(f)):
            name = re.sub(r"\s+", " ", r["full_name"]).strip()
            if name:
                add("es" if i % 2 == 0 else "cs", title(name), name)
    out = os.path.join(HERE, "data", "scan_sentences.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("lang\tstart\tend\tlisted\tsentence\n")
        for r in rows:
            f.write("%s\t%d\t%d\t%s\t%s\n" % r)
    for k in sorted(n):
        print("%s %d" % (k, n[k]))


if __name__ == "__main__":
    main()
