#!/usr/bin/env python3
"""check_plans.py: an independent look at make_plans.py output.

    python3 corpora/generator/plans/check_plans.py OUT_DIR [-v]

For every row of OUT_DIR/commitments.tsv it extracts the labelled first_page alone
(`pdftotext -f N -l N`) and looks for the title there: as one run of text in the default
reading order, else in content-stream order (-raw, which keeps table cells and close
columns apart), else at least every word of it on the page (reported as "words").
It also checks the header, the number of columns, dates (YYYY-MM), themes (1-3 known
ids) and that every PDF has rows, and prints how each row was verified. Exit status 1
on any error.
"""
import os
import re
import subprocess
import sys
import unicodedata

THEMES = set("""access_to_information anti_corruption asset_disclosure beneficial_ownership civic_space
citizen_participation climate_environment conflicts_of_interest digital_government education extractives
fiscal_transparency gender_inclusion health justice lobbying open_contracting open_data open_parliament
public_services subnational sustainable_development_goals whistleblower_protection public_integrity
accountability""".split())
HEADER = "document\tkind\tnumber\ttitle\tfirst_page\tlead_agency\tstart_date\tend_date\tcompletion\tthemes"


def norm(s):
    s = unicodedata.normalize("NFKD", s).lower()
    return "".join(ch for ch in s if ch.isalnum() and not unicodedata.combining(ch))


def page_text(pdf, n, raw=False, cache={}):
    if (pdf, n, raw) not in cache:
        cmd = ["pdftotext"] + (["-raw"] if raw else []) + ["-f", str(n), "-l", str(n), pdf, "-"]
        txt = subprocess.run(cmd, stdout=subprocess.PIPE).stdout.decode("utf-8", "replace")
        cache[(pdf, n, raw)] = txt
    return cache[(pdf, n, raw)]


def page_words(pdf, n):
    txt = re.sub(r"(\w)-\n(\w)", r"\1\2", page_text(pdf, n))  # words hyphenated at line ends
    return set(norm(w) for w in txt.split())


def main():
    out = sys.argv[1]
    verbose = "-v" in sys.argv
    lines = open(os.path.join(out, "commitments.tsv"), encoding="utf-8").read().splitlines()
    errors = 0
    if lines[0] != HEADER:
        print("bad header"); errors += 1
    docs = set(f for f in os.listdir(os.path.join(out, "docs")) if f.endswith(".pdf"))
    seen = set()
    stats = {}
    for ln in lines[1:]:
        f = ln.split("\t")
        if len(f) != 10:
            print("bad row", ln); errors += 1; continue
        doc, kind, num, title, fp, lead, sd, ed, comp, th = f
        seen.add(doc)
        pdf = os.path.join(out, "docs", doc)
        bad = []
        if kind != "plan" or comp:
            bad.append("kind/completion")
        for d in (sd, ed):
            if d and not re.match(r"^\d{4}-(0[1-9]|1[0-2])$", d):
                bad.append("date " + d)
        if sd and ed and sd > ed:
            bad.append("start after end")
        ts = th.split(";")
        if not 1 <= len(ts) <= 3 or any(t not in THEMES for t in ts):
            bad.append("themes " + th)
        key = norm(title)
        how = None
        if key in norm(page_text(pdf, int(fp))):
            how = "text"
        elif key in norm(page_text(pdf, int(fp), raw=True)):
            how = "raw"
        else:
            words = [norm(w) for w in title.split() if norm(w)]
            pw = page_words(pdf, int(fp))
            missing = [w for w in words if w not in pw]
            if not missing:
                how = "words"
            else:
                bad.append("title not on page %s (missing %s)" % (fp, missing))
        stats[how] = stats.get(how, 0) + 1
        if bad:
            errors += 1
            print("%s | %s | %s" % (doc, title, "; ".join(bad)))
        elif verbose:
            print("ok %s p%s %s" % (doc, fp, title))
    for d in sorted(docs - seen):
        print("no rows for", d); errors += 1
    print("check_plans: %d rows, %d documents, %d errors; title found on first_page: %s" % (
        len(lines) - 1, len(seen), errors,
        ", ".join("%s %d" % (k or "no", v) for k, v in sorted(stats.items(), key=lambda x: str(x[0])))))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
