#!/usr/bin/env python3
"""make_han_simplified.py - the simplified form of each traditional Han
character, from ICU's Traditional-Simplified transform (CLDR data, Unicode
licence), for han_foreign.c.

A foreign name is transcribed with the same characters in Taiwan, Hong
Kong and the mainland, written traditional or simplified: Gannon 甘農 and
甘农, Boehm 保漢 and 保汉. Which characters transcribe, and what each
stands for (make_han_transcription.py, make_han_values.py), is counted
on the simplified form, so that 農 and 农 are one character; the query's
characters are folded the same way before they are looked up.

Every code point of the CJK Unified Ideographs block (U+4E00..U+9FFF)
and of extension A is run through `uconv -x Traditional-Simplified` (one
per line); a character whose output is one other character is kept.

Output (data/names/unicode/han_simplified.tsv): one line per traditional
character, sorted by code point: its code point in hex, the character
and the simplified character's code point in decimal (so that CMake's
kd_code_point_table reads it as a count column), then the simplified
character:

    8FB2<TAB>農<TAB>20892<TAB>农

usage: python3 bench/fit/make_han_simplified.py > \
           data/names/unicode/han_simplified.tsv
"""
import subprocess
import sys


def main():
    cps = list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000))
    text = "\n".join(chr(c) for c in cps) + "\n"
    out = subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8", "-x",
                          "Traditional-Simplified"], input=text.encode(),
                         stdout=subprocess.PIPE, check=True).stdout
    lines = out.decode("utf-8").split("\n")
    n = 0
    for c, s in zip(cps, lines):
        if len(s) == 1 and ord(s) != c:
            print("%04X\t%s\t%d\t%s" % (c, chr(c), ord(s), s))
            n += 1
    print("characters: %d of %d have another simplified form"
          % (n, len(cps)), file=sys.stderr)


if __name__ == "__main__":
    main()
