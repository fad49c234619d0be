#!/usr/bin/env python3
"""make_latex: benchmark documents typeset by real LaTeX, with ground truth.

    python3 corpora/generator/latex/make_latex.py OUT_DIR [--seeds 1,2,3]
        [--families a,b] [--keep-tex] [--jobs N]

For every family and seed it writes OUT_DIR/docs/NAME.pdf, OUT_DIR/truth/NAME.txt
(the body text in reading order, as tests/layout_truth/CONVENTIONS.md defines
it) and OUT_DIR/truth/NAME.meta (furniture<TAB>text and compound<TAB>word
lines), NAME = FAMILY-sSEED. With --keep-tex the LaTeX sources are kept in
OUT_DIR/tex/.

The text comes from the prose banks beside this file (es, pt, en), mixed by
the seed; the layout (type size, paper, margins, fonts, column gaps, themes)
too. The generator knows nothing of any extractor: the truth is written from
the document's structure, and each document is checked after typesetting
(markers written by TeX at shipout tell on which page a footnote, a table or
a page's last paragraph landed, and where a wrapped box ends), so a document
whose layout does not match its truth is regenerated, never shipped.

Python standard library only; needs pdflatex and lualatex (TeX Live, see
scripts/install-bench-deps.sh).
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

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ beside the committed banks

import prose_en  # noqa: E402
import prose_es  # noqa: E402
import prose_pt  # noqa: E402

LANGS = [prose_es.LANG, prose_pt.LANG, prose_en.LANG]

FAMILIES = [
    "latex-twocol",
    "lualatex-twocol",
    "latex-pullquote",
    "latex-multicol3",
    "latex-wrapfig",
    "latex-footnotes",
    "latex-table",
    "latex-beamer",
]

MAX_ATTEMPTS = 6


class Reject(Exception):
    """The typeset document does not match its truth; build another."""


# ---------------------------------------------------------------- text ----

BULLET = "\u2022"


def collapse(s):
    return " ".join(s.split())


def tex_escape(s):
    """Plain Unicode text -> LaTeX source that prints exactly that text."""
    for bad in ('\\', '{', '}', '~', '^', '"', "'", '<', '>', '--', '`'):
        if bad in s:
            raise ValueError("unsupported character %r in text: %s" % (bad, s))
    return (s.replace("&", r"\&").replace("%", r"\%").replace("$", r"\$")
            .replace("#", r"\#").replace("_", r"\_"))


def cap(s):
    return s[:1].upper() + s[1:]


class Text:
    """Draws sentences from a language's bank, filling the slots."""

    def __init__(self, lang, rng):
        self.L = lang
        self.rng = rng
        self.used = set()
        self.topics_used = set()
        self.country = rng.choice(lang["countries"])
        self.y1 = rng.randint(2016, 2023)
        self.y2 = self.y1 + 2
        self.ordinal = rng.choice(lang["ordinals"][1:5])

    def date(self, year=None):
        L = self.L
        return L["date"].format(d=self.rng.randint(1, 28),
                                month=self.rng.choice(L["months"]),
                                year=year or self.y2)

    def fill(self, s):
        r = self.rng
        L = self.L
        inst = r.choice(L["insts"])
        vals = {
            "country": self.country, "country_cap": cap(self.country),
            "inst": inst, "inst_cap": cap(inst), "inst_of": inst,
            "n": r.randint(3, 40), "m": r.randint(2, 9),
            "pct": r.randint(12, 94), "year": r.randint(self.y1, self.y2),
            "y1": self.y1, "y2": self.y2, "month": r.choice(L["months"]),
            "ord": self.ordinal,
        }
        out = s.format(**vals)
        if L["code"] == "es":
            out = re.sub(r"\bde el\b", "del", out)
            out = re.sub(r"\ba el\b", "al", out)
        return out

    def pick(self, pool, k):
        """k distinct unused items of pool (reused only when it runs out)."""
        fresh = [s for s in pool if s not in self.used]
        if len(fresh) < k:
            fresh = list(pool)
        out = self.rng.sample(fresh, min(k, len(fresh)))
        self.used.update(out)
        return out

    def topic(self):
        """A topic not chosen before in this document, while there are any."""
        topics = self.L["topics"]
        fresh = [i for i in range(len(topics)) if i not in self.topics_used]
        i = self.rng.choice(fresh or range(len(topics)))
        self.topics_used.add(i)
        return topics[i]

    def sentences(self, topic, k, templates=True):
        """k sentences on `topic`, none used before in this document: when the
        topic runs out, unused sentences of other topics, then templates
        (whose numbers and names differ each time)."""
        r = self.rng
        pool = [s for s in topic["sents"] if s not in self.used]
        if len(pool) < k:
            others = [s for t in self.L["topics"] for s in t["sents"]
                      if s not in self.used and s not in pool]
            pool += r.sample(others, min(len(others), k - len(pool)))
        out = r.sample(pool, min(k, len(pool)))
        self.used.update(out)
        while len(out) < k:
            out.append(self.pick(self.L["templates"], 1)[0])
        if templates and k >= 3 and r.random() < 0.6:
            out[r.randrange(len(out))] = self.pick(self.L["templates"], 1)[0]
        return [self.fill(s) for s in out]

    def paragraph(self, topic, lo=3, hi=6):
        return " ".join(self.sentences(topic, self.rng.randint(lo, hi)))

    def compound_sentence(self):
        return self.fill(self.pick(self.L["compound_sents"], 1)[0])


# ----------------------------------------------------------- documents ----

