#!/usr/bin/env python3
"""Build Kordon's labelled development set of name pairs from the official lists.

    python3 bench/make_pairs.py [--lists DIR] [--out DIR]

Reads the raw official lists (default: /work/shared/data/lists, or $KORDON_LISTS)
and writes, into bench/data/ (or --out):

  pairs.csv                  schema,name1,name2,label,kind   (label 1 = same entity)
  hard_negatives_screen.csv  persons NOT on the lists that share a surname or a
                             given name with a listed person (dev-file header)

Python 3 standard library only; every random choice comes from one
random.Random with a fixed seed, so the output is reproducible byte for byte
from the same input files.

The transliteration, romanisation and noise rules below are written for this
script only and are deliberately independent of Kordon's own text code.
See bench/data/README.md for what each kind means and for the caveats.
"""

import argparse
import csv
import os
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from difflib import SequenceMatcher

SEED = 20250414
HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# normalisation helpers (used for filtering and de-duplication only)
# --------------------------------------------------------------------------

APOS = "'’‘`´ʼʻ"


def fold(s):
    """ASCII-ish fold: strip accents, casefold, drop apostrophes, punctuation -> space."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold()
    for a in APOS:
        s = s.replace(a, "")
    s = s.replace("ł", "l").replace("ß", "ss").replace("ø", "o").replace("đ", "d")
    s = re.sub(r"[^\w]+", " ", s, flags=re.UNICODE).replace("_", " ")
    return " ".join(s.split())


def toks(s):
    return fold(s).split()


def simple_key(s):
    """The brief's simple normalisation: casefold, strip punctuation, sort tokens."""
    return " ".join(sorted(toks(s)))


def is_latin(s):
    for c in s:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def is_cyrillic(s):
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all("CYRILLIC" in unicodedata.name(c, "") for c in letters)


