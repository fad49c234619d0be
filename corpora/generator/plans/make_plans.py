#!/usr/bin/env python3
"""make_plans.py: synthetic OGP action plans (PDF) with commitment labels.

    python3 corpora/generator/plans/make_plans.py OUT_DIR [--seeds 31,32,33]
        [--docs-per-seed 7] [--keep-src] [--jobs N]

For every seed it writes several action plans, OUT_DIR/docs/plan-sSEED-K-LANG.pdf, in
Spanish, Portuguese or English, each drawn from one of five layout families (see
README.md), typeset by pdflatex, lualatex or LibreOffice Writer (headless). It writes
one label file for all of them, OUT_DIR/commitments.tsv, with the header and
conventions of tests/eval/commitments.tsv, and OUT_DIR/manifest.tsv (document, family,
engine, language, pages, commitments, variant).

first_page is measured, never guessed: LaTeX writes the physical page of every
commitment heading at shipout (a page counter stepped in the shipout hook), and every
document (LaTeX and Writer alike) is then read back with pdftotext: the k-th occurrence
of the title in the text (k = how often the same title was printed before the
commitment's own heading, e.g. in a contents page or a summary list) must lie on that
page. A document whose pages disagree or whose length leaves 5-30 pages is rebuilt with
another draw. Python standard library only; needs pdflatex, lualatex, soffice and
pdftotext (scripts/install-bench-deps.sh).
"""

import argparse
import concurrent.futures
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from xml.sax.saxutils import escape as xml_escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import plans_bank as B  # noqa: E402

FAMILIES = ["numbered", "template", "keyword", "runin", "table"]
LANG_INDEX = {"es": 0, "pt": 1, "en": 2}
MAX_ATTEMPTS = 5
HEADER = ["document", "kind", "number", "title", "first_page", "lead_agency", "start_date",
          "end_date", "completion", "themes"]
TEX_ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FORCE_SOURCE_DATE="1")


class Reject(Exception):
    pass


# ------------------------------------------------------------------ text ----

def cap(s):
    return s[:1].upper() + s[1:]


def norm(s):
    """Letters and digits only, lower case, no accents: robust to line breaks, hyphens,
    ligatures and to accents that a PDF spells as base letter + combining mark."""
    s = unicodedata.normalize("NFKD", s).lower()
    return "".join(ch for ch in s if ch.isalnum() and not unicodedata.combining(ch))


def contract(s, lang):
    if lang == "es":
        s = re.sub(r"\bde el\b", "del", s)
        s = re.sub(r"\ba el\b", "al", s)
    elif lang == "pt":
        for prep, forms in (("de", ("do", "da", "dos", "das")), ("em", ("no", "na", "nos", "nas"))):
            for art, f in zip(("o", "a", "os", "as"), forms):
                s = re.sub(r"\b%s %s\b" % (prep, art), f, s)
    return s


ARTICLES = {"es": ("el ", "la ", "los ", "las "), "pt": ("o ", "a ", "os ", "as "), "en": ("the ",)}
SMALL_WORDS = {"of", "the", "and", "in", "on", "for", "to", "a", "with", "by", "under", "through"}


def title_case(s):
    out = []
    for i, w in enumerate(s.split(" ")):
        if i and w in SMALL_WORDS:
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