class Doc:
    """LaTeX source and truth built side by side."""

    def __init__(self, family, seed, attempt, scale):
        self.family = family
        self.seed = seed
        self.name = "%s-s%d" % (family, seed)
        fam_index = FAMILIES.index(family)
        self.lang = LANGS[(seed + fam_index) % len(LANGS)]
        self.rng = random.Random(seed * 7919 + fam_index * 104729 + attempt)
        self.text = Text(self.lang, self.rng)
        self.scale = scale
        self.engine = "pdflatex"
        self.passes = 1
        self.preamble = []
        self.body = []
        self.pages = [[]]       # truth paragraphs per page
        self.notes = [[]]       # footnote truth per page
        self.known_pages = False
        self.expect = {}        # marker -> page it must land on
        self.header_strings = []
        self.footer_fmt = None  # with {p} and optionally {t}
        self.extra_furniture = []
        self.fn_count = 0
        self.fn_style = "super"
        self.pos_checks = []    # (marker above, marker below, min gap in pt)
        self.page_range = None  # (lo, hi) when pages are not known
        self.numbered = False

    # -- source and truth together
    def tex(self, s):
        self.body.append(s)

    def truth(self, s):
        self.pages[-1].append(collapse(s))

    def para(self, text, prefix=""):
        self.tex(prefix + tex_escape(text) + "\n\n")
        self.truth(text)

    def heading(self, text, cmd="section*"):
        self.tex("\\%s{%s}\n" % (cmd, tex_escape(text)))
        self.truth(text)

    def mark(self, name, page=None):
        self.tex("\\pmmark{%s}" % name)
        self.expect[name] = page if page is not None else len(self.pages)

    def new_page(self):
        self.mark("endpage%d" % len(self.pages))
        self.tex("\\clearpage\n")
        self.pages.append([])
        self.notes.append([])

    def footnote(self, text):
        """LaTeX for a footnote; its truth goes to the end of this page."""
        self.fn_count += 1
        k = self.fn_count
        mark = "%d." % k if self.fn_style == "dot" else str(k)
        self.notes[-1].append(mark + " " + collapse(text))
        self.expect["fn%d" % k] = len(self.pages)
        return "\\footnote{%s\\pmmark{fn%d}}" % (tex_escape(text), k)

    def itemize(self, items, numbered=False):
        env = "enumerate" if numbered else "itemize"
        self.tex("\\begin{%s}\n" % env)
        for i, it in enumerate(items, 1):
            self.tex("\\item %s\n" % tex_escape(it))
            self.truth(("%d. " % i if numbered else BULLET + " ") + it)
        self.tex("\\end{%s}\n" % env)

    # -- output
    def truth_text(self):
        out = []
        for body, notes in zip(self.pages, self.notes):
            out.append("\n\n".join(body + notes) + "\n")
        return "\f".join(out) if self.known_pages else "\n".join(out)

    def furniture(self, total):
        f = list(self.header_strings)
        if self.footer_fmt:
            for p in range(1, total + 1):
                f.append(self.footer_fmt.format(p=p, t=total))
        f.extend(self.extra_furniture)
        seen, out = set(), []
        for s in f:
            s = collapse(s)
            if s and s not in seen:
                seen.add(s)
                out.append(s)
        return out


COMPOUND_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)+$")
PUNCT = ".,;:()¿?¡!“”’«»"


def compounds_of(truth):
    seen, out = set(), []
    for w in truth.split():
        w = w.strip(PUNCT)
        if COMPOUND_RE.match(w) and w not in seen:
            seen.add(w)
            out.append(w)
    return out


# ------------------------------------------------------------ preamble ----

PDF_FONTS = [
    ("lmodern", "\\usepackage{lmodern}\n"),
    ("times", "\\usepackage{mathptmx}\n"),
    ("charter", "\\usepackage{charter}\n"),
    ("palatino", "\\usepackage{mathpazo}\n"),
]
LUA_FONTS = [
    ("latin-modern", ""),
    ("dejavu-serif", "\\setmainfont{DejaVu Serif}\n"),
]


def standard_preamble(d, docclass="article", options=(), geometry=None,
                      packages=(), fonts=None):
    L = d.lang
    p = []
    p.append("\\documentclass[%s]{%s}\n" % (",".join(options), docclass))
    if d.engine == "pdflatex":
        p.append("\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n")
        p.append(d.rng.choice(fonts or PDF_FONTS)[1])
        p.append("\\input{glyphtounicode}\\pdfgentounicode=1\n")
    else:
        # LuaTeX's document ID hashes the (temporary) path: fix it instead.
        pid = hashlib.md5(d.name.encode()).hexdigest().upper()
        p.append("\\pdfvariable trailerid {[<%s> <%s>]}\n" % (pid, pid))
        p.append("\\usepackage{fontspec}\n")
        p.append(d.rng.choice(fonts or LUA_FONTS)[1])
    if L["babel"] == "spanish":
        p.append("\\usepackage[spanish,es-noshorthands,es-noitemize]{babel}\n"
                 "\\spanishplainpercent\n")
    else:
        p.append("\\usepackage[%s]{babel}\n" % L["babel"])
    if geometry:
        p.append("\\usepackage[%s]{geometry}\n" % geometry)
    for pkg in packages:
        p.append("\\usepackage%s\n" % pkg)
    p.append(r"""\makeatletter
\newwrite\pm@out
\immediate\openout\pm@out=\jobname.pmk
\newcommand\pmmark[1]{\write\pm@out{#1 \thepage}}
\ifdefined\pdfsavepos
  \newcommand\pmpos[1]{\pdfsavepos\write\pm@out{#1 \thepage\space\the\pdflastypos}}
\else
  \newcommand\pmpos[1]{\savepos\write\pm@out{#1 \thepage\space\the\lastypos}}
\fi
\makeatother
\setlength{\emergencystretch}{2em}
""")
    d.preamble = p


