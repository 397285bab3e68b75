#!/usr/bin/env python3
"""make_org_pairs.py - labelled company and vessel name pairs (issue 11,
classes 4 and 7) for bench_quality's `org` set.

    python3 bench/make_org_pairs.py [--data DIR] [--out FILE]

Why: the evaluator measures Kordon on company and vessel pairs from
another vendor's test suite, which we do not have. This script builds a
development set of the same classes from the names on the official lists
shipped in data/ (OFAC SDN entities and vessels with their f.k.a. names,
flags and IMO numbers; UK OFSI entities and ships with their names in
their own script): real listed names as bases, variations applied by the
rules below with a fixed seed, so the output is byte-for-byte
reproducible. The legal forms, abbreviations, ports and countries used
here are written in this script and are independent of Kordon's own
tables (data/names/rigour, src/text/).

Output columns as bench/data/pairs.csv: schema,name1,name2,label,kind.
name1 is the listed name (or its core), name2 the variant. Kinds (the
class; bench_quality prints every kind):

positives (label 1)
  legal-long      abbreviated vs written-out legal form, same country
                  (GmbH = Gesellschaft mit beschränkter Haftung)
  legal-en        a post-Soviet form vs its English translation
                  (OOO = LLC, AO = JSC, PAO = PJSC)
  legal-script    Latin name + Latin form vs the listed Cyrillic name
                  with a Cyrillic form (ООО/Общество с ...)
  legal-drop      the legal form left out
  legal-move      the form moved from the front to the end (OOO X / X, OOO)
  legal-glued     the form glued to the last word (UnileverNV)
  spacing         two words joined or a compound split (Petro Chem)
  acronym         an acronym written with dots or spaces (I.B.M.)
  number          digits vs words vs Roman numerals (1st = First, III = 3)
  typo            one letter changed in a short word (4-6 letters)
  vessel-prefix   MV, M/V, M/T, MT, SS, M.V. before a vessel name
  vessel-port     the port of registry or the flag after a vessel name
  registry        an appended IMO or company registry number
  residue-label   a payment message label (BENEFICIARY:, FIELD 59:, ...)
  residue-co      care of (c/o ...)
  residue-address an appended street address
  branch          a branch suffix (Dubai Branch, Filiale Hamburg)
  abbrev          word abbreviations (Bros., Mfg., Intl, Cía., F.lli, Corp.)
  own-script      the listed Latin name vs the listed Cyrillic name
  ex-name         a vessel with its former name in brackets (ex-...)
  punct           quotes, hyphens and & written differently

negatives (label 0)
  neg-jurisdiction  the same core under legal forms of two countries
  neg-country       a country qualifier (X (Kenya) Ltd vs X Ltd)
  neg-owner         a vessel vs a company named after it (MV X vs X
                    Shipping Ltd; schema Vessel or Company)
  neg-sister        sister ships / numbered vehicles: one number or one
                    word differs
  neg-plural        one word in the plural vs the singular
  neg-word          companies whose names differ in one distinctive word

Python 3 standard library only; reads the gzip files in data/.
"""
import argparse
import csv
import gzip
import io
import os
import random
import re
import unicodedata

