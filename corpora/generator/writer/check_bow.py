#!/usr/bin/env python3
"""check_bow.py: does a generated corpus's truth hold exactly the words on the page?

    python3 corpora/generator/writer/check_bow.py OUT_DIR [-v]

For every OUT_DIR/truth/NAME.txt it runs `pdftotext -raw` on OUT_DIR/docs/NAME.pdf,
removes the furniture listed in NAME.meta, undoes line-end hyphenation (keeping the
hyphen of the compounds listed in NAME.meta), drops footnote marks glued to a word
("word.1" -> "word.", which the conventions allow either way), and compares the two
bags of words: recall (truth words found) and precision (extracted words in the truth).
Order is not checked here: that is what the benchmark measures.  Exit 1 when a
document is below 0.98 on either.
"""

import collections
import os
import re
import subprocess
import sys
import unicodedata


def read_meta(path):
    furn, comp = [], set()
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            kind, _, val = line.rstrip("\n").partition("\t")
            if kind == "furniture":
                furn.append(val)
            elif kind == "compound":
                comp.add(val)
    return furn, comp


def extracted_words(pdf, furn, comp):
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"],
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    out = unicodedata.normalize("NFC", out)
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in out.replace("\f", "\n").split("\n")]
    kept = []
    for ln in lines:
        for f in sorted(furn, key=len, reverse=True):
            if ln == f:
                ln = ""
                break
        if ln:
            kept.append(ln)
    text = "\n".join(kept)
    for f in sorted(furn, key=len, reverse=True):  # furniture sharing a line with body
        text = re.sub(r"(?<!\S)" + re.escape(f) + r"(?!\S)", " ", text)
    words = []
    carry = None
    for ln in text.split("\n"):
        toks = ln.split()
        if carry is not None and toks:
            head = carry
            tail = toks[0]
            joined = head + tail
            bare = joined.strip(".,;:!?¿¡()[]«»“”\"'’")
            toks[0] = joined if bare in comp else head[:-1] + tail
            carry = None
        elif carry is not None:
            words.append(carry)
            carry = None
        if toks and re.search(r"\w-$", toks[-1]):
            carry = toks.pop()
        words.extend(toks)
    if carry:
        words.append(carry)
    return words


def compare(truth_words, got_words):
    tb = collections.Counter(truth_words)
    fixed = []
    for w in got_words:
        if tb[w] <= 0:
            m = re.match(r"^(.*\D)(\d{1,2})$", w)  # footnote mark glued to a word
            if m and tb[m.group(1)] > 0:
                w = m.group(1)
        fixed.append(w)
    gb = collections.Counter(fixed)
    common = sum((tb & gb).values())
    rec = common / max(1, sum(tb.values()))
    prec = common / max(1, sum(gb.values()))
    return rec, prec, tb - gb, gb - tb


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    out = sys.argv[1]
    verbose = "-v" in sys.argv
    fams = collections.defaultdict(lambda: [0, 0, 0, 0])
    bad = 0
    names = sorted(f[:-4] for f in os.listdir(os.path.join(out, "truth")) if f.endswith(".txt"))
    print(f"{'document':32} {'words':>6} {'recall':>7} {'precision':>9}")
    for name in names:
        truth = unicodedata.normalize(
            "NFC", open(os.path.join(out, "truth", name + ".txt"), encoding="utf-8").read())
        furn, comp = read_meta(os.path.join(out, "truth", name + ".meta"))
        got = extracted_words(os.path.join(out, "docs", name + ".pdf"), furn, comp)
        rec, prec, missing, extra = compare(truth.split(), got)
        n = len(truth.split())
        fam = name[:name.rfind("-")]
        f = fams[fam]
        f[0] += n
        f[1] += rec * n
        f[2] += prec * n
        f[3] += 1
        flag = "" if rec >= 0.98 and prec >= 0.98 else "  <-- below 0.98"
        bad += bool(flag)
        print(f"{name:32} {n:6d} {rec:7.4f} {prec:9.4f}{flag}")
        if verbose or flag:
            if missing:
                print("    missing:", " ".join(sorted(missing.elements()))[:600])
            if extra:
                print("    extra:  ", " ".join(sorted(extra.elements()))[:600])
    print()
    print(f"{'family':32} {'docs':>6} {'recall':>7} {'precision':>9}")
    for fam, (n, r, p, k) in sorted(fams.items()):
        print(f"{fam:32} {k:6d} {r / n:7.4f} {p / n:9.4f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