def geometry_for(d, lo=1.8, hi=2.8):
    r = d.rng
    paper = r.choice(["a4paper", "letterpaper"])
    h = round(r.uniform(lo, hi), 1)
    v = round(r.uniform(lo, hi + 0.2), 1)
    return "%s,hmargin=%scm,vmargin=%scm,headheight=15pt" % (paper, h, v)


def running_furniture(d, right=True):
    """fancyhdr header and footer; their strings become furniture."""
    L, t, r = d.lang, d.text, d.rng
    left = t.fill(r.choice(L["headers"]))
    strings = [left]
    right_s = r.choice(L["headers_right"]) if right and r.random() < 0.7 else ""
    if right_s:
        strings.append(right_s)
    d.header_strings = strings
    d.footer_fmt = r.choice(L["footers"])
    foot_tex = tex_escape(d.footer_fmt.replace("{p}", "@P@").replace("{t}", "@T@"))
    foot_tex = foot_tex.replace("@P@", "\\thepage{}").replace("@T@", "\\pmtotal{}")
    rule = "0.4pt" if r.random() < 0.6 else "0pt"
    style = ("\\fancyhf{}\\fancyhead[L]{\\small %s}%s\\fancyfoot[C]{\\small %s}"
             "\\renewcommand{\\headrulewidth}{%s}"
             % (tex_escape(left),
                "\\fancyhead[R]{\\small %s}" % tex_escape(right_s) if right_s else "",
                foot_tex, rule))
    d.preamble.append("\\usepackage{fancyhdr}\n\\pagestyle{fancy}%s\n"
                      "\\fancypagestyle{plain}{%s}\n" % (style, style))


def title_block(d, full_width_cmd=None, abstract=False):
    """A title, author line(s) and date; full width in every family."""
    L, t, r = d.lang, d.text, d.rng
    title = t.fill(r.choice(L["titles"]))
    person = r.choice(L["people"])
    org = r.choice(L["orgs"] + L["insts_short"])
    date = t.date()
    style = r.choice(["maketitle", "custom"])
    abstract_text = None
    if abstract:
        abstract_text = t.paragraph(t.topic(), 3, 4)
    if style == "maketitle":
        d.preamble.append("\\title{%s}\n\\author{%s\\\\ %s}\n\\date{%s}\n"
                          % (tex_escape(title), tex_escape(person),
                             tex_escape(org), tex_escape(date)))
        d.tex("\\maketitle\n")
        for s in (title, person, org, date):
            d.truth(s)
        if abstract_text:
            d.tex("\\noindent\\textbf{%s.} %s\n\n"
                  % (tex_escape(L["abstract"]), tex_escape(abstract_text)))
            d.truth(L["abstract"] + ". " + abstract_text)
        return
    sub = r.choice(L["subtitles"])
    block = ("\\begin{center}{\\LARGE\\bfseries %s\\par}\\vspace{1.2ex}"
             "{\\large %s\\par}\\vspace{1.2ex}{\\normalsize %s, %s\\par}"
             "\\vspace{0.6ex}{\\small %s\\par}\\end{center}\n"
             % (tex_escape(title), tex_escape(sub), tex_escape(person),
                tex_escape(org), tex_escape(date)))
    for s in (title, sub, person + ", " + org, date):
        d.truth(s)
    if abstract_text:
        block += ("{\\small\\noindent\\textbf{%s:} %s\\par}\\vspace{2ex}\n"
                  % (tex_escape(L["abstract"]), tex_escape(abstract_text)))
        d.truth(L["abstract"] + ": " + abstract_text)
    if full_width_cmd == "twocolumn":
        d.tex("\\twocolumn[{%s}]\n" % block)
    else:
        d.tex(block)


def section_title(d, k, name):
    return ("%d. %s" % (k, name)) if d.numbered else name


def prose_sections(d, words, compounds=0, lists=True, sub_cmd="section*",
                   inset=None, first=True):
    """Sections of paragraphs until about `words` words; returns nothing.

    `compounds` sentences with compounds of their own are spread over the
    paragraphs; `inset(d)` is called once between two paragraphs."""
    L, t, r = d.lang, d.text, d.rng
    names = [L["sections"][0]] + r.sample(L["sections"][1:], len(L["sections"]) - 1)
    if not first:
        names = names[1:]
    written, k = 0, 0
    comp_left = compounds
    inset_done = inset is None
    list_done = not lists
    while written < words and k < len(names):
        k += 1
        topic = t.topic()
        d.heading(section_title(d, k, r.choice([names[k - 1]] + topic["heads"])
                                if k > 1 or not first else names[0]), sub_cmd)
        for j in range(r.randint(2, 4)):
            sents = t.sentences(topic, r.randint(3, 6))
            if comp_left > 0 and (r.random() < 0.5 or written > words * 0.6):
                sents.insert(r.randrange(len(sents) + 1), t.compound_sentence())
                comp_left -= 1
            text = " ".join(sents)
            d.para(text)
            written += len(text.split())
            if not inset_done and k >= 2 and j == 0:
                inset(d)
                inset_done = True
            if written >= words:
                break
        if not list_done and k >= 2 and written < words:
            items = t.sentences(topic, r.randint(3, 4), templates=False)
            d.itemize(items, numbered=r.random() < 0.35)
            written += sum(len(i.split()) for i in items)
            list_done = True
    while comp_left > 0:
        d.para(" ".join([t.compound_sentence()] + t.sentences(t.topic(), 2)))
        comp_left -= 1
    if not inset_done:
        inset(d)


# ------------------------------------------------------------ families ----