class Text:
    def __init__(self, lang, rng):
        self.lang = lang
        self.L = B.L[lang]
        self.rng = rng
        self.used = set()
        self.country = rng.choice(self.L["countries"])
        self.y1 = rng.randint(2019, 2025)
        self.y2 = self.y1 + 2
        self.year0 = rng.randint(2011, 2016)

    def fill(self, s, **kw):
        r = self.rng
        vals = dict(country=self.country, country_cap=cap(self.country), year0=self.year0,
                    n=r.randint(12, 95), m=r.randint(3, 9), pct=r.randint(15, 60),
                    cs=r.choice(B.CS_ORGS[self.lang]), obj="", agency="", agency_cap="")
        vals.update(kw)
        if vals["agency"] and not vals["agency_cap"]:
            vals["agency_cap"] = cap(vals["agency"])
        return contract(s.format(**vals), self.lang)

    def pick(self, key, k=1, **kw):
        pool = self.L[key]
        fresh = [s for s in pool if (key, s) not in self.used]
        if len(fresh) < k:
            fresh = list(pool)
        out = self.rng.sample(fresh, min(k, len(fresh)))
        for s in out:
            self.used.add((key, s))
        return [self.fill(s, **kw) for s in out]

    def para(self, key, lo, hi, **kw):
        return " ".join(self.pick(key, self.rng.randint(lo, hi), **kw))

    def date(self, y, m, end=False, form=None):
        L = self.L
        dd = 1 if not end else [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return form.format(d=dd, dd="%02d" % dd, mm="%02d" % m, y=y, month=L["months"][m - 1],
                           month_cap=cap(L["months"][m - 1]), mon=L["months_short"][m - 1])


def make_commitments(t, n, rng, titlecase):
    """n distinct commitments: title, themes, agency, dates, object phrase."""
    lang, L = t.lang, t.L
    li = LANG_INDEX[lang]
    objs = rng.sample(range(len(B.OBJECTS)), n)
    agencies = B.AGENCIES[lang]
    out = []
    for oi in objs:
        o = B.OBJECTS[oi]
        np_ = o[li]
        themes = list(o[3])
        form = rng.random()
        stem = norm(np_.split(" ", 1)[1] if " " in np_ else np_)[:8]
        acts = [a for a in L["actions"] if stem[:7] not in norm(a)]
        noms = [a for a in L["actions_nom"] if stem[:7] not in norm(a)]
        if form < 0.45:
            title = rng.choice(acts) + " " + np_
        elif form < 0.7:
            title = rng.choice(noms) + " " + np_
        else:
            title = np_
            for a in ARTICLES[lang]:
                if title.startswith(a):
                    title = title[len(a):]
                    break
        if rng.random() < 0.4:
            q = rng.choice(B.QUALS)
            title += " " + q[li]
            if q[3] and q[3] not in themes:
                themes.append(q[3])
        title = cap(contract(title, lang))
        if titlecase and lang == "en":
            title = title_case(title)
        themes = themes[:3]
        cands = [a for a, tags in agencies if themes[0] in tags] or \
                [a for a, tags in agencies if set(tags) & set(themes)] or [a for a, _ in agencies]
        agency = rng.choice(cands)
        u = rng.random()
        if u < 0.15:
            other = rng.choice([a for a, _ in agencies if a != agency])
            agency += {"es": " y ", "pt": " e ", "en": " and "}[lang] + other
        elif u < 0.22:
            other = rng.choice([a for a, _ in agencies if a != agency])
            agency += {"es": " (con el apoyo de %s)", "pt": " (com apoio de %s)",
                       "en": " (with support from %s)"}[lang] % other
        sm = rng.randint(1, 9)
        sy = t.y1
        ey = t.y2 if rng.random() < 0.75 else t.y1 + 1
        em = rng.randint(3, 12) if ey > sy else rng.randint(sm + 1, 12)
        out.append(dict(title=title, themes=themes, agency=agency, obj=np_, start=(sy, sm),
                        end=(ey, em), cluster=cluster_of(themes[0])))
    return out


def cluster_of(theme):
    for i, c in enumerate(B.CLUSTERS):
        if theme in c[0]:
            return i
    return 0


# ------------------------------------------------------------- the model ----
# A plan is a list of blocks (dicts), rendered to LaTeX or to Flat ODF.
#   cover        title, subtitle, gov, date
#   pagebreak
#   h            level (1 section, 2 theme), text, key (for a contents page), color
#   chead        cid, lines [(text, size)], bold, underline, align
#   p            runs [(text, fmt)], cid (run-in title), small, indent
#   list         kind bullet|num|paren|dash, items [{"runs", "cid"}], small
#   table        widths, header [runs...] or None, rows [{"cells": [cell], "cid", "span", "shade"}],
#                grid, head_shade, label_col, small; cell = list of paragraphs (runs lists)
#   cols / endcols   n columns
#   toc          entries [(level, text, key)]
#   space


def R(text, fmt=""):
    return [(text, fmt)]


class Plan:
    def __init__(self, name, family, seed, index, attempt):
        self.name, self.family, self.seed = name, family, seed
        self.rng = random.Random("%s:%d:%d:%d" % (family, seed, index, attempt))
        r = self.rng
        self.lang = r.choice(["es", "pt", "en"])
        self.L = B.L[self.lang]
        self.t = Text(self.lang, r)
        self.blocks = []
        self.commits = []      # dicts with number, title, lead, start, end, themes, cid
        self.engine = None
        self.variant = []
        self.scale = 1.0
        self.color = r.choice(["000000", "1F3864", "2E5597", "0B6E4F", "7B1F3A", "444444"])
        self.headers = None    # (left, right)
        self.footer = None     # "page" | "page_of" | "bare"
        self.roman_front = False
        self.date_form = r.choice(self.L["date_forms"])

    def add(self, t, **kw):
        kw["t"] = t
        self.blocks.append(kw)
        return kw

    def p(self, text, fmt="", **kw):
        return self.add("p", runs=[(text, fmt)], **kw)

    def commit(self, c, number, printed_fields):
        """Registers a commitment; printed_fields: subset of {'lead', 'dates', 'start', 'end'}."""
        cid = "c%d" % (len(self.commits) + 1)
        L = self.L
        rec = dict(cid=cid, number=str(number), title=c["title_printed"], themes=c["themes"],
                   lead=c["agency"] if "lead" in printed_fields else "",
                   start="%04d-%02d" % c["start"] if ("dates" in printed_fields or "start" in printed_fields) else "",
                   end="%04d-%02d" % c["end"] if ("dates" in printed_fields or "end" in printed_fields) else "")
        self.commits.append(rec)
        return cid

    def fdate(self, c, which):
        y, m = c[which]
        return self.t.date(y, m, end=(which == "end"), form=self.date_form)


# --------------------------------------------------------- shared pieces ----

def plan_title(P):
    t, L, r = P.t, P.L, P.rng
    title = r.choice(L["plan_titles"]).format(ord=r.choice(L["ordinals"]), y1=t.y1, y2=t.y2)
    return title


def setup_furniture(P, title):
    r = P.rng
    if r.random() < 0.8:
        short = title if len(title) < 60 else title.split(":")[0][:60]
        right = r.choice(P.L["govs"]) if r.random() < 0.5 else ""
        P.headers = (short, right)
    P.footer = r.choice(["page", "page_of", "bare", "bare"])
    if P.footer != "page_of" and r.random() < 0.35:
        P.roman_front = True


def cover(P, title):
    L, t, r = P.L, P.t, P.rng
    P.add("cover", title=title, subtitle=r.choice(L["subtitles"]), gov=r.choice(L["govs"]),
          date=cap(t.date(t.y1, r.randint(1, 12), form=r.choice(["{month} {y}", "{month} de {y}"])
                          if P.lang != "en" else "{month} {y}")))
    P.add("pagebreak")


def intro_sections(P, two_col=False):
    L, t, r, w = P.L, P.t, P.rng, P.L["w"]
    if r.random() < 0.4:
        P.add("h", level=1, text=w["presentation"], key="s_pres")
        for _ in range(r.randint(1, 2)):
            P.p(t.para("intro", 3, 4))
        P.add("pagebreak")
    P.add("h", level=1, text=w["intro"], key="s_intro")
    if two_col:
        P.add("cols", n=2)
        P.variant.append("two-column-intro")
    for _ in range(max(2, int(r.randint(2, 4) * P.scale))):
        P.p(t.para("intro", 3, 5))
    if r.random() < 0.5:
        P.add("h", level=2 if not two_col else 2, text=w["context"], key="s_ctx")
        for _ in range(max(1, int(r.randint(1, 3) * P.scale))):
            P.p(t.para("context", 2, 4) + " " + t.para("problem", 1, 2, obj=r.choice(B.OBJECTS)[LANG_INDEX[P.lang]]))
    if two_col:
        P.add("endcols")


def methodology(P):
    L, t, r, w = P.L, P.t, P.rng, P.L["w"]
    P.add("h", level=1, text=r.choice([w["method"], w["method_alt"]]), key="s_method")
    P.p(t.para("intro", 2, 3))
    steps = L["method_steps"][:]
    k = r.randint(4, len(steps))
    steps = steps[:k]
    style = r.choice(["num", "num", "paren", "bold_lines"])
    P.variant.append("method-" + style)
    if style == "bold_lines":
        # "Etapa 1. Name" as bold lines with a paragraph each: looks like a heading, is not one
        for i, (name, desc) in enumerate(steps, 1):
            P.add("p", runs=[("%s %d. %s" % (w["step"], i, name), "b")], keep=True)
            P.p(t.fill(desc))
    else:
        items = [{"runs": [(name + ": ", "b" if r.random() < 0.5 else ""), (t.fill(desc), "")]}
                 for name, desc in steps]
        P.add("list", kind=style, items=items)
    P.p(t.para("intro", 1, 2))


def glossary(P):
    L, t, r, w = P.L, P.t, P.rng, P.L["w"]
    if getattr(P, "has_glossary", False):
        return
    P.has_glossary = True
    P.add("h", level=1, text=w["glossary"], key="s_gloss")
    items = r.sample(L["glossary"], r.randint(5, len(L["glossary"])))
    items.sort()
    style = r.choice(["colon", "period", "list"])
    P.variant.append("glossary-" + style)
    if style == "list":
        P.add("list", kind="bullet", items=[{"runs": [(term + ": ", "b"), (definition, "")]} for term, definition in items])
        return
    for term, definition in items:
        if True:
            P.add("p", runs=[(term + (": " if style == "colon" else ". "), "b"),
                             (cap(definition) if style == "period" else definition, "")])


def closing(P):
    L, t, r, w = P.L, P.t, P.rng, P.L["w"]
    P.add("h", level=1, text=r.choice([w["monitoring"], w["conclusion"]]), key="s_close")
    for _ in range(r.randint(1, 2)):
        P.p(" ".join(t.pick("outro", r.randint(2, 3))))
    if r.random() < 0.5:
        P.add("h", level=1, text=w["annex"], key="s_annex")
        orgs = r.sample(B.CS_ORGS[P.lang], r.randint(4, 7))
        P.add("list", kind="bullet", items=[{"runs": R(o)} for o in orgs])


def field_lines(P, c, which, style):
    """The commitment's printed fields (lead agency, dates) as labelled lines."""
    w = P.L["w"]
    out = []
    if "lead" in which:
        out.append((w["agency_line"], c["agency"]))
    if "dates" in which:
        out.append((w["dates_line"], "%s – %s" % (P.fdate(c, "start"), P.fdate(c, "end"))))
    if style == "table" and out:
        P.add("table", widths=[0.3, 0.7], header=None,
              rows=[{"cells": [[R(k, "b")], [R(v)]]} for k, v in out],
              grid=True, head_shade=None, label_col=True, small=True)
    else:
        for k, v in out:
            P.add("p", runs=[(k + ": ", "b"), (v, "")])


def milestones(P, c, style):
    L, t, r, w = P.L, P.t, P.rng, P.L["w"]
    ms = t.pick("milestones", r.randint(3, 5))
    sy, sm = c["start"]
    ey, em = c["end"]
    span = (ey - sy) * 12 + em - sm
    dates = []
    for i in range(len(ms)):
        k = sm - 1 + span * (i + 1) // len(ms)
        dates.append((sy + k // 12, k % 12 + 1))
    if style == "list":
        P.add("p", runs=[(w["milestones"] + ":", "b")], keep=True)
        P.add("list", kind=r.choice(["num", "num", "paren"]),
              items=[{"runs": R("%s (%s)" % (m, t.date(y, mo, True, P.date_form)))}
                     for m, (y, mo) in zip(ms, dates)], small=r.random() < 0.5)
    else:
        P.add("table", widths=[0.55, 0.2, 0.25] if style == "table3" else [0.6, 0.4],
              header=[R(w["milestone"], "b"), R(w["end"], "b")] + ([R(w["verif"], "b")] if style == "table3" else []),
              rows=[{"cells": [[R("%d. %s" % (i + 1, m))], [R(t.date(y, mo, True, P.date_form))]] +
                     ([[R(r.choice(["Informe", "Acta", "Publicación en el portal"] if P.lang == "es" else
                                   ["Relatório", "Ata", "Publicação no portal"] if P.lang == "pt" else
                                   ["Report", "Minutes", "Website publication"]))]] if style == "table3" else [])}
                    for i, (m, (y, mo)) in enumerate(zip(ms, dates))],
              grid=True, head_shade="E7E6E6", label_col=False, small=True)


def commitment_body(P, c, paras):
    t, r = P.t, P.rng
    kw = dict(obj=c["obj"], agency=c["agency"])
    P.p(t.para("problem", 2, 3, **kw))
    if paras >= 2:
        P.p(t.para("what", 2, 3, **kw))
    if paras >= 3:
        P.p(t.para("how", 1, 2, **kw) + " " + t.para("why", 1, 1, **kw))


def subactions(P, c):
    """Bulleted sub-actions with bold run-in titles (not commitments)."""
    t, r = P.t, P.rng
    ms = t.pick("milestones", r.randint(2, 3))
    P.add("list", kind="bullet", items=[
        {"runs": [(m + ".", "b"), (" " + t.para("how", 1, 1, obj=c["obj"]), "")]} for m in ms])


def summary_list(P, entries, heading=True):
    """A numbered list of the commitments at the front: not commitments."""
    w = P.L["w"]
    if heading:
        P.add("h", level=1, text=w["summary"], key="s_summary")
    if entries and isinstance(entries[0], tuple):   # grouped by theme
        for gname, items in entries:
            P.add("p", runs=[(gname, "b")], keep=True)
            P.add("list", kind="plain", items=[{"runs": R(e)} for e in items])
        return
    P.add("list", kind="plain", items=[{"runs": R(e)} for e in entries])


def clusters_in_order(P, cs):
    order = []
    for c in cs:
        if c["cluster"] not in order:
            order.append(c["cluster"])
    P.rng.shuffle(order)
    groups = [(k, [c for c in cs if c["cluster"] == k]) for k in order]
    return groups


def cluster_name(P, k):
    return B.CLUSTERS[k][1 + LANG_INDEX[P.lang]]


# ------------------------------------------------------------- families ----

def fam_numbered(P):
    r, L, t, w = P.rng, P.L, P.t, P.L["w"]
    n = r.randint(8, 25)
    mode = P.hints.get("mode") or r.choice(["run", "run", "restart", "hier", "roman"])
    P.numbering_mode = mode
    P.engine = P.hints.get("engine") or r.choice(["pdflatex", "pdflatex", "lualatex", "writer"])
    title = plan_title(P)
    setup_furniture(P, title)
    titlecase = r.random() < 0.5
    cs = make_commitments(t, n, r, titlecase)
    grouped = mode in ("restart", "hier") or r.random() < 0.5
    groups = clusters_in_order(P, cs) if grouped else [(None, cs)]
    sep = r.choice([". ", ") "]) if mode in ("run", "restart") else (". " if mode == "roman" else r.choice([" ", ". "]))
    caps = mode == "roman" or r.random() < 0.2
    hstyle = r.choice(["bold", "bold_large", "large", "bold_underline"])
    P.variant += ["mode-" + mode, "head-" + hstyle, "sep-%r" % sep.strip()] + (["caps"] if caps else []) + \
                 (["grouped"] if grouped else [])
    # numbers
    numbered = []
    k = 0
    for gi, (g, items) in enumerate(groups, 1):
        for j, c in enumerate(items, 1):
            k += 1
            if mode == "run":
                num = str(k)
            elif mode == "restart":
                num = str(j)
            elif mode == "hier":
                num = "%d.%d" % (gi, j)
            else:
                num = roman(k)
            c["title_printed"] = c["title"].upper() if caps else c["title"]
            numbered.append((num, c))
    front = r.choice(["toc", "summary", "none"]) if P.engine != "writer" else r.choice(["summary", "none"])
    P.variant.append("front-" + front)
    cover(P, title)
    if front == "toc":
        P.add("toc", entries=None)   # filled at the end
        P.add("pagebreak")
    if front == "summary":
        if grouped:
            ents, i = [], 0
            for g, items in groups:
                ents.append((cluster_name(P, g), ["%s%s%s" % (num, sep, c["title_printed"])
                                                  for num, c in numbered[i:i + len(items)]]))
                i += len(items)
            summary_list(P, ents)
        else:
            summary_list(P, ["%s%s%s" % (num, sep, c["title_printed"]) for num, c in numbered])
        P.add("pagebreak")
    P.add("startbody")
    intro_sections(P, two_col=r.random() < 0.3 and P.engine != "writer")
    methodology(P)
    if r.random() < 0.3:
        glossary(P)
    P.add("pagebreak")
    P.add("h", level=1, text=r.choice([w["commitments"], w["commitments_alt"]]), key="s_comm")
    P.p(t.para("intro", 1, 2))
    fields = r.choice([set(), set(), {"lead"}, {"lead", "dates"}])
    fstyle = r.choice(["lines", "table"])
    ms_style = r.choice(["list", "list", "table2", "none"])
    subs = r.random() < 0.3
    P.variant += ["fields-" + "+".join(sorted(fields)) if fields else "no-fields", "milestones-" + ms_style]
    idx = 0
    gfmt = r.choice(["num", "word"]) if mode == "hier" else r.choice(["plain", "plain", "word"])
    gbreak = r.random() < 0.5
    for gi, (g, items) in enumerate(groups, 1):
        if g is not None:
            if gi > 1 and gbreak:
                P.add("pagebreak")
            gname = cluster_name(P, g)
            if gfmt == "num":
                gname = "%d. %s" % (gi, gname)
            elif gfmt == "word":
                gname = "%s %d: %s" % (w["cluster"], gi, gname)
            P.add("h", level=2, text=gname, key="s_g%d" % gi, color=True)
            P.p(t.para("intro", 1, 2))
        for c in items:
            num, _ = numbered[idx]
            idx += 1
            cid = P.commit(c, num, fields)
            size = {"bold": "normal", "bold_large": "large", "large": "Large", "bold_underline": "normal"}[hstyle]
            P.add("chead", cid=cid, lines=[("%s%s%s" % (num, sep, c["title_printed"]), size)],
                  bold=hstyle != "large", underline=hstyle == "bold_underline", align="left", key=cid)
            if fields:
                field_lines(P, c, fields, fstyle)
            commitment_body(P, c, max(1, int(r.randint(1, 3) * P.scale)))
            if subs and r.random() < 0.5:
                subactions(P, c)
            if ms_style != "none":
                milestones(P, c, ms_style)
    closing(P)
    if r.random() < 0.3:
        glossary(P)


def roman(n):
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def fam_keyword(P):
    r, L, t, w = P.rng, P.L, P.t, P.L["w"]
    n = r.randint(8, 25)
    P.engine = r.choice(["pdflatex", "lualatex", "writer", "writer"])
    title = plan_title(P)
    setup_furniture(P, title)
    cs = make_commitments(t, n, r, r.random() < 0.5)
    form = r.choice(L["keyword_forms"])
    layout = r.choice(["inline", "inline", "two_lines"])
    grouped = r.random() < 0.5
    groups = clusters_in_order(P, cs) if grouped else [(None, cs)]
    caps = r.random() < 0.15
    hstyle = r.choice(["bold", "bold_large", "large"])
    P.variant += ["form-%s" % form, "layout-" + layout, "head-" + hstyle] + (["grouped"] if grouped else [])
    front = r.choice(["toc", "summary", "none"]) if P.engine != "writer" else r.choice(["summary", "none"])
    P.variant.append("front-" + front)
    k = 0
    for g, items in groups:
        for c in items:
            k += 1
            c["num"] = str(k)
            c["title_printed"] = c["title"].upper() if caps else c["title"]
    cover(P, title)
    if front == "toc":
        P.add("toc", entries=None)
        P.add("pagebreak")
    if front == "summary":
        # "Compromiso 1. Title" style entries would repeat the heading: use the bare number
        summary_list(P, ["%s. %s" % (c["num"], c["title_printed"]) for _, items in groups for c in items])
        P.add("pagebreak")
    P.add("startbody")
    intro_sections(P, two_col=r.random() < 0.3 and P.engine != "writer")
    methodology(P)
    P.add("pagebreak")
    P.add("h", level=1, text=r.choice([w["commitments"], w["commitments_alt"]]), key="s_comm")
    P.p(t.para("intro", 1, 2))
    fields = r.choice([set(), {"lead"}, {"lead", "dates"}, {"lead", "dates"}])
    fstyle = r.choice(["lines", "table"])
    ms_style = r.choice(["list", "table2", "table3", "none"])
    per_page = r.random() < 0.35
    P.variant += ["fields-" + "+".join(sorted(fields)) if fields else "no-fields", "milestones-" + ms_style] + \
                 (["page-per-commitment"] if per_page else [])
    first = True
    gword = r.random() < 0.5
    for gi, (g, items) in enumerate(groups, 1):
        if g is not None:
            if not first:
                P.add("pagebreak")
            P.add("h", level=2, text="%s %d. %s" % (w["cluster"], gi, cluster_name(P, g)) if gword
                  else cluster_name(P, g), key="s_g%d" % gi, color=True)
            P.p(t.para("intro", 1, 2))
        for c in items:
            if per_page and not first:
                P.add("pagebreak")
            first = False
            cid = P.commit(c, c["num"], fields)
            kw = form.format(n=c["num"])
            size = {"bold": "normal", "bold_large": "large", "large": "Large"}[hstyle]
            if layout == "inline":
                lines = [("%s %s" % (kw, c["title_printed"]), size)]
            else:
                lines = [(kw.rstrip(":.–# ").rstrip(), "normal"), (c["title_printed"], size)]
            P.add("chead", cid=cid, lines=lines, bold=hstyle != "large", underline=False,
                  align=r.choice(["left", "left", "center"]) if layout == "two_lines" else "left", key=cid)
            if fields and r.random() < 0.5:
                field_lines(P, c, fields, fstyle)
                fields_done = True
            else:
                fields_done = False
            commitment_body(P, c, max(1, int(r.randint(2, 3) * P.scale)))
            if fields and not fields_done:
                field_lines(P, c, fields, fstyle)
            if ms_style != "none":
                milestones(P, c, ms_style)
    closing(P)
    if r.random() < 0.35:
        glossary(P)


def fam_template(P):
    r, L, t, w = P.rng, P.L, P.t, P.L["w"]
    lab = L["template_labels"]
    per_page = r.random() < 0.6
    n = r.randint(8, 14) if per_page else r.randint(8, 20)
    P.engine = r.choice(["writer", "writer", "pdflatex", "lualatex"])
    title = plan_title(P)
    setup_furniture(P, title)
    cs = make_commitments(t, n, r, r.random() < 0.4)
    title_form = r.choice(["kw", "num", "bare", "bare_id", "kw_two"])
    kwf = r.choice(L["keyword_forms"][:3])
    dates_rows = r.choice(["one", "two"])
    contact = r.random() < 0.6
    nested_ms = r.choice(["cell", "table"])
    label_shade = r.choice([None, "DEEAF6", "F2F2F2", "E2EFD9"])
    compact = not per_page and r.random() < 0.5
    talign = r.choice(["left", "center"])
    tshade = label_shade if r.random() < 0.3 else None
    grouped = r.random() < 0.4
    groups = clusters_in_order(P, cs) if grouped else [(None, cs)]
    front = r.choice(["none", "summary_table", "summary"])
    if P.engine != "writer" and r.random() < 0.3:
        front = "toc"
    P.variant += ["title-" + title_form, "dates-" + dates_rows, "ms-" + nested_ms,
                  "one-per-page" if per_page else ("compact" if compact else "flowing"), "front-" + front] + \
                 (["grouped"] if grouped else [])
    k = 0
    for g, items in groups:
        for c in items:
            k += 1
            c["num"] = str(k)
            c["title_printed"] = c["title"]
    cover(P, title)
    if front == "toc":
        P.add("toc", entries=None)
        P.add("pagebreak")
    elif front == "summary":
        summary_list(P, ["%s. %s" % (c["num"], c["title"]) for _, items in groups for c in items])
        P.add("pagebreak")
    elif front == "summary_table":
        P.add("h", level=1, text=w["summary"], key="s_summary")
        P.add("table", widths=[0.08, 0.57, 0.35], header=[R(w["no"], "b"), R(w["commitment"], "b"), R(w["lead"], "b")],
              rows=[{"cells": [[R(c["num"])], [R(c["title"])], [R(c["agency"])]]} for _, items in groups for c in items],
              grid=True, head_shade="D9E2F3", label_col=False, small=True)
        P.add("pagebreak")
    P.add("startbody")
    intro_sections(P, two_col=False)
    methodology(P)
    if r.random() < 0.3:
        glossary(P)
    P.add("pagebreak")
    P.add("h", level=1, text=r.choice([w["commitments"], w["commitments_alt"]]), key="s_comm")
    first = True
    for gi, (g, items) in enumerate(groups, 1):
        if g is not None:
            if not first:
                P.add("pagebreak")
                first = True
            P.add("h", level=2, text="%s %d: %s" % (w["cluster"], gi, cluster_name(P, g)), key="s_g%d" % gi,
                  color=True)
        for c in items:
            if per_page and not first:
                P.add("pagebreak")
            first = False
            num = c["num"]
            printed_num = title_form in ("kw", "num", "bare_id", "kw_two")
            cid = P.commit(c, num, {"lead", "dates"})
            if title_form == "kw":
                lines = [("%s %s" % (kwf.format(n=num), c["title"]), "large")]
            elif title_form == "kw_two":
                lines = [(kwf.format(n=num).rstrip(":.–# ").rstrip(), "normal"), (c["title"], "large")]
            elif title_form == "num":
                lines = [("%s. %s" % (num, c["title"]), "large")]
            else:
                lines = [(c["title"], "large")]
            P.add("chead", cid=cid, lines=lines, bold=True, underline=False,
                  align=talign, key=cid, shade=tshade)
            if not printed_num:
                P.commits[-1]["number"] = num   # not printed: 1..N in order
            rows = []
            if title_form == "bare_id":
                rows.append((lab["id"], [R(num)]))
            if dates_rows == "one":
                rows.append((lab["dates"], [R("%s – %s" % (P.fdate(c, "start"), P.fdate(c, "end")))]))
            else:
                rows.append((lab["start"], [R(P.fdate(c, "start"))]))
                rows.append((lab["end"], [R(P.fdate(c, "end"))]))
            rows.append((lab["lead"], [R(c["agency"])]))
            if contact and not compact:
                rows.append((lab["contact"], [R(r.choice(L["people"]))]))
                rows.append((lab["role"], [R(r.choice(L["roles"]))]))
            rows.append((lab["others"], [R(", ".join(r.sample(B.CS_ORGS[P.lang], 2)))]))
            kw = dict(obj=c["obj"], agency=c["agency"])
            sc = 1 if compact else 2
            rows.append((lab["problem"], [R(t.para("problem", 1, sc + 1, **kw))]))
            rows.append((lab["what"], [R(t.para("what", 1, sc, **kw))]))
            if not compact:
                rows.append((lab["how"], [R(t.para("how", 1, 2, **kw))]))
                rows.append((lab["why"], [R(t.para("why", 1, 1, **kw))]))
                if r.random() < 0.5:
                    rows.append((lab["extra"], [R(t.para("extra", 1, 1, **kw))]))
            ms = t.pick("milestones", 2 if compact else r.randint(3, 5))
            if nested_ms == "cell":
                rows.append((lab["milestones"], [R("%d. %s" % (i + 1, m)) for i, m in enumerate(ms)]))
            P.add("table", widths=[0.32, 0.68], header=None,
                  rows=[{"cells": [[R(k_, "b")], v]} for k_, v in rows],
                  grid=True, head_shade=None, label_col=True, label_shade=label_shade, small=True)
            if nested_ms == "table":
                sy, sm = c["start"]
                ey, em = c["end"]
                P.add("table", widths=[0.5, 0.25, 0.25],
                      header=[R(lab["milestones"], "b"), R(w["start"], "b"), R(w["end"], "b")],
                      rows=[{"cells": [[R(m)], [R(P.t.date(sy, min(12, sm + i), False, P.date_form))],
                                       [R(P.t.date(ey, em, True, P.date_form))]]} for i, m in enumerate(ms)],
                      grid=True, head_shade=label_shade or "E7E6E6", label_col=False, small=True)
    P.add("pagebreak")
    closing(P)


def fam_runin(P):
    r, L, t, w = P.rng, P.L, P.t, P.L["w"]
    n = r.randint(8, 25)
    P.engine = r.choice(["pdflatex", "lualatex", "lualatex", "writer"])
    title = plan_title(P)
    setup_furniture(P, title)
    cs = make_commitments(t, n, r, P.lang == "en" and r.random() < 0.7)
    fmt = r.choice(["b", "b", "u", "bu"])
    container = r.choice(["bullets", "paras"])
    two_col = r.random() < 0.35
    P.variant += ["runin-" + fmt, container] + (["two-column-body"] if two_col else [])
    groups = clusters_in_order(P, cs)
    cover(P, title)
    P.add("startbody")
    intro_sections(P, two_col=False)
    if r.random() < 0.5:
        glossary(P)
    methodology(P)
    P.add("pagebreak")
    P.add("h", level=1, text=r.choice([w["commitments"], w["commitments_alt"]]), key="s_comm")
    P.p(t.para("intro", 2, 3))
    lead_in = {"es": "Para avanzar en este eje, el gobierno se compromete a:",
               "pt": "Para avançar neste eixo, o governo se compromete a:",
               "en": "To advance this theme, the government will:"}[P.lang]
    if two_col:
        P.add("cols", n=2)
    k = 0
    for gi, (g, items) in enumerate(groups, 1):
        P.add("h", level=2, text=cluster_name(P, g), key="s_g%d" % gi, color=True)
        P.p(t.para("intro", 1, 2) + " " + lead_in)
        lst = []
        for c in items:
            k += 1
            c["title_printed"] = c["title"]
            cid = P.commit(c, k, set())
            kw = dict(obj=c["obj"], agency=c["agency"])
            body = " " + t.para("what", 1, max(1, int(2 * P.scale)), **kw) + " " + \
                t.para("how", 1, max(1, int(1.5 * P.scale)), **kw)
            runs = [(c["title"] + ".", fmt), (body, "")]
            if container == "bullets":
                lst.append({"runs": runs, "cid": cid})
            else:
                P.add("p", runs=runs, cid=cid)
                if r.random() < 0.25 * P.scale:
                    P.p(t.para("problem", 1, 2, **kw))
        if lst:
            P.add("list", kind="bullet", items=lst)
    if two_col:
        P.add("endcols")
    closing(P)


def fam_table(P):
    r, L, t, w = P.rng, P.L, P.t, P.L["w"]
    n = r.randint(8, 25)
    P.engine = r.choice(["writer", "writer", "pdflatex", "lualatex"])
    title = plan_title(P)
    setup_furniture(P, title)
    cs = make_commitments(t, n, r, r.random() < 0.3)
    cols = r.choice(["dates2", "period", "nodates", "desc"])
    grouped_rows = r.random() < 0.4
    P.variant += ["cols-" + cols] + (["theme-rows"] if grouped_rows else [])
    groups = clusters_in_order(P, cs)
    cover(P, title)
    P.add("startbody")
    intro_sections(P, two_col=r.random() < 0.3 and P.engine != "writer")
    methodology(P)
    # narrative per theme (no commitment titles)
    P.add("h", level=1, text=w["context"] if r.random() < 0.5 else w["commitments_alt"], key="s_themes")
    for gi, (g, items) in enumerate(groups, 1):
        P.add("h", level=2, text=cluster_name(P, g), key="s_g%d" % gi, color=True)
        for _ in range(max(1, int(r.randint(1, 2) * P.scale))):
            P.p(t.para("context", 2, 3) + " " + t.para("problem", 1, 2, obj=r.choice(items)["obj"]))
    P.add("pagebreak")
    P.add("h", level=1, text=w["summary"], key="s_table")
    P.p(t.para("intro", 1, 2))
    header = [R(w["no"], "b"), R(w["commitment"], "b"), R(w["lead"], "b")]
    widths = [0.07, 0.48, 0.45]
    if cols == "dates2":
        header += [R(w["start"], "b"), R(w["end"], "b")]
        widths = [0.07, 0.4, 0.27, 0.13, 0.13]
    elif cols == "period":
        header += [R(w["period"], "b")]
        widths = [0.07, 0.43, 0.3, 0.2]
    elif cols == "desc":
        header = [R(w["no"], "b"), R(w["commitment"], "b"), R(w["desc"], "b"), R(w["lead"], "b")]
        widths = [0.07, 0.3, 0.38, 0.25]
    rows = []
    k = 0
    for gi, (g, items) in enumerate(groups, 1):
        if grouped_rows:
            rows.append({"cells": [[R("%s %d: %s" % (w["cluster"], gi, cluster_name(P, g)), "b")]],
                         "span": len(widths), "shade": "E7E6E6"})
        for c in items:
            k += 1
            c["title_printed"] = c["title"]
            fields = {"lead"} if cols in ("nodates", "desc") else {"lead", "dates"}
            cid = P.commit(c, k, fields)
            cells = [[R(str(k))], [R(c["title"])]]
            if cols == "desc":
                cells.append([R(t.pick("what", 1, obj=c["obj"], agency=c["agency"])[0])])
            cells.append([R(c["agency"])])
            if cols == "dates2":
                cells += [[R(P.fdate(c, "start"))], [R(P.fdate(c, "end"))]]
            elif cols == "period":
                cells.append([R("%s – %s" % (P.fdate(c, "start"), P.fdate(c, "end")))])
            rows.append({"cells": cells, "cid": cid, "mark_col": 1})
    P.add("table", widths=widths, header=header, rows=rows, grid=r.random() < 0.7,
          head_shade=r.choice([None, "D9E2F3", "E7E6E6"]), label_col=False, small=True,
          caption=w["table_caption"].format(n=1) if r.random() < 0.5 else None)
    P.add("pagebreak")
    closing(P)
    if r.random() < 0.5:
        glossary(P)


BUILDERS = {"numbered": fam_numbered, "keyword": fam_keyword, "template": fam_template,
            "runin": fam_runin, "table": fam_table}


def number_sections(P):
    """Some plans number their own sections ("1. Introducción", "4. Compromisos"): a
    distractor for numbered headings. Not where the commitments are "1. Title" themselves."""
    r = P.rng
    if P.family == "numbered" and P.numbering_mode != "roman":
        return
    if r.random() >= (0.5 if P.family == "numbered" else 0.4):
        return
    fmt = r.choice(["%d. %s", "%d %s"] + (["%s. %s"] if P.family != "numbered" else []))
    P.variant.append("numbered-sections")
    k = 0
    after = False
    for b in P.blocks:
        if b["t"] == "startbody":
            after = True
        if after and b["t"] == "h" and b["level"] == 1:
            k += 1
            b["text"] = fmt % ((roman(k) if fmt.startswith("%s") else k), b["text"])


def fill_toc(P):
    for b in P.blocks:
        if b["t"] == "toc" and b["entries"] is None:
            ents = []
            after = False
            for x in P.blocks:
                if x["t"] == "startbody":
                    after = True
                if not after:
                    continue
                if x["t"] == "h" and x.get("key"):
                    ents.append((x["level"], x["text"], x["key"]))
                elif x["t"] == "chead":
                    ents.append((3, " ".join(l[0] for l in x["lines"]), x["key"]))
            b["entries"] = ents


# ----------------------------------------------------------------- LaTeX ----

def tex_escape(s):
    s = s.replace("\\", "\\textbackslash{}")
    for a, b in (("&", r"\&"), ("%", r"\%"), ("$", r"\$"), ("#", r"\#"), ("_", r"\_"),
                 ("{", r"\{"), ("}", r"\}"), ("~", r"\textasciitilde{}"), ("^", r"\^{}")):
        s = s.replace(a, b)
    return s


def tex_runs(runs):
    out = []
    for text, fmt in runs:
        s = tex_escape(text)
        if not fmt:
            out.append(s)
            continue
        # keep spaces outside the formatting
        lead = " " if s.startswith(" ") else ""
        trail = " " if s.endswith(" ") else ""
        s = s.strip()
        if "u" in fmt:
            s = tex_underline(s)
        if "b" in fmt:
            s = "\\textbf{%s}" % s
        if "i" in fmt:
            s = "\\textit{%s}" % s
        out.append(lead + s + trail)
    return "".join(out)


def tex_underline(s):
    """Underlined words that still break between lines (no ulem on the bench machines)."""
    return "\\pmulsp ".join("\\pmul{%s}" % w for w in s.split())


SIZES = {"normal": "\\normalsize", "large": "\\large", "Large": "\\Large", "LARGE": "\\LARGE"}
PDF_FONTS = [("lmodern", "\\usepackage{lmodern}\n"), ("times", "\\usepackage{mathptmx}\n"),
             ("helvet", "\\usepackage[scaled=0.92]{helvet}\\renewcommand\\familydefault{\\sfdefault}\n"),
             ("charter", "\\usepackage{charter}\n"), ("palatino", "\\usepackage{mathpazo}\n")]
LUA_FONTS = [("dejavu-sans", "\\setmainfont{DejaVu Sans}\n"), ("liberation-serif", "\\setmainfont{Liberation Serif}\n"),
             ("liberation-sans", "\\setmainfont{Liberation Sans}\n"), ("latin-modern", "")]


def latex_source(P):
    r = P.rng
    L = P.L
    size = r.choice([10, 11, 11, 12])
    paper = r.choice(["a4paper", "letterpaper"])
    hm = round(r.uniform(2.0, 3.0), 1)
    vm = round(r.uniform(2.2, 3.0), 1)
    pre = ["\\documentclass[%dpt,%s]{article}\n" % (size, paper)]
    if P.engine == "pdflatex":
        font = r.choice(PDF_FONTS)
        pre.append("\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n" + font[1])
        pre.append("\\input{glyphtounicode}\\pdfgentounicode=1\n")
    else:
        font = r.choice(LUA_FONTS)
        pid = hashlib.md5(P.name.encode()).hexdigest().upper()
        pre.append("\\pdfvariable trailerid {[<%s> <%s>]}\n" % (pid, pid))
        pre.append("\\usepackage{fontspec}\n" + font[1])
    P.variant.append("font-" + font[0])
    if L["babel"] == "spanish":
        pre.append("\\usepackage[spanish,es-noshorthands,es-noitemize,es-nolists]{babel}\n\\spanishplainpercent\n")
    else:
        pre.append("\\usepackage[%s]{babel}\n" % L["babel"])
    pre.append("\\usepackage[%s,hmargin=%scm,vmargin=%scm,headheight=15pt]{geometry}\n" % (paper, hm, vm))
    pre.append("\\usepackage[table]{xcolor}\n\\usepackage{array,longtable,multicol,needspace,enumitem}\n"
               "\\usepackage{fancyhdr}\n\\usepackage{lastpage}\n")
    pre.append("\\definecolor{accent}{HTML}{%s}\n" % P.color)
    pre.append("\\setlength{\\columnsep}{%.1fcm}\n" % r.uniform(0.6, 1.0))
    pre.append(r"""\newcount\pmabs
\AddToHook{shipout/before}{\global\advance\pmabs by 1\relax}
\makeatletter
\newwrite\pm@out
\immediate\openout\pm@out=\jobname.pmk
\newcommand\pmmark[1]{\write\pm@out{#1 \the\pmabs}\label{#1}}
\makeatother
\newcommand\pmul[1]{\leavevmode\setbox0\hbox{#1}\rlap{\vrule width\wd0 height -1.6pt depth 2pt}\box0}
\newcommand\pmulsp{\leaders\vrule height -1.6pt depth 2pt\hskip\fontdimen2\font plus\fontdimen3\font minus\fontdimen4\font\relax}
\setlength{\emergencystretch}{2em}
\setlength{\parskip}{0.5ex}
\setlength{\parindent}{0pt}
\clubpenalty=10000 \widowpenalty=10000
\setlength{\LTpre}{4pt}\setlength{\LTpost}{6pt}
\setlist{itemsep=2pt,topsep=3pt}
""")
    # furniture
    if P.headers or P.footer:
        hl, hr = P.headers or ("", "")
        w = L["w"]
        foot = {"page": "%s \\thepage" % w["page"], "page_of": "%s \\thepage{} %s \\pageref{LastPage}" % (w["page"], w["of"]),
                "bare": "\\thepage"}[P.footer]
        fpos = r.choice(["C", "R"])
        style = "\\fancyhf{}"
        if hl:
            style += "\\fancyhead[L]{\\footnotesize\\color{black!70}%s}" % tex_escape(hl)
        if hr:
            style += "\\fancyhead[R]{\\footnotesize\\color{black!70}%s}" % tex_escape(hr)
        style += "\\fancyfoot[%s]{\\small %s}" % (fpos, foot)
        style += "\\renewcommand{\\headrulewidth}{%s}" % ("0.4pt" if hl and r.random() < 0.5 else "0pt")
        pre.append("\\pagestyle{fancy}%s\n\\fancypagestyle{plain}{%s}\n" % (style, style))
    body = []
    head_sizes = {1: r.choice(["\\Large", "\\LARGE", "\\large"]), 2: r.choice(["\\large", "\\Large"])}
    h2_bold = r.random() < 0.5
    h1_color = r.random() < 0.6
    for b in P.blocks:
        t = b["t"]
        if t == "cover":
            body.append("\\thispagestyle{empty}\n\\begin{center}\\vspace*{%dcm}\n"
                        "{\\large %s\\par}\\vspace{1.5cm}\n{\\Huge\\bfseries\\color{accent} %s\\par}\\vspace{1cm}\n"
                        "{\\Large %s\\par}\\vfill\n{\\large %s\\par}\\end{center}\n"
                        % (r.randint(2, 5), tex_escape(b["gov"]), tex_escape(b["title"]),
                           tex_escape(b["subtitle"]), tex_escape(b["date"])))
            if P.roman_front:
                body.append("\\clearpage\\pagenumbering{roman}\n")
                continue
        elif t == "pagebreak":
            body.append("\\clearpage\n")
        elif t == "startbody":
            if P.roman_front:
                body.append("\\clearpage\\pagenumbering{arabic}\n")
        elif t == "h":
            key = "\\pmmark{%s}" % b["key"] if b.get("key") else ""
            if b["level"] == 1:
                body.append("\\par\\needspace{5\\baselineskip}\\addvspace{2ex}\\noindent{%s\\bfseries%s%s %s\\par}"
                            "\\nopagebreak\\vspace{1ex}\n" % (head_sizes[1], "\\color{accent}" if h1_color else "",
                                                              key, tex_escape(b["text"])))
            else:
                body.append("\\par\\needspace{5\\baselineskip}\\addvspace{1.5ex}\\noindent{%s%s\\color{accent}%s "
                            "\\raggedright %s\\par}\\nopagebreak\\vspace{0.6ex}\n"
                            % (head_sizes[2], "\\bfseries" if h2_bold else "", key, tex_escape(b["text"])))
        elif t == "chead":
            lines = []
            for i, (text, sz) in enumerate(b["lines"]):
                s = tex_escape(text)
                if b.get("underline"):
                    s = tex_underline(s)
                if b.get("bold"):
                    s = "\\textbf{%s}" % s
                lines.append("{%s\\leavevmode %s%s\\par}" % (SIZES[sz], "\\pmmark{%s}" % b["cid"] if i == 0 else "", s))
            align = "\\centering" if b.get("align") == "center" else "\\raggedright"
            inner = "%s\\hyphenpenalty=10000 %s" % (align, "\\vspace{2pt}".join(lines))
            if b.get("shade"):
                box = "\\colorbox[HTML]{%s}{\\parbox{\\dimexpr\\linewidth-2\\fboxsep}{%s}}" % (b["shade"], inner)
            else:
                box = "\\parbox{\\linewidth}{%s}" % inner
            body.append("\\par\\needspace{6\\baselineskip}\\addvspace{1.8ex}\\noindent%s\\par\\nopagebreak"
                        "\\vspace{0.8ex}\n" % box)
        elif t == "p":
            s = tex_runs(b["runs"])
            if b.get("cid"):
                s = "\\leavevmode\\pmmark{%s}" % b["cid"] + s
            if b.get("small"):
                s = "{\\small %s\\par}" % s
            if b.get("keep"):
                s += "\\par\\nopagebreak"
            body.append(s + "\n\n")
        elif t == "list":
            kind = b["kind"]
            if kind == "bullet":
                env = "\\begin{itemize}[label=%s]\n" % r.choice(["\\textbullet", "--", "$\\circ$", "\\textbullet"])
                end = "\\end{itemize}\n"
            elif kind == "plain":
                env = "\\begin{itemize}[label={},leftmargin=1em]\n"
                end = "\\end{itemize}\n"
            else:
                env = "\\begin{enumerate}[label=\\arabic*%s]\n" % ("." if kind == "num" else ")")
                end = "\\end{enumerate}\n"
            items = []
            for it in b["items"]:
                mark = "\\leavevmode\\pmmark{%s}" % it["cid"] if it.get("cid") else ""
                items.append("\\item %s%s\n" % (mark, tex_runs(it["runs"])))
            s = env + "".join(items) + end
            if b.get("small"):
                s = "{\\small\n%s}" % s
            body.append(s)
        elif t == "table":
            body.append(tex_table(P, b))
        elif t == "cols":
            body.append("\\begin{multicols}{%d}\n" % b["n"])
        elif t == "endcols":
            body.append("\\end{multicols}\n")
        elif t == "toc":
            w = L["w"]
            s = ["\\noindent{\\Large\\bfseries\\color{accent} %s\\par}\\vspace{2ex}\n" % tex_escape(w["contents"])]
            for lvl, text, key in b["entries"]:
                ind = {1: "0pt", 2: "1.2em", 3: "2.4em"}[lvl]
                fnt = "\\bfseries" if lvl == 1 else ("\\small" if lvl == 3 else "")
                s.append("{\\noindent\\hangindent=%s\\hspace*{%s}%s %s\\dotfill\\pageref{%s}\\par}\n"
                         % (ind, ind, fnt, tex_escape(text), key))
            body.append("{\\parskip=2pt\n%s}" % "".join(s))
        elif t == "space":
            body.append("\\medskip\n")
    return "".join(pre) + "\\begin{document}\n" + "".join(body) + "\\end{document}\n"


def tex_table(P, b):
    widths = b["widths"]
    grid = b.get("grid", True)
    vr = "|" if grid else ""
    spec = vr + vr.join(">{\\raggedright\\arraybackslash\\hyphenpenalty=10000}p{\\dimexpr%.3f\\linewidth-2\\tabcolsep-%.2fpt\\relax}"
                        % (w, 0.4 * (len(widths) + 1) / len(widths) if grid else 0) for w in widths) + vr
    out = []
    if b.get("caption"):
        out.append("\\par\\noindent{\\small\\itshape %s\\par}\\nopagebreak\n" % tex_escape(b["caption"]))
    out.append("{%s\\renewcommand{\\arraystretch}{1.25}\\setlength{\\LTleft}{0pt}\\setlength{\\LTright}{0pt}"
               "\\begin{longtable}{%s}\n" % ("\\small" if b.get("small") else "", spec))
    hl = "\\hline\n" if grid else ""
    if b.get("header"):
        cells = [tex_runs(c) for c in b["header"]]
        shade = "\\rowcolor[HTML]{%s}" % b["head_shade"] if b.get("head_shade") else ""
        row = shade + " & ".join(cells) + " \\\\\n"
        out.append(hl + row + (hl or "\\hline\n") + "\\endhead\n")
    else:
        out.append(hl)
    for ri, row in enumerate(b["rows"]):
        cells = []
        if row.get("span"):
            txt = "\\\\ ".join(tex_runs(p) for p in row["cells"][0])
            shade = "\\cellcolor[HTML]{%s}" % row["shade"] if row.get("shade") else ""
            cells.append("\\multicolumn{%d}{%sp{\\dimexpr\\linewidth-2\\tabcolsep\\relax}%s}{%s%s}"
                         % (row["span"], vr, vr, shade, txt))
        else:
            for ci, cell in enumerate(row["cells"]):
                paras = [tex_runs(p) for p in cell]
                s = "\\par ".join(paras)
                if row.get("cid") and ci == row.get("mark_col", 0):
                    s = "\\pmmark{%s}" % row["cid"] + s
                if ci == 0 and b.get("label_col") and b.get("label_shade"):
                    s = "\\cellcolor[HTML]{%s}" % b["label_shade"] + s
                cells.append(s)
        out.append(" & ".join(cells) + " \\\\\n" + (hl if grid else "[2pt]\n"))
    if not grid:
        out.append("\\hline\n")
    out.append("\\end{longtable}}\n")
    return "".join(out)


def run_latex(P, work):
    src = latex_source(P)
    base = P.name
    with open(os.path.join(work, base + ".tex"), "w", encoding="utf-8") as f:
        f.write(src)
    prev = None
    for npass in range(4):
        p = subprocess.run([P.engine, "-interaction=nonstopmode", "-halt-on-error", base + ".tex"], cwd=work,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600, env=TEX_ENV)
        log = open(os.path.join(work, base + ".log"), encoding="latin-1").read()
        if p.returncode != 0:
            tail = "\n".join(l for l in log.splitlines() if l.startswith("!"))[:1500]
            raise RuntimeError("%s failed on %s:\n%s" % (P.engine, base, tail))
        marks = read_marks(os.path.join(work, base + ".pmk"))
        if npass >= 1 and marks == prev and "Rerun to get" not in log and "may have changed" not in log:
            break
        prev = marks
    return os.path.join(work, base + ".pdf"), marks


def read_marks(path):
    marks = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8", errors="replace"):
            f = line.split()
            if len(f) == 2:
                marks[f[0]] = int(f[1])
    return marks


# ---------------------------------------------------------------- Writer ----

def fodt_source(P):
    r = P.rng
    L = P.L
    lang, country = L["writer_lang"]
    font = r.choice(["Liberation Serif", "Liberation Sans", "DejaVu Sans", "DejaVu Serif", "Liberation Sans"])
    hfont = r.choice([font, "Liberation Sans", "DejaVu Sans"])
    P.variant.append("font-" + font.replace(" ", "-").lower())
    size = r.choice([10, 10.5, 11, 12])
    pw, ph = r.choice([(21.0, 29.7), (21.59, 27.94)])
    ml, mr = r.choice([2.0, 2.5, 3.0]), r.choice([2.0, 2.5])
    mt, mb = r.choice([1.5, 2.0, 2.5]), r.choice([1.5, 2.0])
    color = "#" + P.color
    auto = []
    counter = [0]

    def astyle(xml):
        counter[0] += 1
        name = "A%d" % counter[0]
        auto.append(xml.replace("{name}", name))
        return name

    tstyles = {}

    def tstyle(fmt):
        if fmt not in tstyles:
            props = []
            if "b" in fmt:
                props.append('fo:font-weight="bold"')
            if "u" in fmt:
                props.append('style:text-underline-style="solid" style:text-underline-width="auto" '
                             'style:text-underline-color="font-color"')
            if "i" in fmt:
                props.append('fo:font-style="italic"')
            tstyles[fmt] = astyle('<style:style style:name="{name}" style:family="text"><style:text-properties %s/>'
                                  '</style:style>' % " ".join(props))
        return tstyles[fmt]

    def runs_xml(runs):
        out = []
        for text, fmt in runs:
            s = xml_escape(text).replace("  ", " <text:s/>")
            if fmt:
                out.append('<text:span text:style-name="%s">%s</text:span>' % (tstyle(fmt), s))
            else:
                out.append(s)
        return "".join(out)

    brk = [False]

    def pst(style):
        if not brk[0]:
            return style
        brk[0] = False
        return astyle('<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="%s">'
                      '<style:paragraph-properties fo:break-before="page"/></style:style>' % style)

    def para(style, inner):
        return '<text:p text:style-name="%s">%s</text:p>' % (pst(style), inner)

    body = []
    h1_color = color if r.random() < 0.6 else "#000000"
    h1_size = size + r.choice([4, 5, 6])
    h2_size = size + r.choice([2, 3])
    justify = "justify" if r.random() < 0.6 else "start"
    tables = [0]
    sections = [0]
    for b in P.blocks:
        t = b["t"]
        if t == "cover":
            body.append(para("CoverSmall", xml_escape(b["gov"])))
            body.append(para("CoverTitle", xml_escape(b["title"])))
            body.append(para("CoverSub", xml_escape(b["subtitle"])))
            body.append(para("CoverSmall", xml_escape(b["date"])))
        elif t == "pagebreak":
            brk[0] = True
        elif t == "startbody":
            pass
        elif t == "h":
            body.append(para("H1" if b["level"] == 1 else "H2", xml_escape(b["text"])))
        elif t == "chead":
            for i, (text, sz) in enumerate(b["lines"]):
                add = {"normal": 0, "large": 2, "Large": 4, "LARGE": 6}[sz]
                fmt = ("b" if b.get("bold") else "") + ("u" if b.get("underline") else "")
                props = ['fo:font-size="%.1fpt"' % (size + add)]
                if "b" in fmt:
                    props.append('fo:font-weight="bold"')
                if "u" in fmt:
                    props.append('style:text-underline-style="solid" style:text-underline-width="auto" '
                                 'style:text-underline-color="font-color"')
                shade = ('fo:background-color="#%s"' % b["shade"]) if b.get("shade") else ""
                keep = 'fo:keep-with-next="always"'
                st = astyle('<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="CHead">'
                            '<style:paragraph-properties fo:text-align="%s" %s %s %s/><style:text-properties %s/>'
                            '</style:style>' % ("center" if b.get("align") == "center" else "start", keep, shade,
                                                'fo:margin-top="0.1cm"' if i else "", " ".join(props)))
                body.append(para(st, xml_escape(text)))
        elif t == "p":
            body.append(para("Keep" if b.get("keep") else ("Small" if b.get("small") else "Body"), runs_xml(b["runs"])))
        elif t == "list":
            bullet = r.choice(["•", "–", "▪"])
            for i, it in enumerate(b["items"], 1):
                if b["kind"] == "bullet":
                    lab = bullet
                elif b["kind"] == "num":
                    lab = "%d." % i
                elif b["kind"] == "paren":
                    lab = "%d)" % i
                else:
                    lab = None
                inner = runs_xml(it["runs"])
                if lab is None:
                    body.append(para("ListPlain", inner))
                else:
                    body.append(para("ListSmall" if b.get("small") else "List", "%s<text:tab/>%s" % (xml_escape(lab), inner)))
        elif t == "table":
            tables[0] += 1
            body.append(fodt_table(P, b, tables[0], astyle, runs_xml, pst, pw - ml - mr))
        elif t == "cols":
            sections[0] += 1
            st = astyle('<style:style style:name="{name}" style:family="section"><style:section-properties '
                        'text:dont-balance-text-columns="false"><style:columns fo:column-count="%d" fo:column-gap="0.6cm"/>'
                        '</style:section-properties></style:style>' % b["n"])
            body.append('<text:section text:style-name="%s" text:name="Sect%d">' % (st, sections[0]))
        elif t == "endcols":
            body.append("</text:section>")
        elif t == "toc":
            raise RuntimeError("no contents page in Writer documents")
    if brk[0]:
        body.append(para("Body", ""))

    def ps(name, para_p="", text_p="", parent="Standard", tabs=False):
        tab = ('<style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops>' if tabs else "")
        return ('<style:style style:name="%s" style:family="paragraph" style:parent-style-name="%s">'
                '<style:paragraph-properties %s>%s</style:paragraph-properties><style:text-properties %s/>'
                '</style:style>' % (name, parent, para_p, tab, text_p))

    styles = "".join([
        '<style:default-style style:family="paragraph"><style:paragraph-properties fo:orphans="2" fo:widows="2"/>'
        '<style:text-properties style:font-name="%s" fo:font-size="%spt" fo:language="%s" fo:country="%s"/>'
        '</style:default-style>' % (font, size, lang, country),
        '<style:default-style style:family="table"><style:table-properties table:border-model="collapsing"/></style:default-style>',
        ps("Standard"),
        ps("Body", 'fo:text-align="%s" fo:margin-bottom="0.2cm" fo:line-height="115%%"' % justify),
        ps("Keep", 'fo:text-align="start" fo:margin-bottom="0.15cm" fo:keep-with-next="always"'),
        ps("Small", 'fo:text-align="start" fo:margin-bottom="0.15cm"', 'fo:font-size="%spt"' % (size - 1)),
        ps("List", 'fo:margin-left="0.9cm" fo:text-indent="-0.5cm" fo:margin-bottom="0.12cm"', "", tabs=True),
        ps("ListSmall", 'fo:margin-left="0.9cm" fo:text-indent="-0.5cm" fo:margin-bottom="0.08cm"',
           'fo:font-size="%spt"' % (size - 1), tabs=True),
        ps("ListPlain", 'fo:margin-left="0.5cm" fo:margin-bottom="0.12cm"'),
        ps("H1", 'fo:margin-top="0.5cm" fo:margin-bottom="0.3cm" fo:keep-with-next="always"',
           'style:font-name="%s" fo:font-size="%spt" fo:font-weight="bold" fo:color="%s"' % (hfont, h1_size, h1_color)),
        ps("H2", 'fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"',
           'style:font-name="%s" fo:font-size="%spt" fo:color="%s"%s' % (hfont, h2_size, color,
                                                                     ' fo:font-weight="bold"' if r.random() < 0.5 else "")),
        ps("CHead", 'fo:margin-top="0.45cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always" fo:keep-together="always"',
           'style:font-name="%s" fo:hyphenate="false"' % hfont),
        ps("CoverTitle", 'fo:text-align="center" fo:margin-top="3cm" fo:margin-bottom="1cm"',
           'style:font-name="%s" fo:font-size="26pt" fo:font-weight="bold" fo:color="%s"' % (hfont, color)),
        ps("CoverSub", 'fo:text-align="center" fo:margin-bottom="4cm"', 'fo:font-size="16pt"'),
        ps("CoverSmall", 'fo:text-align="center" fo:margin-top="1cm"', 'fo:font-size="13pt"'),
        ps("Cell", 'fo:text-align="start" fo:margin-bottom="0.05cm"', 'fo:font-size="%spt"' % (size - 1)),
        ps("Caption", 'fo:margin-bottom="0.15cm" fo:keep-with-next="always"', 'fo:font-size="%spt" fo:font-style="italic"' % (size - 1)),
        ps("Header", 'fo:text-align="%s"' % r.choice(["start", "end", "center"]), 'fo:font-size="8.5pt" fo:color="#555555"'),
        ps("Footer", 'fo:text-align="%s"' % r.choice(["center", "end"]), 'fo:font-size="9pt"'),
    ])
    layout = ('<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="%scm" '
              'fo:page-height="%scm" fo:margin-top="%scm" fo:margin-bottom="%scm" fo:margin-left="%scm" '
              'fo:margin-right="%scm"/><style:header-style><style:header-footer-properties fo:min-height="0cm" '
              'fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties '
              'fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>'
              % (pw, ph, mt, mb, ml, mr))
    master = '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
    if P.headers:
        hl, hr = P.headers
        htxt = xml_escape(hl) + (("<text:tab/>" if False else " | ") + xml_escape(hr) if hr else "")
        master += '<style:header><text:p text:style-name="Header">%s</text:p></style:header>' % htxt
    if P.footer:
        w = L["w"]
        pn = '<text:page-number text:select-page="current">1</text:page-number>'
        pc = '<text:page-count>1</text:page-count>'
        ftxt = {"page": "%s %s" % (w["page"], pn), "page_of": "%s %s %s %s" % (w["page"], pn, w["of"], pc),
                "bare": pn}[P.footer]
        master += '<style:footer><text:p text:style-name="Footer">%s</text:p></style:footer>' % ftxt
    master += "</style:master-page>"
    fonts = "".join('<style:font-face style:name="%s" svg:font-family="&apos;%s&apos;" style:font-pitch="variable"/>'
                    % (f, f) for f in ["Liberation Serif", "Liberation Sans", "DejaVu Sans", "DejaVu Serif"])
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.text"><office:meta><dc:title>%s</dc:title>'
            '<meta:generator>planmine make_plans.py</meta:generator></office:meta>'
            '<office:font-face-decls>%s</office:font-face-decls><office:styles>%s</office:styles>'
            '<office:automatic-styles>%s%s</office:automatic-styles><office:master-styles>%s</office:master-styles>'
            '<office:body><office:text>\n%s\n</office:text></office:body></office:document>\n'
            % (ns, xml_escape(P.name), fonts, styles, layout, "".join(auto), master, "\n".join(body)))


def fodt_table(P, b, tn, astyle, runs_xml, pst, width_cm):
    widths = b["widths"]
    grid = b.get("grid", True)
    out = []
    if b.get("caption"):
        out.append('<text:p text:style-name="%s">%s</text:p>' % (pst("Caption"), xml_escape(b["caption"])))
        brk_style = None
    tst = astyle('<style:style style:name="{name}" style:family="table"><style:table-properties style:width="%.2fcm" '
                 'table:align="margins" fo:margin-top="0.15cm" fo:margin-bottom="0.3cm"/></style:style>' % width_cm)
    # A page break pending before the table goes on the table itself.
    probe = pst("Body")
    if probe != "Body":
        tst = astyle('<style:style style:name="{name}" style:family="table"><style:table-properties style:width="%.2fcm" '
                     'table:align="margins" fo:margin-top="0.15cm" fo:margin-bottom="0.3cm" fo:break-before="page"/>'
                     '</style:style>' % width_cm)
    cols = []
    for w in widths:
        cs = astyle('<style:style style:name="{name}" style:family="table-column"><style:table-column-properties '
                    'style:column-width="%.3fcm" style:rel-column-width="%d*"/></style:style>' % (w * width_cm, int(w * 10000)))
        cols.append('<table:table-column table:style-name="%s"/>' % cs)
    rst = astyle('<style:style style:name="{name}" style:family="table-row"><style:table-row-properties '
                 'fo:keep-together="always"/></style:style>')
    cache = {}

    def cst(shade):
        if shade not in cache:
            border = 'fo:border="0.5pt solid #000000"' if grid else \
                'fo:border-bottom="0.4pt solid #888888" fo:border-top="none" fo:border-left="none" fo:border-right="none"'
            bg = 'fo:background-color="#%s"' % shade if shade else ""
            cache[shade] = astyle('<style:style style:name="{name}" style:family="table-cell"><style:table-cell-properties '
                                  'fo:padding="0.1cm" %s %s/></style:style>' % (border, bg))
        return cache[shade]

    xml = ['<table:table table:name="Table%d" table:style-name="%s">' % (tn, tst)] + cols
    if b.get("header"):
        xml.append('<table:table-header-rows><table:table-row table:style-name="%s">' % rst)
        for c in b["header"]:
            xml.append('<table:table-cell table:style-name="%s" office:value-type="string"><text:p text:style-name="Cell">'
                       '%s</text:p></table:table-cell>' % (cst(b.get("head_shade")), runs_xml(c)))
        xml.append("</table:table-row></table:table-header-rows>")
    for row in b["rows"]:
        xml.append('<table:table-row table:style-name="%s">' % rst)
        if row.get("span"):
            paras = "".join('<text:p text:style-name="Cell">%s</text:p>' % runs_xml(p) for p in row["cells"][0])
            xml.append('<table:table-cell table:style-name="%s" table:number-columns-spanned="%d" office:value-type="string">'
                       '%s</table:table-cell>' % (cst(row.get("shade")), row["span"], paras))
            xml.append("<table:covered-table-cell/>" * (row["span"] - 1))
        else:
            for ci, cell in enumerate(row["cells"]):
                shade = b.get("label_shade") if (ci == 0 and b.get("label_col")) else None
                paras = "".join('<text:p text:style-name="Cell">%s</text:p>' % runs_xml(p) for p in cell)
                xml.append('<table:table-cell table:style-name="%s" office:value-type="string">%s</table:table-cell>'
                           % (cst(shade), paras))
        xml.append("</table:table-row>")
    xml.append("</table:table>")
    out.append("".join(xml))
    return "\n".join(out)


def find_soffice():
    for exe in ("soffice", "libreoffice"):
        p = shutil.which(exe)
        if p:
            return p
    return None


def convert_writer(files, outdir, profile):
    cmd = [find_soffice(), "-env:UserInstallation=file://%s" % profile, "--headless", "--norestore",
           "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir] + files
    subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=1200)


# ----------------------------------------------------- reading back (pdftotext) ----

def pdf_pages_text(pdf):
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], stdout=subprocess.PIPE, check=True).stdout
    pages = out.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def model_text_before(P):
    """For each commitment: how often its normalized title occurs in the text printed before its
    own heading (contents pages, summary lists and tables, earlier prose)."""
    before = {}
    acc = []
    titles = {c["cid"]: norm(c["title"]) for c in P.commits}

    def texts(b):
        t = b["t"]
        if t == "cover":
            return [b["gov"], b["title"], b["subtitle"], b["date"]]
        if t == "h":
            return [b["text"]]
        if t == "chead":
            return [l[0] for l in b["lines"]]
        if t == "p":
            return ["".join(x for x, _ in b["runs"])]
        if t == "list":
            return ["".join(x for x, _ in it["runs"]) for it in b["items"]]
        if t == "table":
            out = ["".join(x for x, _ in c) for c in (b.get("header") or [])]
            for row in b["rows"]:
                out += ["".join(x for x, _ in p) for cell in row["cells"] for p in cell]
            return out
        if t == "toc":
            return [e[1] for e in b["entries"]]
        return []

    def note(cid, pre):
        before[cid] = pre.count(titles[cid])

    for b in P.blocks:
        t = b["t"]
        if t == "chead":
            note(b["cid"], norm("".join(acc)))
        elif t == "p" and b.get("cid"):
            note(b["cid"], norm("".join(acc)))
        elif t == "list":
            for it in b["items"]:
                if it.get("cid"):
                    note(it["cid"], norm("".join(acc)))
                acc.append("".join(x for x, _ in it["runs"]))
            continue
        elif t == "table":
            head = ["".join(x for x, _ in c) for c in (b.get("header") or [])]
            acc.extend(head)
            for row in b["rows"]:
                cells = row["cells"]
                for ci, cell in enumerate(cells):
                    if row.get("cid") and ci == row.get("mark_col", 0):
                        note(row["cid"], norm("".join(acc)))
                    acc.extend("".join(x for x, _ in p) for p in cell)
            continue
        acc.extend(texts(b))
    return before


