#!/usr/bin/env python3
"""make_writer.py: LibreOffice Writer benchmark documents with reading-order ground truth.

    python3 corpora/generator/writer/make_writer.py OUT_DIR [--seeds 1,2,3]
                                                    [--families a,b] [--keep-src]

For every family and seed it writes a Flat ODF text document (.fodt), converts all of them
with one `soffice --headless --convert-to pdf` call (private profile), and writes

    OUT_DIR/docs/FAMILY-sSEED.pdf
    OUT_DIR/truth/FAMILY-sSEED.txt    body text in reading order (tests/layout_truth/CONVENTIONS.md)
    OUT_DIR/truth/FAMILY-sSEED.meta   furniture<TAB>text and compound<TAB>word lines

The truth is built from the same strings that go into the document, in the order the
conventions prescribe, never from the PDF.  Families whose truth depends on where pages
break (footnotes, boxes, sheets) use explicit page breaks; after conversion the generator
checks the PDF's page count and, when the content did not fit, regenerates that document
with less text.  Standard library only; needs soffice (libreoffice-writer-nogui).
"""

import argparse
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import bank_en  # noqa: E402
import bank_es  # noqa: E402
import bank_pt  # noqa: E402

BANKS = {"es": bank_es, "pt": bank_pt, "en": bank_en}
LANGS = ["es", "pt", "en"]
COUNTRY = {"es": "ES", "pt": "BR", "en": "US"}
# The topic of each entry of the banks' COMMITMENTS lists (same order in every language).
COMMITMENT_TOPICS = ["ownership", "procurement", "local", "budget", "local", "local",
                     "opendata", "budget", "local", "opendata", "access", "local",
                     "participation", "access"]
# The topic of each entry of the banks' BOX_TITLES lists.
BOX_TOPICS = ["ownership", "procurement", "access", "accountability", "local", "participation"]
FAMILIES = ["writer-columns", "writer-table", "writer-sheet", "writer-textbox",
            "writer-footnotes"]

# Fonts and a rough average character width (em fraction) used only to size content.
FONTS = {
    "Liberation Serif": ("roman", 0.47),
    "Liberation Sans": ("swiss", 0.52),
    "DejaVu Serif": ("roman", 0.58),
    "DejaVu Sans": ("swiss", 0.57),
}
PAPERS = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}
PT_PER_CM = 72 / 2.54


def nfc(s):
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", s).strip())


def x(s):
    """Text for an XML text node."""
    return escape(nfc(s))


def xs(s):
    """A run of text inside a paragraph (spaces at its ends kept)."""
    return escape(unicodedata.normalize("NFC", re.sub(r"\s+", " ", s)))


# ---------------------------------------------------------------------------
# Text source: sentences drawn without repetition from the language's bank.


class Text:
    def __init__(self, bank, rng):
        self.bank = bank
        self.rng = rng
        self.topics = list(bank.TOPICS)
        rng.shuffle(self.topics)
        self.pool = {}
        for t in self.topics:
            s = list(bank.TOPICS[t]["sentences"])
            rng.shuffle(s)
            self.pool[t] = s
        self.used_headings = set()
        self.ti = 0

    def next_topic(self):
        t = self.topics[self.ti % len(self.topics)]
        self.ti += 1
        return t

    def sentence(self, topic=None):
        order = ([topic] if topic else []) + self.topics
        for t in order:
            if self.pool[t]:
                return self.pool[t].pop()
        for t in self.topics:  # everything used: start again
            s = list(self.bank.TOPICS[t]["sentences"])
            self.rng.shuffle(s)
            self.pool[t] = s
        return self.sentence(topic)

    def sentences(self, n, topic=None):
        return [self.sentence(topic) for _ in range(max(1, n))]

    def para(self, lo, hi, topic=None):
        return " ".join(self.sentences(self.rng.randint(lo, hi), topic))

    def heading(self, topic):
        opts = [h for h in self.bank.TOPICS[topic]["headings"] if h not in self.used_headings]
        if not opts:
            opts = self.bank.TOPICS[topic]["headings"]
        h = self.rng.choice(opts)
        self.used_headings.add(h)
        return h


# ---------------------------------------------------------------------------
# The document: Flat ODF XML and the truth, built together.