def edit1(a, b):
    """True when a and b differ by at most one substitution/insertion/deletion/transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
        return False
    if la > lb:
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


# Korean romanisation groups: McCune-Reischauer <-> Revised Romanization <-> common spellings.
KOREAN_GROUPS = [
    ["chong", "jeong", "jong"],
    ["kim", "gim"],
    ["ri", "lee", "yi"],
    ["choe", "choi"],
    ["pak", "park", "bak"],
    ["yong", "yeong"],
    ["chol", "cheol"],
    ["kwang", "gwang"],
    ["song", "seong"],
    ["hyon", "hyeon"],
    ["kyong", "gyeong", "kyung"],
    ["myong", "myeong"],
    ["sok", "seok"],
    ["yun", "yoon"],
]
KOREAN_SURNAME_ONLY = {"kim", "gim", "ri", "lee", "yi", "choe", "choi", "pak", "park", "bak", "yun", "yoon"}
KOREAN_ALT = {}
for grp in KOREAN_GROUPS:
    for syl in grp:
        KOREAN_ALT[syl] = [x for x in grp if x != syl]
KOREAN_CANON = {syl: grp[0] for grp in KOREAN_GROUPS for syl in grp}
KOREAN_CANON["li"] = "ri"

PERSON_STOP = {"al", "el", "bin", "ibn", "bint", "abu", "abd", "ul", "ud", "de", "da", "di", "del",
               "la", "le", "van", "von", "der", "y", "e", "ben", "ould", "mr", "dr", "haji", "hajji",
               "mullah", "mulla", "maulavi", "mawlawi", "qari", "sheikh", "shaykh"}
ORG_STOP = {"the", "of", "and", "for", "in", "a", "an", "de", "du", "des", "la", "le", "al", "el"}

# legal-form vocabulary: tokens that carry no identity in an organisation name
LEGAL_TOKENS = {"llc", "ltd", "limited", "company", "co", "jsc", "ojsc", "cjsc", "pjsc", "ao", "oao",
                "zao", "pao", "ooo", "tov", "joint", "stock", "liability", "public", "closed", "open",
                "inc", "incorporated", "corp", "corporation", "plc", "gmbh", "sa", "srl", "fze", "fzco",
                "fzc", "llp", "lp", "pte", "sdn", "bhd", "ag", "bv", "nv", "the", "private", "society",
                "societe", "sarl", "as", "ab", "oy", "kft", "sp", "zoo", "doo", "ad", "eood", "ood",
                "uab", "sia", "ou", "jv", "group", "holding", "holdings"}


def canon_tokens(s, schema):
    t = [KOREAN_CANON.get(x, x) for x in toks(s)]
    if schema in ("Organization", "Company"):
        t2 = [x for x in t if x not in LEGAL_TOKENS and x not in ORG_STOP]
        t = t2 or t
        # crude singular: FACTORIES / FACTORY, INDUSTRIES / INDUSTRY, SERVICES / SERVICE
        t = [re.sub(r"ies$", "y", x) if len(x) > 5 else x for x in t]
        t = [x[:-1] if len(x) > 4 and x.endswith("s") and not x.endswith("ss") else x for x in t]
    return t


def skeleton(tok):
    """Rough consonant skeleton, only used to decide whether two tokens are spellings of one word."""
    s = tok
    for a, b in (("shch", "s"), ("sch", "s"), ("tsch", "c"), ("tch", "c"), ("ch", "c"), ("sh", "s"),
                 ("zh", "j"), ("kh", "h"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ck", "k"),
                 ("ts", "c"), ("tz", "c"), ("ks", "x"), ("q", "k"), ("g", "k"), ("j", "c"), ("z", "s"),
                 ("w", "v"), ("b", "p"), ("d", "t"), ("y", "")):
        s = s.replace(a, b)
    s = re.sub(r"[aeiou]", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


def token_like(a, b, initials=True):
    if a == b:
        return True
    if KOREAN_CANON.get(a, a) == KOREAN_CANON.get(b, b):
        return True
    if len(a) == 1 or len(b) == 1:
        return initials and a[0] == b[0]
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    if len(a) >= 3 and len(b) >= 3:
        if SequenceMatcher(None, a, b).ratio() >= 0.7:
            return True
        sa, sb = skeleton(a), skeleton(b)
        if len(sa) >= 3 and sa == sb:
            return True
    return False


def related(a, b, schema):
    """Are a and b plausibly spellings/forms of ONE name (not an unrelated alias)?

    Used to keep only alias / cross-list pairs that a name matcher can be asked to
    match: nicknames, noms de guerre, former vessel names and acronyms are left out."""
    stop = PERSON_STOP if schema == "Person" else ORG_STOP | LEGAL_TOKENS
    ta = [x for x in toks(a) if x not in stop] or toks(a)
    tb = [x for x in toks(b) if x not in stop] or toks(b)
    if not ta or not tb:
        return False
    ja, jb = "".join(ta), "".join(tb)
    if ja == jb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    used = set()
    matched = 0
    for x in short:
        for j, y in enumerate(long_):
            if j not in used and token_like(x, y, schema == "Person"):
                used.add(j)
                matched += 1
                break
    # joined tokens ("jongun" vs "jong un")
    if matched < len(short):
        for i in range(len(long_) - 1):
            if long_[i] + long_[i + 1] in short:
                matched += 1
    # every token of a short name, three quarters of a long one
    need = len(short) if len(short) <= 3 else -(-3 * len(short) // 4)
    if schema == "Person" and len(short) == 1 and len(long_) >= 2:
        return False  # a lone given name or nickname is not a spelling of the full name
    return matched >= need and matched >= 1


def spelling_variant(x, y):
    """Two tokens that are plausibly one word spelled two ways (Mikhailova / Mihaylova)."""
    if len(x) < 4 or len(y) < 4:
        return False
    sx, sy = skeleton(x), skeleton(y)
    if len(sx) >= 3 and sx == sy:
        return True
    return len(x) >= 5 and len(y) >= 5 and SequenceMatcher(None, x, y).ratio() >= 0.8


def near_equivalent(a, b, schema):
    """Names a name-only comparison cannot (or should not) separate.

    True when: same sorted tokens; same letters with spaces moved; one is a token
    subset of the other; or (non-vessels) every token of the shorter name equals a
    token of the longer one up to one edit (long tokens) / Korean spelling group.
    Such pairs are never used as negatives."""
    ta, tb = canon_tokens(a, schema), canon_tokens(b, schema)
    if not ta or not tb:
        return True
    if sorted(ta) == sorted(tb):
        return True
    rot_a = {"".join(ta[k:] + ta[:k]) for k in range(len(ta))}
    rot_b = {"".join(tb[k:] + tb[:k]) for k in range(len(tb))}
    if rot_a & rot_b:
        return True
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa:
        return True
    if schema == "Vessel":
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    used = set()
    for x in short:
        ok = False
        for j, y in enumerate(long_):
            if j in used:
                continue
            if x == y or (len(x) >= 4 and len(y) >= 4 and edit1(x, y)) or spelling_variant(x, y):
                used.add(j)
                ok = True
                break
        if not ok:
            return False
    return True


# --------------------------------------------------------------------------
# loading the lists
# --------------------------------------------------------------------------

COMPANY_HINT = re.compile(
    r"\b(llc|ltd|limited|company|co|corp|corporation|inc|jsc|ojsc|cjsc|pjsc|ao|oao|zao|pao|ooo|plc|"
    r"gmbh|s\.?a|fze|fzco|llp|pte|bank|trading|shipping|industries|industrial|enterprise|enterprises|"
    r"group|holding|holdings|factory|plant|firm|airlines?|bureau|concern|partnership)\b", re.I)


def org_schema(names):
    for n in names:
        if COMPANY_HINT.search(fold(n)):
            return "Company"
    return "Organization"


def clean_ws(s):
    return " ".join((s or "").split())


class Entity:
    __slots__ = ("id", "src", "schema", "names", "primary", "given", "surname", "regime", "gender",
                 "imo", "unref", "scripts", "culture", "dobs")

    def __init__(self, id_, src, schema):
        self.id = id_
        self.src = src
        self.schema = schema
        self.names = []       # (text, type, quality)  type in primary/variation/aka/fka
        self.primary = None
        self.given = []       # person: given-name tokens of the primary name (display case)
        self.surname = None   # person: surname of the primary name (display case)
        self.regime = ""
        self.gender = ""
        self.imo = None
        self.unref = None
        self.scripts = []     # (non-latin text, latin text of the same row, language)
        self.culture = ""
        self.dobs = set()     # dates of birth as written (used to refuse negatives)

    def add_name(self, text, typ, quality=""):
        text = clean_ws(text)
        if not text:
            return
        for t, _, _ in self.names:
            if t == text:
                return
        self.names.append((text, typ, quality))
        if typ == "primary" and self.primary is None:
            self.primary = text


def culture_of(regime):
    r = regime.lower()
    if "korea" in r or r == "dprk":
        return "korean"
    if any(k in r for k in ("russia", "belarus", "ukraine", "moldova")):
        return "slavic"
    if any(k in r for k in ("isil", "qaida", "afghanistan", "taliban", "syria", "iraq", "libya", "yemen",
                            "iran", "lebanon", "somalia", "sudan", "tunisia", "egypt", "counter-terrorism",
                            "counter terrorism")):
        return "mideast"
    if any(k in r for k in ("congo", "drc", "central african", "car", "mali", "guinea", "south sudan",
                            "zimbabwe", "burundi", "southsudan")):
        return "african"
    if any(k in r for k in ("myanmar", "burma", "china", "cambodia")):
        return "asian"
    if any(k in r for k in ("venezuela", "nicaragua", "haiti", "guatemala")):
        return "latin"
    return "other:" + r


PATRONYMIC = re.compile(r"(ovich|evich|ovych|evych|ovna|evna|ichna|ivna|ich|ych|ogly|kyzy)$", re.I)
PATRONYMIC_CYR = re.compile(r"(ович|евич|ьич|ична|овна|евна|ович|йович|ївна|івна|іч)$", re.I)


def load_uk(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        first = f.readline()
        assert first.startswith("Last Updated"), first[:40]
        rows = list(csv.DictReader(f))
    groups = defaultdict(list)
    for r in rows:
        groups[r["Group ID"]].append(r)
    ents = {}
    for gid, rs in groups.items():
        gt = rs[0]["Group Type"]
        schema = {"Individual": "Person", "Entity": "Organization", "Ship": "Vessel"}.get(gt)
        if not schema:
            continue
        e = Entity("uk-" + gid, "uk", schema)
        e.regime = rs[0]["Regime"]
        e.culture = culture_of(e.regime)
        korean = "korea" in e.regime.lower()
        rs = sorted(rs, key=lambda r: {"Primary name": 0, "Primary name variation": 1, "AKA": 2, "FKA": 3}.get(r["Alias Type"], 4))
        for r in rs:
            other = r["Other Information"]
            m = re.search(r"\(UN Ref\):\s*([A-Za-z]{3}\.\d+)", other)
            if m and not e.unref:
                e.unref = m.group(1).upper()
            m = re.search(r"\(IMO number\):\s*(\d{7})", other)
            if m and not e.imo:
                e.imo = m.group(1)
            if r["DOB"].strip() and not r["DOB"].startswith("00/00"):
                e.dobs.add(r["DOB"].strip())
            m = re.search(r"\(Gender\):\s*(Male|Female)", other)
            if m and not e.gender:
                e.gender = m.group(1).lower()
            parts = [clean_ws(r["Name %d" % i]) for i in range(1, 6)]
            parts = [p for p in parts if p]
            last = clean_ws(r["Name 6"])
            text = " ".join(parts + ([last] if last else []))
            typ = {"Primary name": "primary", "Primary name variation": "variation", "AKA": "aka",
                   "FKA": "fka"}.get(r["Alias Type"], "aka")
            q = {"Good quality": "good", "Low quality": "low"}.get(r["Alias Quality"], "")
            if typ == "primary" and e.primary is None and schema == "Person" and text:
                if korean and parts and parts[0].isupper():
                    # Korean order in the UK file: family name in Name 1, given name in Name 6
                    e.surname = parts[0]
                    e.given = parts[1:] + ([last] if last else [])
                else:
                    e.surname = last or None
                    e.given = parts
            e.add_name(text, typ, q)
            nl = clean_ws(r["Name Non-Latin Script"])
            if nl and text:
                lang = clean_ws(r["Non-Latin Script Language"]) or clean_ws(r["Non-Latin Script Type"])
                if (nl, text) not in [(a, b) for a, b, _ in e.scripts]:
                    e.scripts.append((nl, text, lang))
        if e.primary is None and e.names:
            e.primary = e.names[0][0]
        if not e.primary:
            continue
        if schema == "Organization":
            e.schema = org_schema([n for n, _, _ in e.names])
        ents[e.id] = e
    return ents


def load_un(path):
    root = ET.parse(path).getroot()
    ents = {}
    for tag, schema, atag in (("INDIVIDUAL", "Person", "INDIVIDUAL_ALIAS"), ("ENTITY", "Organization", "ENTITY_ALIAS")):
        for el in root.iter(tag):
            ref = clean_ws(el.findtext("REFERENCE_NUMBER")).upper()
            if not ref:
                continue
            e = Entity("un-" + ref, "un", schema)
            e.unref = ref
            e.regime = clean_ws(el.findtext("UN_LIST_TYPE"))
            e.culture = culture_of(e.regime)
            e.gender = clean_ws(el.findtext("GENDER")).lower()
            for d in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
                dt = clean_ws(d.findtext("DATE"))
                if dt:
                    y, mo, da = (dt.split("-") + ["", ""])[:3]
                    e.dobs.add("%s/%s/%s" % (da[:2], mo, y))
            parts = [clean_ws(el.findtext(t)) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            parts = [p for p in parts if p]
            if not parts:
                continue
            if schema == "Person":
                full = " ".join(parts)
                e.add_name(full, "primary")
                if ref.startswith("KP"):
                    e.surname = parts[0]
                    e.given = " ".join(parts[1:]).split()
            else:
                for i, p in enumerate(parts[0].split(" ; ")):
                    e.add_name(p, "primary" if i == 0 else "variation")
            for a in el.findall(atag):
                q = clean_ws(a.findtext("QUALITY")).lower()
                for an in (clean_ws(x) for x in (a.findtext("ALIAS_NAME") or "").split(";")):
                    if not an:
                        continue
                    if schema == "Person":
                        e.add_name(an, "aka", "good" if q == "good" else ("low" if q == "low" else ""))
                    else:
                        e.add_name(an, "fka" if "f.k.a" in q else "aka", "good" if "a.k.a" in q else "")
            orig = clean_ws(el.findtext("NAME_ORIGINAL_SCRIPT"))
            if orig and e.primary:
                e.scripts.append((orig, e.primary, ""))
            if schema == "Organization":
                e.schema = org_schema([n for n, _, _ in e.names])
            ents[e.id] = e
    return ents


def ofac_name(n):
    """OFAC 'LAST, First Middle' -> 'First Middle LAST'."""
    n = clean_ws(n)
    if n.count(",") == 1:
        last, first = [x.strip() for x in n.split(",")]
        if first and last:
            return first + " " + last
    return n


def load_ofac(sdn_path, alt_paths):
    vessels = {}
    all_names = []
    with open(sdn_path, encoding="latin-1", newline="") as f:
        for r in csv.reader(f):
            if len(r) < 12:
                continue
            num, name, typ, remarks = r[0].strip(), r[1], r[2].strip(), r[11]
            all_names.append(ofac_name(name) if typ == "individual" else clean_ws(name))
            if typ == "vessel":
                e = Entity("ofac-" + num, "ofac", "Vessel")
                e.add_name(name, "primary")
                m = re.search(r"IMO (\d{7})", remarks)
                if m:
                    e.imo = m.group(1)
                vessels[e.id] = e
    for p in alt_paths:
        if not os.path.exists(p):
            continue
        with open(p, encoding="latin-1", newline="") as f:
            for r in csv.reader(f):
                if len(r) >= 4:
                    all_names.append(ofac_name(r[3]))
    return vessels, all_names


def load_canada(path):
    vessels = {}
    all_names = []
    root = ET.parse(path).getroot()
    for i, rec in enumerate(root.iter("record")):
        ln, gn, es = (clean_ws(rec.findtext(t)) for t in ("LastName", "GivenName", "EntityOrShip"))
        if ln or gn:
            all_names.append(clean_ws(gn + " " + ln))
        if es:
            all_names.append(es)
        for a in re.split(r"[;,]", rec.findtext("Aliases") or ""):
            if clean_ws(a):
                all_names.append(clean_ws(a))
        imo = clean_ws(rec.findtext("ShipIMONumber"))
        if es and imo:
            e = Entity("ca-%d" % i, "ca", "Vessel")
            e.add_name(es, "primary")
            e.imo = imo
            vessels[e.id] = e
    return vessels, all_names


# --------------------------------------------------------------------------
# Cyrillic -> press transliterations (German, French, Polish) and a BGN-ish check
# --------------------------------------------------------------------------

CYR_VOWELS = set("аеёиоуыэюяіїє")


def _cyr_word(word, lang, rng):
    w = word.lower()
    out = []
    n = len(w)
    i = 0

    def isin(ch, chars):
        return ch != "" and ch in chars

    while i < n:
        c = w[i]
        p = w[i - 1] if i > 0 else ""
        nx = w[i + 1] if i + 1 < n else ""
        initial = i == 0
        after_v = isin(p, CYR_VOWELS) or isin(p, "ъь")
        last = i == n - 1
        r = None
        if not ("а" <= c <= "я" or c in "ёіїєґў"):
            r = c
        elif lang == "de":
            if c == "к" and nx == "с" and rng.random() < 0.5:
                r = "x"
                i += 1
            elif c == "е":
                r = "je" if (initial or after_v) else "e"
            elif c == "ё":
                r = "o" if isin(p, "жчшщ") else "jo"
            elif c == "й":
                if last and isin(p, "иы"):
                    r = ""
                elif last and p == "е":
                    r = "j"
                else:
                    r = "j" if isin(nx, CYR_VOWELS) else "i"
            elif c == "с":
                r = "ss" if (isin(p, CYR_VOWELS) and isin(nx, CYR_VOWELS)) else "s"
            elif c == "ь":
                r = "j" if isin(nx, "иоа") else ""   # Ильич -> Iljitsch; before е/ё/ю/я the vowel brings its j
            else:
                r = {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sch", "з": "s", "и": "i",
                     "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t",
                     "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
                     "ъ": "", "ы": "y", "э": "e", "ю": "ju", "я": "ja", "і": "i", "ї": "ji", "є": "je",
                     "ґ": "g", "ў": "w"}[c]
        elif lang == "fr":
            if c == "к" and nx == "с" and rng.random() < 0.5:
                r = "x"
                i += 1
            elif c == "г":
                r = "gu" if isin(nx, "еиыэ") else "g"
            elif c == "е":
                if initial or isin(p, "иь"):
                    r = "e" if initial else ("ie" if p == "ь" else "e")
                elif after_v:
                    r = "ïe"
                else:
                    r = "e"
            elif c == "ё":
                r = "o" if isin(p, "жчшщ") else "io"
            elif c == "й":
                if last and isin(p, "иы"):
                    r = ""
                else:
                    r = "ï" if isin(p, CYR_VOWELS) else "i"
            elif c == "с":
                r = "ss" if (isin(p, CYR_VOWELS) and isin(nx, CYR_VOWELS)) else "s"
            elif c == "ь":
                r = "i" if isin(nx, "оа") else ""
            else:
                r = {"а": "a", "б": "b", "в": "v", "д": "d", "ж": "j", "з": "z", "и": "i", "к": "k",
                     "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "ou",
                     "ф": "f", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "",
                     "ы": "y", "э": "e", "ю": "iou", "я": "ia", "і": "i", "ї": "ï", "є": "ie", "ґ": "g",
                     "ў": "ou"}[c]
        else:  # Polish
            # soft sign: ń ś ć ź before a consonant or at the end; before a vowel the vowel brings j
            soft = nx == "ь" and not isin(w[i + 2] if i + 2 < n else "", CYR_VOWELS)
            hard_hush = isin(p, "жшчщцл")
            if c == "е":
                r = "je" if (initial or after_v) else ("e" if hard_hush else "ie")
            elif c == "ё":
                r = "jo" if (initial or after_v) else ("o" if hard_hush else "io")
            elif c == "ю":
                r = "ju" if (initial or after_v) else ("u" if p == "л" else "iu")
            elif c == "я":
                r = "ja" if (initial or after_v) else ("a" if p == "л" else "ia")
            elif c == "и":
                r = "y" if isin(p, "жшц") else ("ji" if (after_v and not initial) else "i")
            elif c == "й":
                r = "j"
            elif c == "л":
                r = "l" if isin(nx, "еёиюяьі") else "ł"
            elif c == "н":
                r = "ń" if soft else "n"
            elif c == "с":
                r = "ś" if soft else "s"
            elif c == "т":
                r = "ć" if soft else "t"
            elif c == "з":
                r = "ź" if soft else "z"
            elif c == "ь":
                r = ""
            else:
                r = {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "к": "k", "м": "m",
                     "о": "o", "п": "p", "р": "r", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz",
                     "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y", "э": "e", "і": "i", "ї": "ji", "є": "je",
                     "ґ": "g", "ў": "ł"}[c]
        out.append(r)
        i += 1
    s = "".join(out)
    if lang == "fr" and len(s) > 3 and s.endswith("in"):
        s += "e"          # Путин -> Poutine, Ленин -> Lenine
    return s[:1].upper() + s[1:] if s else s


def strip_stress(s):
    """Remove stress accents (U+0300/U+0301) some lists put on Cyrillic vowels, keep й and ё."""
    s = unicodedata.normalize("NFD", s)
    s = s.replace("\u0301", "").replace("\u0300", "")
    return unicodedata.normalize("NFC", s)


def cyr_translit(name, lang, rng):
    name = strip_stress(name).replace(",", " ")
    return " ".join("-".join(_cyr_word(part, lang, rng) for part in w.split("-")) for w in name.split())


BGN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
       "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
       "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
       "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u"}


def cyr_bgn(name):
    return "".join(BGN.get(c, c) for c in name.lower())


# rough Arabic/Persian letters -> Latin consonants, only to check that an Arabic-script
# name on a list row is a rendering of that row's Latin name (and not a translation or
# a different alias); short vowels are not written in Arabic, so vowels are ignored.
ARABIC = {"ب": "b", "ت": "t", "ث": "s", "ج": "j", "ح": "", "خ": "x", "د": "d", "ذ": "z", "ر": "r", "ز": "z",
          "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "G", "ف": "f", "ق": "k",
          "ك": "k", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "", "ة": "", "و": "", "ي": "",
          "ی": "", "ى": "", "ء": "", "أ": "", "إ": "", "آ": "", "ا": "", "ئ": "", "ؤ": "", "پ": "p",
          "چ": "C", "ژ": "j"}


def _lat_skel(t):
    for a, b in (("kh", "x"), ("sh", "S"), ("gh", "G"), ("ch", "C"), ("th", "s"), ("dh", "z"), ("ph", "f"),
                 ("zh", "j"), ("q", "k"), ("c", "k"), ("v", "w"), ("e", "")):
        t = t.replace(a, b)
    t = re.sub(r"[aiouywh]", "", t)
    return _coarse(t)


def _coarse(t):
    # letters that Latin renderings of Arabic/Persian commonly confuse: ض d/z, ق q/g/gh, غ gh/g
    t = t.translate(str.maketrans({"z": "d", "q": "k", "g": "k", "G": "k", "C": "S"}))
    return re.sub(r"(.)\1+", r"\1", t)


def _ar_skel(t):
    t = unicodedata.normalize("NFKC", t)
    if t.startswith("ال") and len(t) > 3:
        t = t[2:]
    t = "".join(ARABIC.get(c, "") for c in t)
    return _coarse(t)


def is_arabic(s):
    return bool(re.search(r"[\u0600-\u06ff\ufb50-\ufeff]", s))


def script_consistent(nl, lat, schema):
    """Is the non-Latin name a rendering of the Latin one (not a translation / other alias)?"""
    if is_cyrillic(nl):
        return related(cyr_bgn(nl), lat, schema)
    if is_arabic(nl):
        stop = PERSON_STOP | ORG_STOP | LEGAL_TOKENS
        lt = [_lat_skel(x) for x in toks(lat) if x not in stop]
        lt = [x for x in lt if len(x) >= 2]
        nl2 = unicodedata.normalize("NFKC", nl).replace("عبدال", "عبد ال")
        aw = [w for w in re.split(r"[\s\-–،,()]+", nl2) if w]
        at = [_ar_skel(w) for w in aw] + [_ar_skel(a) + _ar_skel(b) for a, b in zip(aw, aw[1:])]
        at = [x for x in at if x]
        if not lt or not at:
            return False
        hit = sum(1 for x in lt if max(SequenceMatcher(None, x, y).ratio() for y in at) >= 0.75)
        # a Latin compound may be split in Arabic, or two Latin tokens written as one
        if hit < len(lt):
            for x, y in zip(lt, lt[1:]):
                if max(SequenceMatcher(None, x + y, z).ratio() for z in at) >= 0.75:
                    hit += 1
        return hit >= max(1, -(-len(lt) * 2 // 3))
    # Chinese, Korean, Georgian, Hebrew, Greek ...: no check possible here; organisation names
    # in these scripts are usually the original-language name, not a rendering of the English one
    return schema == "Person"


# --------------------------------------------------------------------------
# noise operations
# --------------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo(name, rng):
    words = name.split()
    cand = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 5 and is_latin(w)]
    if not cand:
        return None
    i = rng.choice(cand)
    w = words[i]
    pos = [k for k, c in enumerate(w) if c.isalpha()]
    op = rng.choice(["sub", "del", "swap"])
    k = rng.choice(pos[1:]) if len(pos) > 1 else pos[0]  # keep the first letter most of the time
    if op == "sub":
        c = rng.choice(LETTERS.replace(w[k].lower(), ""))
        w2 = w[:k] + (c.upper() if w[k].isupper() else c) + w[k + 1:]
    elif op == "del":
        w2 = w[:k] + w[k + 1:]
    else:
        if k + 1 >= len(w) or not w[k + 1].isalpha():
            k = k - 1
        if k < 0 or w[k] == w[k + 1]:
            return None
        w2 = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    if w2 == w:
        return None
    words[i] = w2
    return " ".join(words)


def person_parts(e, text):
    """(given tokens, surname) for the PRIMARY name when known, else a positional guess."""
    if text == e.primary and e.surname:
        return list(" ".join(e.given).split()), e.surname
    w = text.split()
    if e.src == "un" and e.unref and e.unref.startswith("KP"):
        return w[1:], w[0]
    return w[:-1], w[-1]


def reorder(e, rng):
    given, sur = person_parts(e, e.primary)
    if not given or not sur:
        return None
    first_is_surname = e.primary.split()[0] == sur.split()[0]
    forms = ["%s, %s" % (sur, " ".join(given)), "%s %s" % (sur, " ".join(given)),
             "%s %s" % (" ".join(given), sur)]
    rng.shuffle(forms)
    for f in forms:
        if clean_ws(f) != e.primary and not (first_is_surname and f == "%s %s" % (sur, " ".join(given))):
            return f
    return None


def drop_middle(e, rng):
    given, sur = person_parts(e, e.primary)
    if len(given) < 2 or not sur:
        return None
    if e.culture == "korean":
        return None
    keep = [given[0]]
    # Russian-style: sometimes keep the middle name, drop only the patronymic
    if len(given) > 2 and PATRONYMIC.search(given[-1]) and rng.random() < 0.3:
        keep = given[:-1]
    out = " ".join(keep + [sur])
    return out if out != e.primary else None


def initials(e, rng):
    if e.src != "uk" or not e.surname or not e.given or e.culture == "korean":
        return None
    given = " ".join(e.given).split()
    if not given[0][:1].isalpha() or len(given[0]) < 2:
        return None
    sur = e.surname
    if rng.random() < 0.5 and len(given) >= 2:
        ini = "%s. %s." % (given[0][0].upper(), given[1][0].upper())
    else:
        ini = "%s." % given[0][0].upper()
    f = rng.choice(["{i} {s}", "{i} {s}", "{s} {i}", "{s}, {i}"])
    sur_c = sur if rng.random() < 0.5 else sur.title()
    return f.format(i=ini, s=sur_c)


def case_punct(name, rng):
    ops = []
    if re.search(r"[-'’.,]", name):
        ops.append("strip")
    if "-" in name:
        ops.append("hyphen_space")
    ops += ["lower", "title", "upper"]
    op = rng.choice(ops)
    if op == "strip":
        out = re.sub(r"[-.,]", " ", name)
        out = re.sub(r"['’]", "", out)
    elif op == "hyphen_space":
        out = name.replace("-", " ")
    elif op == "lower":
        out = name.lower()
    elif op == "title":
        out = name.title()
    else:
        out = name.upper()
    # sometimes a second, case change on top
    if rng.random() < 0.4:
        out = rng.choice([out.lower(), out.title(), out.upper()])
    out = clean_ws(out)
    return out if out != name else None


# legal forms: each group is a set of interchangeable spellings
LEGAL_GROUPS = [
    ["LLC", "L.L.C.", "Limited Liability Company", "OOO"],
    ["JSC", "Joint Stock Company", "AO"],
    ["PJSC", "Public Joint Stock Company", "PAO"],
    ["OJSC", "Open Joint Stock Company", "OAO"],
    ["CJSC", "Closed Joint Stock Company", "ZAO"],
    ["Co., Ltd.", "Co. Ltd", "Company Limited", "Co Ltd"],
    ["Ltd", "Ltd.", "Limited"],
    ["Inc", "Inc.", "Incorporated"],
    ["Corp", "Corp.", "Corporation"],
    ["PLC", "Public Limited Company"],
]
LEGAL_RE = []
for grp in LEGAL_GROUPS:
    for form in sorted(grp, key=len, reverse=True):
        pat = r"(?<![\w])" + re.escape(form).replace(r"\ ", r"\s+") + r"(?![\w])"
        if not form[-1].isalnum():
            pat = r"(?<![\w])" + re.escape(form).replace(r"\ ", r"\s+")
        LEGAL_RE.append((re.compile(pat, re.I), grp, form))
LEGAL_RE.sort(key=lambda x: -len(x[2]))  # "Open Joint Stock Company" before "Joint Stock Company"


def legal_variant(name, rng):
    for rx, grp, form in LEGAL_RE:
        m = rx.search(name)
        if not m:
            continue
        # Ukrainian TOV only when the name looks Ukrainian is too fussy: keep it, it means LLC
        others = [g for g in grp if fold(g) != fold(m.group(0))]
        choice = rng.random()
        if choice < 0.15:
            repl = ""  # drop the legal form
        else:
            repl = rng.choice(others)
            if name.isupper():
                repl = repl.upper()
        out = name[:m.start()] + repl + name[m.end():]
        out = clean_ws(re.sub(r"\s+,", ",", out)).strip(" ,")
        # move a leading form to the end (or a trailing one to the front) sometimes
        if repl and grp in LEGAL_GROUPS[:5] and rng.random() < 0.3:
            # Russian-style forms stand before or after the name ("OOO Romashka", "Romashka LLC")
            core = clean_ws(name[:m.start()] + name[m.end():]).strip(" ,")
            out = (core + " " + repl) if m.start() == 0 else (repl + " " + core)
        if len(toks(out)) == 0 or out == name:
            return None
        return out
    return None


def the_variant(name, rng):
    if re.match(r"(?i)the\s", name):
        return name[4:].strip()
    if any(rx.match(name) for rx, _, _ in LEGAL_RE):
        return None  # "The OOO ..." is not a thing
    return ("THE " if name.isupper() else "The ") + name


PREFIXES = ["M/V", "MV", "M.V.", "M/T", "MT"]


def vessel_variant(name, rng):
    ops = []
    if re.match(r"(?i)(m/v|mv|m\.v\.|m/t|mt)\s", name):
        ops.append("drop_prefix")
    else:
        ops += ["add_prefix", "add_prefix"]
    if "-" in name:
        ops += ["hyphen_space", "hyphen_join"]
    if re.search(r"\s\d+$", name) or re.search(r"[A-Za-z]\d+$", name):
        ops.append("num_hyphen")
    if re.search(r"(?i)\bno\.?\s*\d", name):
        ops.append("no_form")
    if len(name.split()) == 2 and all(w.isalpha() for w in name.split()):
        ops.append("join")
    op = rng.choice(ops)
    if op == "drop_prefix":
        out = re.sub(r"(?i)^(m/v|mv|m\.v\.|m/t|mt)\s+", "", name)
    elif op == "add_prefix":
        out = rng.choice(PREFIXES) + " " + name
    elif op == "hyphen_space":
        out = name.replace("-", " ")
    elif op == "hyphen_join":
        out = name.replace("-", "")
    elif op == "num_hyphen":
        out = re.sub(r"\s(\d+)$", r"-\1", name) if re.search(r"\s\d+$", name) else re.sub(r"([A-Za-z])(\d+)$", r"\1 \2", name)
    elif op == "no_form":
        m = re.search(r"(?i)\bno\.?\s*(\d+)", name)
        out = name[:m.start()] + rng.choice(["NO.%s", "NO %s", "No. %s", "%s"]) % m.group(1) + name[m.end():]
    else:
        out = name.replace(" ", "")
    if rng.random() < 0.3:
        out = out.title()
    out = clean_ws(out)
    return out if out != name else None


def korean_variant(e, rng):
    sur = fold(e.surname or "")
    if not sur or not e.given:
        return None
    syl = [x for x in re.split(r"[-\s]+", fold(" ".join(e.given).replace("-", " "))) if x]
    if not syl or len(syl) > 3 or len(sur) > 5 or any(len(x) > 6 for x in syl):
        return None  # not a Korean-structured name (e.g. a Russian national on the DPRK regime)
    sur_v = sur
    syl_v = list(syl)
    swaps = 0
    slots = [-1] + list(range(len(syl_v)))
    rng.shuffle(slots)
    nswap = rng.choice([0, 1, 1, 2])
    for s in slots:
        if swaps >= nswap:
            break
        cur = sur_v if s < 0 else syl_v[s]
        if s >= 0 and cur in KOREAN_SURNAME_ONLY:
            continue  # ri/lee, kim/gim, pak/park ... are surname spellings only
        if cur in KOREAN_ALT:
            new = rng.choice(KOREAN_ALT[cur])
            if s < 0:
                sur_v = new
            else:
                syl_v[s] = new
            swaps += 1
    fmt = rng.choice(["spaced", "hyphen", "joined", "hyphen_upper_sur", "reversed"])
    cap = lambda x: x[:1].upper() + x[1:]
    if fmt == "spaced" or len(syl_v) == 1:
        g = " ".join(cap(x) for x in syl_v)
        out = "%s %s" % (cap(sur_v), g)
    elif fmt == "hyphen":
        out = "%s %s" % (cap(sur_v), cap("-".join(syl_v)))
    elif fmt == "joined":
        out = "%s %s" % (sur_v.upper(), cap("".join(syl_v)))
    elif fmt == "hyphen_upper_sur":
        out = "%s %s" % (sur_v.upper(), "-".join(cap(x) for x in syl_v))
    else:
        out = "%s %s" % (cap("-".join(syl_v)), sur_v.upper())
    if fold(out).replace(" ", "") == fold(e.primary).replace(" ", "") and swaps == 0 and fmt in ("spaced",):
        return None
    return out if out != e.primary else None


# --------------------------------------------------------------------------
# pair bookkeeping
# --------------------------------------------------------------------------

class PairSet:
    def __init__(self):
        self.rows = []
        self.seen = set()
        self.norm_seen = {}

    def add(self, schema, a, b, label, kind):
        a, b = clean_ws(a), clean_ws(b)
        if not a or not b or a == b:
            return False
        if label == 1 and a.casefold() == b.casefold() and not (a.isupper() != b.isupper()):
            return False
        key = (schema, frozenset((a, b)))
        if key in self.seen:
            return False
        nk = (schema, frozenset((simple_key(a), simple_key(b))))
        if nk in self.norm_seen:
            return False  # a near-duplicate of a pair we already have
        self.seen.add(key)
        self.norm_seen[nk] = label
        self.rows.append([schema, a, b, label, kind])
        return True


def take(rng, cands, n):
    cands = list(cands)
    rng.shuffle(cands)
    return cands[:n]


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lists", default=os.environ.get("KORDON_LISTS", "/work/shared/data/lists"))
    ap.add_argument("--out", default=os.path.join(HERE, "data"))
    args = ap.parse_args()
    L = args.lists
    rng = random.Random(SEED)

    uk = load_uk(os.path.join(L, "uk_ofsi/2025-04-14/ConList.from_xlsx.csv"))
    un = load_un(os.path.join(L, "un/UN_consolidated.xml"))
    ofac_v, ofac_names = load_ofac(os.path.join(L, "ofac/sdn_2024-05-03/sdn.csv"),
                                   [os.path.join(L, "ofac/add_alt_comments_2025-12-24/alt.csv"),
                                    os.path.join(L, "ofac/add_alt_2026-06-02/alt.csv"),
                                    os.path.join(L, "ofac/legacy_2021-07-07/alt.csv")])
    ca_v, ca_names = load_canada(os.path.join(L, "canada/cannada.xml"))
    print("loaded: uk %d, un %d, ofac vessels %d, canada vessels %d" % (len(uk), len(un), len(ofac_v), len(ca_v)),
          file=sys.stderr)

    P = PairSet()
    quota = {}

    def fill(kind, cands, n):
        """cands: iterable of (schema, a, b, label); add up to n of them, in the given order."""
        got = 0
        for schema, a, b, label in cands:
            if got >= n:
                break
            if rng.random() < 0.5:
                a, b = b, a
            if P.add(schema, a, b, label, kind):
                got += 1
        quota[kind] = (n, got)
        return got

    un_by_ref = {e.unref: e for e in un.values()}
    persons_uk = [e for e in uk.values() if e.schema == "Person"]
    persons_un = [e for e in un.values() if e.schema == "Person"]
    orgs_uk = [e for e in uk.values() if e.schema in ("Organization", "Company")]
    orgs_un = [e for e in un.values() if e.schema in ("Organization", "Company")]

    # vessels: one record per IMO number, names from every list that has it
    vessel_by_imo = defaultdict(list)  # imo -> [(src, name)]
    for e in list(ofac_v.values()) + list(ca_v.values()) + [e for e in uk.values() if e.schema == "Vessel"]:
        if e.imo:
            for n, t, _ in e.names:
                if t != "fka":
                    vessel_by_imo[e.imo].append((e.src, n, t))
    vessel_primary = {}
    for imo, lst in vessel_by_imo.items():
        prim = [n for s, n, t in lst if t == "primary"]
        vessel_primary[imo] = prim[0] if prim else lst[0][1]

    def usable(n):
        return is_latin(n) and len(toks(n)) >= 1 and not re.search(r"[()\[\]/;]", n)

    # ---- 1. cross-list: UK <-> UN (same UN reference) and vessels by IMO
    cross = []
    for e in uk.values():
        if not e.unref or e.unref not in un_by_ref:
            continue
        u = un_by_ref[e.unref]
        sch = e.schema if e.schema == "Person" else u.schema
        if (e.schema == "Person") != (u.schema == "Person"):
            continue
        ukn = [n for n, t, q in e.names if q != "low" and t != "fka" and is_latin(n)]
        unn = [n for n, t, q in u.names if q != "low" and t != "fka" and is_latin(n)]
        cand = [(a, b) for a in ukn for b in unn if a.casefold() != b.casefold() and related(a, b, sch)]
        # prefer the primary/primary pair, then one random other
        first = [(a, b) for a, b in cand if a == e.primary and b == u.primary]
        rest = take(rng, [c for c in cand if c not in first], 2)
        for a, b in (first + rest)[:2]:
            cross.append((sch, a, b, 1))
    rng.shuffle(cross)
    vcross = []
    for imo, lst in vessel_by_imo.items():
        c = [(a, b) for i, (sa, a, _) in enumerate(lst) for (sb, b, _) in lst[i + 1:]
             if sa != sb and a.casefold() != b.casefold() and related(a, b, "Vessel")]
        if c:
            vcross.append(("Vessel",) + rng.choice(c) + (1,))
    rng.shuffle(vcross)
    fill("crosslist", vcross[:60] + cross, 380)

    # ---- same-list aliases: UK primary vs UK alias; UN primary vs good alias
    alias = []
    for e in list(uk.values()) + list(un.values()):
        if e.schema == "Vessel":
            continue
        al = [n for n, t, q in e.names if n != e.primary and t in ("variation", "aka") and q != "low"
              and is_latin(n) and related(e.primary, n, e.schema)]
        if e.src == "un" and e.schema == "Person":
            al = [n for n, t, q in e.names if n != e.primary and q == "good" and is_latin(n)
                  and related(e.primary, n, e.schema)]
        if al and is_latin(e.primary):
            alias.append((e.schema, e.primary, rng.choice(al), 1))
    rng.shuffle(alias)
    # keep organisations from crowding out persons: interleave
    fill("alias", alias, 320)

    # ---- 2. script crossing
    script = []
    for e in list(uk.values()) + list(un.values()):
        if not e.scripts:
            continue
        nl, lat, lang = rng.choice(e.scripts)
        if is_latin(nl) or not is_latin(lat):
            continue
        if not script_consistent(nl, lat, e.schema):
            continue  # the script name is not a rendering of this row's Latin name
        script.append((e.schema, nl, lat, 1))
    rng.shuffle(script)
    # cap Cyrillic so Arabic/CJK/other scripts keep a share
    cyr = [c for c in script if is_cyrillic(c[1])]
    oth = [c for c in script if not is_cyrillic(c[1])]
    fill("script", oth[:180] + cyr, 300)

    # ---- 3. press transliterations of Cyrillic person names
    cyr_src = []
    for e in persons_uk:
        for nl, lat, lang in e.scripts:
            if not is_cyrillic(nl) or re.search(r"[іїєґў]", nl.lower()):
                continue
            if lang and lang.lower() not in ("russian", "russia", "cyrillic"):
                continue
            if 2 <= len(nl.split()) <= 4 and related(cyr_bgn(nl), lat, "Person"):
                cyr_src.append((e, nl, lat))
                break
    for lang in ("de", "fr", "pl"):
        cands = []
        for e, nl, lat in take(rng, cyr_src, len(cyr_src)):
            words = nl.split()
            if len(words) == 3 and PATRONYMIC_CYR.search(words[1].lower()) and rng.random() < 0.5:
                words = [words[0], words[2]]      # press style: no patronymic
            elif (len(words) == 3 and PATRONYMIC_CYR.search(words[2].lower())
                  and not PATRONYMIC_CYR.search(words[1].lower()) and rng.random() < 0.5):
                words = [words[1], words[0]]      # "SURNAME Given Patronymic" -> "Given Surname"
            t = cyr_translit(" ".join(words), lang, rng)
            cands.append(("Person", t, lat, 1))
        fill("translit_" + lang, cands, 120)

    # Korean re-spellings (UN KPi + UK DPRK persons)
    kor = []
    for e in persons_un + persons_uk:
        if e.culture != "korean" or not e.surname or not is_latin(e.primary):
            continue
        v = korean_variant(e, rng)
        if v:
            kor.append(("Person", e.primary, v, 1))
    rng.shuffle(kor)
    fill("korean_romanization", kor, 150)

    # ---- 4. noise
    pers_base = [e for e in persons_uk + persons_un if usable(e.primary) and len(e.primary.split()) >= 2]
    org_base = [e for e in orgs_uk + orgs_un if usable(e.primary) and len(toks(e.primary)) >= 2]
    ves_base = [vessel_primary[i] for i in sorted(vessel_primary) if usable(vessel_primary[i])]
    rng.shuffle(pers_base)
    rng.shuffle(org_base)
    rng.shuffle(ves_base)

    def gen(fn, items):
        for it in items:
            r = fn(it)
            if r:
                yield r

    typo_c = []
    typo_c += list(gen(lambda e: (lambda t: ("Person", e.primary, t, 1) if t else None)(typo(e.primary, rng)), pers_base[:260]))[:150]
    typo_c += list(gen(lambda e: (lambda t: (e.schema, e.primary, t, 1) if t else None)(typo(e.primary, rng)), org_base[:200]))[:90]
    typo_c += list(gen(lambda n: (lambda t: ("Vessel", n, t, 1) if t else None)(typo(n, rng)), ves_base[:200]))[:80]
    rng.shuffle(typo_c)
    fill("typo", typo_c, 290)

    fill("reorder", list(gen(lambda e: (lambda t: ("Person", e.primary, t, 1) if t else None)(reorder(e, rng)),
                             pers_base[260:700])), 150)
    fill("drop_middle", list(gen(lambda e: (lambda t: ("Person", e.primary, t, 1) if t else None)(drop_middle(e, rng)),
                                 pers_base[700:1500])), 100)
    fill("initials", list(gen(lambda e: (lambda t: ("Person", e.primary, t, 1) if t else None)(initials(e, rng)),
                              pers_base[1500:2600])), 90)
    cp = []
    cp += list(gen(lambda e: (lambda t: ("Person", e.primary, t, 1) if t else None)(case_punct(e.primary, rng)), pers_base[2600:2800]))[:60]
    cp += list(gen(lambda e: (lambda t: (e.schema, e.primary, t, 1) if t else None)(
        case_punct(e.primary, rng) if rng.random() < 0.6 else the_variant(e.primary, rng)), org_base[200:400]))[:60]
    rng.shuffle(cp)
    fill("case_punct", cp, 110)
    lf = []
    for e in org_base:
        for n in [e.primary] + [x for x, t, q in e.names if t == "variation" and usable(x)]:
            v = legal_variant(n, rng)
            if v:
                lf.append((e.schema, n, v, 1))
                break
    rng.shuffle(lf)
    fill("legal_form", lf, 150)
    fill("vessel_format", list(gen(lambda n: (lambda t: ("Vessel", n, t, 1) if t else None)(vessel_variant(n, rng)),
                                   ves_base[200:])), 150)

    n_pos = len(P.rows)

    # ---- negatives -------------------------------------------------------

    def neg_ok(schema, a, b, ea=None, eb=None):
        if not is_latin(a) or not is_latin(b):
            return False
        if ea is not None and eb is not None and (ea.id == eb.id or (ea.dobs & eb.dobs)):
            return False  # same date of birth: possibly one person listed twice
        if near_equivalent(a, b, schema):
            return False
        return True

    ROMAN = r"\b(?:i{1,3}|iv|v|vi{1,3}|ix|x|xi{1,3}|xiv|xv|xvi{1,3}|xix|xx)\b"

    def num_mask(n):
        return re.sub(ROMAN, "#", re.sub(r"\d+", "#", fold(n)))

    def capped(cands, n, cap):
        """Keep at most `cap` pairs per name family (name with numbers masked), so that
        one big fleet (FU YUAN YU 76xx, BICENTENARIO I..XVI) cannot fill a kind."""
        cnt = Counter()
        out = []
        for c in cands:
            fa, fb = num_mask(c[1]), num_mask(c[2])
            if cnt[fa] >= cap or cnt[fb] >= cap:
                continue
            cnt[fa] += 1
            if fb != fa:
                cnt[fb] += 1
            out.append(c)
            if len(out) >= n:
                break
        return out

    def hardness(a, b):
        return SequenceMatcher(None, fold(a), fold(b)).ratio()

    def neg_pick(cands, n, hard_share=0.6):
        """Take the hardest hard_share of n by string similarity, the rest at random."""
        cands = list({(c[1], c[2]) if c[1] < c[2] else (c[2], c[1]): c for c in cands}.values())
        cands.sort(key=lambda c: (-hardness(c[1], c[2]), c[1], c[2]))
        k = int(n * hard_share)
        top, rest = cands[:k * 2], cands[k * 2:]
        rng.shuffle(rest)
        return top + rest

    # person entries per list (primary names, plus UK primary-name variations)
    def person_entries(ents):
        out = []
        for e in ents:
            if not e.surname or not e.given or not usable(e.primary):
                continue
            g = " ".join(e.given).split()
            out.append((e, e.primary, fold(e.surname), fold(g[0]) if g else ""))
        return out

    # UN non-KP persons: surname unknown; UK gives it. Use UK + UN-KP structured names.
    pe_by_list = {"uk": person_entries(persons_uk), "un": person_entries([e for e in persons_un if e.surname])}

    same_sur, same_giv = [], []
    for src, entries in pe_by_list.items():
        by_sur, by_giv = defaultdict(list), defaultdict(list)
        for ent in entries:
            if len(ent[2]) >= 2:
                by_sur[ent[2]].append(ent)
            if len(ent[3]) >= 3 and ent[3] not in PERSON_STOP:
                by_giv[ent[3]].append(ent)
        for grp, out, cap in ((by_sur, same_sur, 12), (by_giv, same_giv, 10)):
            for key in sorted(grp):
                lst = grp[key]
                if len(lst) < 2:
                    continue
                pairs = [(x, y) for i, x in enumerate(lst) for y in lst[i + 1:] if x[0].id != y[0].id]
                if len(pairs) > 400:
                    pairs = take(rng, pairs, 400)
                pairs = [(x, y) for x, y in pairs if (out is same_sur or x[2] != y[2])]
                pairs = [("Person", x[1], y[1], 0) for x, y in pairs if neg_ok("Person", x[1], y[1], x[0], y[0])]
                pairs.sort(key=lambda c: -hardness(c[1], c[2]))
                out.extend(pairs[:cap // 2] + take(rng, pairs[cap // 2:], cap // 2))
    fill("neg_same_surname", neg_pick(same_sur, 620), 620)
    fill("neg_same_given", neg_pick(same_giv, 420), 420)

    # organisations sharing words (generic ones included), within one list
    org_c = []
    for src, ents in (("uk", orgs_uk), ("un", orgs_un)):
        names = [(e, n) for e in ents for n, t, q in e.names if t in ("primary", "variation") and usable(n)]
        by_tok = defaultdict(list)
        for e, n in names:
            for t in set(toks(n)):
                if len(t) >= 3 and t not in ORG_STOP:
                    by_tok[t].append((e, n))
        seen = set()
        for t in sorted(by_tok):
            lst = by_tok[t]
            if len(lst) < 2:
                continue
            sample = [(x, y) for x, y in ((rng.choice(lst), rng.choice(lst)) for _ in range(min(60, len(lst) * 2)))]
            for (ea, a), (eb, b) in sample:
                if ea.id == eb.id or (a, b) in seen:
                    continue
                seen.add((a, b))
                shared = set(toks(a)) & set(toks(b)) - ORG_STOP
                if len(shared) < 1:
                    continue
                sch = "Company" if (ea.schema == "Company" and eb.schema == "Company") else "Organization"
                if neg_ok(sch, a, b, ea, eb):
                    org_c.append((sch, a, b, 0))
    fill("neg_org_shared_words", capped(neg_pick(org_c, 520), 10 ** 6, 3), 520)

    # vessels with similar names, different IMO numbers
    vnames = [(imo, n) for imo, lst in sorted(vessel_by_imo.items()) for n in sorted({x[1] for x in lst}) if usable(n)]
    ves_c, num_c = [], []
    for i, (ia, a) in enumerate(vnames):
        fa = fold(a)
        for ib, b in vnames[i + 1:]:
            if ia == ib:
                continue
            fb = fold(b)
            if fa == fb:
                continue
            if num_mask(a) == num_mask(b) and num_mask(a) != fa:
                if neg_ok("Vessel", a, b):
                    num_c.append(("Vessel", a, b, 0))
                continue
            sm = SequenceMatcher(None, fa, fb)
            if sm.real_quick_ratio() < 0.7 or sm.quick_ratio() < 0.7 or sm.ratio() < 0.7:
                if not (set(fa.split()) & set(fb.split()) - {"no", "1", "2", "3"}):
                    continue
            if neg_ok("Vessel", a, b):
                ves_c.append(("Vessel", a, b, 0))
    # organisations differing only by a number
    for ents in (orgs_uk, orgs_un):
        by_mask = defaultdict(list)
        for e in ents:
            for n, t, q in e.names:
                if usable(n) and num_mask(n) != fold(n):
                    by_mask[num_mask(n)].append((e, n))
        for m in sorted(by_mask):
            lst = by_mask[m]
            for i, (ea, a) in enumerate(lst):
                for eb, b in lst[i + 1:]:
                    if ea.id != eb.id and fold(a) != fold(b):
                        sch = "Company" if (ea.schema == "Company" and eb.schema == "Company") else "Organization"
                        if neg_ok(sch, a, b, ea, eb):
                            num_c.append((sch, a, b, 0))
    rng.shuffle(num_c)
    fill("neg_number", capped(num_c, 10 ** 6, 4), 120)
    fill("neg_vessel_similar", capped(neg_pick(ves_c, 220), 10 ** 6, 3), 220)

    # random pairs of one schema (easy negatives), <= 25% of negatives
    n_neg_hard = len(P.rows) - n_pos
    n_rand = min(int(n_neg_hard / 3.2), max(0, n_pos - n_neg_hard))
    rand_c = []
    pools = [("Person", [(e, e.primary) for e in persons_uk if usable(e.primary)], 0.5),
             ("Person", [(e, e.primary) for e in persons_un if usable(e.primary)], 0.15),
             ("Company", [(e, e.primary) for e in orgs_uk if e.schema == "Company" and usable(e.primary)], 0.1),
             ("Company", [(e, e.primary) for e in orgs_un if e.schema == "Company" and usable(e.primary)], 0.05),
             ("Organization", [(e, e.primary) for e in orgs_uk + orgs_un if e.schema == "Organization" and usable(e.primary)], 0.07),
             ("Vessel", [(None, n) for _, n in vnames], 0.13)]
    for sch, pool, share in pools:
        k = int(n_rand * share) + 1
        got = 0
        tries = 0
        while got < k and tries < k * 20:
            tries += 1
            (ea, a), (eb, b) = rng.choice(pool), rng.choice(pool)
            if a != b and neg_ok(sch, a, b, ea, eb):
                rand_c.append((sch, a, b, 0))
                got += 1
    fill("neg_random", rand_c, n_rand)

    # ---- consistency: a normalised pair must never carry both labels
    lab = defaultdict(set)
    for r in P.rows:
        lab[(r[0], frozenset((simple_key(r[1]), simple_key(r[2]))))].add(r[3])
    bad = {k for k, v in lab.items() if len(v) > 1}
    rows = [r for r in P.rows if (r[0], frozenset((simple_key(r[1]), simple_key(r[2])))) not in bad]

    rng.shuffle(rows)
    os.makedirs(args.out, exist_ok=True)
    out = os.path.join(args.out, "pairs.csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["schema", "name1", "name2", "label", "kind"])
        w.writerows(rows)

    print("wrote %s: %d pairs (%d positive, %d negative), %d dropped as label conflicts" % (
        out, len(rows), sum(r[3] == 1 for r in rows), sum(r[3] == 0 for r in rows), len(P.rows) - len(rows)),
        file=sys.stderr)
    for k, (want, got) in quota.items():
        print("  %-22s %4d / %4d" % (k, got, want), file=sys.stderr)

    # ---- hard negatives for screening --------------------------------------
    listed = []
    for e in list(uk.values()) + list(un.values()):
        listed += [n for n, _, _ in e.names]
    listed += ofac_names + ca_names
    make_screen(rng, uk, un, listed, os.path.join(args.out, "hard_negatives_screen.csv"))


CITIES = ["Moscow", "Minsk", "Kyiv", "Almaty", "Tashkent", "Baku", "Tbilisi", "Yerevan", "Istanbul", "Cairo",
          "Beirut", "Amman", "Baghdad", "Tehran", "Kabul", "Karachi", "Lahore", "Dubai", "Riyadh", "Doha",
          "Seoul", "Busan", "Beijing", "Shanghai", "Hong Kong", "Singapore", "Jakarta", "Manila", "Lagos",
          "Nairobi", "Kinshasa", "Addis Ababa", "Khartoum", "Tripoli", "Tunis", "Casablanca", "Paris", "Berlin",
          "Warsaw", "Vienna", "Rome", "Madrid", "London", "Manchester", "Toronto", "New York", "Chicago",
          "Houston", "Mexico City", "Bogota", "Caracas", "Lima", "Sao Paulo", "Buenos Aires", "Sydney"]
NATIONALITIES = ["Russia", "Belarus", "Ukraine", "Kazakhstan", "Uzbekistan", "Azerbaijan", "Georgia", "Armenia",
                 "Turkey", "Egypt", "Lebanon", "Jordan", "Iraq", "Iran", "Afghanistan", "Pakistan",
                 "United Arab Emirates", "Saudi Arabia", "Qatar", "South Korea", "China", "Singapore",
                 "Indonesia", "Philippines", "Nigeria", "Kenya", "Democratic Republic of the Congo", "Ethiopia",
                 "Sudan", "Libya", "Tunisia", "Morocco", "France", "Germany", "Poland", "Austria", "Italy", "Spain",
                 "United Kingdom", "Canada", "United States", "Mexico", "Colombia", "Venezuela", "Peru", "Brazil",
                 "Argentina", "Australia"]


def make_screen(rng, uk, un, listed, out):
    """Persons not on the lists who share a surname or a given name with a listed person."""
    sur_pool, giv_pool = [], []
    for e in list(uk.values()) + list(un.values()):
        if e.schema != "Person" or not e.surname or not e.given or not is_latin(e.primary):
            continue
        s = e.surname.strip()
        g = " ".join(e.given).split()[0]
        if re.fullmatch(r"[A-Za-z][A-Za-z'-]{2,}", s) and fold(s) not in PERSON_STOP:
            sur_pool.append((s, e.culture, e.id))
        if re.fullmatch(r"[A-Za-z][a-zA-Z'-]{2,}", g) and fold(g) not in PERSON_STOP:
            giv_pool.append((g, e.culture, e.id, e.gender))
    # a given name's gender, when any listed bearer of it has one recorded
    gvotes = defaultdict(Counter)
    for g, _, _, gd in giv_pool:
        if gd in ("male", "female"):
            gvotes[fold(g)][gd] += 1
    giv_pool = [(g, c, i, gd if gd in ("male", "female") else
                 (gvotes[fold(g)].most_common(1)[0][0] if gvotes[fold(g)] else ""))
                for g, c, i, gd in giv_pool]
    keys = set()
    by_tok = defaultdict(set)
    for i, n in enumerate(listed):
        t = toks(n)
        if not t:
            continue
        keys.add(" ".join(sorted(t)))
        for x in set(t):
            by_tok[x].add(i)

    def clashes(full):
        t = toks(full)
        if " ".join(sorted(t)) in keys:
            return True
        # also drop it when the combination is a token subset of a listed name
        post = None
        for x in set(t):
            p = by_tok.get(x, set())
            post = p if post is None else post & p
            if not post:
                return False
        return bool(post)

    def cap(x):
        return "-".join(p[:1].upper() + p[1:].lower() for p in x.split("-"))

    rows, seen = [], set()
    tries = 0
    while len(rows) < 450 and tries < 50000:
        tries += 1
        s, scult, sid = rng.choice(sur_pool)
        g, gcult, gid, gender = rng.choice(giv_pool)
        if gid == sid or (gcult == scult and rng.random() < 0.8):
            continue
        middle = ""
        if rng.random() < 0.2:
            m = rng.choice([x for x in giv_pool if x[1] == gcult and x[3] == gender] or [(g,)])
            if fold(m[0]) != fold(g):
                middle = cap(m[0])
        first, last = cap(g), cap(s)
        fem = re.search(r"(ova|eva|yova|ina|ына|aya|skaya|tskaya)$", last.lower())
        masc = re.search(r"(ov|ev|in|yn|sky|skiy|skii|ski)$", last.lower())
        if fem and gender != "female":
            continue  # Russian-style feminine surname needs a woman's given name
        if masc and gender == "female" and scult == "slavic":
            continue
        full = " ".join(x for x in (first, middle, last) if x)
        if full in seen or clashes(full) or clashes(first + " " + last):
            continue
        seen.add(full)
        y = rng.randint(1945, 2003)
        dob = "%04d-%02d-%02d" % (y, rng.randint(1, 12), rng.randint(1, 28))
        rows.append([full, first, middle, last, gender if gender in ("male", "female") else "", dob,
                     rng.choice(CITIES), rng.choice(NATIONALITIES)])
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["full_name", "first_name", "middle_name", "last_name", "gender", "date_of_birth",
                    "place_of_birth", "nationality"])
        w.writerows(rows)
    print("wrote %s: %d persons" % (out, len(rows)), file=sys.stderr)


if __name__ == "__main__":
    main()
