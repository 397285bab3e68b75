#!/usr/bin/env python3
"""make_sino_korean.py - which Korean syllables a pinyin syllable's
characters are read as (Sino-Korean readings), from the Unicode Han
database (Unihan, Debian package unicode-data).

A Chinese person is written in Korean by the Korean reading of each
character of the name (孟知祥 Meng Zhixiang = 맹지상 maeng ji sang), which
no sound rule derives from the pinyin: the readings split centuries ago.
Unihan gives both readings of a character, kMandarin (pinyin) and
kHangul (Korean, with the source of the reading); a simplified character
takes the readings of its traditional form (kTraditionalVariant). Only
readings of the KS X 1001 hanja set (source flag 0: the 4,888 characters
Korean writes) are kept, so a pinyin syllable meets the few readings of
its common characters, not those of every rare one.

Output (data/names/unihan/sino_korean.tsv): one line per pinyin syllable
(tones dropped, ü as u), its readings as the Revised Romanization of
hangul.c (syllable by syllable, initial ㄹ as r), space-separated:

    meng<TAB>maeng myeong

usage: python3 bench/fit/make_sino_korean.py [/usr/share/unicode] > \
           data/names/unihan/sino_korean.tsv
"""
import bz2
import os
import sys
import unicodedata

INI = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j",
       "jj", "ch", "k", "t", "p", "h"]
VOW = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
       "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]
FIN = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
       "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def rr(syl):
    """hangul.c's Revised Romanization of one syllable (option 2)."""
    s = ord(syl) - 0xAC00
    if not 0 <= s < 11172:
        return None
    return INI[s // 588] + VOW[(s % 588) // 28] + FIN[s % 28]


def toneless(p):
    p = unicodedata.normalize("NFD", p.lower())
    p = p.replace("\u0308", "")  # ü: u, as names are written (Lu, Nu)
    return "".join(c for c in p if not unicodedata.combining(c))


def read(path, fields):
    out = {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            p = line.rstrip("\n").split("\t")
            if len(p) == 3 and p[1] in fields:
                out.setdefault(p[0], {})[p[1]] = p[2]
    return out


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    rd = read(os.path.join(d, "Unihan_Readings.txt.bz2"),
              ("kMandarin", "kHangul"))
    var = read(os.path.join(d, "Unihan_Variants.txt.bz2"),
               ("kTraditionalVariant",))
    table = {}
    for cp, f in rd.items():
        if "kMandarin" not in f:
            continue
        hangul = f.get("kHangul")
        if hangul is None:  # a simplified character: its traditional
            for t in var.get(cp, {}).get("kTraditionalVariant",
                                         "").split():
                hangul = rd.get(t, {}).get("kHangul")
                if hangul:
                    break
        if not hangul:
            continue
        ks = [r.split(":")[0] for r in hangul.split()
              if ":" in r and "0" in r.split(":")[1]]
        for py in f["kMandarin"].split():
            py = toneless(py)
            if not py.isascii() or not py.isalpha():
                continue
            for k in ks:
                r = rr(k)
                if r:
                    table.setdefault(py, set()).add(r)
    print("# pinyin syllable -> Sino-Korean readings (Revised "
          "Romanization), from Unihan")
    print("# (Unicode, Inc.; see LICENSE) by bench/fit/make_sino_korean.py")
    for py in sorted(table):
        print("%s\t%s" % (py, " ".join(sorted(table[py]))))


if __name__ == "__main__":
    main()