class Doc:
    def __init__(self, name, family, seed, lang, rng, shrink=0):
        self.name, self.family, self.seed, self.lang = name, family, seed, lang
        self.rng, self.shrink = rng, shrink
        self.bank = BANKS[lang]
        self.text = Text(self.bank, rng)
        self.body = []
        self.auto = []
        self.n_auto = 0
        self.pages = [[]]          # truth blocks per page
        self.notes = [[]]          # footnote truth per page
        self.note_no = 0
        self.explicit_pages = False  # True: every page break is explicit (truth gets \f)
        self.break_next = False
        self.tables = 0
        self.frames = 0
        self.frame_log = []        # (anchored paragraph, frame paragraphs), for checks
        self.sections = 0
        # Geometry and typography, all from the seed.
        self.paper = rng.choice(list(PAPERS))
        self.pw, self.ph = PAPERS[self.paper]
        self.ml = rng.choice([1.8, 2.0, 2.5, 3.0])
        self.mr = rng.choice([1.8, 2.0, 2.5])
        self.mt = rng.choice([1.5, 2.0, 2.5])
        self.mb = rng.choice([1.5, 2.0])
        self.font = rng.choice(list(FONTS))
        self.hfont = rng.choice([self.font, self.font, "Liberation Sans", "DejaVu Sans"])
        self.size = rng.choice([10, 10.5, 11, 11.5, 12])
        self.justify = rng.random() < 0.7
        self.hyphenate = rng.random() < 0.5
        self.header = None
        self.footer_fmt = None
        self.cell_pad = 0.12       # cm
        self.table_fs = -0.5       # table text size relative to the body
        self.sheet_title_fs = 5    # sheet title size relative to the body

    # -- geometry helpers (estimates, used only to size content) --
    @property
    def tw(self):
        return self.pw - self.ml - self.mr

    def cpl(self, width_cm, size=None, font=None):
        size = size or self.size
        return max(8, width_cm * PT_PER_CM / (size * FONTS[font or self.font][1]))

    def lines(self, text, width_cm, size=None, font=None):
        return math.ceil(len(text) / self.cpl(width_cm, size, font) * 1.08) + 0.4

    def page_lines(self, size=None):
        size = size or self.size
        h = self.ph - self.mt - self.mb - (1.6 if self.header or self.footer_fmt else 0)
        return h * PT_PER_CM / (size * 1.2)

    def budget(self):
        return 1.0 - 0.15 * self.shrink

    # -- styles --
    def auto_style(self, xml_fmt):
        self.n_auto += 1
        name = f"A{self.n_auto}"
        self.auto.append(xml_fmt.format(name=name))
        return name

    def furniture(self, header, footer_fmt):
        self.header, self.footer_fmt = header, footer_fmt

    # -- truth --
    def truth(self, text):
        self.pages[-1].append(nfc(text))

    def page_break(self):
        self.break_next = True
        self.pages.append([])
        self.notes.append([])

    def _pstyle(self, style):
        if not self.break_next:
            return style
        self.break_next = False
        return self.auto_style(
            '<style:style style:name="{name}" style:family="paragraph" '
            f'style:parent-style-name="{style}"><style:paragraph-properties '
            'fo:break-before="page"/></style:style>')

    # -- content --
    def p(self, text, style="Body", truth=True):
        """A paragraph. `text` is a string or a list of strings and ("note", text) pairs."""
        segs = [text] if isinstance(text, str) else text
        xml, plain = [], []
        for seg in segs:
            if isinstance(seg, tuple):
                self.note_no += 1
                n = self.note_no
                xml.append(
                    f'<text:note text:id="ftn{n}" text:note-class="footnote">'
                    f'<text:note-citation>{n}</text:note-citation><text:note-body>'
                    f'<text:p text:style-name="Footnote">{x(seg[1])}</text:p>'
                    '</text:note-body></text:note>')
                self.notes[-1].append(f"{n} {nfc(seg[1])}")
            else:
                xml.append(xs(seg))
                plain.append(seg)
        style = self._pstyle(style)
        self.body.append(f'<text:p text:style-name="{style}">{"".join(xml)}</text:p>')
        if truth:
            self.truth("".join(plain))

    def section_begin(self, ncols, gap_cm, sep):
        self.sections += 1
        sep_xml = ('<style:column-sep style:width="0.02cm" style:color="#000000" '
                   'style:height="100%" style:vertical-align="top"/>' if sep else "")
        cols = "".join('<style:column style:rel-width="1000*" fo:start-indent="{0}cm" '
                       'fo:end-indent="{1}cm"/>'.format(0 if i == 0 else gap_cm / 2,
                                                         0 if i == ncols - 1 else gap_cm / 2)
                       for i in range(ncols))
        st = self.auto_style(
            '<style:style style:name="{name}" style:family="section">'
            '<style:section-properties text:dont-balance-text-columns="false" '
            f'style:editable="false"><style:columns fo:column-count="{ncols}" '
            f'fo:column-gap="{gap_cm}cm">{sep_xml}{cols}</style:columns>'
            '</style:section-properties></style:style>')
        self.body.append(f'<text:section text:style-name="{st}" '
                         f'text:name="Section{self.sections}">')

    def section_end(self):
        self.body.append("</text:section>")

    def table(self, rows, widths, borders="grid", valign="top", head_shade=None,
              label_shade=None, width_cm=None, nested=False):
        """rows: list of rows; a cell is a str, a list of str (paragraphs), or a dict
        {"paras": [...], "span": n, "bold": b, "shade": color, "table": (rows, widths, kw)}.
        The first row is a header row when head_shade is not False."""
        self.tables += 1
        tn = self.tables
        width_cm = width_cm or self.tw
        total = sum(widths)
        cw = [width_cm * w / total for w in widths]
        # No column narrower than its longest word (LibreOffice would break that
        # word without a hyphen): widen it and take the room from the others.
        fs = self.size + self.table_fs
        need = [0.0] * len(cw)
        for row in rows:
            ci = 0
            for cell in row:
                paras = cell.get("paras", []) if isinstance(cell, dict) else \
                    ([cell] if isinstance(cell, str) else cell)
                span = cell.get("span", 1) if isinstance(cell, dict) else 1
                if span == 1:
                    for para in paras:
                        for w in para.split():
                            wcm = len(w) * fs * FONTS[self.font][1] * 1.25 / PT_PER_CM
                            need[ci] = max(need[ci], wcm + 2 * self.cell_pad + 0.15)
                ci += span
        for _ in range(3):
            short = [i for i in range(len(cw)) if cw[i] < need[i]]
            if not short:
                break
            extra = sum(need[i] - cw[i] for i in short)
            donors = [i for i in range(len(cw)) if i not in short]
            room = sum(cw[i] - need[i] for i in donors)
            if room <= 0:
                break
            take = min(1.0, extra / room)
            for i in short:
                cw[i] = need[i] * take + cw[i] * (1 - take) if take < 1 else need[i]
            for i in donors:
                cw[i] -= (cw[i] - need[i]) * take
        tst = self.auto_style(
            '<style:style style:name="{name}" style:family="table">'
            f'<style:table-properties style:width="{width_cm:.3f}cm" table:align="margins" '
            f'fo:margin-top="{0 if nested else 0.15}cm" fo:margin-bottom="{0 if nested else 0.3}cm"/>'
            '</style:style>')
        cols = []
        for w in cw:
            cs = self.auto_style(
                '<style:style style:name="{name}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{w:.3f}cm" '
                f'style:rel-column-width="{int(w * 1000)}*"/></style:style>')
            cols.append(f'<table:table-column table:style-name="{cs}"/>')
        rst = self.auto_style(
            '<style:style style:name="{name}" style:family="table-row">'
            '<style:table-row-properties fo:keep-together="always"/></style:style>')

        def cell_style(shade, top, bottom):
            if borders == "grid":
                b = 'fo:border="0.5pt solid #000000"'
            elif borders == "rules":
                b = (f'fo:border-top="{"0.8pt solid #000000" if top else "none"}" '
                     f'fo:border-bottom="{"0.8pt solid #000000" if bottom else "0.3pt solid #808080"}" '
                     'fo:border-left="none" fo:border-right="none"')
            else:
                b = 'fo:border="none"'
            bg = f'fo:background-color="{shade}"' if shade else 'fo:background-color="transparent"'
            return self.auto_style(
                '<style:style style:name="{name}" style:family="table-cell">'
                f'<style:table-cell-properties style:vertical-align="{valign}" '
                f'fo:padding="{self.cell_pad}cm" {b} {bg}/></style:style>')

        xml = [f'<table:table table:name="Table{tn}" table:style-name="{tst}">'] + cols
        cache = {}
        for ri, row in enumerate(rows):
            xml.append(f'<table:table-row table:style-name="{rst}">')
            for ci, cell in enumerate(row):
                if not isinstance(cell, dict):
                    cell = {"paras": [cell] if isinstance(cell, str) else cell}
                is_head = ri == 0 and head_shade is not False
                shade = cell.get("shade")
                if shade is None:
                    if is_head and head_shade:
                        shade = head_shade
                    elif ci == 0 and label_shade and not is_head:
                        shade = label_shade
                key = (shade, ri == 0, ri == len(rows) - 1)
                if key not in cache:
                    cache[key] = cell_style(*key)
                span = cell.get("span", 1)
                sp = f' table:number-columns-spanned="{span}"' if span > 1 else ""
                xml.append(f'<table:table-cell table:style-name="{cache[key]}"{sp} '
                           'office:value-type="string">')
                bold = cell.get("bold", is_head)
                pst = "TableHeading" if bold else "TableContents"
                for para in cell.get("paras", []):
                    xml.append(f'<text:p text:style-name="{pst}">{x(para)}</text:p>')
                    self.truth(para)
                if "table" in cell:
                    nrows, nwidths, kw = cell["table"]
                    inner = sum(cw[ci:ci + span]) - 0.3
                    saved, self.body = self.body, []
                    self.table(nrows, nwidths, width_cm=inner, nested=True, **kw)
                    xml.extend(self.body)
                    self.body = saved
                xml.append("</table:table-cell>")
                for _ in range(span - 1):
                    xml.append("<table:covered-table-cell/>")
            xml.append("</table:table-row>")
        xml.append("</table:table>")
        self.body.append("".join(xml))

    def frame_para(self, text, frame_paras, side, width_cm, shaded, bordered):
        """A paragraph with a text frame anchored to it; text wraps on the free side.
        Truth: the paragraph, then the frame's text (conventions rule 4)."""
        self.frames += 1
        fill = (f'fo:background-color="{shaded}" draw:fill="solid" draw:fill-color="{shaded}"'
                if shaded else 'fo:background-color="transparent" draw:fill="none"')
        border = 'fo:border="0.75pt solid #3b4a5a"' if bordered else 'fo:border="none"'
        gap = "0.35cm"
        margins = (f'fo:margin-left="0cm" fo:margin-right="{gap}"' if side == "left"
                   else f'fo:margin-left="{gap}" fo:margin-right="0cm"')
        wrap = "right" if side == "left" else "left"
        st = self.auto_style(
            '<style:style style:name="{name}" style:family="graphic" '
            'style:parent-style-name="Frame">'
            f'<style:graphic-properties {margins} fo:margin-top="0cm" fo:margin-bottom="0.2cm" '
            f'style:wrap="{wrap}" style:number-wrapped-paragraphs="no-limit" '
            'style:wrap-contour="false" style:vertical-pos="top" style:vertical-rel="paragraph" '
            f'style:horizontal-pos="{side}" style:horizontal-rel="paragraph" {fill} '
            f'fo:padding="0.2cm" {border}/></style:style>')
        inner = "".join(f'<text:p text:style-name="{s}">{x(t)}</text:p>' for s, t in frame_paras)
        fxml = (f'<draw:frame draw:style-name="{st}" draw:name="Frame{self.frames}" '
                f'text:anchor-type="paragraph" svg:width="{width_cm}cm" draw:z-index="{self.frames}">'
                f'<draw:text-box fo:min-height="0.5cm">{inner}</draw:text-box></draw:frame>')
        style = self._pstyle("Body")
        self.body.append(f'<text:p text:style-name="{style}">{fxml}{x(text)}</text:p>')
        self.frame_log.append((text, frame_paras))
        self.truth(text)
        for _, t in frame_paras:
            self.truth(t)

    # -- output --
    def fodt(self):
        lang, country = self.lang, COUNTRY[self.lang]
        fonts = "".join(
            f'<style:font-face style:name="{f}" svg:font-family="&apos;{f}&apos;" '
            f'style:font-family-generic="{g}" style:font-pitch="variable"/>'
            for f, (g, _) in FONTS.items())
        s = self.size
        align = "justify" if self.justify else "start"
        hyph = ('fo:hyphenate="true" fo:hyphenation-remain-char-count="2" '
                'fo:hyphenation-push-char-count="2"' if self.hyphenate else 'fo:hyphenate="false"')
        hf = self.hfont

        def pstyle(name, parent="Standard", para="", text="", cls="text"):
            return (f'<style:style style:name="{name}" style:family="paragraph" '
                    f'style:parent-style-name="{parent}" style:class="{cls}">'
                    f'<style:paragraph-properties {para}/><style:text-properties {text}/>'
                    '</style:style>')

        title_align = getattr(self, "title_align", "start")
        styles = "".join([
            '<style:default-style style:family="paragraph">'
            '<style:paragraph-properties fo:orphans="2" fo:widows="2" style:writing-mode="lr-tb"/>'
            f'<style:text-properties style:font-name="{self.font}" fo:font-size="{s}pt" '
            f'fo:language="{lang}" fo:country="{country}" fo:hyphenate="false"/>'
            '</style:default-style>',
            '<style:default-style style:family="table"><style:table-properties '
            'table:border-model="collapsing"/></style:default-style>',
            pstyle("Standard"),
            pstyle("Body", para=f'fo:text-align="{align}" fo:margin-top="0cm" '
                   'fo:margin-bottom="0.22cm" fo:line-height="115%"', text=hyph),
            pstyle("Title", para=f'fo:text-align="{title_align}" fo:margin-bottom="0.45cm" '
                   'fo:keep-with-next="always"',
                   text=f'style:font-name="{hf}" fo:font-size="{s + 7}pt" fo:font-weight="bold"',
                   cls="chapter"),
            pstyle("Heading1", para='fo:margin-top="0.35cm" fo:margin-bottom="0.25cm" '
                   'fo:keep-with-next="always"',
                   text=f'style:font-name="{hf}" fo:font-size="{s + 3}pt" fo:font-weight="bold"'),
            pstyle("Heading2", para='fo:margin-top="0.25cm" fo:margin-bottom="0.15cm" '
                   'fo:keep-with-next="always"',
                   text=f'style:font-name="{hf}" fo:font-size="{s + 1}pt" fo:font-weight="bold"'),
            pstyle("Band", para='fo:text-align="center" fo:margin-top="0.2cm" '
                   'fo:margin-bottom="0.3cm" fo:margin-left="1cm" fo:margin-right="1cm"',
                   text=f'fo:font-size="{s + 1}pt" fo:font-style="italic"'),
            pstyle("Callout", parent="Body", para='fo:margin-left="0.8cm" fo:margin-right="0.8cm" '
                   'fo:padding="0.2cm" fo:border="0.5pt solid #5a6b7b" '
                   'fo:background-color="#eef2f6" fo:margin-bottom="0.3cm" fo:text-align="start"'),
            pstyle("SheetTitle", para='fo:text-align="center" fo:margin-top="0.2cm" '
                   'fo:margin-bottom="0.4cm" fo:keep-with-next="always"',
                   text=f'style:font-name="{hf}" fo:font-size="{s + self.sheet_title_fs}pt" '
                   'fo:font-weight="bold"'),
            pstyle("TableContents", para='fo:text-align="start" fo:margin-bottom="0.05cm"',
                   text=f'fo:font-size="{s + self.table_fs}pt"'),
            pstyle("TableHeading", parent="TableContents",
                   para='fo:text-align="start" fo:margin-bottom="0.05cm"',
                   text=f'fo:font-size="{s + self.table_fs}pt" fo:font-weight="bold"'),
            pstyle("Caption", para='fo:margin-top="0.15cm" fo:margin-bottom="0.2cm" '
                   'fo:keep-with-next="auto"',
                   text=f'fo:font-size="{s - 1}pt" fo:font-style="italic"'),
            pstyle("BoxTitle", para='fo:margin-bottom="0.12cm" fo:text-align="start"',
                   text=f'style:font-name="{hf}" fo:font-size="{s - 1}pt" fo:font-weight="bold"'),
            pstyle("BoxText", para='fo:margin-bottom="0.1cm" fo:text-align="start"',
                   text=f'fo:font-size="{s - 1.5}pt"'),
            pstyle("Header", para=f'fo:text-align="{getattr(self, "header_align", "end")}"',
                   text='fo:font-size="8.5pt" fo:color="#555555"', cls="extra"),
            pstyle("Footer", para=f'fo:text-align="{getattr(self, "footer_align", "center")}"',
                   text='fo:font-size="8.5pt" fo:color="#555555"', cls="extra"),
            pstyle("Footnote", para='fo:margin-left="0.5cm" fo:text-indent="-0.5cm" '
                   'fo:margin-bottom="0.05cm"', text=f'fo:font-size="{s - 2}pt"', cls="extra"),
            # Without a "Frame" parent LibreOffice imports a draw:frame as a drawing
            # shape and drops its paragraph styles; with it, a Writer text frame.
            '<style:style style:name="Frame" style:family="graphic"><style:graphic-properties '
            'text:anchor-type="paragraph" svg:x="0cm" svg:y="0cm" style:wrap="parallel" '
            'style:number-wrapped-paragraphs="no-limit" style:wrap-contour="false" '
            'style:vertical-pos="top" style:vertical-rel="paragraph-content" '
            'style:horizontal-pos="center" style:horizontal-rel="paragraph-content"/>'
            '</style:style>',
            '<text:notes-configuration text:note-class="footnote" style:num-format="1" '
            'text:start-value="0" text:footnotes-position="page" '
            'text:start-numbering-at="document"/>',
        ])
        hfmin = ('<style:header-style><style:header-footer-properties fo:min-height="0cm" '
                 'fo:margin-bottom="0.45cm"/></style:header-style>'
                 '<style:footer-style><style:header-footer-properties fo:min-height="0cm" '
                 'fo:margin-top="0.45cm"/></style:footer-style>')
        layout = (
            '<style:page-layout style:name="pm1"><style:page-layout-properties '
            f'fo:page-width="{self.pw}cm" fo:page-height="{self.ph}cm" '
            'style:print-orientation="portrait" '
            f'fo:margin-top="{self.mt}cm" fo:margin-bottom="{self.mb}cm" '
            f'fo:margin-left="{self.ml}cm" fo:margin-right="{self.mr}cm" style:writing-mode="lr-tb">'
            '<style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" '
            'style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" '
            'style:rel-width="25%" style:color="#000000"/></style:page-layout-properties>'
            f'{hfmin}</style:page-layout>')
        master = '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
        if self.header:
            master += (f'<style:header><text:p text:style-name="Header">{x(self.header)}'
                       '</text:p></style:header>')
        if self.footer_fmt:
            parts = re.split(r"(\{k\}|\{n\})", self.footer_fmt)
            fx = ""
            for part in parts:
                if part == "{k}":
                    fx += '<text:page-number text:select-page="current">1</text:page-number>'
                elif part == "{n}":
                    fx += '<text:page-count>1</text:page-count>'
                else:
                    fx += escape(part)
            master += f'<style:footer><text:p text:style-name="Footer">{fx}</text:p></style:footer>'
        master += "</style:master-page>"
        ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
              'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
              'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
              'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
              'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/" '
              'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document {ns} office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.text">'
            f'<office:meta><dc:title>{x(self.name)}</dc:title>'
            '<meta:generator>planmine make_writer.py</meta:generator></office:meta>'
            f'<office:font-face-decls>{fonts}</office:font-face-decls>'
            f'<office:styles>{styles}</office:styles>'
            f'<office:automatic-styles>{layout}{"".join(self.auto)}</office:automatic-styles>'
            f'<office:master-styles>{master}</office:master-styles>'
            '<office:body><office:text>\n' + "\n".join(self.body) +
            '\n</office:text></office:body></office:document>\n')

    def truth_text(self):
        pages = []
        for blocks, notes in zip(self.pages, self.notes):
            pages.append("\n\n".join(blocks + notes) + "\n")
        return ("\f" if self.explicit_pages else "\n").join(pages)

    def footer_strings(self, npages):
        if not self.footer_fmt:
            return []
        return [nfc(self.footer_fmt.format(k=k, n=npages)) for k in range(1, npages + 1)]

    def meta_text(self, npages):
        lines = []
        if self.header:
            lines.append(f"furniture\t{nfc(self.header)}")
        for f in self.footer_strings(npages):
            lines.append(f"furniture\t{f}")
        seen = []
        for w in self.truth_text().split():
            w = w.strip(".,;:!?¿¡()[]«»“”\"'’")
            if re.search(r"\w-\w", w) and w not in seen:
                seen.append(w)
        lines += [f"compound\t{w}" for w in seen]
        return "\n".join(lines) + "\n"

    def expected_pages(self):
        return len(self.pages) if self.explicit_pages else None


