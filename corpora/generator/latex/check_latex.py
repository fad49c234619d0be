#!/usr/bin/env python3
"""check_latex: does each truth file hold exactly the words its PDF prints?

    python3 corpora/generator/latex/check_latex.py OUT_DIR [--show N] [--min 0.98]

For every OUT_DIR/truth/NAME.txt it takes `pdftotext -raw` of docs/NAME.pdf,
removes the furniture strings listed in NAME.meta, joins words split at line
ends (keeping the hyphen of the meta's compounds), drops footnote marks glued
to a word, and compares the bag of words with the truth's: recall (truth
words found) and precision (printed words that are in the truth). Word order
is not checked here (that is what the benchmark measures). Prints one line per
document, a summary per family, and with --show N the N most frequent missing
and extra words of each document. Exits 1 when any document is below --min.

A sanity check of the generator, independent of planmine; needs pdftotext
(poppler-utils).
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import unicodedata

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
             "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
PUNCT = ".,;:()¿?¡!“”’«»"


def collapse(s):
    return " ".join(s.split())


def read_meta(path):
    furniture, compounds = [], set()
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            kind, _, value = line.rstrip("\n").partition("\t")
            if kind == "furniture":
                furniture.append(collapse(value))
            elif kind == "compound":
                compounds.add(value)
    return furniture, compounds


def extracted_words(pdf, furniture, compounds):
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"],
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    for k, v in LIGATURES.items():
        raw = raw.replace(k, v)
    raw = unicodedata.normalize("NFC", raw).replace("\u00ad", "-")
    lines = []
    for line in raw.splitlines():
        line = " " + collapse(line) + " "
        for f in sorted(furniture, key=len, reverse=True):
            line = line.replace(" " + f + " ", " ")
        lines.append(line.split())
    words = []
    carry = None
    for toks in lines:
        if carry is not None and toks:
            head, tail = carry, toks[0]
            joined = head + "-" + tail
            keep = joined.strip(PUNCT) in compounds or head[-1:].isdigit()
            words.append(joined if keep else head + tail)
            toks = toks[1:]
            carry = None
        elif carry is not None:
            continue  # blank line: keep carrying to the next text line
        if toks and len(toks[-1]) > 1 and toks[-1].endswith("-") and toks[-1][-2].isalnum():
            carry = toks[-1][:-1]
            toks = toks[:-1]
        words.extend(toks)
    if carry is not None:
        words.append(carry + "-")
    return words


def compare(truth_words, got_words):
    truth = collections.Counter(truth_words)
    got = collections.Counter()
    for w in got_words:
        if w not in truth:
            m = re.match(r"^(.*?\D)(\d{1,2})$", w)
            if m and m.group(1) in truth:
                w = m.group(1)  # a footnote mark glued to its word
        got[w] += 1
    common = sum((truth & got).values())
    recall = common / max(1, sum(truth.values()))
    precision = common / max(1, sum(got.values()))
    return recall, precision, truth - got, got - truth


def ned(a, b):
    """Word-level normalized edit distance (Levenshtein / longer length)."""
    if not a and not b:
        return 0.0
    ids = {}
    x = [ids.setdefault(w, len(ids)) for w in a]
    y = [ids.setdefault(w, len(ids)) for w in b]
    prev = list(range(len(y) + 1))
    for i, xi in enumerate(x, 1):
        cur = [i] + [0] * len(y)
        for j, yj in enumerate(y, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (xi != yj))
        prev = cur
    return prev[-1] / max(len(x), len(y))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--min", type=float, default=0.98)
    ap.add_argument("--order", action="store_true",
                    help="also print the word-level NED between the truth and "
                    "pdftotext -raw (the content-stream order), for information")
    a = ap.parse_args()
    tdir = os.path.join(a.out, "truth")
    names = sorted(f[:-4] for f in os.listdir(tdir) if f.endswith(".txt"))
    fam = collections.defaultdict(lambda: [0, 0, 0, 0])  # common, truth, got, docs
    bad = 0
    for name in names:
        truth_words = open(os.path.join(tdir, name + ".txt"), encoding="utf-8").read().split()
        furniture, compounds = read_meta(os.path.join(tdir, name + ".meta"))
        got = extracted_words(os.path.join(a.out, "docs", name + ".pdf"), furniture, compounds)
        rec, prec, missing, extra = compare(truth_words, got)
        ok = rec >= a.min and prec >= a.min
        bad += not ok
        order = "  raw-order NED %.3f" % ned(truth_words, got) if a.order else ""
        print("%-28s words %5d  recall %.3f  precision %.3f%s%s"
              % (name, len(truth_words), rec, prec, order, "" if ok else "  BELOW"))
        if a.show and (missing or extra):
            print("    missing:", " ".join("%s×%d" % kv for kv in missing.most_common(a.show)))
            print("    extra:  ", " ".join("%s×%d" % kv for kv in extra.most_common(a.show)))
        f = fam[name.rsplit("-", 1)[0]]
        n_t, n_g = len(truth_words), len(got)
        f[0] += rec * n_t
        f[1] += n_t
        f[2] += prec * n_g
        f[3] += n_g
    print()
    print("%-20s %8s %8s %10s" % ("family", "words", "recall", "precision"))
    for k in sorted(fam):
        c_r, n_t, c_p, n_g = fam[k]
        print("%-20s %8d %8.3f %10.3f" % (k, n_t, c_r / max(1, n_t), c_p / max(1, n_g)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