SEED = 20261204
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# legal forms: (country, abbreviations, written out, English translation,
# prefix?) -- the English translation only where it is the usual one
LEGAL = [
    ("DE", ["GmbH"], ["Gesellschaft mit beschränkter Haftung"], None, False),
    ("DE", ["AG"], ["Aktiengesellschaft"], None, False),
    ("AT", ["Ges.m.b.H."], ["Gesellschaft mit beschränkter Haftung"], None, False),
    ("PL", ["Sp. z o.o.", "sp. z o. o."], ["spółka z ograniczoną odpowiedzialnością"], None, False),
    ("PL", ["S.A."], ["Spółka Akcyjna"], None, False),
    ("IN", ["Pvt. Ltd.", "Pvt Ltd", "(P) Ltd"], ["Private Limited"], None, False),
    ("SG", ["Pte. Ltd.", "Pte Ltd"], ["Private Limited"], None, False),
    ("HU", ["Kft.", "Kft"], ["Korlátolt Felelősségű Társaság"], None, False),
    ("HU", ["Zrt."], ["Zártkörűen Működő Részvénytársaság"], None, False),
    ("RO", ["SRL", "S.R.L."], ["Societatea cu Răspundere Limitată"], None, False),
    ("US", ["LLC", "L.L.C."], ["Limited Liability Company"], None, False),
    ("US", ["Inc.", "Inc"], ["Incorporated"], None, False),
    ("US", ["Corp.", "Corp"], ["Corporation"], None, False),
    ("GB", ["Ltd", "Ltd."], ["Limited"], None, False),
    ("GB", ["PLC", "plc"], ["Public Limited Company"], None, False),
    ("GB", ["LLP"], ["Limited Liability Partnership"], None, False),
    ("MY", ["Sdn. Bhd.", "Sdn Bhd"], ["Sendirian Berhad"], None, False),
    ("ES", ["S.A.", "SA"], ["Sociedad Anónima"], None, False),
    ("ES", ["S.L.", "SL"], ["Sociedad Limitada"], None, False),
    ("FR", ["SARL"], ["Société à responsabilité limitée"], None, False),
    ("FR", ["SAS"], ["Société par actions simplifiée"], None, False),
    ("IT", ["S.r.l.", "Srl"], ["Società a responsabilità limitata"], None, False),
    ("IT", ["S.p.A.", "SpA"], ["Società per azioni"], None, False),
    ("NL", ["B.V.", "BV"], ["Besloten Vennootschap"], None, False),
    ("NL", ["N.V.", "NV"], ["Naamloze Vennootschap"], None, False),
    ("CZ", ["s.r.o.", "spol. s r.o."], ["společnost s ručením omezeným"], None, False),
    ("CZ", ["a.s."], ["akciová společnost"], None, False),
    ("TR", ["A.Ş.", "AS"], ["Anonim Şirketi"], None, False),
    ("TR", ["Ltd. Şti."], ["Limited Şirketi"], None, False),
    ("BR", ["Ltda.", "Ltda"], ["Limitada"], None, False),
    ("SE", ["AB"], ["Aktiebolag"], None, False),
    ("DK", ["ApS"], ["Anpartsselskab"], None, False),
    ("NO", ["AS"], ["Aksjeselskap"], None, False),
    ("FI", ["Oy"], ["Osakeyhtiö"], None, False),
    ("JP", ["K.K."], ["Kabushiki Kaisha"], None, False),
    ("AE", ["FZE"], ["Free Zone Establishment"], None, False),
    ("AE", ["FZCO", "FZ Co"], ["Free Zone Company"], None, False),
    ("ID", ["PT"], ["Perseroan Terbatas"], None, True),
    ("RU", ["OOO", "ООО"], ["Obshchestvo s Ogranichennoy Otvetstvennostyu",
                           "Общество с ограниченной ответственностью"],
     ["LLC", "Limited Liability Company"], True),
    ("RU", ["AO", "АО"], ["Aktsionernoe Obshchestvo", "Акционерное общество"],
     ["JSC", "Joint Stock Company"], True),
    ("RU", ["PAO", "ПАО"], ["Publichnoe Aktsionernoe Obshchestvo",
                           "Публичное акционерное общество"],
     ["PJSC", "Public Joint Stock Company"], True),
    ("RU", ["ZAO", "ЗАО"], ["Zakrytoe Aktsionernoe Obshchestvo",
                           "Закрытое акционерное общество"],
     ["CJSC", "Closed Joint Stock Company"], True),
    ("UA", ["TOV", "ТОВ"], ["Tovarystvo z Obmezhenoyu Vidpovidalnistyu",
                           "Товариство з обмеженою відповідальністю"],
     ["LLC", "Limited Liability Company"], True),
    ("KZ", ["TOO", "ТОО"], ["Tovarishchestvo s Ogranichennoy Otvetstvennostyu",
                           "Товарищество с ограниченной ответственностью"],
     ["LLP", "Limited Liability Partnership"], True),
]
# forms that translate any country's form: never "another jurisdiction"
INTL = {"US", "GB"}

# words of legal forms, for taking a listed name's form off (upper case,
# without dots); longest first
STRIP = sorted({
    "LIMITED LIABILITY COMPANY", "JOINT STOCK COMPANY", "CLOSED JOINT STOCK COMPANY",
    "OPEN JOINT STOCK COMPANY", "PUBLIC JOINT STOCK COMPANY", "PRIVATE JOINT STOCK COMPANY",
    "LIMITED LIABILITY PARTNERSHIP", "PUBLIC LIMITED COMPANY", "PRIVATE LIMITED COMPANY",
    "COMPANY LIMITED", "CO LTD", "CO LIMITED", "PRIVATE LIMITED", "PVT LTD", "PTE LTD",
    "SDN BHD", "LIMITED", "LTD", "LLC", "L L C", "INC", "CORP", "CORPORATION", "JSC",
    "OJSC", "CJSC", "PJSC", "OAO", "ZAO", "OOO", "AO", "PAO", "TOO", "TOV", "GMBH", "AG",
    "SA", "S A", "SARL", "SRL", "S R L", "BV", "NV", "PLC", "FZE", "FZCO", "FZ LLC", "LLP",
    "SPA", "S P A", "SL", "AS", "AB", "KFT", "LTDA", "DOO", "D O O", "JSC CO", "SAL",
    "FZ-LLC", "PT", "EOOD", "OOD", "SRO", "S R O", "ULC", "LP", "SAC", "SAS", "CA", "C A",
    "CO", "COMPANY", "AKTSIONERNOE OBSHCHESTVO", "AKTSIONERNOYE OBSHCHESTVO",
    "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU", "ZAKRYTOE AKTSIONERNOE OBSHCHESTVO",
    "OTKRYTOE AKTSIONERNOE OBSHCHESTVO", "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO", "OSOO",
    "OY", "OYJ", "KFT", "ZRT", "DMCC", "CO LTD",
}, key=lambda s: -len(s))

