#!/usr/bin/env python3
"""make_prose.py - build the prose corpora bench_scan measures alerts on.

Everyday and technical prose that Kordon was never written against, from
Debian packages (installed with apt-get when missing; nothing is
downloaded otherwise and nothing large enters the repository):

  man_de man_fr man_es man_ru man_pl man_it   translated manual pages
                      (manpages-XX), roff markup stripped
  ref_en ref_de ref_fr ref_es ref_it ref_ja ref_zh
                      the Debian Reference (debian-reference-XX, .txt)
  prose_en prose_de prose_es prose_it prose_ru prose_ko
                      everyday narrative, dialogue and user-facing prose:
                      the story and dialogue of the Battle for Wesnoth
                      campaigns (wesnoth-1.16-data, translated .mo
                      catalogues of wesnoth-1.16-{httt,ei,nr,sof,l,tsg,did,
                      dm}; English from their source strings), the
                      Debian project history (debian-history), the GNOME
                      desktop help (gnome-user-docs) and the Debian
                      Administrator's Handbook (debian-handbook), tags
                      stripped
  changelog_en        Debian changelogs from /usr/share/doc/*/changelog*.gz
                      (technical English, thousands of developers' names)
  bible_en bible_es   narrative prose full of given names and places: the
                      World English Bible and the Reina-Valera 1909
                      (sword-text-web, sword-text-sparv, read with diatheke)
  comment_en          English commentary prose (sword-comm-mhcc, -tdavid,
                      -scofield: Matthew Henry, Spurgeon, Scofield)
  gimp_en gimp_de gimp_es gimp_it gimp_ru gimp_ko
                      the GIMP user manual (gimp-help-XX), tags stripped
  docs_en docs_de docs_es docs_it docs_ru docs_ko
                      user-facing documentation: the Debian installation
                      guide (installation-guide-amd64), the Debian FAQ
                      (debian-faq, -de, -it, -ru, -ko) and the Freeciv
                      help and history texts (freeciv-data,
                      freeciv-core.mo; English from its source strings)
                      (the _ko corpora: the Korean rows of the names in
                      sentences, a two-syllable name's alert cost)

  quote_en quote_es quote_it quote_pl quote_cs
                      quotations, sayings and jokes, the kind of text
                      the aside corpora are, from other collections:
                      anarchist quotes (fortune-anarchism), epigrams
                      (tfortunes), BOFH excuses (fortunes-bofh-excuses),
                      the offensive Spanish and Italian sections
                      (fortunes-es-off, fortunes-it-off), Polish and
                      Czech fortunes (fortunes-pl, fortunes-cs)
  quote_pt quote_bg   quotations credited on an attribution line
                      ("-- Author"), the line shape the scanner's
                      credit-line rule reads, tuned on: Brazilian
                      Portuguese (fortunes-mario, fortunes-br) and
                      Bulgarian, Cyrillic (fortunes-bg: Bulgarian and
                      foreign authors, proverbs, history)

Kept aside (never used to tune the scanner, measured at the end only):

  aside_fortune_en _de _es _it _ru
                      quotations, anecdotes and jokes (fortunes-XX)

Each corpus is one UTF-8 file OUT/NAME.txt, capped at --max-mb MB.
Deterministic for the same installed packages (files in sorted order).

usage: python3 bench/make_prose.py [--out DIR] [--max-mb N] [--no-install]
"""
import argparse
import glob
import html
import itertools
import gzip
import os
import re
import struct
import subprocess
import sys