# ---------------------------------------------------------------------------
# Families


def setup_furniture(d, force=False):
    b, rng = d.bank, d.rng
    if force or rng.random() < 0.75:
        d.header = rng.choice(b.HEADER_NAMES)
        d.header_align = rng.choice(["start", "center", "end"])
        fmt = rng.choice(b.FOOTER_FORMATS)
        d.footer_fmt = fmt.replace("{doc}", rng.choice(b.FOOTER_SHORT))
        d.footer_align = rng.choice(["center", "end"])


def fam_columns(d):
    rng, t, b = d.rng, d.text, d.bank
    setup_furniture(d, force=True)
    d.title_align = rng.choice(["start", "center"])
    d.p(rng.choice(b.TITLES), "Title")
    d.p(t.para(3, 4, t.next_topic()), "Body")
    ncols = rng.choice([2, 3])
    gap = rng.choice([0.2, 0.25, 0.3, 0.4, 0.5, 0.6])
    sep = rng.random() < 0.35
    nsections = rng.choice([2, 2, 3])
    scale = d.budget()
    for si in range(nsections):
        if si > 0:
            band = rng.choice(["heading", "para", "both"])
            topic = t.next_topic()
            if band in ("heading", "both"):
                d.p(t.heading(topic), "Heading1")
            if band in ("para", "both"):
                d.p(t.para(1, 2, topic), "Band")
            ncols = rng.choice([ncols, 2, 3])
        d.section_begin(ncols, gap, sep)
        for _ in range(rng.choice([2, 2, 3])):
            topic = t.next_topic()
            d.p(t.heading(topic), "Heading2")
            for _ in range(rng.choice([1, 2, 2])):
                d.p(t.para(max(2, int(3 * scale)), max(2, int(5 * scale)), topic), "Body")
        d.section_end()


