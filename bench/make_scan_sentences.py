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

A second part, appended after these rows (which it leaves unchanged),
comes from the raw UK and UN lists ($KORDON_LISTS, default
/work/shared/data/lists): see "Second part" below.

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


# ---------------------------------------------------------------------------
# Second part (appended after the first, whose rows stay as they were):
# listed persons straight from the official lists, written as the press
# of each language writes them. Read from the raw lists ($KORDON_LISTS,
# default /work/shared/data/lists) with make_pairs.py's loaders.
#
#   Cyrillic names of UK-listed persons (Russia, Belarus, ...):
#     de  German transliteration (make_pairs.py), a title or function
#         before it, in „quotes“ or (parentheses), the genitive -s
#     fr  French transliteration, title, « quotes », two initials
#     pl  Polish transliteration (-skij -> -ski), the nominative, the
#         instrumental (z Siergiejem Ławrowem) and genitive (Siergieja
#         Ławrowa), women -ową / -owej
#     cs  Czech transcription (č š ž ch, ě after d t n), the nominative,
#         the instrumental (se Sergejem Lavrovem), the feminine -ová
#     es  Spanish transcription (j for х, sh, zh, gu, -ski, Serguéi)
#     ru  the Cyrillic name in the nominative, genitive, instrumental,
#         with initials (С. В. Лавров)
#   Korean persons of the UN and UK lists (DPRK romanisation read back
#   into Hangul syllables):
#     ko  the Hangul name with a particle (은 는 이 가 을 를 의 에게 와
#         과 도), a title after it spaced or glued (위원장, 부장, 대사),
#         or a title before it
# The patronymic is kept in a third of the rows (press style drops it).
# Every choice is a function of a row counter, so the output is
# deterministic.
# ---------------------------------------------------------------------------

CYR_FEM_SUR = re.compile(r"(ова|ева|ёва|ина|ына|ая|ская|цкая)$")
CYR_PATR = re.compile(r"(ович|евич|ьич|ич|ична|овна|евна|инична)$")


def cyr_parse(nl, gender):
    """A Cyrillic list name -> (given, patronymic, surname, female) or None."""
    import make_pairs as M
    nl = M.strip_stress(nl)
    if re.search(r"[іїєґўІЇЄҐЎ]", nl):
        return None
    comma = "," in nl
    raw = nl.replace(",", " ").split()
    if not 2 <= len(raw) <= 3 or any(not re.fullmatch(r"[а-яёА-ЯЁ-]+", w)
                                       for w in raw):
        return None
    mixed = any(w.isupper() for w in raw) and not all(w.isupper()
                                                       for w in raw)
    caps = [i for i, w in enumerate(raw) if w.isupper()] if mixed else []
    ws = ["-".join(x[:1].upper() + x[1:].lower() for x in w.split("-"))
          for w in raw]
    patr = [i for i, w in enumerate(ws) if CYR_PATR.search(w.lower())]
    if len(caps) == 1:
        si = caps[0]
    elif comma:
        si = 0
    elif len(ws) == 3 and patr == [2]:
        si = 0
    elif len(ws) == 3 and patr == [1]:
        si = 2
    elif len(ws) == 2 and not patr:
        si = 1
    else:
        return None
    rest = [i for i in range(len(ws)) if i != si]
    pi = [i for i in rest if i in patr]
    gi = [i for i in rest if i not in patr]
    if len(gi) != 1 or len(pi) > 1:
        return None
    g, sur = ws[gi[0]], ws[si]
    pat = ws[pi[0]] if pi else ""
    female = gender == "female" or pat.endswith("на") or (
        gender != "male" and CYR_FEM_SUR.search(sur.lower()) is not None)
    return g, pat, sur, female