def build_twocol(d):
    r = d.rng
    if d.family.startswith("lualatex"):
        d.engine = "lualatex"
    size = r.choice([10, 11])
    standard_preamble(d, options=["%dpt" % size, "twocolumn"],
                      geometry=geometry_for(d, 1.6, 2.4))
    running_furniture(d)
    d.numbered = r.random() < 0.6
    title_block(d, full_width_cmd="twocolumn", abstract=r.random() < 0.5)
    per_page = {10: 800, 11: 680}[size] * (0.8 if "DejaVu" in "".join(d.preamble) else 1)
    words = int(per_page * r.uniform(2.0, 2.7) * d.scale)
    prose_sections(d, words, compounds=r.randint(4, 6))
    d.page_range = (2, 3)


def build_pullquote(d):
    r = d.rng
    size = r.choice([10, 11, 12])
    standard_preamble(d, options=["%dpt" % size],
                      geometry=geometry_for(d, 1.8, 2.6),
                      packages=["{multicol}", "{xcolor}"])
    running_furniture(d)
    d.numbered = r.random() < 0.5
    t, L = d.text, d.lang
    title_block(d)
    quotes = r.sample(L["quotes"], 3)

    def inset(d):
        q = "“" + quotes[2] + "”"
        who = r.choice(L["people"]) + ", " + r.choice(L["orgs"])
        frame = r.choice(["\\fcolorbox{black!70}{white}", "\\colorbox{black!8}"])
        d.tex("\\par\\medskip\\noindent\\hfill%s{\\begin{minipage}{%.2f\\linewidth}"
              "\\small\\itshape %s\\par\\smallskip\\upshape\\raggedleft %s\\par"
              "\\end{minipage}}\\hfill\\null\\par\\medskip\n"
              % (frame, r.uniform(0.72, 0.86), tex_escape(q), tex_escape(who)))
        d.truth(q)
        d.truth(who)

    per_page = {10: 650, 11: 550, 12: 450}[size]
    words = int(per_page * r.uniform(1.1, 1.5) * d.scale)
    d.tex("\\begin{multicols}{2}\n")
    prose_sections(d, words * 0.55, compounds=r.randint(1, 3), inset=inset,
                   lists=False)
    d.tex("\\end{multicols}\n")
    q = "“" + quotes[0] + "”"
    d.tex("\\begin{center}\\rule{%.2f\\textwidth}{0.6pt}\\par\\vspace{1ex}"
          "{\\%s\\itshape %s\\par}\\vspace{0.6ex}\\rule{%.2f\\textwidth}{0.6pt}"
          "\\end{center}\n"
          % (r.uniform(0.4, 0.7), r.choice(["Large", "LARGE", "large"]),
             tex_escape(q), r.uniform(0.4, 0.7)))
    d.truth(q)
    d.tex("\\begin{multicols}{2}\n")
    d.numbered = False
    prose_sections(d, words * 0.45, compounds=r.randint(0, 2), lists=r.random() < 0.5,
                   first=False)
    d.tex("\\end{multicols}\n")
    d.page_range = (1, 4)


def build_multicol3(d):
    r = d.rng
    size = r.choice([10, 11])
    sep = r.randint(6, 12)
    rule = r.choice(["0pt", "0.4pt"])
    standard_preamble(d, options=["%dpt" % size],
                      geometry=geometry_for(d, 1.4, 2.2),
                      packages=["{multicol}"])
    d.preamble.append("\\setlength{\\columnsep}{%dpt}\n"
                      "\\setlength{\\columnseprule}{%s}\n" % (sep, rule))
    running_furniture(d)
    d.numbered = r.random() < 0.5
    title_block(d, abstract=r.random() < 0.6)
    per_page = {10: 1100, 11: 900}[size]
    words = int(per_page * r.uniform(1.3, 1.9) * d.scale)
    d.tex("\\begin{multicols}{3}\n")
    prose_sections(d, words, compounds=r.randint(2, 4), sub_cmd="subsection*")
    d.tex("\\end{multicols}\n")
    d.page_range = (1, 3)


def build_wrapfig(d):
    r = d.rng
    size = r.choice([10, 11, 12])
    standard_preamble(d, options=["%dpt" % size],
                      geometry=geometry_for(d, 2.0, 3.0),
                      packages=["{wrapfig}", "{xcolor}"])
    running_furniture(d)
    d.preamble.append("\\newsavebox\\pmbox\\newcount\\pmlines\n")
    d.numbered = r.random() < 0.5
    d.known_pages = True
    t, L = d.text, d.lang
    sidebars = r.sample(L["sidebars"], 2)
    side = r.choice(["r", "l"])
    for page in range(2):
        if page == 0:
            title_block(d)
        else:
            side = "l" if side == "r" else "r"
        topic = t.topic()
        d.heading(section_title(d, page + 1, r.choice(topic["heads"])))
        d.para(t.paragraph(topic, 2, 3))
        # The box: a framed or shaded minipage, its height measured by TeX so
        # that the wrap's line count [N] always covers it.
        title, sents = sidebars[page]
        sents = [t.fill(s) for s in sents[:r.randint(2, 3)]]
        frac = r.uniform(0.34, 0.42)
        frame = r.choice(["\\fcolorbox{black!60}{black!8}",
                          "\\colorbox{black!10}", "\\fbox"])
        d.tex("\\sbox\\pmbox{%s{\\begin{minipage}{\\dimexpr%.2f\\textwidth-2\\fboxsep-2\\fboxrule\\relax}"
              "\\small\\raggedright\\textbf{%s}\\par\\smallskip %s\\pmpos{boxend%d}"
              "\\end{minipage}}}\n"
              "\\pmlines=\\numexpr(\\ht\\pmbox+\\dp\\pmbox)/\\baselineskip+2\\relax\n"
              "\\begin{wrapfigure}[\\the\\pmlines]{%s}{\\wd\\pmbox}\n"
              "\\usebox\\pmbox\n\\end{wrapfigure}\n"
              % (frame, frac, tex_escape(title), tex_escape(" ".join(sents)),
                 page, side))
        words = int(r.randint(230, 290) * d.scale)
        sents_p = []
        while sum(len(s.split()) for s in sents_p) < words:
            more = t.sentences(topic, 1, templates=False)
            if not more or more[0] in sents_p:
                more = [t.fill(t.pick(t.topic()["sents"], 1)[0])]
            sents_p.extend(more)
        if r.random() < 0.5:
            sents_p.insert(r.randrange(len(sents_p)), t.compound_sentence())
        p_text = " ".join(sents_p)
        d.tex(tex_escape(p_text) + "\\pmpos{pend%d}\n\n" % page)
        d.truth(p_text)
        d.truth(title)
        d.truth(" ".join(sents))
        d.pos_checks.append(("boxend%d" % page, "pend%d" % page))
        d.para(t.paragraph(t.topic(), 2, 4))
        if page == 0:
            d.new_page()
    d.mark("endpage%d" % len(d.pages))