def plan_dates(d):
    rng = d.rng
    year = rng.choice([2023, 2024, 2025])
    style = rng.randrange(3)
    out = []
    for _ in range(rng.randint(4, 6)):
        m1 = rng.randint(1, 12)
        y2 = year + rng.choice([0, 1, 1, 2])
        m2 = rng.randint(1, 12) if y2 > year else rng.randint(m1, 12)
        out.append((d.bank.date(rng, year, m1, style), d.bank.date(rng, y2, m2, style)))
    return out


def fam_table(d):
    rng, t, b = d.rng, d.text, d.bank
    setup_furniture(d)
    d.title_align = rng.choice(["start", "center"])
    borders = rng.choice(["grid", "none", "rules"])
    valign = rng.choice(["top", "middle"])
    head_shade = rng.choice([None, "#d9e2f3", "#e7e6e6"])
    caption_above = rng.random() < 0.5
    d.p(rng.choice(b.TITLES), "Title")
    d.p(t.para(2, 3, t.next_topic()), "Body")
    # Table 1: commitments, 2-4 columns.
    ncols = rng.choice([2, 3, 4])
    widths = {2: [3, 7], 3: [3, 6, 3], 4: [3, 5.5, 3, 2.5]}[ncols]
    rows = [b.TABLE_HEADERS[:ncols]]
    comms = rng.sample(range(len(b.COMMITMENTS)), rng.randint(4, 6))
    insts = list(b.INSTITUTIONS)
    rng.shuffle(insts)
    for i, cn in enumerate(comms):
        c = b.COMMITMENTS[cn]
        desc = t.sentences(rng.choice([1, 1, 2, 3]), COMMITMENT_TOPICS[cn])
        desc = [" ".join(desc)] if rng.random() < 0.7 else desc
        row = [c, desc]
        if ncols >= 3:
            row.append(insts[i % len(insts)])
        if ncols >= 4:
            row.append(rng.choice(b.STATUS))
        rows.append(row)
    cap = f"{b.CAPTION_WORD} 1. {rng.choice(b.CAPTIONS)}"
    if caption_above:
        d.p(cap, "Caption")
    d.table(rows, widths, borders=borders, valign=valign, head_shade=head_shade)
    if not caption_above:
        d.p(cap, "Caption")
    d.p(t.para(2, 3, t.next_topic()), "Body")
    # Table 2: milestones.
    topic = t.next_topic()
    d.p(t.heading(topic), "Heading2")
    d.p(t.para(1, 2, topic), "Body")
    dates = plan_dates(d)
    ms = rng.sample(b.MILESTONES, len(dates))
    rows = [list(b.MILESTONE_HEADERS)]
    for m, (s, e) in zip(ms, dates):
        rows.append([m, s, e, rng.choice(insts)])
    cap = f"{b.CAPTION_WORD} 2. {rng.choice(b.MILESTONE_CAPTIONS)}"
    if caption_above:
        d.p(cap, "Caption")
    d.table(rows, [5, 2.2, 2.2, 3], borders=borders, valign=valign, head_shade=head_shade)
    if not caption_above:
        d.p(cap, "Caption")
    if rng.random() < 0.6:
        d.p(t.para(2, 3, t.next_topic()), "Body")