def ru_case(w, case, female, part):
    """Russian genitive ('gen') or instrumental ('ins') of one name word."""
    lw = w.lower()
    if female:
        if part == "sur":
            for end in ("ская", "цкая", "ая"):
                if lw.endswith(end):
                    return w[:-2] + "ой"
            if re.search(r"(ова|ева|ёва|ина|ына)$", lw):
                return w[:-1] + "ой"
            return w
        if lw.endswith("ия"):
            return w[:-1] + ("и" if case == "gen" else "ей")
        if lw.endswith("я"):
            return w[:-1] + ("и" if case == "gen" else "ей")
        if lw.endswith("а"):
            hush = lw[-2:-1] in "гкхжшчщ"
            return w[:-1] + (("и" if hush else "ы") if case == "gen"
                             else ("ей" if lw[-2:-1] in "жшчщц" else "ой"))
        return w
    if part == "sur":
        for end in ("ский", "цкий"):
            if lw.endswith(end):
                return w[:-2] + ("ого" if case == "gen" else "им")
        if lw.endswith("ой") or lw.endswith("ый"):
            return w[:-2] + ("ого" if case == "gen" else "ым")
        if lw.endswith("ий"):
            return w[:-2] + ("его" if case == "gen" else "им")
        if re.search(r"(ов|ев|ёв|ин|ын)$", lw):
            return w + ("а" if case == "gen" else "ым")
    if lw[-1:] in "оуеиыэюх" or lw.endswith("ко") or lw.endswith("ых"):
        return w
    if lw.endswith("ий"):
        return w[:-1] + ("я" if case == "gen" else "ем")
    if lw.endswith("й") or lw.endswith("ь"):
        return w[:-1] + ("я" if case == "gen" else "ем")
    if lw.endswith("а"):
        return w[:-1] + (("и" if lw[-2:-1] in "гкхжшчщ" else "ы")
                         if case == "gen" else "ой")
    if lw.endswith("я"):
        return w[:-1] + ("и" if case == "gen" else "ей")
    return w + ("а" if case == "gen" else
                ("ем" if lw[-1] in "жшчщц" else "ом"))


def cs_word(word):
    """Czech press transcription of one Cyrillic word."""
    w = word.lower()
    out = []
    vow = "аеёиоуыэюя"
    for i, c in enumerate(w):
        p = w[i - 1] if i else ""
        nx = w[i + 1] if i + 1 < len(w) else ""
        first = i == 0 or p in vow or p in "ъь"
        if c == "е":
            r = "je" if first else ("ě" if p in "дтн" else "e")
        elif c == "ё":
            r = "o" if p in "жчшщ" else "jo"
        elif c == "ь":
            r = ""
            if p in "дтн" and (not nx or nx not in vow):
                out[-1] = {"д": "ď", "т": "ť", "н": "ň"}[p]
        else:
            r = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "ž",
                 "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m",
                 "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
                 "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š",
                 "щ": "šč", "ъ": "", "ы": "y", "э": "e", "ю": "ju",
                 "я": "ja"}.get(c, c)
        out.append(r)
    s = "".join(out)
    return s[:1].upper() + s[1:]


def es_word(word):
    """Spanish press transcription of one Cyrillic word (Fundéu style)."""
    w = word.lower()
    out = []
    vow = "аеёиоуыэюя"
    for i, c in enumerate(w):
        p = w[i - 1] if i else ""
        nx = w[i + 1] if i + 1 < len(w) else ""
        first = i == 0 or p in "ъь"
        last = i == len(w) - 1
        if c == "г":
            r = "gu" if nx in ("е", "и", "э", "ё") and nx else "g"
        elif c == "е":
            r = "ye" if i == 0 else ("ie" if first else "e")
        elif c == "ё":
            r = "yo" if i == 0 else ("io" if p not in "жчшщ" else "o")
        elif c == "ю":
            r = "yu" if i == 0 else "iu"
        elif c == "я":
            r = "ya" if i == 0 else "ia"
        elif c == "й":
            r = "" if last and p in "иы" else "i"
            if last and p in "еа" and out:
                out[-1] = out[-1][:-1] + {"e": "é", "a": "á"}.get(
                    out[-1][-1:], out[-1][-1:])
        else:
            r = {"а": "a", "б": "b", "в": "v", "д": "d", "ж": "zh", "з": "z",
                 "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
                 "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
                 "х": "j", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch",
                 "ъ": "", "ы": "i", "ь": "", "э": "e"}.get(c, c)
        out.append(r)
    s = "".join(out)
    return s[:1].upper() + s[1:]


def pl_press(w):
    """Polish press ends Russian -ский/-цкий in -ski/-cki."""
    return re.sub(r"(sk|ck)ij$", r"\1i", w)


def pl_case(w, case, female, part):
    """Polish instrumental ('ins') or genitive ('gen') of a name word."""
    lw = w.lower()
    if female:
        if part == "sur" and re.search(r"(owa|ewa|ina|yna|ska|cka)$", lw):
            return w[:-1] + ("ą" if case == "ins" else "ej")
        if lw.endswith("ia") or lw.endswith("ja"):
            return w[:-1] + ("ą" if case == "ins" else "i")
        if lw.endswith("a"):
            return w[:-1] + ("ą" if case == "ins" else
                             ("i" if lw[-2:-1] in "kg" else "y"))
        return w
    if re.search(r"(ski|cki)$", lw):
        return w[:-1] + ("im" if case == "ins" else "iego")
    if re.search(r"(yj)$", lw):
        return w[:-2] + ("ym" if case == "ins" else "ego")
    if lw[-1:] in "oeiuy":
        return w
    if lw.endswith("a"):
        return w[:-1] + ("ą" if case == "ins" else
                         ("i" if lw[-2:-1] in "kg" else "y"))
    soft = {"ń": "ni", "ś": "si", "ć": "ci", "ź": "zi"}
    if lw[-1] in soft:
        return w[:-1] + soft[lw[-1]] + ("em" if case == "ins" else "a")
    if lw[-1] in "kg":
        return w + ("iem" if case == "ins" else "a")
    return w + ("em" if case == "ins" else "a")