def build_footnotes(d):
    r = d.rng
    size = r.choice([10, 11, 12])
    standard_preamble(d, options=["%dpt" % size],
                      geometry=geometry_for(d, 2.0, 3.0))
    running_furniture(d)
    d.fn_style = r.choice(["super", "dot"])
    if d.fn_style == "super":
        fn = r"\hb@xt@1.8em{\hss\@makefnmark}\hspace{0.4em}#1"
    else:
        fn = r"\hb@xt@1.8em{\hss\normalfont\@thefnmark.}\hspace{0.4em}#1"
    d.preamble.append("\\makeatletter\\renewcommand\\@makefntext[1]"
                      "{\\parindent 1em\\noindent%s}\\makeatother\n" % fn)
    d.numbered = r.random() < 0.5
    d.known_pages = True
    t, L = d.text, d.lang
    n_pages = r.choice([1, 2, 2])
    notes = t.pick(L["footnotes"], 8)
    for page in range(n_pages):
        if page == 0:
            title_block(d)
        n_fn = r.randint(2, 4)
        n_paras = max(2, int(r.randint(3, 5) * d.scale))
        topic = t.topic()
        d.heading(section_title(d, page + 1, r.choice(topic["heads"])))
        spots = sorted(r.sample(range(n_paras), min(n_fn, n_paras)))
        while len(spots) < n_fn:
            spots.append(r.randrange(n_paras))
        spots.sort()
        for i in range(n_paras):
            sents = t.sentences(topic, r.randint(3, 6))
            if r.random() < 0.25:
                sents.append(t.compound_sentence())
            tex_sents = [tex_escape(s) for s in sents]
            for j in sorted(r.sample(range(len(tex_sents)), spots.count(i))):
                tex_sents[j] += d.footnote(t.fill(notes.pop()))
            d.tex(" ".join(tex_sents) + "\n\n")
            d.truth(" ".join(sents))
        if page < n_pages - 1:
            d.new_page()
    d.mark("endpage%d" % len(d.pages))