PKGS = ["manpages", "manpages-de", "manpages-fr", "manpages-es",
        "manpages-ru", "manpages-pl", "manpages-it", "debian-reference-en",
        "debian-reference-de", "debian-reference-fr", "debian-reference-es",
        "debian-reference-it", "debian-reference-ja",
        "debian-reference-zh-cn", "fortunes", "fortunes-de",
        "fortunes-es", "fortunes-it", "fortunes-ru", "debian-history",
        "gnome-user-docs", "debian-handbook", "wesnoth-1.16-data", "wesnoth-1.16-httt",
        "wesnoth-1.16-ei", "wesnoth-1.16-nr", "wesnoth-1.16-sof",
        "wesnoth-1.16-l", "wesnoth-1.16-tsg", "wesnoth-1.16-did",
        "wesnoth-1.16-dm", "diatheke", "sword-text-web", "sword-text-sparv",
        "sword-comm-mhcc", "sword-comm-tdavid", "sword-comm-scofield",
        "gimp-help-en", "gimp-help-de", "gimp-help-es", "gimp-help-it",
        "gimp-help-ru", "installation-guide-amd64", "debian-faq",
        "debian-faq-de", "debian-faq-it", "debian-faq-ru", "freeciv-data",
        "gimp-help-ko", "debian-faq-ko"]
# the packages of the tuned quote_* corpora
QUOTE_PKGS = ["fortune-anarchism", "tfortunes", "fortunes-bofh-excuses",
              "fortunes-es-off", "fortunes-it-off", "fortunes-pl",
              "fortunes-cs", "fortunes-mario", "fortunes-br", "fortunes-bg"]
PKGS += QUOTE_PKGS


def install(pkgs):
    missing = []
    for p in pkgs:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", p],
                           capture_output=True, text=True)
        if "install ok installed" not in r.stdout:
            missing.append(p)
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("make_prose: installing " + " ".join(missing), file=sys.stderr)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q"] + missing,
                   check=True, env=dict(os.environ,
                                        DEBIAN_FRONTEND="noninteractive"))


def read_any(path):
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


ESC = re.compile(r"\\f[BIRPH1-4]|\\f\(..|\\f\[[^]]*\]|\\\*\(..|\\\*\[[^]]*\]"
                 r"|\\[&|^:%,/)]|\\s[-+]?\d+|\\\(..|\\\[[^]]*\]")


def roff_text(src):
    """Running text of a manual page: request lines dropped except the
    text arguments of font and heading macros, escapes removed."""
    out = []
    for line in src.split("\n"):
        if line.startswith(".\\\"") or line.startswith("'\\\""):
            continue
        if line.startswith(".") or line.startswith("'"):
            m = re.match(r"[.'](SH|SS|B|I|BI|IB|BR|RB|IR|RI|TP|IP)\s+(.*)",
                         line)
            if not m:
                if line.startswith((".PP", ".P", ".LP", ".sp", ".SH")):
                    out.append("")
                continue
            line = m.group(2).replace('"', "")
        line = ESC.sub("", line).replace("\\-", "-").replace("\\e", "\\")
        line = line.replace("\\ ", " ").replace("\\(em", "-")
        out.append(line)
    return "\n".join(out)


TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]*>", re.S)


def markup_text(src):
    """Running text of an HTML or Mallard page: tags dropped, entities
    decoded, blank runs collapsed."""
    t = html.unescape(TAG.sub(" ", src))
    return re.sub(r"\n\s*\n\s*", "\n\n", re.sub(r"[ \t]+", " ", t)).strip()


def mo_text(path, source):
    """The strings of a gettext catalogue: translations, or the English
    source strings (source=True). Plural forms and context kept apart."""
    data = open(path, "rb").read()
    le = struct.unpack("<I", data[:4])[0] == 0x950412de
    fmt = "<" if le else ">"
    n, oo, to = struct.unpack(fmt + "8xIII", data[:20])
    out = []
    for i in range(1, n):  # entry 0: the header
        ln, off = struct.unpack(fmt + "II", data[(oo if source else to) +
                                                 8 * i:][:8])
        s = data[off:off + ln].decode("utf-8", "replace")
        s = s.split("\x04")[-1]  # drop a msgctxt
        out.extend(x for x in s.split("\0") if x)
    return "\n\n".join(markup_text(x) for x in out)