COUNTRIES = ["Kenya", "UAE", "Oman", "Singapore", "Malaysia", "India", "Pakistan",
             "Nigeria", "Ghana", "Turkey", "Cyprus", "Hong Kong", "China", "Russia",
             "Germany", "Netherlands", "Switzerland", "Panama", "Lebanon", "Iraq",
             "Egypt", "Jordan", "Qatar", "Bahrain", "Kazakhstan", "Uzbekistan",
             "Armenia", "Georgia", "Vietnam", "Thailand", "Indonesia", "South Africa",
             "Tanzania", "Uganda", "Brazil", "Argentina", "Belarus", "Serbia", "UK",
             "USA", "Canada", "Australia"]

PORTS = {"Panama": "Panama", "Liberia": "Monrovia", "Marshall Islands": "Majuro",
         "Malta": "Valletta", "Iran": "Bandar Abbas", "Cyprus": "Limassol",
         "Comoros": "Moroni", "Togo": "Lome", "Cameroon": "Douala",
         "Tanzania": "Zanzibar", "Tuvalu": "Funafuti", "Palau": "Malakal",
         "Sierra Leone": "Freetown", "Cook Islands": "Avarua",
         "Korea, North": "Nampo", "Russia": "Vladivostok", "Syria": "Latakia",
         "Hong Kong": "Hong Kong", "Singapore": "Singapore", "Vietnam": "Haiphong",
         "Gabon": "Libreville", "Mongolia": "Ulaanbaatar", "Belize": "Belize City",
         "Venezuela": "Puerto Cabello", "Cuba": "Havana", "Moldova": "Giurgiulesti"}

STREETS = ["Harbour Road", "Sheikh Zayed Road", "Tverskaya St", "Marine Parade",
           "Nanjing West Road", "King Fahd Road", "Istiklal Cad.", "Prospekt Mira",
           "Al Maktoum Street", "Jalan Ampang", "Queens Road Central", "Via Roma",
           "Hauptstrasse", "Rue de Rivoli", "Leninsky Prospekt", "Jumeirah Lake Towers"]
CITIES = ["Dubai", "Moscow", "Hong Kong", "Singapore", "Istanbul", "Kuala Lumpur",
          "Limassol", "Tehran", "Shanghai", "Minsk", "Beirut", "Tashkent", "Almaty",
          "Baku", "Yerevan", "Caracas", "Panama City", "Sharjah"]

LABELS = ["BENEFICIARY: {}", "BENEFICIARY NAME: {}", "FIELD 59: {}", ":59:/{acct} {}",
          "59/{acct} {}", "BNF: {}", "ORDERING CUSTOMER: {}", "50K:/{acct} {}",
          "CREDITOR: {}", "PAYEE - {}", "Beneficiary {}", "BENEF/{}"]

BRANCH = ["{} - {c} BRANCH", "{} ({c} Branch)", "{}, {c} Branch", "{} {c} BRANCH OFFICE",
          "{} Filiale {c}", "{} Sucursal {c}", "{} (Branch)", "{} - Branch Office"]

VPREFIX = ["MV {}", "M/V {}", "M/T {}", "MT {}", "SS {}", "M.V. {}", "MT. {}",
           "m/v {}", "MV. {}", "M/S {}"]

OWNER = ["{} Shipping Ltd", "{} SHIPPING CO LTD", "{} Maritime Inc", "{} Navigation LLC",
         "{} Tankers Ltd", "{} Shipping Company", "{} Marine S.A.", "{} Shipmanagement Ltd",
         "{} Shipping Corporation", "{} Maritime Ltd"]

# word abbreviations: (full, abbreviation, how to build it)
ABBREV = [("Brothers", "Bros."), ("Manufacturing", "Mfg."), ("International", "Intl"),
          ("International", "Int'l"), ("Corporation", "Corp."), ("Company", "Co."),
          ("Industries", "Inds."), ("Engineering", "Eng."), ("Technologies", "Tech."),
          ("Association", "Assn."), ("Department", "Dept."), ("Limited", "Ltd.")]
BUILT = [("Compañía {} S.A.", "Cía. {} S.A."), ("Compañía Naviera {}", "Cía. Naviera {}"),
         ("Fratelli {} S.p.A.", "F.lli {} S.p.A."), ("Fratelli {}", "F.lli {}"),
         ("{} Brothers Ltd", "{} Bros. Ltd"), ("{} Manufacturing Co.", "{} Mfg. Co."),
         ("{} International Trading LLC", "{} Intl Trading LLC"),
         ("Hermanos {} S.A.", "Hnos. {} S.A."), ("{} & Company", "{} & Co."),
         ("{} Manufacturing Corporation", "{} Mfg. Corp.")]

NUMWORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
            "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
ORDWORDS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
            "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
            "twentieth"]
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
         "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]

GENERIC = {"THE", "AND", "OF", "FOR", "TRADING", "COMPANY", "CO", "GROUP", "INTERNATIONAL",
           "HOLDING", "HOLDINGS", "SHIPPING", "INDUSTRIES", "INDUSTRIAL", "SERVICES",
           "ENTERPRISE", "ENTERPRISES", "GENERAL", "IMPORT", "EXPORT", "INVESTMENT",
           "INVESTMENTS", "LIMITED", "BANK", "CORPORATION", "DE", "LA", "DEL", "AL", "EL"}

CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
                "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                "", "e", "yu", "ya"]))
CYR_FORMS = [("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ", "llc"),
             ("ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "pjsc"),
             ("ЗАКРЫТОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "cjsc"),
             ("ОТКРЫТОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "ojsc"),
             ("АКЦИОНЕРНОЕ ОБЩЕСТВО", "jsc"), ("ООО", "llc"), ("ПАО", "pjsc"),
             ("ЗАО", "cjsc"), ("ОАО", "ojsc"), ("АО", "jsc")]
LAT_OF = {"llc": ["OOO", "LLC", "Limited Liability Company"],
          "pjsc": ["PAO", "PJSC", "Public Joint Stock Company"],
          "cjsc": ["ZAO", "CJSC", "Closed Joint Stock Company"],
          "ojsc": ["OAO", "OJSC", "Open Joint Stock Company"],
          "jsc": ["AO", "JSC", "Joint Stock Company"]}


def nfc(s):
    return unicodedata.normalize("NFC", s)


def clean(s):
    s = re.sub(r"[«»\"“”„]", " ", s)
    return re.sub(r"\s+", " ", s).strip(" ,;")


def up_words(s):
    """Upper-case words of a name without dots and commas."""
    return re.sub(r"[.,]", " ", s).upper().split()


def strip_form(name):
    """(core, had_form): the listed name without its legal form at either
    end (one or two forms)."""
    w = up_words(clean(name))
    had = False
    for _ in range(2):
        changed = False
        for f in STRIP:
            fw = f.split()
            if len(w) > len(fw) and w[-len(fw):] == fw:
                w = w[:-len(fw)]
                changed = had = True
                break
            if len(w) > len(fw) and w[:len(fw)] == fw:
                w = w[len(fw):]
                changed = had = True
                break
        if not changed:
            break
    return " ".join(w), had


def core_span(full, core):
    """The words of the listed name and where its core lies in them."""
    w = up_words(clean(full))
    c = core.split()
    for i in range(len(w) - len(c) + 1):
        if w[i:i + len(c)] == c:
            return w, i, i + len(c)
    return c, 0, len(c)


def good_core(core):
    w = core.split()
    if not 1 <= len(w) <= 5:
        return False
    if not re.fullmatch(r"[A-Z0-9&' -]+", core):
        return False
    return any(len(x) >= 3 and x.isalpha() and x not in GENERIC for x in w)


def styled(rng, s):
    """The variant as a payment or a customer file might write it."""
    r = rng.random()
    if r < 0.45:
        return s
    if r < 0.85:
        return " ".join(w[:1].upper() + w[1:].lower() if w.isupper() and len(w) > 3 else w
                        for w in s.split(" "))
    return s.lower()


def titled(w):
    return w[:1].upper() + w[1:].lower() if len(w) > 3 else w

# ---------------------------------------------------------------------------
# loading


def load_ofac(data):
    ents, vessels = [], []
    with gzip.open(os.path.join(data, "ofac_sdn/sdn.csv.gz"), "rt",
                   encoding="latin-1") as f:
        for r in csv.reader(f):
            if len(r) < 12:
                continue
            name, typ, flag, rem = r[1].strip(), r[2].strip(), r[9].strip(), r[11]
            if typ == "-0-":
                ents.append(name)
            elif typ == "vessel":
                fka = re.findall(r"f\.k\.a\. '([^']+)'", rem)
                imo = re.search(r"IMO (\d{7})", rem)
                owner = re.search(r"Linked To: ([^.;]+)", rem)
                vessels.append({"name": name, "flag": flag if flag != "-0-" else "",
                                "fka": fka, "imo": imo.group(1) if imo else "",
                                "owner": owner.group(1).strip() if owner else ""})
    return ents, vessels


def load_uk(data):
    ents, ships, script = [], [], []
    with gzip.open(os.path.join(data, "uk_ofsi/ConList.csv.gz"), "rt",
                   encoding="utf-8") as f:
        next(f)
        for r in csv.DictReader(f):
            g = r["Group Type"]
            if g == "Entity":
                ents.append(r["Name 6"])
                nl = r["Name Non-Latin Script"]
                if nl and re.search(r"[А-Яа-я]", nl):
                    script.append((r["Name 6"], nl))
            elif g == "Ship":
                ships.append(r["Name 6"])
    return ents, ships, script

# ---------------------------------------------------------------------------
# the variations


def cyr_latin(s):
    return "".join(CYR.get(c, c) for c in s.lower())


def similar(a, b):
    import difflib
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def pick(rng, seq, n):
    seq = list(seq)
    rng.shuffle(seq)
    return seq[:n]


def make(data, per_pos, per_neg):
    rng = random.Random(SEED)
    ofac_e, vessels = load_ofac(data)
    uk_e, uk_ships, uk_script = load_uk(data)
    cores = []
    seen = set()
    for n in ofac_e + uk_e:
        core, had = strip_form(n)
        if good_core(core) and core not in seen:
            seen.add(core)
            cores.append((n, core, had))
    cores.sort()
    vnames = sorted({v["name"] for v in vessels} | set(uk_ships))
    vnames = [v for v in vnames if re.fullmatch(r"[A-Z0-9 '-]+", v)]
    vessels.sort(key=lambda v: v["name"])
    rows = []

    def add(schema, a, b, label, kind):
        a, b = nfc(clean(a)), nfc(b)
        if a and b and a != b:
            rows.append((schema, a, b, label, kind))

    def corepool(n, pred=lambda c: True):
        return [c for c in pick(rng, cores, len(cores)) if pred(c)][:n]

    def form_text(rng, f, which):
        country, abbr, written, en, prefix = f
        ch = [x for x in (abbr if which == "abbr" else written) if not re.search("[А-я]", x)]
        return rng.choice(ch)

    def put(core, form, prefix):
        return f"{form} {core}" if prefix else f"{core} {form}"

    latin_forms = [f for f in LEGAL]
    # legal-long: abbreviated vs written out (same country)
    for (_, core, _) in corepool(per_pos):
        f = rng.choice(latin_forms)
        c = styled(rng, core)
        add("Company", put(core, form_text(rng, f, "abbr"), f[4]),
            put(c, form_text(rng, f, "long"), f[4] and rng.random() < 0.7), 1,
            "legal-long")
    # legal-en: post-Soviet form vs its English translation
    ps = [f for f in LEGAL if f[3]]
    for (_, core, _) in corepool(per_pos):
        f = rng.choice(ps)
        nat = rng.choice([a for a in f[1] if re.fullmatch(r"[A-Z]+", a)] + f[2][:1])
        add("Company", put(core, nat, rng.random() < 0.7), f"{styled(rng, core)} {rng.choice(f[3])}",
            1, "legal-en")
    # legal-script: Latin core with a Latin form vs the listed Cyrillic name
    n = 0
    for lat, cyr in pick(rng, uk_script, len(uk_script)):
        cu = clean(cyr).upper()
        cls = None
        for cf, k in CYR_FORMS:
            if cu.startswith(cf + " ") or cu.endswith(" " + cf):
                cls = k
                break
        lcore, _ = strip_form(lat)
        if cls is None or not good_core(lcore):
            continue
        ccore = clean(cu.replace(cf, "", 1))
        if similar(cyr_latin(ccore), lcore) < 0.6:
            continue  # a translation, not a transliteration
        add("Company", put(lcore, rng.choice(LAT_OF[cls]), rng.random() < 0.5), cyr, 1,
            "legal-script")
        n += 1
        if n >= per_pos:
            break
    # legal-drop
    for (full, core, had) in corepool(per_pos, lambda c: c[2]):
        add("Company", full, styled(rng, core), 1, "legal-drop")
    # legal-move: form from the front to the end
    for (_, core, _) in corepool(per_pos):
        f = rng.choice([f for f in LEGAL if f[4]])
        a = rng.choice([x for x in f[1] if x.isascii()])
        add("Company", f"{a} {core}", rng.choice([f"{styled(rng, core)}, {a}",
                                                  f"{styled(rng, core)} {a}"]), 1,
            "legal-move")
    # legal-glued: the form glued to the last word
    glue = ["NV", "BV", "AG", "SA", "LLC", "LTD", "GMBH", "INC", "PLC", "JSC", "SRL",
            "Ltd", "GmbH", "Inc", "Corp", "LLP"]
    for (_, core, _) in corepool(per_pos, lambda c: c[1].split()[-1].isalpha()):
        g = rng.choice(glue)
        add("Company", f"{core} {g}", f"{styled(rng, core)}{g}", 1, "legal-glued")
    # spacing: join two words, or split a compound at a dictionary word
    words = set()
    try:
        with open("/usr/share/dict/american-english", encoding="utf-8") as f:
            words = {w.strip().upper() for w in f if w.strip().isalpha() and
                     w.strip().islower() and len(w.strip()) >= 3}
    except OSError:
        pass
    n = 0
    for (full, core, _) in corepool(len(cores)):
        fw, lo, hi = core_span(full, core)
        w = fw[lo:hi]
        out = None
        splits = [(i, k) for i, x in enumerate(w) for k in range(3, len(x) - 2)
                  if x[:k] in words and x[k:] in words and len(x) >= 7]
        if splits and rng.random() < 0.6:
            i, k = rng.choice(splits)
            out = w[:i] + [w[i][:k], w[i][k:]] + w[i + 1:]
        elif len(w) >= 2:
            i = rng.randrange(len(w) - 1)
            if w[i].isalpha() and w[i + 1].isalpha() and len(w[i]) >= 3 and len(w[i + 1]) >= 3:
                out = w[:i] + [w[i] + w[i + 1]] + w[i + 2:]
        if out is None:
            continue
        add("Company", full, styled(rng, " ".join(fw[:lo] + out + fw[hi:])), 1, "spacing")
        n += 1
        if n >= per_pos:
            break
    # acronym: an acronym token written with dots or spaces
    n = 0
    for (full, core, _) in corepool(len(cores)):
        w, lo, hi = core_span(full, core)
        idx = [i for i in range(lo, hi) if 2 <= len(w[i]) <= 5 and w[i].isalpha() and
               not re.search(r"[AEIOUY]", w[i][1:]) and w[i] not in GENERIC and
               w[i] not in words and
               w[i] not in STRIP]
        if not idx:
            continue
        i = rng.choice(idx)
        sep = rng.choice([".", ". ", " "])
        a = sep.join(w[i]) + (sep.strip() if sep != " " else "")
        add("Company", full, " ".join(w[:i] + [a] + w[i + 1:]), 1, "acronym")
        n += 1
        if n >= per_pos:
            break
    # number: digits vs words vs Roman numerals
    n = 0
    numbered = [x for x in cores if re.search(r"\b(\d{1,2}(ST|ND|RD|TH)?)\b", x[1])]
    numbered = [(x[0], x[1], "Company") for x in numbered] + \
        [(v, v, "Vessel") for v in vnames if re.search(r"\b(\d{1,2}|[IVX]{1,4})\b", v)]
    for (full, core, schema) in pick(rng, numbered, len(numbered)):
        w = core.split()
        out = None
        for i, x in enumerate(w):
            m = re.fullmatch(r"(\d{1,2})(ST|ND|RD|TH)?", x)
            if m and 0 < int(m.group(1)) <= 20:
                k = int(m.group(1))
                if m.group(2):
                    out = w[:i] + [ORDWORDS[k].upper()] + w[i + 1:]
                elif schema == "Vessel" and i > 0 and rng.random() < 0.5:
                    out = w[:i] + [ROMAN[k]] + w[i + 1:]
                else:
                    out = w[:i] + [NUMWORDS[k].upper()] + w[i + 1:]
                break
            if i > 0 and x in ROMAN[2:]:
                out = w[:i] + [str(ROMAN.index(x))] + w[i + 1:]
                break
        if out is None:
            continue
        add(schema, full, styled(rng, " ".join(out)), 1, "number")
        n += 1
        if n >= per_pos:
            break
    # typo: one letter in a short word of a company name
    n = 0
    for (full, core, _) in corepool(len(cores)):
        w, lo, hi = core_span(full, core)
        idx = [i for i in range(lo, hi) if 4 <= len(w[i]) <= 6 and w[i].isalpha() and
               w[i] not in GENERIC]
        if not idx or hi - lo < 2:
            continue
        i = rng.choice(idx)
        x = w[i]
        op = rng.randrange(3)
        p = rng.randrange(2, len(x) - 1)
        if op == 0:
            y = x[:p] + rng.choice("ABCDEFGHIKLMNOPRSTUVZ") + x[p + 1:]
        elif op == 1:
            y = x[:p] + x[p + 1:]
        else:
            y = x[:p - 1] + x[p] + x[p - 1] + x[p + 1:] if p > 0 else x
        if y == x:
            continue
        add("Company", full, styled(rng, " ".join(w[:i] + [y] + w[i + 1:])), 1, "typo")
        n += 1
        if n >= per_pos:
            break
    # vessel-prefix
    for v in pick(rng, vnames, per_pos):
        add("Vessel", v, rng.choice(VPREFIX).format(styled(rng, v)), 1, "vessel-prefix")
    # vessel-port
    withflag = [v for v in vessels if v["flag"] in PORTS]
    for v in pick(rng, withflag, per_pos):
        port, flag = PORTS[v["flag"]], v["flag"]
        fmt = rng.choice(["{} ({p})", "{}, {p}", "MV {} OF {p}", "{} - PORT OF REGISTRY {p}",
                          "{} (FLAG: {f})", "{} {f} FLAG", "M/T {} ({f})", "{} REGISTERED {p}"])
        add("Vessel", v["name"], fmt.format(styled(rng, v["name"]), p=port.upper(),
                                            f=flag.upper()), 1, "vessel-port")
    # registry: IMO or a company registry number appended
    for v in pick(rng, [v for v in vessels if v["imo"]], per_pos // 2):
        fmt = rng.choice(["{} IMO {i}", "{} (IMO: {i})", "{} IMO NO. {i}", "{}, IMO{i}"])
        add("Vessel", v["name"], fmt.format(v["name"], i=v["imo"]), 1, "registry")
    for (full, core, _) in corepool(per_pos - per_pos // 2):
        num = "".join(rng.choice("0123456789") for _ in range(rng.choice([7, 10, 13])))
        fmt = rng.choice(["{} REG NO {n}", "{} (OGRN {n})", "{}, CR No. {n}",
                          "{} Registration Number {n}", "{} INN {n}", "{} (Reg. {n})"])
        add("Company", full, fmt.format(styled(rng, full), n=num), 1, "registry")
    # residue-label
    for (full, core, _) in corepool(per_pos):
        acct = "".join(rng.choice("0123456789") for _ in range(10))
        lab = rng.choice(LABELS)
        add("Company", full, lab.replace("{acct}", acct).format(styled(rng, full)), 1,
            "residue-label")
    # residue-co
    for (full, core, _) in corepool(per_pos):
        fmt = rng.choice(["C/O {}", "c/o {}", "{}, C/O P.O. BOX {b}", "{} c/o {c} Post Office",
                          "CARE OF {}"])
        add("Company", full, fmt.format(styled(rng, full), b=rng.randrange(100, 99999),
                                        c=rng.choice(CITIES)), 1, "residue-co")
    # residue-address
    for (full, core, _) in corepool(per_pos):
        fmt = rng.choice(["{}, {n} {s}, {c}", "{} {n} {s} {c}", "{}; {s} {n}, {c}",
                          "{} - {n} {s}, {c}, {z}"])
        add("Company", full, fmt.format(styled(rng, full), n=rng.randrange(1, 300),
                                        s=rng.choice(STREETS), c=rng.choice(CITIES),
                                        z=rng.randrange(10000, 99999)), 1,
            "residue-address")
    # branch
    for (full, core, _) in corepool(per_pos):
        add("Company", full, rng.choice(BRANCH).format(styled(rng, full),
                                                       c=rng.choice(CITIES)), 1, "branch")
    # abbrev: listed words abbreviated, or built names (Cía., F.lli)
    n = 0
    for (full, core, _) in corepool(len(cores)):
        w = full.upper().split()
        hits = [(i, a) for i, x in enumerate(w) for (fw, a) in ABBREV
                if x.strip(",.") == fw.upper()]
        if not hits:
            continue
        i, a = rng.choice(hits)
        add("Company", full, " ".join(w[:i] + [a.upper()] + w[i + 1:]), 1, "abbrev")
        n += 1
        if n >= per_pos // 2:
            break
    for (_, core, _) in corepool(per_pos - per_pos // 2, lambda c: len(c[1].split()) <= 2):
        b = rng.choice(BUILT)
        t = " ".join(titled(x) for x in core.split())
        add("Company", b[0].format(t), b[1].format(styled(rng, t)), 1, "abbrev")
    # own-script: the listed Latin name vs the listed Cyrillic name
    n = 0
    for lat, cyr in pick(rng, uk_script, len(uk_script)):
        lcore, _ = strip_form(lat)
        if not good_core(lcore) or similar(cyr_latin(clean(cyr)), lat) < 0.55:
            continue
        add("Company", lat, cyr, 1, "own-script")
        n += 1
        if n >= per_pos:
            break
    # ex-name: a vessel with its former name in brackets
    withfka = [v for v in vessels if v["fka"]]
    for v in pick(rng, withfka, per_pos):
        old = rng.choice(v["fka"])
        fmt = rng.choice(["{} (EX-{o})", "{} (ex {o})", "{} (FORMERLY {o})", "{} [EX {o}]",
                          "{} (f/k/a {o})"])
        q = fmt.format(styled(rng, v["name"]), o=old)
        if rng.random() < 0.5:
            add("Vessel", v["name"], q, 1, "ex-name")
        else:
            add("Vessel", old, q, 1, "ex-name")
    # punct
    n = 0
    for (full, core, _) in corepool(len(cores)):
        if "&" in full:
            out = full.replace("&", "AND")
        elif " AND " in full:
            out = full.replace(" AND ", " & ")
        elif "-" in full:
            out = full.replace("-", " ") if rng.random() < 0.5 else full.replace("-", "")
        elif len(core.split()) >= 1:
            out = full.replace(core, f"\"{core}\"") if rng.random() < 0.5 else \
                full.replace(core, f"«{core}»")
        else:
            continue
        add("Company", full, out, 1, "punct")
        n += 1
        if n >= per_pos:
            break

    # ---- negatives ---------------------------------------------------------
    spec = [f for f in LEGAL if f[0] not in INTL]
    for (_, core, _) in corepool(per_neg):
        f1 = rng.choice(spec)
        f2 = rng.choice([f for f in spec if f[0] != f1[0]])
        add("Company", put(core, form_text(rng, f1, rng.choice(["abbr", "long"])), f1[4]),
            put(styled(rng, core), form_text(rng, f2, rng.choice(["abbr", "abbr", "long"])),
                f2[4]), 0, "neg-jurisdiction")
    for (_, core, _) in corepool(per_neg):
        c1 = rng.choice(COUNTRIES)
        form = rng.choice(["Ltd", "LLC", "Limited", "", "Inc", "Co. Ltd", "FZE"])
        r = rng.random()
        if r < 0.5:
            a, b = f"{core} {form}", f"{styled(rng, core)} ({c1}) {form}"
        elif r < 0.75:
            a, b = f"{core} {form}", f"{styled(rng, core)} {c1} {form}"
        else:
            c2 = rng.choice([c for c in COUNTRIES if c != c1])
            a, b = f"{core} ({c1}) {form}", f"{styled(rng, core)} ({c2}) {form}"
        add("Company", a.strip(), b.strip(), 0, "neg-country")
    for v in pick(rng, vnames, per_neg):
        owner = rng.choice(OWNER).format(styled(rng, v))
        if rng.random() < 0.5:
            add("Vessel", v, owner, 0, "neg-owner")
        else:
            add("Company", owner, rng.choice(VPREFIX).format(v), 0, "neg-owner")
    # neg-sister: one number or one word differs
    vwords = sorted({w for v in vnames for w in v.split() if w.isalpha() and len(w) >= 3})
    n = 0
    for v in pick(rng, vnames, len(vnames)):
        w = v.split()
        m = [i for i, x in enumerate(w) if x.isdigit() or (i > 0 and x in ROMAN[1:])]
        if m:
            i = rng.choice(m)
            if w[i].isdigit():
                k = int(w[i]) + rng.choice([-2, -1, 1, 2, 3])
                if k < 1:
                    k = int(w[i]) + 1
                y = str(k)
            else:
                k = ROMAN.index(w[i]) + rng.choice([-1, 1, 2])
                y = ROMAN[k] if 1 <= k < len(ROMAN) else "II"
            out = w[:i] + [y] + w[i + 1:]
        elif len(w) >= 2:
            i = rng.randrange(len(w))
            if not w[i].isalpha() or len(w[i]) < 3:
                continue
            out = w[:i] + [rng.choice(vwords)] + w[i + 1:]
        elif rng.random() < 0.3:
            out = w + [rng.choice(["2", "II", "1", "III"])]
        else:
            continue
        if out == w:
            continue
        add("Vessel", v, styled(rng, " ".join(out)), 0, "neg-sister")
        n += 1
        if n >= per_neg:
            break
    # neg-plural: one distinctive word in the plural
    n = 0
    for (full, core, _) in corepool(len(cores)):
        w = core.split()
        idx = [i for i, x in enumerate(w) if x.isalpha() and len(x) >= 4 and
               x not in GENERIC and not x.endswith("S") and x[-1] not in "AEIOUY"]
        if not idx:
            continue
        i = rng.choice(idx)
        out = w[:i] + [w[i] + "S"] + w[i + 1:]
        add("Company", core, styled(rng, " ".join(out)), 0, "neg-plural")
        n += 1
        if n >= per_neg:
            break
    # neg-word: one distinctive word replaced by one of another listed name
    cwords = sorted({x for (_, c, _) in cores for x in c.split()
                     if x.isalpha() and len(x) >= 4 and x not in GENERIC})
    n = 0
    for (full, core, _) in corepool(len(cores)):
        w = core.split()
        idx = [i for i, x in enumerate(w) if x.isalpha() and len(x) >= 4 and x not in GENERIC]
        if len(w) < 2 or len(w) > 4 or not idx:
            continue
        i = rng.choice(idx)
        out = w[:i] + [rng.choice(cwords)] + w[i + 1:]
        if out == w:
            continue
        form = rng.choice(["", " LLC", " LTD", " CO", " GROUP"])
        add("Company", core + form, styled(rng, " ".join(out)) + form, 0, "neg-word")
        n += 1
        if n >= per_neg:
            break
    rng.shuffle(rows)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(HERE, "..", "data"))
    ap.add_argument("--out", default=os.path.join(HERE, "data", "org_pairs.csv"))
    ap.add_argument("--per-pos", type=int, default=40)
    ap.add_argument("--per-neg", type=int, default=70)
    a = ap.parse_args()
    rows = make(a.data, a.per_pos, a.per_neg)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["schema", "name1", "name2", "label", "kind"])
    for r in rows:
        w.writerow(r)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    kinds = {}
    for r in rows:
        kinds[r[4]] = kinds.get(r[4], 0) + 1
    print(f"{len(rows)} pairs -> {a.out}")
    for k in sorted(kinds):
        print(f"  {k:18s} {kinds[k]}")


if __name__ == "__main__":
    main()