def fam_sheet(d):
    rng, t, b = d.rng, d.text, d.bank
    setup_furniture(d)
    d.explicit_pages = True
    per_page = rng.choice([1, 2])
    ncomm = rng.choice([2, 3]) if per_page == 1 else rng.choice([2, 4])
    label_shade = rng.choice([None, "#deeaf6", "#f2f2f2"])
    span_desc = rng.random() < 0.6
    nested = rng.random() < 0.5
    with_resp = rng.random() < 0.5
    left = rng.choice([3, 3.5, 4])
    if per_page == 2 and d.shrink >= 2:  # two did not fit on a page: one per page
        per_page = 1
    if per_page == 2:  # two sheets on a page: compact, as governments do to save paper
        left, d.cell_pad, d.table_fs, d.sheet_title_fs = 4, 0.06, -1.5, 3
    insts = list(b.INSTITUTIONS)
    rng.shuffle(insts)
    lab = b.SHEET_LABELS
    mh = b.SHEET_MILESTONE_HEADERS if with_resp else b.SHEET_MILESTONE_HEADERS[:3]
    mw = [5, 2.2, 2.2, 3][:len(mh)]
    hs = label_shade or "#e7e6e6"
    # Height estimate (points) of one sheet, to keep it within its share of the page.
    fs = d.size + d.table_fs
    lw = d.tw * left / 10 - 2 * d.cell_pad - 0.05
    rw = d.tw * (10 - left) / 10 - 2 * d.cell_pad - 0.05
    pad = 2 * d.cell_pad * PT_PER_CM + 2

    def cell_lines(paras, w, bold=False):
        c = d.cpl(w, fs) / (1.08 if bold else 1.0)
        return sum(math.ceil(len(p) / c * 1.1) for p in paras) or 1

    def height(vals, mrows):
        h = (d.size + d.sheet_title_fs) * 1.25 + 0.6 * PT_PER_CM  # title
        for label, paras in vals:
            n = max(cell_lines([label], lw, True), cell_lines(paras, rw))
            h += n * fs * 1.2 + pad + 1.5 * len(paras)
        h += fs * 1.2 + pad  # description row
        mtw = (d.tw - (0.6 if nested else 0)) * mw[0] / sum(mw) - 0.3
        for r in mrows:
            h += cell_lines([r[0]], mtw, r is mrows[0]) * fs * 1.2 + pad + 1.5
        return (h + 0.8 * PT_PER_CM) * 0.9  # calibrated on LibreOffice 7.4 output

    room = (d.ph - d.mt - d.mb - (1.6 if d.header or d.footer_fmt else 0)) * PT_PER_CM
    room = room * (0.93 if per_page == 1 else 0.46) * d.budget()
    lo, hi = (2, 4) if per_page == 1 else (1, 2)
    for ci, cn in enumerate(rng.sample(range(len(b.COMMITMENTS)), ncomm)):
        title = b.COMMITMENTS[cn]
        if ci > 0 and ci % per_page == 0:
            d.page_break()
        year = rng.choice([2024, 2025])
        style = rng.randrange(3)
        start = b.date(rng, year, rng.randint(1, 6), style)
        end = b.date(rng, year + rng.choice([1, 2]), rng.randint(6, 12), style)
        inst = insts[ci % len(insts)]
        if rng.random() < 0.4:
            inst += "; " + insts[(ci + 5) % len(insts)]
        topic = COMMITMENT_TOPICS[cn]
        answers = [t.sentences(rng.randint(lo, hi), topic) for _ in range(4)]
        answers.append(t.sentences(rng.randint(1, 1 if per_page == 2 else 2), topic))
        mrows = [list(mh)]
        for m in rng.sample(b.MILESTONES, rng.randint(3, 5) if per_page == 1 else rng.randint(2, 3)):
            y = rng.choice([year, year + 1])
            r = [m, b.date(rng, y, rng.randint(1, 6), style),
                 b.date(rng, y, rng.randint(7, 12), style)]
            if with_resp:
                r.append(rng.choice(insts))
            mrows.append(r)
        split = [rng.random() < 0.4 for _ in range(4)]

        def values():
            vals = [(lab[0], [f"{start} – {end}"]), (lab[1], [inst])]
            for k in range(4):
                v = answers[k]
                paras = [" ".join(v[:2]), " ".join(v[2:])] if split[k] and len(v) >= 3 \
                    else [" ".join(v)]
                vals.append((lab[3 + k], paras))
            vals.append((lab[7], [" ".join(answers[4])]))
            return vals

        # Trim: the longest answer loses a sentence, then the milestone list shrinks.
        while height(values(), mrows) > room:
            longest = max(range(5), key=lambda k: len(" ".join(answers[k])))
            if len(answers[longest]) > 1:
                answers[longest].pop()
            elif len(mrows) > 3:
                mrows.pop()
            else:
                break
        d.p(title, "SheetTitle")
        vals = values()
        rows = [[{"paras": [lb], "bold": True}, paras] for lb, paras in vals[:2]]
        if span_desc:
            rows.append([{"paras": [lab[2]], "span": 2, "bold": True, "shade": hs}])
        else:
            rows.append([{"paras": [lab[2]], "bold": True}, []])
        rows += [[{"paras": [lb], "bold": True}, paras] for lb, paras in vals[2:]]
        if nested:
            rows.append([{"paras": [], "span": 2, "shade": "transparent",
                          "table": (mrows, mw, {"head_shade": hs})}])
        d.table(rows, [left, 10 - left], borders="grid", label_shade=label_shade,
                head_shade=False)
        if not nested:
            d.table(mrows, mw, borders="grid", head_shade=hs)