def cs_case(w, female, part):
    """Czech instrumental of a name word."""
    lw = w.lower()
    if female:
        if lw.endswith("ová") or lw.endswith("á"):
            return w[:-1] + "ou"
        if lw.endswith("a"):
            return w[:-1] + "ou"
        return w
    if re.search(r"(sk|ck)ij$", lw):
        return w[:-2] + "ým"
    if re.search(r"(yj)$", lw):
        return w[:-2] + "ým"
    if lw[-1:] in "oeiuyě":
        return w
    if lw.endswith("a"):
        return w[:-1] + "ou"
    return w + "em"


def cs_fem_sur(w):
    """Czech press adds -ová to a woman's Russian surname in -ova/-ina."""
    lw = w.lower()
    if re.search(r"(ova|eva|jova|ina|yna)$", lw):
        return w[:-1] + "ová"
    if lw.endswith("aja"):
        return w[:-3] + "á"
    return w


# DPRK romanisation syllable -> Hangul (the reading a Korean newspaper uses)
KO_SYL = {
    "kim": "김", "ri": "리", "pak": "박", "park": "박", "choe": "최",
    "jang": "장", "han": "한", "kang": "강", "jo": "조", "cho": "조",
    "ko": "고", "yun": "윤", "yu": "유", "paek": "백", "jon": "전",
    "chon": "전", "hwang": "황", "ro": "로", "ra": "라", "ryu": "류",
    "sin": "신", "o": "오", "an": "안", "pae": "배", "mun": "문",
    "son": "선", "hong": "홍", "so": "서", "song": "성", "chol": "철",
    "chun": "춘", "yong": "영", "il": "일", "su": "수", "nam": "남",
    "chang": "창", "jong": "정", "kyong": "경", "hyok": "혁", "ho": "호",
    "won": "원", "myong": "명", "tong": "동", "sik": "식", "sok": "석",
    "kwang": "광", "se": "세", "jin": "진", "yon": "연", "chong": "청",
    "ryong": "룡", "kyu": "규", "man": "만", "gon": "건", "u": "우",
    "sam": "삼", "min": "민", "bong": "봉", "pong": "봉", "sung": "승",
    "hwan": "환", "sop": "섭", "hyon": "현", "san": "산", "jae": "재",
    "mu": "무", "uk": "욱", "pyong": "평", "un": "운", "chan": "찬",
    "je": "제", "hwa": "화", "chin": "진", "chae": "채", "bom": "범",
    "guk": "국", "kuk": "국", "kil": "길", "jung": "중", "tae": "태",
    "hun": "훈", "ha": "하", "hwi": "휘", "ok": "옥", "to": "도",
    "ung": "웅", "chu": "주", "ju": "주", "ku": "구", "ja": "자",
    "hyong": "형", "chul": "철", "byong": "병", "chi": "지", "ji": "지",
    "bu": "부", "chil": "칠", "hui": "희", "hae": "해", "gak": "각",
    "rak": "락", "kyom": "겸", "gwang": "광", "ryol": "렬", "gyong": "경",
    "in": "인", "pyon": "변", "gun": "근", "hak": "학", "ryang": "량",
    "ryom": "렴", "sang": "상", "wang": "왕", "rin": "린", "thae": "태",
    "thaek": "택", "taek": "택", "pok": "복", "bok": "복", "ki": "기",
    "yo": "여", "ryo": "려", "ryul": "률", "kum": "금", "chwi": "취",
}
KO_PART = [("은", "는"), ("이", "가"), ("을", "를"), ("의", "의"),
           ("에게", "에게"), ("과", "와"), ("도", "도")]
