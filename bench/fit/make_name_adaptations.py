#!/usr/bin/env python3
"""make_name_adaptations.py - a listed Russian or Ukrainian person's name
as Lithuanian, Hungarian, Dutch and Ukrainian Latin writers spell it:
bench/data/name_adaptations.csv.

Issue 11 class 6 (national adaptations in Latin script: Sergejus Lavrovas,
Szergej Lavrov, Joeri Oesjakov, Serhij). Built from the UK OFSI list
shipped in data/uk_ofsi (persons whose name the list also gives in
Cyrillic, "Non-Latin Script Language" Russian or Ukrainian): the given
name and the surname of the Cyrillic name are transcribed by the
published conventions of each language, nothing else is invented:

  lithuanian  VLKK rules for Russian names (Lietuvių kalbos rašyba ir
              skyryba; transcription by sound with Lithuanian letters:
              ж ž, х ch, ц c, ч č, ш š, щ šč, ы y, я ja / ia after a
              consonant, ю ju / iu, ё jo / io, ь dropped) and the
              Lithuanian nominative endings of men's names: a consonant
              + -as (Lavrovas, Putinas), -ий / -ей / -ай / -ой + -us
              (Sergejus, Jurijus), -ь + -is (Igoris), -ский / -цкий
              -skis / -ckis; women's names and names in -а, -я, -ых, -их
              keep their form
  hungarian   the Hungarian Academy's transcription of Russian (AkH 12,
              217.): с sz, ш s, ж zs, ч cs, щ scs, ц c, х h, в v, й j,
              е je at the start or after a vowel or ь ъ, ё jo, ю ju,
              я ja, ы i, -ий / -ый -ij
  dutch       the Dutch transcription of Russian (Taalunie, Woordenlijst
              Nederlandse Taal): у oe, ю joe, ш sj, ж zj, ч tsj, щ sjtsj,
              ц ts, х ch, я ja, ё jo, е je at the start or after a vowel,
              ы y, -ий / -ый -i (Joeri, Dostojevski)
  ukrainian   the Ukrainian scholarly transliteration (Ukrainian Latin,
              ISO/R 9 style as in Czech and Polish use): г h, ґ g, є je,
              и y, і i, ї ji, й j, ж ž, х ch, ц c, ч č, ш š, щ šč, ю ju,
              я ja, ь dropped (Serhij); of the Ukrainian-language names

  positive  the transcribed "given surname" vs the person's listed Latin
            name (the list's primary name row, given names then surname;
            the Cyrillic name of that same row, so it is the same name)
  negative  the same transcription vs the listed Latin name of ANOTHER
            person of the list with the same Cyrillic given name and
            another surname (one name part differs)

Split as bench_quality splits every pairs file: a row is kept aside when
FNV-1a(name1, 0xff, name2) % 3 == 0. No rule here is fitted: the
conventions are the languages' own.

Output: schema,name1,name2,label,kind with kind "<language>" or
"<language>_neg"; bench_quality prints it as "adapt:<language>" (found
and hard-negative alert rate, tuned and aside).

usage: python3 bench/fit/make_name_adaptations.py
"""
import csv
import gzip
import io
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
LIST = os.path.join(ROOT, "data", "uk_ofsi", "ConList.csv.gz")
OUT = os.path.join(ROOT, "bench", "data", "name_adaptations.csv")

VOW = set("аеёиоуыэюяіїє")
SIGNS = set("ьъ")

# letters whose transcription does not depend on the neighbours
BASE = {
    "lithuanian": dict(а="a", б="b", в="v", г="g", д="d", ж="ž", з="z",
                       и="i", й="j", к="k", л="l", м="m", н="n", о="o",
                       п="p", р="r", с="s", т="t", у="u", ф="f", х="ch",
                       ц="c", ч="č", ш="š", щ="šč", ъ="", ы="y", ь="",
                       э="e"),
    "hungarian": dict(а="a", б="b", в="v", г="g", д="d", ж="zs", з="z",
                      и="i", й="j", к="k", л="l", м="m", н="n", о="o",
                      п="p", р="r", с="sz", т="t", у="u", ф="f", х="h",
                      ц="c", ч="cs", ш="s", щ="scs", ъ="", ы="i", ь="",
                      э="e"),
    "dutch": dict(а="a", б="b", в="v", г="g", д="d", ж="zj", з="z",
                  и="i", й="j", к="k", л="l", м="m", н="n", о="o", п="p",
                  р="r", с="s", т="t", у="oe", ф="f", х="ch", ц="ts",
                  ч="tsj", ш="sj", щ="sjtsj", ъ="", ы="y", ь="", э="e"),
    "ukrainian": dict(а="a", б="b", в="v", г="h", ґ="g", д="d", ж="ž",
                      з="z", и="y", і="i", й="j", к="k", л="l", м="m",
                      н="n", о="o", п="p", р="r", с="s", т="t", у="u",
                      ф="f", х="ch", ц="c", ч="č", ш="š", щ="šč", ь="",
                      ъ="", е="e", є="je", ї="ji", ю="ju", я="ja"),
}