def fam_textbox(d):
    rng, t, b = d.rng, d.text, d.bank
    setup_furniture(d)
    d.explicit_pages = True
    d.title_align = rng.choice(["start", "center"])
    side = rng.choice(["left", "right"])
    scale = d.budget()
    d.p(rng.choice(b.TITLES), "Title")
    d.p(t.para(2, 3, t.next_topic()), "Body")

    def anchored(box_paras, width, shaded, bordered, side, topic):
        # Box height in body lines, then a paragraph long enough to run past it.
        bw = width - 0.4
        box_pt = sum(d.lines(tx, bw, d.size - 1.2) * (d.size - 1.2) * 1.2 + 4
                     for _, tx in box_paras) + 0.4 * PT_PER_CM + 8
        need = box_pt / (d.size * 1.35) + 3
        cpl = d.cpl(d.tw - width - 0.35)
        sents = []
        while len(" ".join(sents)) < need * cpl * 1.15:
            sents.append(t.sentence(topic))
        d.frame_para(" ".join(sents), box_paras, side, width, shaded, bordered)

    bi = rng.randrange(len(b.BOX_TITLES))
    topic = BOX_TOPICS[bi]

    def box_text(title, topic):
        sents = t.sentences(rng.randint(2, 3), topic)
        if rng.random() < 0.5:
            return [("BoxTitle", title), ("BoxText", " ".join(sents))]
        return [("BoxTitle", title), ("BoxText", " ".join(sents[:-1])), ("BoxText", sents[-1])]

    box = box_text(f"{b.BOX_WORD} 1. {b.BOX_TITLES[bi]}", topic)
    anchored(box, rng.choice([5.0, 5.5, 6.0, 6.5]), rng.choice(["#dfe8f2", "#e8f0e0", "#f3ecdc"]),
             False, side, topic)
    d.p(t.para(2, max(2, int(4 * scale)), topic), "Body")
    # Page 2: a framed sidebar on the other side, and on some seeds an inset in place.
    d.page_break()
    topic = t.next_topic()
    d.p(t.heading(topic), "Heading1")
    d.p(t.para(2, 3, topic), "Body")
    other = "right" if side == "left" else "left"
    sb = box_text(rng.choice(b.SIDEBAR_TITLES), topic)
    anchored(sb, rng.choice([4.5, 5.0, 5.5]), rng.choice([None, "#f7f7f7"]), True, other, topic)
    if rng.random() < 0.5:
        d.p(t.para(1, 2, t.next_topic()), "Callout")
    d.p(t.para(2, max(2, int(4 * scale)), t.next_topic()), "Body")