KO_TPL = [
    "북한 매체에 따르면 {}{} 지난주 평양에서 열린 회의에 참석했다.",
    "정부 소식통에 따르면 {}{} 화요일 대표단과 만났다.",
    "미국 재무부는 {}{} 제재 대상에 올렸다.",
    "{}{} 발언은 국제사회의 비판을 받았다.",
    "외교부 대변인은 {}{} 만난 사실이 없다고 밝혔다.",
    "이번 결정은 {}{} 영향력을 보여준다.",
    "유엔 안보리는 {}{} 자산을 동결했다.",
]
KO_TITLE = ["위원장", "부장", "대사", "부위원장", "총참모장", "장관"]


def hangul_name(e):
    import make_pairs as M
    syl = [M.fold(e.surname)] + [x for x in re.split(
        r"[-\s]+", M.fold(" ".join(e.given))) if x]
    if not 2 <= len(syl) <= 4 or any(x not in KO_SYL for x in syl):
        return None
    sur = {"son": "손", "chon": "전", "so": "서"}.get(syl[0], KO_SYL[syl[0]])
    return sur + "".join(KO_SYL[x] for x in syl[1:])


def ko_particle(name, pair):
    last = name[-1]
    coda = (ord(last) - 0xAC00) % 28 if "\uac00" <= last <= "\ud7a3" else 0
    return pair[0] if coda else pair[1]


TPL2 = {
    "de": [("Außenminister {} traf am Dienstag Vertreter der Regierung.", 0),
           ("Der Unternehmer {} bestreitet die Vorwürfe.", 0),
           ("Ein enger Vertrauter des Präsidenten („{}“) wurde befragt.", 0),
           ("Die Sanktionen treffen auch den Geschäftsmann {}.", 0),
           ("{}s Sprecher wies die Vorwürfe zurück.", "gen"),
           ("Laut Reuters ({}) soll das Treffen stattgefunden haben.", 0)],
    "fr": [("Le ministre {} a rencontré mardi des représentants du "
            "gouvernement.", 0),
           ("L'homme d'affaires russe {} dément les accusations.", 0),
           ("Un proche du Kremlin, « {} », a été entendu.", 0),
           ("Les sanctions visent aussi le général {}.", 0),
           ("Selon {}, la réunion a eu lieu.", 0),
           ("Le porte-parole de {} a rejeté les accusations.", 0)],
    "pl": [("Minister {} spotkał się we wtorek z przedstawicielami "
            "rządu.", 0),
           ("Rozmawialiśmy z {} o sankcjach.", "ins"),
           ("Rzecznik {} odrzucił zarzuty.", "gen"),
           ("Rosyjski biznesmen {} zaprzecza oskarżeniom.", 0),
           ("Sankcje objęły także majątek {}.", "gen"),
           ("Spotkanie z {} odbyło się w Moskwie.", "ins")],
    "cs": [("Ministr {} se v úterý setkal se zástupci vlády.", 0),
           ("Jednání s {} se konalo v Moskvě.", "ins"),
           ("Ruský podnikatel {} obvinění odmítá.", 0),
           ("Sankce se týkají i generála „{}“.", 0),
           ("Rozhovor s {} trval dvě hodiny.", "ins")],
    "es": [("El ministro {} se reunió el martes con representantes del "
            "gobierno.", 0),
           ("El empresario ruso {} niega las acusaciones.", 0),
           ("Las sanciones afectan también al general «{}».", 0),
           ("Según {}, la reunión tuvo lugar en Moscú.", 0),
           ("El portavoz de {} rechazó las acusaciones.", 0)],
    "ru": [("Министр {} во вторник встретился с представителями "
            "правительства.", 0),
           ("Переговоры с {} прошли в Москве.", "ins"),
           ("Представитель {} отверг обвинения.", "gen"),
           ("Бизнесмен {} отрицает обвинения.", 0),
           ("Санкции затронули и активы {}.", "gen"),
           ("Как заявил {}, встреча состоялась.", "ini")],
}


def cyr_forms(lang, g, pat, sur, female, k):
    """The name as written in lang, in the template's case ('' = nominative)."""
    import make_pairs as M
    import random
    rng = random.Random(k)  # make_pairs's 'ks' -> 'x' choice, per row
    keep_pat = pat and k % 3 == 0
    if lang in ("de", "fr", "pl"):
        def tr(w):
            return "-".join(M._cyr_word(x, lang, rng) for x in w.split("-"))
    elif lang == "cs":
        def tr(w):
            return "-".join(cs_word(x) for x in w.split("-"))
    elif lang == "es":
        def tr(w):
            return "-".join(es_word(x) for x in w.split("-"))
    else:
        def tr(w):
            return w
    G, P, S = tr(g), tr(pat) if keep_pat else "", tr(sur)
    if lang == "pl":
        S = pl_press(S)
    if lang == "es":
        S = re.sub(r"(sk|tsk)i$", r"\1i", S)
    if lang == "cs" and female and k % 2 == 0:
        S = cs_fem_sur(S)
    return G, P, S