def wesnoth_parts(lang):
    d = "/usr/share/games/wesnoth/1.16/locale/%s/LC_MESSAGES" % (
        "de" if lang == "en" else lang)
    for p in sorted(glob.glob(d + "/wesnoth-*.mo")):
        if not p.endswith(("-lib.mo", "-editor.mo", "-units.mo",
                           "-help.mo", "-manual.mo")):
            yield mo_text(p, lang == "en")


def prose_files(lang, hb):
    files = sorted(glob.glob("/usr/share/doc/debian-history/docs/*.%s.html"
                             % lang))
    files += sorted(glob.glob("/usr/share/help/%s/*/*.page"
                              % ("C" if lang == "en" else lang)))
    files += sorted(glob.glob("/usr/share/doc/debian-handbook/html/%s/*.html"
                              % hb))
    return files


VERSE = re.compile(r"^(?:[1-4] )?[A-Z][A-Za-z ]* \d+:\d+: ?", re.M)


def sword_text(module):
    """A SWORD bible or commentary module as running text (diatheke,
    plain), in parts of about 100 lines: verse references dropped, the
    repeated text of a commentary entry that spans several verses kept
    once."""
    r = subprocess.run(["diatheke", "-b", module, "-f", "plain", "-k",
                        "Gen-Rev"], capture_output=True)
    if r.returncode != 0:
        print("make_prose: diatheke -b %s failed" % module, file=sys.stderr)
        return
    out, seen = [], set()
    for line in VERSE.sub("", r.stdout.decode("utf-8", "replace")).split(
            "\n"):
        line = line.strip()
        if not line or line in seen:
            continue
        seen.add(line)
        out.append(line)
        if len(out) == 100:
            yield "\n".join(out)
            out = []
    if out:
        yield "\n".join(out)


def docs_parts(lang):
    """Installation guide, Debian FAQ and Freeciv help texts of lang."""
    for p in sorted(glob.glob("/usr/share/doc/installation-guide-amd64/%s/"
                              "*.html" % lang)):
        yield markup_text(read_any(p))
    faq = "/usr/share/doc/debian/FAQ/" + (
        "debian-faq.en.txt.gz" if lang == "en" else
        "debian-faq.%s.txt.gz" % lang)
    if os.path.exists(faq):
        yield read_any(faq)
    mo = "/usr/share/locale/%s/LC_MESSAGES/freeciv-core.mo" % (
        "de" if lang == "en" else lang)
    if os.path.exists(mo):
        yield mo_text(mo, lang == "en")


def fortune_text(src):
    return "\n\n".join(p.strip() for p in src.split("\n%\n"))


def tfortune_text(src):
    """tfortunes: items end with a "---- tag,tag" line."""
    return "\n\n".join(p.strip() for p in
                        re.split(r"\n---- [^\n]*\n?", src))


def fortune_files(d, pkgs=None, links=False, but=None):
    """The fortune files of directory d (not its .dat indexes; the .u8
    links to them only with links, as the aside corpora always had); with
    pkgs, only those these packages installed; with but, not those
    (the aside English corpus stays what it was before the quote_*
    packages put their files beside it)."""
    files = [p for p in glob.glob(d + "/*")
             if os.path.isfile(p) and not p.endswith(".dat") and
             (links or not p.endswith(".u8"))]
    if pkgs:
        owned = set()
        for pk in pkgs:
            r = subprocess.run(["dpkg", "-L", pk], capture_output=True,
                               text=True)
            owned.update(r.stdout.split("\n"))
        files = [p for p in files if p in owned]
    if but:
        other = set(fortune_files(d, but, True))
        files = [p for p in files if p not in other]
    return sorted(files)