def fam_footnotes(d):
    rng, t, b = d.rng, d.text, d.bank
    setup_furniture(d)
    d.explicit_pages = True
    d.title_align = rng.choice(["start", "center"])
    npages = rng.choice([1, 2])
    notes = list(b.FOOTNOTES)
    rng.shuffle(notes)
    cap = d.page_lines() * 0.8 * d.budget()
    for pg in range(npages):
        if pg:
            d.page_break()
            topic = t.next_topic()
            d.p(t.heading(topic), "Heading1")
            used = 3
        else:
            d.p(rng.choice(b.TITLES), "Title")
            topic = t.next_topic()
            used = 4
        paras = []
        nnotes = rng.randint(2, 4)
        used += nnotes * 1.6
        while True:
            s = t.sentences(rng.randint(3, 5), topic)
            ln = d.lines(" ".join(s), d.tw) + 0.5
            if used + ln > cap and len(paras) >= 2:
                break
            paras.append(s)
            used += ln
            if len(paras) >= 5:
                break
            if rng.random() < 0.4:
                topic = t.next_topic()
        # Attach the notes to distinct sentences (not the last of a paragraph
        # on some, to have marks mid-paragraph).
        slots = [(pi, si) for pi, s in enumerate(paras) for si in range(len(s))]
        chosen = sorted(rng.sample(slots, min(nnotes, len(slots))))
        for pi, s in enumerate(paras):
            segs = []
            for si, sent in enumerate(s):
                segs.append((" " if si else "") + sent)
                if (pi, si) in chosen:
                    segs.append(("note", notes.pop()))
            d.p(segs, "Body")