def build_table(d):
    r = d.rng
    size = r.choice([10, 11, 12])
    shaded = r.random() < 0.5
    standard_preamble(d, options=["%dpt" % size],
                      geometry=geometry_for(d, 1.8, 2.6),
                      packages=["{array}", "[table]{xcolor}"])
    running_furniture(d)
    d.known_pages = True
    d.numbered = False
    t, L = d.text, d.lang
    heads = L["table_heads"]
    rules = r.random() < 0.6
    ncols = r.choice([2, 3, 4])
    kind = r.choice(["p", "m"])
    cols = {2: ["commitment", "notes"], 3: ["commitment", "inst", "notes"],
            4: ["commitment", "inst", "status", "notes"]}[ncols]
    if ncols == 3 and r.random() < 0.4:
        cols = ["commitment", "status", "notes"]
    ragged = ">{\\raggedright\\arraybackslash}" if r.random() < 0.7 else ""
    widths = {"commitment": 0.3, "inst": 0.22, "status": 0.16, "notes": 0.4}
    total = sum(widths[c] for c in cols)
    spec = ("|" if rules else "") + ("|" if rules else "").join(
        "%s%s{\\dimexpr%.3f\\textwidth-2\\tabcolsep\\relax}" % (ragged, kind, widths[c] / total * 0.97)
        for c in cols) + ("|" if rules else "")
    # Page 1: heading, introduction, the table with its caption.
    title_block(d)
    topic = t.topic()
    d.heading(r.choice(topic["heads"]))
    d.para(t.paragraph(topic, 2, 4))
    caption = "%s %d. %s" % (L["table_word"], r.randint(1, 4), r.choice(L["table_captions"]))
    cap_above = r.random() < 0.5
    d.tex("\\begin{center}\n")
    if cap_above:
        d.tex("{\\small %s\\par}\\vspace{1ex}\n" % tex_escape(caption))
        d.truth(caption)
    nrows = max(3, int(r.randint(4, 6) * d.scale))
    rows = [[heads[c] for c in cols]]
    for name, ti in r.sample(L["commitments"], nrows):
        row = []
        for c in cols:
            if c == "commitment":
                row.append(name)
            elif c == "inst":
                row.append(r.choice(L["insts_short"]))
            elif c == "status":
                row.append(r.choice(L["status"]))
            else:
                row.append(" ".join(t.sentences(L["topics"][ti], r.randint(1, 2), templates=False)))
        rows.append(row)
    d.tex("{\\small\\renewcommand{\\arraystretch}{1.25}\\begin{tabular}{%s}\n" % spec)
    if rules:
        d.tex("\\hline\n")
    for i, row in enumerate(rows):
        cells = [tex_escape(c) for c in row]
        if i == 0:
            cells = ["\\textbf{%s}" % c for c in cells]
            if shaded:
                d.tex("\\rowcolor{black!12}")
        d.tex(" & ".join(cells) + " \\\\")
        if rules and (i == 0 or r.random() < 0.7 or i == len(rows) - 1):
            d.tex("\\hline\n")
        elif not rules:
            d.tex("[%dpt]\n" % r.choice([3, 6]))
        else:
            d.tex("\n")
        d.truth("\n".join(row))
    d.tex("\\end{tabular}}\\pmmark{table1}\n")
    d.expect["table1"] = 1
    if not cap_above:
        d.tex("\\par\\vspace{1ex}{\\small %s\\par}\n" % tex_escape(caption))
        d.truth(caption)
    d.tex("\\end{center}\n")
    source = "%s %s." % (L["source_word"], r.choice(L["insts_short"]))
    d.para(source, prefix="\\noindent{\\small ")
    d.body[-1] = d.body[-1].rstrip("\n") + "\\par}\n\n"
    for _ in range(int(r.randint(1, 2) * d.scale)):
        d.para(t.paragraph(topic, 3, 5))
    d.new_page()
    # Page 2: the commitment sheet (label / value).
    name, ti = r.choice(L["commitments"])
    num = r.randint(1, 12)
    d.heading(L["sheet_title"].format(n=num, name=name), "subsection*")
    lab = L["sheet_labels"]
    topic = L["topics"][ti]
    m1, m2 = r.sample(L["months"], 2)
    person = r.choice(L["people"])
    email = "%s@%s.%s.example" % (
        person.split()[0].lower().translate(str.maketrans("áéíóúãõçâêô", "aeiouaocaeo")),
        r.choice(["transparencia", "datos", "planeamiento"]) if L["code"] != "en"
        else r.choice(["transparency", "opendata", "planning"]),
        "gob" if L["code"] == "es" else "gov")
    ms = r.sample(L["milestones"], r.randint(3, 4))
    ms_dates = [t.date(year=t.y1 + (i * 2) // len(ms)) for i in range(len(ms))]
    milestone_lines = ["%d. %s (%s)" % (i + 1, m, dt) for i, (m, dt) in enumerate(zip(ms, ms_dates))]
    n_long = 2 if d.scale < 1 else 3
    pairs = [
        ("dates", L["sheet_dates"].format(month1=m1, y1=t.y1, month2=m2, y2=t.y2)),
        ("inst", r.choice(L["insts_short"])),
        ("person", person),
        ("role", r.choice(L["roles"])),
        ("email", email),
        ("actors", ", ".join(r.sample(L["orgs"], 2))),
        ("problem", " ".join(t.sentences(topic, n_long, templates=False))),
        ("what", " ".join(t.sentences(topic, n_long - 1, templates=False))),
        ("how", " ".join(t.sentences(topic, n_long - 1, templates=False))),
        ("values", r.choice(L["values_answers"])),
        ("extra", r.choice(L["extra_answers"])),
        ("milestones", None),
    ]
    if d.scale < 0.9:
        pairs = [p for p in pairs if p[0] not in ("role", "extra")]
    lw = r.uniform(0.28, 0.36)
    sheet_rules = r.random() < 0.7
    vr = "|" if sheet_rules else ""
    d.tex("\\noindent{\\small\\renewcommand{\\arraystretch}{1.3}"
          "\\begin{tabular}{%sp{\\dimexpr%.3f\\textwidth-2\\tabcolsep\\relax}%s"
          "p{\\dimexpr%.3f\\textwidth-2\\tabcolsep\\relax}%s}\n"
          % (vr, lw, vr, 0.97 - lw, vr))
    if sheet_rules:
        d.tex("\\hline\n")
    for key, value in pairs:
        label = lab[key]
        if shaded:
            d.tex("\\cellcolor{black!10}")
        if key == "milestones":
            vt = "\\newline ".join(tex_escape(x) for x in milestone_lines)
            value = "\n".join(milestone_lines)
        else:
            vt = tex_escape(value)
        d.tex("\\textbf{%s} & %s \\\\%s\n" % (tex_escape(label), vt,
                                              "\\hline" if sheet_rules else "[4pt]"))
        d.truth(label + "\n" + value)
    d.tex("\\end{tabular}}\\pmmark{sheet}\n\n")
    d.expect["sheet"] = 2
    d.mark("endpage%d" % len(d.pages))


BEAMER_THEMES = ["default", "Madrid", "Warsaw", "CambridgeUS"]


def acronym(s):
    return "".join(w[0] for w in s.split() if w[:1].isupper())


def build_beamer(d):
    r = d.rng
    t, L = d.text, d.lang
    S = L["slides"]
    d.passes = 2
    d.known_pages = True
    theme = BEAMER_THEMES[(d.seed - 1) % len(BEAMER_THEMES)]
    aspect = r.choice(["169", "43"])
    standard_preamble(d, docclass="beamer", options=["aspectratio=%s" % aspect],
                      fonts=[PDF_FONTS[0]])
    pre = d.preamble
    if theme != "default":
        pre.append("\\usetheme{%s}\n" % theme)
    bullets_text = theme == "default" or r.random() < 0.4
    if bullets_text:
        pre.append("\\setbeamertemplate{itemize item}{\\textbullet}\n")
    else:
        pre.append("\\setbeamertemplate{itemize items}[ball]\n")
    title = t.fill(r.choice(L["titles"]))
    short_title = t.fill(r.choice(L["short_titles"]))
    sub = r.choice(L["subtitles"])
    person = r.choice(L["people"])
    parts = person.split()
    short_person = "%s. %s" % (parts[0][0], parts[-1])
    inst = r.choice(L["insts_short"])
    short_inst = acronym(inst)
    date = t.date()
    short_date = "%02d/%02d/%d" % (r.randint(1, 28), r.randint(1, 12), t.y2)
    pre.append("\\title[%s]{%s}\n\\subtitle{%s}\n\\author[%s]{%s}\n"
               "\\institute[%s]{%s}\n\\date[%s]{%s}\n"
               % tuple(tex_escape(x) for x in (short_title, title, sub, short_person,
                                               person, short_inst, inst, short_date, date)))
    sections = list(S["sections"]) if theme in ("Warsaw", "CambridgeUS") else []
    if theme == "default":
        pre.append("\\setbeamertemplate{footline}{\\hfill\\usebeamerfont{footline}"
                   "\\insertshorttitle\\quad\\insertframenumber/\\inserttotalframenumber"
                   "\\hspace*{1em}\\vspace*{1.5ex}}\n")
        d.extra_furniture = [short_title]
        frame_fmt = "{p}/{t}"
    elif theme == "Warsaw":
        d.extra_furniture = [short_person, short_title] + sections
        frame_fmt = None
    else:  # infolines: author (inst) | title | date n / N
        d.extra_furniture = ["%s (%s)" % (short_person, short_inst), short_title,
                             short_date] + sections
        frame_fmt = "{p} / {t}"
    d.footer_fmt = frame_fmt
    # Title frame.
    d.tex("\\begin{frame}\n\\titlepage\n\\end{frame}\n")
    for s in (title, sub, person, inst, date):
        d.truth(s)
    n_frames = r.randint(4, 7)
    titles = r.sample(S["frame_titles"], n_frames)
    kinds = ["bullets", "columns", "block", "blocks2"]
    r.shuffle(kinds)
    kinds = (kinds * 2)[:n_frames]
    fill = t.fill
    nb = lambda lo, hi: max(2, int(r.randint(lo, hi) * d.scale))
    item_prefix = BULLET + " " if bullets_text else ""

    def items(lst):
        d.tex("\\begin{itemize}\n")
        for it in lst:
            d.tex("\\item %s\n" % tex_escape(it))
            d.truth(item_prefix + it)
        d.tex("\\end{itemize}\n")

    step = max(1, (n_frames + 2) // 3)
    used_sections = []
    for i, (ft, kind) in enumerate(zip(titles, kinds)):
        if sections and i % step == 0 and i // step < len(sections):
            used_sections.append(sections[i // step])
            d.tex("\\section{%s}\n" % tex_escape(used_sections[-1]))
        d.pages.append([])
        d.notes.append([])
        d.tex("\\begin{frame}{%s}\n" % tex_escape(ft))
        d.truth(ft)
        if kind == "bullets":
            items([fill(s) for s in t.pick(S["bullets"], nb(3, 6))])
        elif kind == "block":
            bt, bx = r.choice(S["block_titles"]), fill(r.choice(S["block_texts"]))
            env = r.choice(["block", "alertblock", "exampleblock"])
            d.tex("\\begin{%s}{%s}\n%s\n\\end{%s}\n" % (env, tex_escape(bt), tex_escape(bx), env))
            d.truth(bt)
            d.truth(bx)
            items([fill(s) for s in t.pick(S["bullets"], nb(2, 4))])
        elif kind == "columns":
            a, b = r.choice(S["col_titles"])
            d.tex("\\begin{columns}[T]\n")
            for head in (a, b):
                d.tex("\\begin{column}{0.46\\textwidth}\n\\textbf{%s}\n" % tex_escape(head))
                d.truth(head)
                items([fill(s) for s in t.pick(S["bullets"], nb(2, 4))])
                d.tex("\\end{column}\n")
            d.tex("\\end{columns}\n")
        else:  # two blocks side by side
            d.tex("\\begin{columns}[T]\n")
            for bt in r.sample(S["block_titles"], 2):
                bx = fill(r.choice(S["block_texts"]))
                d.tex("\\begin{column}{0.46\\textwidth}\n\\begin{block}{%s}\n%s\n"
                      "\\end{block}\n\\end{column}\n" % (tex_escape(bt), tex_escape(bx)))
                d.truth(bt)
                d.truth(bx)
            d.tex("\\end{columns}\n")
        d.tex("\\end{frame}\n")
    # Closing frame.
    d.pages.append([])
    d.notes.append([])
    closing = r.choice([S["thanks"], S["questions"]])
    d.extra_furniture = [f for f in d.extra_furniture
                         if f not in sections or f in used_sections]
    d.tex("\\begin{frame}\n\\begin{center}{\\Large %s}\\par\\bigskip %s\\par %s\\end{center}\n\\end{frame}\n"
          % (tex_escape(closing), tex_escape(person), tex_escape(inst)))
    for s in (closing, person, inst):
        d.truth(s)


BUILDERS = {
    "latex-twocol": build_twocol,
    "lualatex-twocol": build_twocol,
    "latex-pullquote": build_pullquote,
    "latex-multicol3": build_multicol3,
    "latex-wrapfig": build_wrapfig,
    "latex-footnotes": build_footnotes,
    "latex-table": build_table,
    "latex-beamer": build_beamer,
}


# ---------------------------------------------------------- typesetting ----

def source(d, total):
    return ("".join(d.preamble) + "\\newcommand\\pmtotal{%d}\n" % total
            + "\\begin{document}\n" + "".join(d.body) + "\n\\end{document}\n")


# A fixed date makes the PDFs byte-for-byte reproducible.
TEX_ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FORCE_SOURCE_DATE="1")


def run_tex(d, work, total):
    path = os.path.join(work, d.name + ".tex")
    with open(path, "w", encoding="utf-8") as f:
        f.write(source(d, total))
    for _ in range(d.passes):
        p = subprocess.run([d.engine, "-interaction=nonstopmode", "-halt-on-error",
                            d.name + ".tex"], cwd=work, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=300, env=TEX_ENV)
    log = open(os.path.join(work, d.name + ".log"), encoding="latin-1").read()
    if p.returncode != 0 or not os.path.exists(os.path.join(work, d.name + ".pdf")):
        tail = "\n".join(l for l in log.splitlines() if l.startswith("!"))[:2000]
        raise RuntimeError("%s failed on %s:\n%s" % (d.engine, d.name, tail))
    m = re.search(r"Output written on .*?\((\d+) pages?", log, re.S)
    pages = int(m.group(1)) if m else 0
    marks = {}
    pmk = os.path.join(work, d.name + ".pmk")
    if os.path.exists(pmk):
        for line in open(pmk, encoding="utf-8", errors="replace"):
            f = line.split()
            if len(f) >= 2:
                marks[f[0]] = [int(x.rstrip("sp")) if re.match(r"^-?\d+(sp)?$", x) else x
                               for x in f[1:]]
    return pages, marks, log


def check(d, pages, marks, log):
    """Raises Reject when the PDF does not match the truth's assumptions."""
    # Multicol's balancing may leave a column a few points long (harmless to
    # the reading order); elsewhere an overfull page or frame is rejected.
    if d.known_pages:
        for pt in re.findall(r"Overfull \\vbox \(([\d.]+)pt too high\)", log):
            if float(pt) > 4:
                raise Reject("overfull vbox %spt" % pt)
    if "Package wrapfig Warning" in log:
        raise Reject("wrapfig warning")
    if d.known_pages and pages != len(d.pages):
        raise Reject("%d pages, expected %d" % (pages, len(d.pages)))
    if d.page_range and not d.page_range[0] <= pages <= d.page_range[1]:
        raise Reject("pages %d outside %s" % (pages, d.page_range))
    for name, page in d.expect.items():
        got = marks.get(name)
        if not got or got[0] != page:
            raise Reject("marker %s on page %s, expected %d" % (name, got, page))
    for above, below in d.pos_checks:
        a, b = marks.get(above), marks.get(below)
        if not a or not b or a[0] != b[0]:
            raise Reject("positions %s %s" % (a, b))
        # PDF y grows upwards: the paragraph must end at least two lines
        # (24pt) below the box's last line.
        if not b[1] < a[1] - 24 * 65536:
            raise Reject("paragraph ends beside the box")


def build_one(family, seed, out, keep_tex):
    scale = 1.0
    reasons = []
    for attempt in range(MAX_ATTEMPTS):
        d = Doc(family, seed, attempt, scale)
        BUILDERS[family](d)
        truth = d.truth_text()
        work = tempfile.mkdtemp(prefix="mklatex-")
        try:
            guess = len(d.pages) if d.known_pages else 2
            pages, marks, log = run_tex(d, work, guess)
            if d.footer_fmt and "{t}" in d.footer_fmt and pages != guess and pages:
                pages, marks, log = run_tex(d, work, pages)
            try:
                check(d, pages, marks, log)
                furniture = d.furniture(pages)
                flat = " " + collapse(truth) + " "
                for f in furniture:
                    if collapse(f) in flat:
                        raise Reject("furniture %r also in the body" % f)
            except Reject as e:
                reasons.append(str(e))
                msg = str(e)
                if ("pages" in msg and d.page_range and pages < d.page_range[0]
                        or "beside the box" in msg):
                    scale *= 1.2
                elif "furniture" not in msg:
                    scale *= 0.85
                continue
            shutil.copy(os.path.join(work, d.name + ".pdf"),
                        os.path.join(out, "docs", d.name + ".pdf"))
            if keep_tex:
                shutil.copy(os.path.join(work, d.name + ".tex"),
                            os.path.join(out, "tex", d.name + ".tex"))
            with open(os.path.join(out, "truth", d.name + ".txt"), "w",
                      encoding="utf-8") as f:
                f.write(truth)
            meta = ["furniture\t%s" % s for s in furniture]
            meta += ["compound\t%s" % c for c in compounds_of(truth)]
            meta.append("note\tlang=%s engine=%s pages=%d attempt=%d"
                        % (d.lang["code"], d.engine, pages, attempt))
            with open(os.path.join(out, "truth", d.name + ".meta"), "w",
                      encoding="utf-8") as f:
                f.write("\n".join(meta) + "\n")
            return d.name, pages, attempt, reasons
        finally:
            shutil.rmtree(work, ignore_errors=True)
    raise RuntimeError("%s-s%d: no acceptable layout after %d attempts: %s"
                       % (family, seed, MAX_ATTEMPTS, "; ".join(reasons)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--keep-tex", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    missing = [e for e in ("pdflatex", "lualatex") if not shutil.which(e)]
    if missing:
        sys.exit("make_latex: %s not found; install TeX Live with "
                 "scripts/install-bench-deps.sh" % " and ".join(missing))
    seeds = [int(s) for s in a.seeds.split(",") if s.strip()]
    fams = [f for f in a.families.split(",") if f]
    for f in fams:
        if f not in BUILDERS:
            sys.exit("make_latex: unknown family %s (known: %s)" % (f, ", ".join(FAMILIES)))
    for sub in ("docs", "truth") + (("tex",) if a.keep_tex else ()):
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)
    start = time.time()
    jobs = [(f, s) for s in seeds for f in fams]
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as ex:
        futs = {ex.submit(build_one, f, s, a.out, a.keep_tex): (f, s) for f, s in jobs}
        for fut in concurrent.futures.as_completed(futs):
            try:
                name, pages, attempt, reasons = fut.result()
                print("%-28s %d page(s)%s" % (
                    name, pages, " (attempt %d; rejected: %s)" % (attempt + 1, "; ".join(reasons))
                    if attempt else ""))
            except Exception as e:  # report every failure, then exit 1
                failed += 1
                print("make_latex: %s" % e, file=sys.stderr)
    print("make_latex: %d documents in %.1f s%s" % (len(jobs) - failed, time.time() - start,
                                                    ", %d failed" % failed if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