# е ё ю я: the iotated vowel at the start of a word, after a vowel or a
# sign (je, jo, ju, ja), else the plain vowel (Lithuanian marks the soft
# consonant with i: ia, iu, io; Hungarian and Dutch write j for ё ю я
# after a consonant too)
IOT = {
    "lithuanian": dict(е=("je", "e"), ё=("jo", "io"), ю=("ju", "iu"),
                       я=("ja", "ia")),
    "hungarian": dict(е=("je", "e"), ё=("jo", "jo"), ю=("ju", "ju"),
                      я=("ja", "ja")),
    "dutch": dict(е=("je", "e"), ё=("jo", "jo"), ю=("joe", "joe"),
                  я=("ja", "ja")),
}


def letters(word, lang):
    w = word.lower()
    # word endings first: -ий / -ый (and Hungarian, Dutch spelling)
    tail = ""
    if lang in ("hungarian", "dutch") and re.search("[иы]й$", w):
        tail = "ij" if lang == "hungarian" else "i"
        w = w[:-2]
    out = []
    for i, c in enumerate(w):
        prev = w[i - 1] if i else ""
        if lang != "ukrainian" and c in IOT[lang]:
            soft = i == 0 or prev in VOW or prev in SIGNS
            out.append(IOT[lang][c][0 if soft else 1])
            # Lithuanian: after ж ш ч щ ц no i (Žukov, not Žiukov)
            if (lang == "lithuanian" and not soft and prev in "жшчщц"
                    and out[-1].startswith("i")):
                out[-1] = out[-1][1:]
            continue
        if c in BASE[lang]:
            out.append(BASE[lang][c])
        else:
            return None  # a letter of another alphabet
    return "".join(out) + tail


def lithuanian_ending(lat, cyr, female):
    """Nominative endings of Lithuanian for a man's name."""
    c = cyr.lower()
    if female or re.search("[аяоеиуюы]$", c) or re.search("(ых|их)$", c):
        return lat
    if re.search("(ский|цкий|ской|цкой)$", c):
        return lat[:-2] + "is"  # -skij -> -skis
    if c.endswith("ь"):
        return lat + "is"
    if re.search("[иеаоуы]й$", c):
        return lat + "us"
    return lat + "as"


def transcribe(given, surname, lang, female):
    g, s = letters(given, lang), letters(surname, lang)
    if g is None or s is None:
        return None
    if lang == "lithuanian":
        g = lithuanian_ending(g, given, female)
        s = lithuanian_ending(s, surname, female)
    return g.capitalize() + " " + s.capitalize()


PATRON = re.compile("(ович|евич|ич|овна|евна|ична|инична|івна|ївна)$",
                    re.I)


def split_name(cyr):
    """(given, surname) of a Cyrillic person name, or None."""
    w = cyr.split()
    if len(w) < 2 or len(w) > 3:
        return None
    caps = [i for i, x in enumerate(w) if x.isupper() and len(x) > 1]
    pat = [i for i, x in enumerate(w) if PATRON.search(x.lower())]
    if len(caps) == 1:
        s = caps[0]
        rest = [i for i in range(len(w)) if i != s and i not in pat]
        if len(rest) != 1:
            return None
        return w[rest[0]], w[s]
    if len(w) == 3 and pat == [2]:
        return w[1], w[0]  # Surname Given Patronymic
    if len(w) == 3 and pat == [1]:
        return w[0], w[2]  # Given Patronymic Surname
    return None


def main():
    with gzip.open(LIST, "rt", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        head = next(r)
        rows = [dict(zip(head, x)) for x in r]
    latin = {}  # group -> primary Latin name
    for x in rows:
        if x["Group Type"] == "Individual" and x["Alias Type"] == \
                "Primary name":
            names = [x["Name %d" % i] for i in (1, 2, 3, 4, 5)]
            latin[x["Group ID"]] = " ".join(
                [n for n in names if n] + [x["Name 6"]]).strip()
    people = {}  # group -> (lang, given, surname, female)
    for x in rows:
        lang = x["Non-Latin Script Language"].strip()
        cyr = x["Name Non-Latin Script"].strip()
        if (x["Group Type"] != "Individual" or not cyr
                or x["Alias Type"] != "Primary name"
                or lang not in ("Russian", "Ukrainian")
                or x["Group ID"] not in latin or x["Group ID"] in people):
            continue
        sp = split_name(cyr)
        if sp is None:
            continue
        g, s = sp
        female = bool(re.search("(овна|евна|ична|івна|ївна)$",
                                cyr.lower())) or \
            bool(re.search("[ая]$", s.lower()) and
                 re.search("[ая]$", g.lower()))
        people[x["Group ID"]] = (lang, g, s, female)
    by_given = {}
    for gid, (lang, g, s, fem) in people.items():
        by_given.setdefault(g.lower(), []).append(gid)
    rnd = random.Random(11)
    out = []
    for gid in sorted(people, key=int):
        lang, g, s, fem = people[gid]
        langs = ("ukrainian",) if lang == "Ukrainian" else \
            ("lithuanian", "hungarian", "dutch")
        others = [o for o in by_given[g.lower()]
                  if people[o][2].lower() != s.lower()]
        for tl in langs:
            q = transcribe(g, s, tl, fem)
            if q is None:
                continue
            out.append(("Person", q, latin[gid], 1, tl))
            if others:
                o = rnd.choice(others)
                out.append(("Person", q, latin[o], 0, tl + "_neg"))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("schema", "name1", "name2", "label", "kind"))
        w.writerows(out)
    kinds = {}
    for row in out:
        kinds[row[4]] = kinds.get(row[4], 0) + 1
    print(OUT, len(out), "rows", sorted(kinds.items()))


if __name__ == "__main__":
    main()