def locate(P, pages):
    """Page (1-based) of the k-th occurrence of each commitment's title in the PDF text."""
    before = model_text_before(P)
    normed = [norm(p) for p in pages]
    starts, pos = [], 0
    for s in normed:
        starts.append(pos)
        pos += len(s)
    full = "".join(normed)
    found = {}
    for c in P.commits:
        key = norm(c["title"])
        k = before[c["cid"]]
        i = -1
        for _ in range(k + 1):
            i = full.find(key, i + 1)
            if i < 0:
                break
        if i < 0:
            found[c["cid"]] = None
            continue
        pg = max(j for j, s in enumerate(starts) if s <= i) + 1
        found[c["cid"]] = pg
    return found


# ------------------------------------------------------------------- driver ----

def build_model(name, family, seed, index, attempt, scale=1.0, hints=None):
    P = Plan(name, family, seed, index, attempt)
    P.scale = scale
    P.hints = hints or {}
    BUILDERS[family](P)
    number_sections(P)
    fill_toc(P)
    # every title distinct and none inside another, so the text search is unambiguous
    ts = [norm(c["title"]) for c in P.commits]
    for a in ts:
        if sum(1 for b in ts if a in b) != 1:
            raise Reject("title contained in another")
    return P


def check_pdf(P, pdf, marks):
    pages = pdf_pages_text(pdf)
    n = len(pages)
    if not 5 <= n <= 30:
        raise Reject("%d pages" % n)
    found = locate(P, pages)
    for c in P.commits:
        pg = found[c["cid"]]
        if pg is None and marks is not None and marks.get(c["cid"]):
            # pdftotext may interleave two close columns: then every word of the title
            # must at least be on the page TeX gives
            m = marks[c["cid"]]
            words = set(norm(x) for x in pages[m - 1].split())
            if all(norm(x) in words for x in c["title"].split() if norm(x)):
                pg = m
        if pg is None:
            raise Reject("title of %s not found in the PDF text" % c["cid"])
        if marks is not None:
            m = marks.get(c["cid"])
            if m != pg:
                raise Reject("%s: TeX mark on page %s, text on page %s" % (c["cid"], m, pg))
        c["first_page"] = pg
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--seeds", default="31,32,33")
    ap.add_argument("--docs-per-seed", type=int, default=7)
    ap.add_argument("--keep-src", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    for exe in ("pdflatex", "lualatex", "pdftotext"):
        if not shutil.which(exe):
            sys.exit("make_plans: %s not found (scripts/install-bench-deps.sh)" % exe)
    if not find_soffice():
        sys.exit("make_plans: soffice not found (scripts/install-bench-deps.sh)")
    seeds = [int(s) for s in a.seeds.split(",") if s.strip()]
    out = os.path.abspath(a.out)
    os.makedirs(os.path.join(out, "docs"), exist_ok=True)
    if a.keep_src:
        os.makedirs(os.path.join(out, "src"), exist_ok=True)
    t0 = time.time()
    jobs = []
    hints = {}
    for seed in seeds:
        # every family once, in random order, then a second numbered plan (the family
        # with the most variants: numbers that run on, restart per theme, 1.1-style, or
        # roman numerals with capitals), then random families
        rng = random.Random("plans-seed-%d" % seed)
        fams = FAMILIES[:]
        rng.shuffle(fams)
        extra = ["numbered"]
        while len(fams) + len(extra) < a.docs_per_seed:
            extra.append(rng.choice(FAMILIES))
        fams = (fams + extra)[:a.docs_per_seed]
        rng.shuffle(fams)
        rot = ["restart", "hier", "roman", "run"]
        modes = rot[seed % 4:] + rot[:seed % 4]
        latex_first = True
        for k, fam in enumerate(fams, 1):
            j = (seed, k, fam)
            jobs.append(j)
            hints[j] = {}
            if fam == "numbered":
                hints[j]["mode"] = modes.pop(0) if modes else None
                if latex_first:
                    hints[j]["engine"] = rng.choice(["pdflatex", "lualatex"])
                    latex_first = False
    work = tempfile.mkdtemp(prefix="make_plans-")
    done = {}
    attempts = {j: 0 for j in jobs}
    scales = {j: 1.0 for j in jobs}
    reasons = {j: [] for j in jobs}
    try:
        todo = list(jobs)
        while todo:
            models = {}
            for j in todo:
                seed, k, fam = j
                while True:
                    try:
                        P = build_model("", fam, seed, k, attempts[j], scales[j], hints[j])
                        break
                    except Reject as e:
                        reasons[j].append(str(e))
                        attempts[j] += 1
                P.name = "plan-s%d-%d-%s" % (seed, k, P.lang)
                models[j] = P
            retry = []
            # Writer documents: one soffice call for all of them
            wjobs = [j for j in todo if models[j].engine == "writer"]
            if wjobs:
                files = []
                for j in wjobs:
                    src = os.path.join(work, models[j].name + ".fodt")
                    with open(src, "w", encoding="utf-8") as f:
                        f.write(fodt_source(models[j]))
                    files.append(src)
                convert_writer(files, work, os.path.join(work, "profile"))
            results = {}
            for j in wjobs:
                results[j] = (os.path.join(work, models[j].name + ".pdf"), None)
            ljobs = [j for j in todo if models[j].engine != "writer"]

            def tex(j):
                d = os.path.join(work, "tex-%s" % models[j].name)
                os.makedirs(d, exist_ok=True)
                return run_latex(models[j], d)
            with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as ex:
                futs = {ex.submit(tex, j): j for j in ljobs}
                for fut in concurrent.futures.as_completed(futs):
                    j = futs[fut]
                    try:
                        results[j] = fut.result()
                    except RuntimeError as e:
                        reasons[j].append(str(e).splitlines()[0])
                        results[j] = (None, None)
            for j in todo:
                P = models[j]
                pdf, marks = results[j]
                try:
                    if not pdf or not os.path.exists(pdf):
                        raise Reject("no PDF")
                    n = check_pdf(P, pdf, marks)
                except Reject as e:
                    reasons[j].append(str(e))
                    attempts[j] += 1
                    m = re.match(r"(\d+) pages$", str(e))
                    if m:
                        scales[j] *= 1.5 if int(m.group(1)) < 5 else 0.7
                    if attempts[j] >= MAX_ATTEMPTS * 3:
                        raise SystemExit("make_plans: %s: no acceptable document: %s" % (j, "; ".join(reasons[j])))
                    retry.append(j)
                    continue
                shutil.copyfile(pdf, os.path.join(out, "docs", P.name + ".pdf"))
                if a.keep_src:
                    ext = ".fodt" if P.engine == "writer" else ".tex"
                    srcp = os.path.join(work, P.name + ext) if P.engine == "writer" else \
                        os.path.join(work, "tex-%s" % P.name, P.name + ".tex")
                    shutil.copyfile(srcp, os.path.join(out, "src", P.name + ext))
                done[j] = (P, n)
                print("%-22s %-9s %-8s %2d pages %2d commitments%s" % (
                    P.name + ".pdf", P.family, P.engine, n, len(P.commits),
                    " (attempt %d: %s)" % (attempts[j] + 1, "; ".join(reasons[j][-3:])) if attempts[j] else ""))
            todo = retry
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = ["\t".join(HEADER)]
    man = ["\t".join(["document", "family", "engine", "language", "pages", "commitments", "variant"])]
    for j in jobs:
        P, n = done[j]
        doc = P.name + ".pdf"
        for c in P.commits:
            rows.append("\t".join([doc, "plan", c["number"], c["title"], str(c["first_page"]), c["lead"],
                                   c["start"], c["end"], "", ";".join(c["themes"])]))
        man.append("\t".join([doc, P.family, P.engine, P.lang, str(n), str(len(P.commits)), " ".join(P.variant)]))
    with open(os.path.join(out, "commitments.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(man) + "\n")
    print("make_plans: %d documents, %d commitments in %s (%.1f s)"
          % (len(done), len(rows) - 1, out, time.time() - t0))


if __name__ == "__main__":
    main()
