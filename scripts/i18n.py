#!/usr/bin/env python3
"""Coop's translations: the template and the PO files under Sources/CoopServer/Languages/Translations.

  python3 scripts/i18n.py extract   write coop.pot from every t("..."), tc("ctx", "..."),
                                    tn("...", "...", n), NoticeText("...") and NoticeText.count("...", "...", n) (a notification's
                                    words, kept for the reader's language: CoopCore/CoopStore),
                                    Words("...") (the same type: a refusal's words), Words.tc("ctx", "...")
                                    (words in a context, as tc) and, in CoopCore
                                    and CoopStore, a refusal written as a literal alone,
                                    .conflict("...") and the other CoopError cases, in
                                    Sources, then merge it into each PO file
                                    (msgmerge: new strings arrive empty, gone ones become obsolete)
  python3 scripts/i18n.py check     fail when coop.pot is stale, when a language misses a string or
                                    has a fuzzy one, or when `msgfmt -c` refuses a file (placeholders
                                    included: the strings are c-format)

The first arguments of the calls must be plain string literals: a Swift interpolation "\\(x)" in
one is refused (pass it as an argument, %s or %d in the text).
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "Sources")
DIR = os.path.join(ROOT, "Sources", "CoopServer", "Languages", "Translations")
TEMPLATE = os.path.join(DIR, "coop.pot")
LANGUAGES = {"es": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);"}

LIT = r'"((?:[^"\\\n]|\\.)*)"'
CALL = re.compile(r'(?<![A-Za-z0-9_.])(t|tc|tn|NoticeText\.count|NoticeText\.tc|NoticeText|Words\.count|Words\.tc|Words)\(\s*' + LIT + r'(?:\s*,\s*' + LIT + r')?', re.S)
# A refusal of the core or the store written as a literal alone: `.conflict("You have already voted.")`
# (a `CoopError` case; its words are a message id). Read in CoopCore and CoopStore only: the server
# writes its refusals with `t`.
REFUSAL = re.compile(r'\.(conflict|invalid|forbidden|notFound|unauthorized|storage|notPositive|tooLarge|belowMinimumPay)\(\s*' + LIT + r'\s*\)', re.S)
REFUSING = ("Sources/CoopCore/", "Sources/CoopStore/")
FORMAT = re.compile(r'%(?:[1-9]\$)?[sd]')


def swift_unescape(s, where):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = s[i + 1]
        if n == "(":
            sys.exit(f"{where}: an interpolation \\( in a translated string; pass it as a %s argument")
        if n == "u":
            end = s.index("}", i)
            out.append(chr(int(s[i + 3:end], 16)))
            i = end + 1
            continue
        out.append({"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "0": "\0"}[n])
        i += 2
    return "".join(out)


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def extract():
    """The entries, in source order: {(context, id): {"plural", "refs"}}."""
    entries = {}
    for folder, _, files in sorted(os.walk(SOURCES)):
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(folder, name)
            text = open(path, encoding="utf-8").read()
            rel = os.path.relpath(path, ROOT)
            calls = [(m.start(), m.group(1), m.group(2), m.group(3)) for m in CALL.finditer(text)]
            if rel.startswith(REFUSING):
                calls += [(m.start(), "t", m.group(2), None) for m in REFUSAL.finditer(text)]
                calls.sort(key=lambda c: c[0])
            for start, fn, first, second in calls:
                line = text.count("\n", 0, start) + 1
                where = f"{rel}:{line}"
                if fn in ("t", "NoticeText", "Words"):
                    ctx, msgid, plural = None, swift_unescape(first, where), None
                elif fn in ("tc", "NoticeText.tc", "Words.tc"):
                    if second is None:
                        sys.exit(f"{where}: tc needs a context and a text, both literals")
                    ctx, msgid, plural = swift_unescape(first, where), swift_unescape(second, where), None
                else:  # tn, NoticeText.count and Words.count
                    if second is None:
                        sys.exit(f"{where}: {fn} needs a singular and a plural, both literals")
                    ctx, msgid, plural = None, swift_unescape(first, where), swift_unescape(second, where)
                if msgid == "":
                    sys.exit(f"{where}: an empty string cannot be translated")
                e = entries.setdefault((ctx, msgid), {"plural": plural, "refs": []})
                if e["plural"] != plural:
                    sys.exit(f"{where}: \"{msgid}\" is used with two different plurals")
                # The file alone: a line number would make the template stale at every edit.
                if rel not in e["refs"]:
                    e["refs"].append(rel)
    return entries


def template_text(entries):
    out = [
        "# The strings of Coop's pages, mails and messages, extracted by scripts/i18n.py extract.",
        "# Do not edit: translate in es.po, fr.po... (docs/languages.md).",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: coop\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
    ]
    for (ctx, msgid), e in entries.items():
        out += ["#: " + ref for ref in e["refs"]]
        if FORMAT.search(msgid) or (e["plural"] and FORMAT.search(e["plural"])):
            out.append("#, c-format")
        if ctx is not None:
            out.append("msgctxt " + po_quote(ctx))
        out.append("msgid " + po_quote(msgid))
        if e["plural"] is not None:
            out += ["msgid_plural " + po_quote(e["plural"]), 'msgstr[0] ""', 'msgstr[1] ""']
        else:
            out.append('msgstr ""')
        out.append("")
    return "\n".join(out)


def read_po(path):
    """(context, id) -> (translations, fuzzy), with msgfmt's help: --properties-output is simplest
    to parse? No: a small reader of the file msgfmt has already accepted."""
    entries, cur, field, flags = {}, None, None, set()

    def done():
        if cur and not cur.get("obsolete"):
            entries[(cur.get("ctx"), cur["id"])] = (cur.get("str", []), "fuzzy" in cur["flags"])

    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if not line or line.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?)\s+"(.*)"$', line)
        if m:
            key, value = m.group(1), bytes(m.group(2), "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
            if key == "msgctxt" or (key == "msgid" and (cur is None or field != "msgctxt")):
                done()
                cur, flags = {"flags": flags}, set()
            if key == "msgctxt":
                cur["ctx"] = value
            elif key == "msgid":
                cur["id"] = value
            elif key == "msgid_plural":
                cur["plural"] = value
            else:
                cur.setdefault("str", []).append(value)
            field = key
        elif line.startswith('"'):
            value = bytes(line[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
            if field == "msgctxt":
                cur["ctx"] += value
            elif field == "msgid":
                cur["id"] += value
            elif field == "msgid_plural":
                cur["plural"] += value
            else:
                cur["str"][-1] += value
    done()
    entries.pop((None, ""), None)
    return entries


def cmd_extract():
    entries = extract()
    open(TEMPLATE, "w", encoding="utf-8").write(template_text(entries))
    for lang, plural in LANGUAGES.items():
        po = os.path.join(DIR, lang + ".po")
        if not os.path.exists(po):
            subprocess.run(["msginit", "--no-translator", "-l", lang, "-i", TEMPLATE, "-o", po], check=True)
        subprocess.run(["msgmerge", "--quiet", "--update", "--no-fuzzy-matching", "--backup=none", po, TEMPLATE], check=True)
    print(f"{len(entries)} strings in {os.path.relpath(TEMPLATE, ROOT)}")


def cmd_check():
    problems = []
    entries = extract()
    current = open(TEMPLATE, encoding="utf-8").read() if os.path.exists(TEMPLATE) else ""
    if current != template_text(entries):
        problems.append("coop.pot is stale: run python3 scripts/i18n.py extract, translate, commit")
    wanted = set(entries)
    for lang in LANGUAGES:
        po = os.path.join(DIR, lang + ".po")
        result = subprocess.run(["msgfmt", "-c", "-o", os.devnull, po], capture_output=True, text=True)
        if result.returncode != 0:
            problems.append(f"msgfmt -c refuses {lang}.po:\n{result.stderr.strip()}")
            continue
        have = read_po(po)
        for key in sorted(wanted, key=lambda k: (k[0] or "", k[1])):
            strings, fuzzy = have.get(key, ([], False))
            label = (f"[{key[0]}] " if key[0] else "") + repr(key[1])
            if not strings or any(s == "" for s in strings):
                problems.append(f"{lang}.po misses {label}")
            elif fuzzy:
                problems.append(f"{lang}.po has a fuzzy {label}")
        for key in sorted(set(have) - wanted, key=lambda k: (k[0] or "", k[1])):
            problems.append(f"{lang}.po has {key[1]!r}, which no code uses: run extract")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"translations complete: {len(entries)} strings, languages {', '.join(LANGUAGES)}; msgfmt -c passes")


if __name__ == "__main__":
    {"extract": cmd_extract, "check": cmd_check}.get(sys.argv[1] if len(sys.argv) > 1 else "", lambda: sys.exit(__doc__))()
