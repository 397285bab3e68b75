#!/usr/bin/env python3
"""make_lists_v2.py - the second list version of the monitoring story:
the bundled UN list (data/un/UN_consolidated.xml.gz) with one entity
changed (TAi.108, ABDULHAI SALEK, gains the alias "Abdul Hai Salik") and
one delisted (TAi.091, JANAN AGHA, removed). Writes v2/un_v2.xml.gz
(deterministic gzip); v2/lists.conf takes the other bundled lists as
they are.
"""
import gzip, os

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", "..", ".."))
with gzip.open(os.path.join(root, "data/un/UN_consolidated.xml.gz"),
               "rt", encoding="utf-8") as f:
    s = f.read()

def block(ref):
    i = s.find("<REFERENCE_NUMBER>%s</REFERENCE_NUMBER>" % ref)
    a = s.rfind("<INDIVIDUAL>", 0, i)
    b = s.find("</INDIVIDUAL>", i) + len("</INDIVIDUAL>")
    assert i > 0 and a > 0 and b > a
    return a, b

a, b = block("TAi.108")
old = s[a:b]
new = old.replace("<INDIVIDUAL_ALIAS>\n        <QUALITY/>\n        <ALIAS_NAME/>\n"
                  "      </INDIVIDUAL_ALIAS>",
                  "<INDIVIDUAL_ALIAS>\n        <QUALITY>Good</QUALITY>\n"
                  "        <ALIAS_NAME>Abdul Hai Salik</ALIAS_NAME>\n"
                  "      </INDIVIDUAL_ALIAS>", 1)
assert new != old
s = s[:a] + new + s[b:]
a, b = block("TAi.091")
s = s[:a] + s[b:].lstrip("\n ")
out = os.path.join(here, "v2", "un_v2.xml.gz")
with open(out, "wb") as raw:
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as g:
        g.write(s.encode("utf-8"))
print(out)