def write(out, name, parts, cap):
    total = 0
    path = os.path.join(out, name + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        for p in parts:
            b = len(p.encode("utf-8"))
            if total + b > cap:
                break
            f.write(p)
            f.write("\n\n")
            total += b + 2
    print("%-14s %6.2f MB  %s" % (name, total / 1e6, path))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.environ.get("KORDON_PROSE",
                                                    "/tmp/kordon-prose"))
    ap.add_argument("--max-mb", type=float, default=6.0)
    ap.add_argument("--no-install", action="store_true")
    a = ap.parse_args()
    if not a.no_install:
        install(PKGS)
    os.makedirs(a.out, exist_ok=True)
    cap = int(a.max_mb * 1e6)
    for lang in ("de", "fr", "es", "ru", "pl", "it"):
        files = sorted(glob.glob("/usr/share/man/%s/man*/*.gz" % lang))
        write(a.out, "man_" + lang, (roff_text(read_any(p)) for p in files),
              cap)
    for lang, tag in (("en", "en"), ("de", "de"), ("fr", "fr"), ("es", "es"),
                      ("it", "it"), ("ja", "ja"), ("zh", "zh-cn")):
        p = "/usr/share/debian-reference/debian-reference.%s.txt.gz" % tag
        if not os.path.exists(p):
            p = "/usr/share/debian-reference/debian-reference.%s.txt.gz" % lang
        if os.path.exists(p):
            write(a.out, "ref_" + lang, [read_any(p)], cap)
    for lang, hb in (("en", "en-US"), ("de", "de-DE"), ("es", "es-ES"),
                     ("it", "it-IT"), ("ru", "ru-RU"), ("ko", "ko-KR")):
        write(a.out, "prose_" + lang,
              itertools.chain(wesnoth_parts(lang),
                              (markup_text(read_any(p))
                               for p in prose_files(lang, hb))), cap)
    for name, mods in (("bible_en", ["engWEB2015eb"]),
                       ("bible_es", ["spaRV1909eb"]),
                       ("comment_en", ["MHCC", "TDavid", "Scofield"])):
        write(a.out, name, itertools.chain.from_iterable(
            sword_text(m) for m in mods), cap)
    for lang in ("en", "de", "es", "it", "ru", "ko"):
        files = sorted(glob.glob("/usr/share/gimp/2.0/help/%s/*.html" % lang))
        write(a.out, "gimp_" + lang,
              (markup_text(read_any(p)) for p in files), cap)
        write(a.out, "docs_" + lang, docs_parts(lang), cap)
    logs = sorted(glob.glob("/usr/share/doc/*/changelog*.gz"))
    write(a.out, "changelog_en", (read_any(p) for p in logs), cap)
    fd = "/usr/share/games/fortunes"
    write(a.out, "quote_en", itertools.chain(
        (fortune_text(read_any(p)) for p in
         fortune_files(fd, ["fortune-anarchism", "fortunes-bofh-excuses"])),
        (tfortune_text(read_any(p)) for p in
         sorted(glob.glob("/usr/share/games/tfortunes/*/en.tfortunes")))),
        cap)
    for lang, d in (("es", fd + "/off/es/off"), ("it", fd + "/off/it"),
                    ("pl", fd + "/pl"), ("cs", fd + "/cs")):
        write(a.out, "quote_" + lang,
              (fortune_text(read_any(p)) for p in fortune_files(d)), cap)
    write(a.out, "quote_pt",
          (fortune_text(read_any(p)) for p in
           fortune_files(fd, ["fortunes-mario", "fortunes-br"])), cap)
    write(a.out, "quote_bg",
          (fortune_text(read_any(p)) for p in fortune_files(fd + "/bg")),
          cap)
    for lang, d in (("en", fd), ("de", fd + "/de"), ("es", fd + "/es"),
                    ("it", fd + "/it"), ("ru", fd + "/ru")):
        files = fortune_files(d, links=True, but=QUOTE_PKGS)
        if files:
            write(a.out, "aside_fortune_" + lang,
                  (fortune_text(read_any(p)) for p in files), cap)


if __name__ == "__main__":
    main()