BUILDERS = {
    "writer-columns": fam_columns,
    "writer-table": fam_table,
    "writer-sheet": fam_sheet,
    "writer-textbox": fam_textbox,
    "writer-footnotes": fam_footnotes,
}


def build(family, seed, shrink=0):
    rng = random.Random(f"{family}:{seed}")
    lang = LANGS[(seed - 1 + FAMILIES.index(family)) % 3]
    name = f"{family}-s{seed}"
    d = Doc(name, family, seed, lang, rng, shrink)
    BUILDERS[family](d)
    flat = " ".join(d.truth_text().split())
    for f in ([d.header] if d.header else []) + d.footer_strings(3):
        if nfc(f) in flat:
            raise SystemExit(f"{name}: furniture string {f!r} also occurs in the body")
    return d


# ---------------------------------------------------------------------------
# Conversion


def pdf_pages(path):
    with open(path, "rb") as f:
        data = f.read()
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def find_soffice():
    for exe in ("soffice", "libreoffice"):
        p = shutil.which(exe)
        if p:
            return p
    for p in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
              "/opt/libreoffice/program/soffice"):
        if os.path.exists(p):
            return p
    return None


def convert(soffice, files, outdir, profile):
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", outdir] + files
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=900)
    for f in files:
        pdf = os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + ".pdf")
        if not os.path.exists(pdf):
            raise SystemExit(f"make_writer: soffice did not convert {f}:\n{r.stdout}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--keep-src", action="store_true",
                    help="also keep the .fodt sources in OUT_DIR/src")
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",") if s.strip()]
    fams = [f for f in a.families.split(",") if f]
    for f in fams:
        if f not in BUILDERS:
            raise SystemExit(f"make_writer: unknown family {f}; known: {', '.join(FAMILIES)}")
    soffice = find_soffice()
    if not soffice:
        raise SystemExit("make_writer: soffice not found. Install LibreOffice Writer, e.g.\n"
                         "  apt-get install -y --no-install-recommends libreoffice-writer-nogui "
                         "fonts-liberation fonts-dejavu-core\n"
                         "(scripts/install-bench-deps.sh installs everything the benchmark needs)")
    t0 = time.time()
    out = os.path.abspath(a.out_dir)
    for sub in ("docs", "truth"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    work = tempfile.mkdtemp(prefix="make_writer-")
    profile = os.path.join(work, "profile")
    try:
        todo = {(f, s): 0 for f in fams for s in seeds}
        done = {}
        for attempt in range(4):
            if not todo:
                break
            docs, files = {}, []
            for (f, s), shrink in todo.items():
                d = build(f, s, shrink)
                src = os.path.join(work, d.name + ".fodt")
                with open(src, "w", encoding="utf-8") as fh:
                    fh.write(d.fodt())
                docs[(f, s)] = d
                files.append(src)
            convert(soffice, files, work, profile)
            retry = {}
            for key, d in docs.items():
                pdf = os.path.join(work, d.name + ".pdf")
                n = pdf_pages(pdf)
                want = d.expected_pages()
                if want is not None and n != want:
                    if attempt < 3:
                        print(f"make_writer: {d.name}: {n} pages, planned {want}; "
                              f"regenerating with less text", file=sys.stderr)
                        retry[key] = d.shrink + 1
                        continue
                    print(f"make_writer: WARNING {d.name}: {n} pages, planned {want}; "
                          "its truth has no page separators", file=sys.stderr)
                    d.explicit_pages = False
                done[key] = (d, pdf, n)
            todo = retry
        for d, pdf, n in done.values():
            shutil.copyfile(pdf, os.path.join(out, "docs", d.name + ".pdf"))
            with open(os.path.join(out, "truth", d.name + ".txt"), "w", encoding="utf-8") as fh:
                fh.write(d.truth_text())
            with open(os.path.join(out, "truth", d.name + ".meta"), "w", encoding="utf-8") as fh:
                fh.write(d.meta_text(n))
            if a.keep_src:
                os.makedirs(os.path.join(out, "src"), exist_ok=True)
                shutil.copyfile(os.path.join(work, d.name + ".fodt"),
                                os.path.join(out, "src", d.name + ".fodt"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"make_writer: {len(done)} documents in {out} ({time.time() - t0:.1f} s)")


if __name__ == "__main__":
    main()