def more_rows(add2):
    import sys
    sys.path.insert(0, HERE)
    import make_pairs as M
    lists = os.environ.get("KORDON_LISTS", "/work/shared/data/lists")
    uk_path = os.path.join(lists, "uk_ofsi/2025-04-14/ConList.from_xlsx.csv")
    un_path = os.path.join(lists, "un/UN_consolidated.xml")
    for pth in (uk_path, un_path):
        if not os.path.exists(pth):
            sys.exit("make_scan_sentences: %s missing (set KORDON_LISTS)"
                     % pth)
    uk = M.load_uk(uk_path)
    un = M.load_un(un_path)
    cyr = []
    for eid in sorted(uk):
        e = uk[eid]
        if e.schema != "Person" or not e.primary:
            continue
        for nl, lat, _ in e.scripts:
            if not M.is_cyrillic(nl):
                continue
            r = cyr_parse(nl, e.gender)
            if r:
                cyr.append((e, r))
            break
    per = 200
    langs = ["de", "fr", "pl", "cs", "es", "ru"]
    for li, lang in enumerate(langs):
        # persons li, li + 6, li + 12 ...: each language its own persons
        pick = cyr[li::len(langs)][:per]
        tpls = TPL2[lang]
        for k, (e, (g, pat, sur, female)) in enumerate(pick):
            tpl, case = tpls[k % len(tpls)]
            G, P, S = cyr_forms(lang, g, pat, sur, female, k)
            if lang == "de" and case == "gen":
                if S[-1:] in "sxzß":
                    continue
                name = "%s %s" % (G, S)
            elif lang == "ru" and case == "ini":
                name = "%s. %s%s" % (G[0], pat[0] + ". " if pat else "", S)
            elif case:
                if lang == "pl":
                    f = lambda w, part: pl_case(w, case, female, part)
                elif lang == "cs":
                    f = lambda w, part: cs_case(w, female, part)
                else:
                    f = lambda w, part: ru_case(w, case, female, part)
                name = " ".join(x for x in (f(G, "giv"),
                                            f(P, "patr") if P else "",
                                            f(S, "sur")) if x)
            else:
                name = " ".join(x for x in (G, P, S) if x)
            if lang == "fr" and k % 7 == 6:
                name = "%s. %s" % (G[0], S)
            add2(lang, tpl, name, e.primary)
    kor = []
    seen = set()
    for e in list(un.values()) + [uk[i] for i in sorted(uk)]:
        if (e.schema != "Person" or e.culture != "korean" or not e.surname
                or not e.given or not M.is_latin(e.primary)):
            continue
        h = hangul_name(e)
        if h and h not in seen:
            seen.add(h)
            kor.append((e, h))
    for k, (e, h) in enumerate(kor):
        pair = KO_PART[k % len(KO_PART)]
        tpl = KO_TPL[k % len(KO_TPL)]
        form = k % 4
        if form == 1:      # title after the name, spaced
            t = KO_TITLE[k % len(KO_TITLE)]
            add2("ko", tpl, h, e.primary, " " + t + ko_particle(t, pair))
        elif form == 2:    # title glued to the name
            t = KO_TITLE[(k + 1) % len(KO_TITLE)]
            add2("ko", tpl, h, e.primary, t + ko_particle(t, pair))
        elif form == 3:    # title before the name
            t = KO_TITLE[(k + 2) % len(KO_TITLE)]
            add2("ko", tpl, h, e.primary, ko_particle(h, pair), t + " ")
        else:
            add2("ko", tpl, h, e.primary, ko_particle(h, pair))


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
    n2 = {}

    def add2(lang, tpl, name, listed, after="", before=""):
        """tpl has one {} (ko: two, name and what follows it)."""
        n2[lang] = n2.get(lang, 0) + 1
        pre, post = tpl.split("{}", 1)
        pre += before
        if lang == "ko":
            post = post.replace("{}", "", 1)
        s = pre + name + after + post
        b0 = len(pre.encode("utf-8"))
        rows.append((lang, b0, b0 + len(name.encode("utf-8")), listed, s))

    more_rows(add2)
    out = os.path.join(HERE, "data", "scan_sentences.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("lang\tstart\tend\tlisted\tsentence\n")
        for r in rows:
            f.write("%s\t%d\t%d\t%s\t%s\n" % r)
    for k in sorted(n):
        print("%s %d + %d" % (k, n[k], n2.get(k, 0)))


if __name__ == "__main__":
    main()
