"""Build the disclosure workflow's contract templates and their manifest.

Run ``python contract_templates/build.py``. It writes six docxtpl templates next to this
file, one for each document the disclosure workflow produces, and ``manifest.json``, which
the application reads to find a template's file, title, numbering code and version:

===================================  ====  ==============================================
template                             code  issued when
===================================  ====  ==============================================
invention_disclosure_record          IDR   an inventor submits or resubmits a disclosure
ip_assessment_report                 AR    the office completes the assessment
invention_assignment_agreement       IAA   the office decides to protect the invention
know_how_regime_order                KHO   the office decides to keep it as a trade secret
rights_release_letter                RRL   the office releases its rights to the inventors
patent_filing_record                 PFR   the office records a patent application
===================================  ====  ==============================================

The templates are rendered by ``consortium.documents.rendering`` in a Jinja
``SandboxedEnvironment`` with autoescaping and ``StrictUndefined``; the only variables they
may use are listed in ``CONTEXT_VARIABLES`` and the build fails if a template uses another.

docxtpl conventions kept throughout:

* every Jinja tag is written as, or inside, a single run, so Word never splits it;
* a paragraph holding only ``{%p ... %}`` and a table row holding ``{%tr ... %}`` are
  control lines that disappear when the document is rendered;
* multi-line fields (docxtpl ``Listing`` values) are printed alone in their own paragraph.

Clause numbers (``1.``, ``1.1``, ``(a)``) are written as text by :class:`Builder`, so a
numbered clause is never made conditional: optional content lives inside a clause or in an
unnumbered paragraph, and the numbering always runs without gaps.

The output is deterministic (fixed document properties and zip timestamps), so the
generated ``.docx`` files can be committed and rebuilt without spurious diffs.
"""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent

#: the only names a template may use (see consortium/disclosures/documents.py)
CONTEXT_VARIABLES = frozenset({"doc", "org", "disclosure", "inventors", "assessment", "patent",
                               "actor", "comment", "signers"})

FONT = "Calibri"
BODY_PT = 11
SMALL_PT = 9
TABLE_PT = 10
GREY = RGBColor(0x59, 0x59, 0x59)
RULE = "A6A6A6"          # table and header rule colour
SHADE = "EDF1F5"         # label cells and table headings

PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)          # A4
MARGIN_LEFT, MARGIN_RIGHT = Cm(2.5), Cm(2.0)
MARGIN_TOP, MARGIN_BOTTOM = Cm(2.2), Cm(2.0)
TEXT_WIDTH_CM = 21.0 - 2.5 - 2.0                       # 16.5 cm between the margins
CLAUSE_INDENT = Cm(1.0)                                # where clause text starts
ITEM_INDENT = Cm(1.8)                                  # where (a), (b) item text starts

#: fixed timestamps keep the generated files byte-for-byte reproducible
FIXED_DATETIME = datetime(2025, 1, 1)
ZIP_DATETIME = (2025, 1, 1, 0, 0, 0)

#: ``country``: the organisation's country (an ISO code in ``org.country``) as a name that
#: reads well after "registered in" and "the law of"; unknown codes are printed as given.
COUNTRY = (
    '{% set country = {'
    '"KZ": "the Republic of Kazakhstan", "KG": "the Kyrgyz Republic", '
    '"UZ": "the Republic of Uzbekistan", "TJ": "the Republic of Tajikistan", '
    '"TM": "Turkmenistan", "RU": "the Russian Federation", "BY": "the Republic of Belarus", '
    '"AM": "the Republic of Armenia", "AZ": "the Republic of Azerbaijan", "GE": "Georgia", '
    '"MN": "Mongolia", "CN": "the People’s Republic of China", "KR": "the Republic of Korea", '
    '"JP": "Japan", "IN": "the Republic of India", "TR": "the Republic of Türkiye", '
    '"DE": "the Federal Republic of Germany", "FR": "the French Republic", '
    '"IT": "the Italian Republic", "ES": "the Kingdom of Spain", "NL": "the Netherlands", '
    '"PL": "the Republic of Poland", "FI": "the Republic of Finland", '
    '"GB": "England and Wales", "US": "the United States of America", '
    '"AE": "the United Arab Emirates", "SG": "the Republic of Singapore"'
    '}.get(org.country, org.country) %}'
)
#: "the law of ..." with a sensible reading when the country is not recorded
LAW_OF_COUNTRY = ("{% if country %}{{ country }}{% else %}the country in which the Organisation "
                  "is registered{% endif %}")
#: the Kazakh Civil Code article on remuneration for service inventions, cited only for KZ
ART_997 = ('{% if org.country == "KZ" %} (Article 997 of the Civil Code of the Republic of '
           'Kazakhstan){% endif %}')

#: an inline, comma-separated list of the inventors' names
INVENTOR_NAMES = ('{% for i in inventors %}{{ i.name }}{% if not loop.last %}, {% endif %}'
                  '{% endfor %}')
#: the inventors' names with their contribution shares
INVENTOR_SHARES = ('{% for i in inventors %}{{ i.name }} – {{ i.share }}\u00a0%'
                   '{% if not loop.last %}; {% endif %}{% endfor %}')
#: the sum of the inventors' shares, computed rather than asserted
SHARE_TOTAL = '{{ "%g"|format(inventors|map(attribute="share")|map("float")|sum) }}\u00a0%'
#: the disclosure's registration number and title, as cited in running text
DISCLOSURE_REF = "No. {{ disclosure.reg_number }} “{{ disclosure.title }}”"
#: the funding source with its grant numbers (print only when ``disclosure.funding_source``)
FUNDING_SOURCE = ('{{ disclosure.funding_source }}{% if disclosure.grant_numbers %} (grant or '
                  'contract No. {{ disclosure.grant_numbers }}){% endif %}')
#: the funding source with its grant numbers, or a plain statement that none was declared
FUNDING = ('{% if disclosure.funding_source %}' + FUNDING_SOURCE +
           '{% else %}no external funding declared{% endif %}')
#: a signature or date to be written by hand
LINE = "_" * 30
SHORT_LINE = "_" * 18


# --------------------------------------------------------------------------------------------
# low-level XML helpers
# --------------------------------------------------------------------------------------------

def _check_tags(text: str) -> None:
    """Refuse text whose Jinja tags are unbalanced: each tag must stay inside one run."""
    for opening, closing in (("{{", "}}"), ("{%", "%}"), ("{#", "#}")):
        if text.count(opening) != text.count(closing):
            raise ValueError(f"unbalanced Jinja tag in run: {text!r}")


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
             size: float | None = None, color: RGBColor | None = None) -> None:
    """Append ``text`` to ``paragraph``; ``**...**`` marks bold parts. Tags stay whole."""
    for index, part in enumerate(text.split("**")):
        if not part:
            continue
        _check_tags(part)
        run = paragraph.add_run(part)
        run.bold = bold or index % 2 == 1 or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) showing ``placeholder`` until it is updated."""
    def fld_char(kind: str) -> OxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld_char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(fld_char("end"))


def set_fonts(rpr_owner, name: str) -> None:
    """Use ``name`` for every script, overriding the template's theme fonts."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def set_borders(table: Table, color: str | None) -> None:
    """Thin ``color`` borders on every edge and inner line, or none at all."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if color is None:
            element.set(qn("w:val"), "nil")
        else:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), color)
        borders.append(element)
    tbl_pr.append(borders)


def set_cell_margins(table: Table, top: int = 40, bottom: int = 40, side: int = 90) -> None:
    """Inner cell margins in twentieths of a point."""
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", top), ("left", side), ("bottom", bottom), ("right", side)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def row_flags(row, *, header: bool = False) -> None:
    """Never split a row across pages; repeat heading rows on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def paragraph_border_bottom(paragraph: Paragraph, color: str = RULE) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "4")
    bottom.set(qn("w:color"), color)
    borders.append(bottom)
    p_pr.append(borders)


def cell_paragraph(cell: _Cell, text: str, *, first: bool = False, bold: bool = False,
                   size: float = TABLE_PT, color: RGBColor | None = None,
                   align: WD_ALIGN_PARAGRAPH | None = None,
                   space_before: float = 0) -> Paragraph:
    """Write ``text`` into ``cell``: into its empty first paragraph, or a new one."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.style = "Table Text"
    if align is not None:
        paragraph.alignment = align
    if space_before:
        paragraph.paragraph_format.space_before = Pt(space_before)
    add_text(paragraph, text, bold=bold, size=size, color=color)
    return paragraph


# --------------------------------------------------------------------------------------------
# document set-up: styles, page, header and footer
# --------------------------------------------------------------------------------------------

def _paragraph_style(document, name: str, *, size: float = BODY_PT, bold: bool = False,
                     before: float = 0, after: float = 4, keep_next: bool = False,
                     outline: int | None = None):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_next
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        style.element.get_or_add_pPr().append(level)
    return style


def configure_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element, FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(4)
    fmt.line_spacing = 1.1
    fmt.widow_control = True
    for name in ("Header", "Footer"):
        style = document.styles[name]
        set_fonts(style.element, FONT)
        style.paragraph_format.tab_stops.clear_all()   # the default centre/right stops

    _paragraph_style(document, "Document Title", size=16, bold=True, after=2, keep_next=True,
                     outline=0)
    _paragraph_style(document, "Document Subtitle", size=11.5, after=2, keep_next=True)
    _paragraph_style(document, "Document Meta", size=10, after=14)
    _paragraph_style(document, "Section Heading", size=11.5, bold=True, before=12, after=4,
                     keep_next=True, outline=1)
    _paragraph_style(document, "Sub Heading", size=BODY_PT, bold=True, before=6, after=2,
                     keep_next=True)
    _paragraph_style(document, "Clause", after=4)
    _paragraph_style(document, "Table Text", size=TABLE_PT, after=0)
    _paragraph_style(document, "Small Print", size=SMALL_PT, after=2)


def configure_page(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = section.footer_distance = Cm(1.0)


def write_header(section) -> None:
    """The organisation's name over its address and BIN, ruled off from the text."""
    paragraph = section.header.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    add_text(paragraph, "{{ org.name }}", bold=True, size=10)
    # the second line, with its line break, exists only when there is something to show
    add_text(paragraph, "{% if org.address or org.bin %}")
    paragraph.add_run().add_break()
    add_text(paragraph, "{% if org.address %}{{ org.address }}{% endif %}"
                        "{% if org.address and org.bin %}  ·  {% endif %}"
                        "{% if org.bin %}BIN {{ org.bin }}{% endif %}", size=8.5, color=GREY)
    add_text(paragraph, "{% endif %}")
    paragraph_border_bottom(paragraph)


def write_footer(section, code: str) -> None:
    """"Document <number> · page X of Y" on the left, the form code and version on the right."""
    paragraph = section.footer.paragraphs[0]
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    add_text(paragraph, "Document {{ doc.number }} · page ", size=8.5, color=GREY)
    add_field(paragraph, "PAGE", "1")
    add_text(paragraph, " of ", size=8.5, color=GREY)
    add_field(paragraph, "NUMPAGES", "1")
    add_text(paragraph, f"\tForm {code}"
                        "{% if doc.template_version %}, version {{ doc.template_version }}"
                        "{% endif %}", size=8.5, color=GREY)
    for run in paragraph.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = GREY


# --------------------------------------------------------------------------------------------
# the builder shared by all templates
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    """A row of a label/value table; ``when`` (a Jinja test) makes the row optional."""
    label: str
    value: str
    when: str | None = None


@dataclass(frozen=True)
class Column:
    """A column of a data table: heading, the cell's text (Jinja) and width in cm."""
    heading: str
    value: str
    width: float
    align: WD_ALIGN_PARAGRAPH | None = None


@dataclass(frozen=True)
class Signatory:
    """One signature block: who signs (``role``, ``party``) and the lines under it.

    ``lines`` are (label, value) pairs printed above the signature line; ``date`` is what
    the date line shows (blank for a handwritten date); ``loop`` ("i in inventors")
    repeats the block once per item.
    """
    role: str
    party: str
    lines: Sequence[tuple[str, str]]
    date: str = SHORT_LINE
    loop: str | None = None


@dataclass
class Builder:
    """A template under construction, keeping the section and clause counters."""
    code: str
    section: int = 0
    clause: int = 0
    document: object = field(init=False)

    def __post_init__(self) -> None:
        self.document = Document()
        configure_styles(self.document)
        sect = self.document.sections[0]
        configure_page(sect)
        write_header(sect)
        write_footer(sect, self.code)

    # -- paragraphs ---------------------------------------------------------------------------

    def para(self, text: str, *, indent: bool = False, style: str | None = None,
             align: WD_ALIGN_PARAGRAPH | None = None, italic: bool = False,
             keep_next: bool = False, after: float | None = None,
             before: float | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(style=style)
        fmt = paragraph.paragraph_format
        if indent:
            fmt.left_indent = CLAUSE_INDENT
        if align is not None:
            paragraph.alignment = align
        if keep_next:
            fmt.keep_with_next = True
        if after is not None:
            fmt.space_after = Pt(after)
        if before is not None:
            fmt.space_before = Pt(before)
        add_text(paragraph, text, italic=italic)
        return paragraph

    def tag(self, tag: str) -> None:
        """A control paragraph (``{%p ... %}``) that vanishes on rendering."""
        _check_tags(tag)
        self.document.add_paragraph().add_run(tag)

    @contextmanager
    def when(self, condition: str) -> Iterator[None]:
        """Paragraphs written inside appear only if ``condition`` holds."""
        self.tag(f"{{%p if {condition} %}}")
        yield
        self.tag("{%p endif %}")

    def title(self, title: str, subtitle: str | None = None, *, prefix: str = "") -> None:
        """Title, optional subtitle and the "No. … · date" line; ``prefix`` holds ``{% set %}``s."""
        self.para(title.upper(), style="Document Title", align=WD_ALIGN_PARAGRAPH.CENTER)
        if subtitle:
            self.para(subtitle, style="Document Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
        meta = self.para(prefix, style="Document Meta", align=WD_ALIGN_PARAGRAPH.CENTER)
        add_text(meta, "No. **{{ doc.number }}**   ·   {{ doc.date }}", color=GREY, size=10)

    def heading(self, text: str) -> int:
        """A numbered section heading: ``3.  Confidentiality``; returns its number."""
        self.section += 1
        self.clause = 0
        paragraph = self.document.add_paragraph(style="Section Heading")
        self._hanging(paragraph, CLAUSE_INDENT)
        add_text(paragraph, f"{self.section}.\t{text}")
        return self.section

    def subheading(self, text: str) -> None:
        """A numbered clause that only names what follows: ``2.1  Abstract``."""
        self.clause += 1
        paragraph = self.document.add_paragraph(style="Sub Heading")
        self._hanging(paragraph, CLAUSE_INDENT)
        add_text(paragraph, f"{self.section}.{self.clause}\t{text}")

    def clauses(self, *texts: str) -> None:
        """Numbered clauses ``n.1``, ``n.2`` … of the current section."""
        for text in texts:
            self.clause += 1
            paragraph = self.document.add_paragraph(style="Clause")
            self._hanging(paragraph, CLAUSE_INDENT)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            add_text(paragraph, f"{self.section}.{self.clause}\t{text}")

    def items(self, *texts: str, recitals: bool = False) -> None:
        """Lettered items ``(a)``, ``(b)`` … under the clause above (``A.``, ``B.`` … for
        recitals)."""
        for index, text in enumerate(texts):
            label = f"{chr(ord('A') + index)}." if recitals else f"({chr(ord('a') + index)})"
            paragraph = self.document.add_paragraph(style="Clause")
            paragraph.paragraph_format.left_indent = ITEM_INDENT
            paragraph.paragraph_format.first_line_indent = CLAUSE_INDENT - ITEM_INDENT
            paragraph.paragraph_format.tab_stops.add_tab_stop(ITEM_INDENT)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            add_text(paragraph, f"{label}\t{text}")

    def listing(self, expression: str, fallback: str) -> None:
        """A multi-line field alone in its paragraph, or ``fallback`` when it is empty."""
        self.para(f'{{{{ {expression} or "{fallback}" }}}}', indent=True)

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    @staticmethod
    def _hanging(paragraph: Paragraph, indent) -> None:
        fmt = paragraph.paragraph_format
        fmt.left_indent = indent
        fmt.first_line_indent = -indent
        fmt.tab_stops.add_tab_stop(indent)

    # -- tables -------------------------------------------------------------------------------

    def _table(self, rows: int, widths: Sequence[float], *, borders: str | None = RULE) -> Table:
        table = self.document.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        set_borders(table, borders)
        set_cell_margins(table)
        for index, width in enumerate(widths):
            table.columns[index].width = Cm(width)
            for cell in table.columns[index].cells:
                cell.width = Cm(width)
        return table

    def _control_row(self, table: Table, tag: str) -> None:
        """A ``{%tr ... %}`` row; docxtpl removes it and keeps the tag."""
        _check_tags(tag)
        row = table.add_row()
        row.cells[0].paragraphs[0].add_run(tag)

    def _after_table(self) -> None:
        spacer = self.document.add_paragraph()
        spacer.paragraph_format.space_after = Pt(2)
        spacer.paragraph_format.line_spacing = 0.8

    def fields(self, rows: Sequence[Field], label_width: float = 5.0) -> None:
        """A two-column label/value table; a row with ``when`` appears only if it holds."""
        widths = (label_width, TEXT_WIDTH_CM - label_width)
        table = self._table(0, widths)
        for item in rows:
            if item.when:
                self._control_row(table, f"{{%tr if {item.when} %}}")
            row = table.add_row()
            row_flags(row)
            shade(row.cells[0], SHADE)
            cell_paragraph(row.cells[0], item.label, first=True, bold=True)
            cell_paragraph(row.cells[1], item.value, first=True)
            if item.when:
                self._control_row(table, "{%tr endif %}")
        self._fix_widths(table, widths)
        self._after_table()

    def table(self, columns: Sequence[Column], loop: str,
              totals: Sequence[str] | None = None,
              extra_rows: Sequence[Sequence[str]] = ()) -> None:
        """A data table: heading row, one row per item of ``loop``, extra rows, a total."""
        widths = tuple(column.width for column in columns)
        table = self._table(1, widths)
        heading = table.rows[0]
        row_flags(heading, header=True)
        for cell, column in zip(heading.cells, columns, strict=True):
            shade(cell, SHADE)
            cell_paragraph(cell, column.heading, first=True, bold=True, align=column.align)
        self._control_row(table, f"{{%tr for {loop} %}}")
        row = table.add_row()
        row_flags(row)
        for cell, column in zip(row.cells, columns, strict=True):
            cell_paragraph(cell, column.value, first=True, align=column.align)
        self._control_row(table, "{%tr endfor %}")
        for values in extra_rows:
            row = table.add_row()
            row_flags(row)
            for cell, value, column in zip(row.cells, values, columns, strict=True):
                cell_paragraph(cell, value, first=True, align=column.align)
        if totals:
            row = table.add_row()
            row_flags(row)
            for cell, value, column in zip(row.cells, totals, columns, strict=True):
                shade(cell, SHADE)
                cell_paragraph(cell, value, first=True, bold=True, align=column.align)
        self._fix_widths(table, widths)
        self._after_table()

    def signatures(self, signatories: Sequence[Signatory]) -> None:
        """Signature blocks: who signs on the left; name, title, signature, date on the right."""
        widths = (6.0, TEXT_WIDTH_CM - 6.0)
        table = self._table(0, widths, borders=None)
        for signatory in signatories:
            if signatory.loop:
                self._control_row(table, f"{{%tr for {signatory.loop} %}}")
            row = table.add_row()
            row_flags(row)
            left, right = row.cells
            cell_paragraph(left, signatory.role, first=True, bold=True, space_before=14)
            cell_paragraph(left, signatory.party, color=GREY)
            for index, (label, value) in enumerate(signatory.lines):
                cell_paragraph(right, f"{label}:\t{value}", first=index == 0,
                               space_before=14 if index == 0 else 0)
            cell_paragraph(right, f"Signature:\t{LINE}", space_before=16)
            cell_paragraph(right, f"Date:\t{signatory.date}", space_before=6)
            for paragraph in right.paragraphs:
                paragraph.paragraph_format.left_indent = Cm(2.3)
                paragraph.paragraph_format.first_line_indent = Cm(-2.3)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(2.3))
            if signatory.loop:
                self._control_row(table, "{%tr endfor %}")
        self._fix_widths(table, widths)

    @staticmethod
    def _fix_widths(table: Table, widths: Sequence[float]) -> None:
        """Give every cell (control rows included) its column's width, for Word and Writer."""
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)

    # -- output -------------------------------------------------------------------------------

    def save(self, path: Path, title: str) -> None:
        """Write the template with fixed properties and zip timestamps (reproducible bytes)."""
        props = self.document.core_properties
        props.title = title
        props.subject = f"Consortium contract template {self.code}"
        props.author = props.last_modified_by = "Consortium"
        props.keywords = "technology transfer; invention disclosure"
        props.comments = "Generated by contract_templates/build.py; edit that script."
        props.created = props.modified = FIXED_DATETIME
        props.last_printed = FIXED_DATETIME
        props.revision = 1
        raw = io.BytesIO()
        self.document.save(raw)
        path.write_bytes(normalise_zip(raw.getvalue()))


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a .docx zip with fixed member timestamps and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATETIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# shared blocks
# --------------------------------------------------------------------------------------------

INVENTOR_COLUMNS = (
    Column("No.", "{{ i.position }}", 1.1, WD_ALIGN_PARAGRAPH.CENTER),
    Column("Inventor", "{{ i.name }}", 4.6),
    Column("Organisation", "{{ i.organization }}", 4.6),
    Column("E-mail", "{{ i.email }}", 4.2),
    Column("Share", "{{ i.share }}\u00a0%", 2.0, WD_ALIGN_PARAGRAPH.RIGHT),
)


def inventor_table(b: Builder, *, with_total: bool = True) -> None:
    """The inventors with organisation, e-mail and percentage contribution."""
    totals = ("", "Total", "", "", SHARE_TOTAL) if with_total else None
    b.table(INVENTOR_COLUMNS, "i in inventors", totals=totals)


def organisation_fields() -> list[Field]:
    """The organisation's identity as label/value rows."""
    return [
        Field("Organisation", "{{ org.name }}"),
        Field("Type", "{{ org.kind|capitalize }}", when="org.kind"),
        Field("Country", "{{ org.country }}", when="org.country"),
        Field("Business identification No.", "{{ org.bin }}", when="org.bin"),
        Field("Address", "{{ org.address }}", when="org.address"),
    ]


def invention_fields() -> list[Field]:
    """Registration number, title, field and keywords of the disclosed invention."""
    return [
        Field("Registration No.", "**{{ disclosure.reg_number }}**"),
        Field("Title of the invention", "{{ disclosure.title }}"),
        Field("Field of technology", "{{ disclosure.field }}", when="disclosure.field"),
        Field("Keywords", "{{ disclosure.keywords }}", when="disclosure.keywords"),
    ]


def organisation_party(b: Builder, number: str) -> None:
    """The organisation as a party, represented by its authorised signatory."""
    b.para(f"({number})\t**{{{{ org.name }}}}**"
           "{% if org.kind %}, a {{ org.kind }}{% endif %}"
           "{% if country %} registered in {{ country }}{% endif %}"
           "{% if org.bin %} under business identification number {{ org.bin }}{% endif %}"
           "{% if org.address %}, of {{ org.address }}{% endif %}"
           ", represented by {% if org.signatory_name %}{{ org.signatory_title or "
           '"its authorised signatory" }} {{ org.signatory_name }}{% else %}its authorised '
           "signatory{% endif %} (the “**Organisation**”); and", indent=True)
    _hang_last(b)


def _hang_last(b: Builder) -> None:
    """Give the paragraph just written a hanging ``(n)`` number."""
    paragraph = b.document.paragraphs[-1]
    Builder._hanging(paragraph, CLAUSE_INDENT)


def organisation_signatory(role: str = "For the Organisation") -> Signatory:
    return Signatory(
        role=role, party="{{ org.name }}",
        lines=(("Name", '{{ org.signatory_name or "' + LINE + '" }}'),
               ("Title", '{{ org.signatory_title or "' + LINE + '" }}')))


def officer_signatory(role: str, date: str = SHORT_LINE) -> Signatory:
    """The legal officer who made the decision (the ``actor`` of the transition)."""
    return Signatory(
        role=role, party='{{ actor.organization or org.name }}',
        lines=(("Name", "{{ actor.name }}"),
               ("Title", '{{ actor.title or "' + LINE + '" }}')),
        date=date)


def inventor_signatory(role: str = "Inventor {{ loop.index }}") -> Signatory:
    return Signatory(
        role=role, party="{{ i.organization }}",
        lines=(("Name", "{{ i.name }}"), ("E-mail", "{{ i.email }}")),
        loop="i in inventors")


def comment_paragraph(b: Builder, label: str) -> None:
    """The officer's comment on the transition, when there is one."""
    with b.when("comment"):
        b.para(f"**{label}:** {{{{ comment }}}}", indent=True)


# --------------------------------------------------------------------------------------------
# the six templates
# --------------------------------------------------------------------------------------------

def invention_disclosure_record(b: Builder) -> None:
    b.title("Invention Disclosure Record", "Dated receipt and record of an invention disclosure")
    b.para("The technology transfer office of **{{ org.name }}** (the “Office”) acknowledges "
           "that it received the invention disclosure recorded below on "
           "**{{ disclosure.submitted_at or doc.date }}** and has entered it in the register of "
           "inventions under registration number **{{ disclosure.reg_number }}**. "
           "This record is the Office’s dated receipt and the reference for every later "
           "decision on the invention."
           '{% if doc.sequence and doc.sequence != "1" %} It is version {{ doc.sequence }} of '
           "the record, issued for the revised disclosure, and replaces every earlier version."
           "{% endif %}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("Filing organisation and registration")
    b.fields([
        *organisation_fields(),
        Field("Consortium", "{{ disclosure.consortium_name }}",
              when="disclosure.consortium_name"),
        Field("Registration No.", "**{{ disclosure.reg_number }}**"),
        Field("Received on", "{{ disclosure.submitted_at or doc.date }}"),
        Field("Submitted by", "{{ actor.name }}{% if actor.email %} ({{ actor.email }}){% endif %}",
              when="actor.name"),
        Field("Status", "{{ disclosure.state }}", when="disclosure.state"),
    ])

    b.heading("The invention")
    b.fields(invention_fields()[1:])
    b.subheading("Abstract")
    b.listing("disclosure.abstract", "No abstract was given.")
    b.subheading("Background and problem solved")
    b.listing("disclosure.background", "No background was given.")
    b.subheading("What is new")
    b.listing("disclosure.novelty", "The inventors did not state what is new.")

    b.heading("Funding")
    b.fields([
        Field("Funding source", '{{ disclosure.funding_source or "No external funding declared" }}'),
        Field("Grant or contract No.", "{{ disclosure.grant_numbers }}",
              when="disclosure.grant_numbers"),
    ])
    b.clauses("The funding declared above decides who owns the invention and what the "
              "organisation must report to the funder. The Office will check the terms of "
              "every grant or contract listed before it decides on protection.")

    b.heading("Key dates and public disclosures")
    b.fields([
        Field("Conception", '{{ disclosure.conception_date or "Not stated" }}'),
        Field("First reduction to practice",
              '{{ disclosure.reduction_to_practice_date or "Not yet reduced to practice" }}'),
        Field("First public disclosure",
              '{{ disclosure.public_disclosure_date or "No public disclosure declared" }}'),
        Field("Novelty deadline", "**{{ disclosure.novelty_deadline }}**",
              when="disclosure.novelty_deadline"),
    ])
    b.subheading("Papers, talks, theses and other disclosures, made or planned")
    b.listing("disclosure.public_disclosure_details",
              "The inventors declare that they have neither made nor planned any public "
              "disclosure of the invention.")

    b.heading("Interested partners")
    b.listing("disclosure.interested_partners",
              "The inventors named no commercial partner already interested in the invention.")

    inventors_section = b.heading("Inventors and contributions")
    inventor_table(b)
    b.clauses("The shares above are the inventors’ own agreed record of their contributions "
              "to the invention; they total 100 per cent. Unless a later written agreement "
              "says otherwise, they are used to divide among the inventors any remuneration "
              "due under the organisation’s benefit-sharing policy.")

    b.heading("Review and decision")
    b.clauses(
        "The Office will review the disclosure, assess the invention and decide, **within "
        "four months of the date of receipt**, whether the organisation will seek patent "
        "protection, keep the invention as know-how (a trade secret), or release its rights "
        "to the inventors. It will tell the inventors of its decision in writing.",
        "The Office may ask the inventors for more information or a revised disclosure. A "
        "revised disclosure keeps the registration number above and receives a new version "
        "of this record.",
        "Until the Office has decided, the inventors will keep the invention confidential "
        "and will tell the Office before any paper, talk, poster, thesis defence or other "
        "public disclosure, so that an application can be filed first where needed.")

    b.heading("Inventors’ declaration")
    b.clauses("By signing below, each inventor declares that:")
    b.items(
        f"to the best of their knowledge the persons listed in section {inventors_section} "
        "are all the persons who contributed to the conception of the invention, and no one else;",
        "the information in this record is accurate and complete, including every funding "
        "source and every public disclosure made or planned;",
        "they have not assigned, licensed or promised any right in the invention to anyone "
        "other than the organisation; and",
        "they will keep the invention confidential until the Office has decided on it.")

    b.heading("Signatures and receipt")
    b.signatures([
        inventor_signatory(),
        Signatory(role="Received and registered by the Office", party="{{ org.name }}",
                  lines=(("Reg. No.", "{{ disclosure.reg_number }}"),
                         ("Name", LINE)),
                  date="{{ disclosure.submitted_at or doc.date }}"),
    ])


def ip_assessment_report(b: Builder) -> None:
    b.title("IP Assessment Report", "Assessment of a disclosed invention and ownership decision")
    b.para("This report records how the technology transfer office of **{{ org.name }}** "
           f"assessed invention disclosure {DISCLOSURE_REF}, the readiness of the invention "
           "for use and for the market, the decision on who owns it, and the office’s "
           "recommendation.", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("The invention assessed")
    b.fields([
        *invention_fields(),
        Field("Inventors", INVENTOR_SHARES),
        Field("Funding", FUNDING.replace("no external", "No external")),
        Field("Disclosure received on", "{{ disclosure.submitted_at }}",
              when="disclosure.submitted_at"),
        Field("Consortium", "{{ disclosure.consortium_name }}",
              when="disclosure.consortium_name"),
        Field("Novelty deadline", "{{ disclosure.novelty_deadline }}",
              when="disclosure.novelty_deadline"),
    ])

    b.heading("Readiness levels")
    b.clauses("The invention was rated on four readiness scales: technology readiness (TRL, "
              "1–9, EU Horizon wording), commercial readiness (CRL, 1–9), manufacturing "
              "readiness (MRL, 1–10, US Department of Defense scale) and investment readiness "
              "(IRL, 1–9). Each level is stated with its wording.")
    levels = [
        ("Technology readiness (TRL)", "trl", 9),
        ("Commercial readiness (CRL)", "crl", 9),
        ("Manufacturing readiness (MRL)", "mrl", 10),
        ("Investment readiness (IRL)", "irl", 9),
    ]
    b.fields([
        Field(label, f"{{% if assessment.{key} %}}**Level {{{{ assessment.{key} }}}} of {top}**"
                     f"{{% if assessment.{key}_text %}} — {{{{ assessment.{key}_text }}}}"
                     "{% endif %}{% else %}Not assessed{% endif %}")
        for label, key, top in levels
    ], label_width=5.5)
    b.clauses("Catalogue stage: on its technology readiness the invention belongs to the stage "
              "“**{{ assessment.trl_stage or \"not determined\" }}**” of the innovation "
              "catalogue (technical documentation or patent stage; passed experimental stage; "
              "passed industrial pilot; ready for introduction).")

    b.heading("Ownership")
    b.clauses(
        "Having considered the inventors’ employment or engagement, the funding of the work "
        f"({FUNDING})"
        "{% if disclosure.consortium_name %} and the intellectual property rules of "
        "{{ disclosure.consortium_name }}{% endif %}, the office has decided that the rights "
        "in the invention belong to: **{{ assessment.ownership or \"not yet decided\" }}**.",
        "This decision determines who takes an assignment of the invention and who shares in "
        "any income under the benefit-sharing policy. The office will review it if new facts "
        "about inventorship or funding come to light.")

    b.heading("Recommendation")
    b.listing("assessment.recommendation", "The assessor made no further recommendation.")
    comment_paragraph(b, "Assessor’s note")

    b.heading("Next steps")
    b.clauses("On the basis of this report the organisation will decide whether to protect "
              "the invention (by assignment and a patent application), to keep it as "
              "know-how under a trade-secret regime, or to release its rights to the "
              "inventors, and will inform the inventors in writing.")

    b.heading("Assessor")
    b.signatures([officer_signatory("Assessed by",
                                    date='{{ assessment.assessed_at or doc.date }}')])


def invention_assignment_agreement(b: Builder) -> None:
    b.title("Invention Assignment Agreement", f"Invention {DISCLOSURE_REF}", prefix=COUNTRY)
    b.para("This Agreement is made on {{ doc.date }} between:", keep_next=True)
    organisation_party(b, "1")
    b.para("(2)\tthe inventors listed below, each an “**Inventor**” and together the "
           "“**Inventors**”; the Organisation and the Inventors together are the “Parties”.",
           indent=True, keep_next=True)
    _hang_last(b)
    inventor_table(b)

    b.para("**Recitals**", style="Sub Heading")
    b.items(
        "The Inventors conceived the invention titled “{{ disclosure.title }}” in the course "
        "of their work with the Organisation"
        "{% if disclosure.consortium_name %} within {{ disclosure.consortium_name }}"
        "{% endif %}{% if disclosure.funding_source %}, with funding from " + FUNDING_SOURCE +
        "{% endif %}. They disclosed it to the "
        "Organisation{% if disclosure.submitted_at %} on {{ disclosure.submitted_at }}"
        "{% endif %}, and it was registered under No. {{ disclosure.reg_number }}.",
        "The Organisation’s technology transfer office assessed the invention"
        "{% if assessment.assessed_at %} on {{ assessment.assessed_at }}{% endif %} and "
        "recorded the ownership decision “{{ assessment.ownership }}”.",
        "The Organisation has decided to seek protection for the invention, and the Parties "
        "wish to record the transfer of the Inventors’ rights to the Organisation and the "
        "Inventors’ rights as authors.", recitals=True)
    b.para("The Parties therefore agree as follows.", before=4)

    b.heading("Definitions")
    b.clauses(
        "“**Invention**” means the invention described in disclosure No. "
        "{{ disclosure.reg_number }} and its revisions, with every embodiment and every "
        "improvement the Inventors make to it before the first application is filed.",
        "“**Rights**” means every right to apply for, obtain and hold patents, utility models "
        "and other industrial property protection for the Invention in any country, "
        "including rights of priority, together with the rights in the know-how forming "
        "part of the Invention, but not the personal rights of authorship in clause 4.",
        "“**Benefit-Sharing Policy**” means the Organisation’s policy on sharing income from "
        "intellectual property with its authors, as in force from time to time, and any "
        "benefit-sharing plan adopted under it for the Invention.",
        "“**Income**” means money the Organisation actually receives from licensing, "
        "assigning or otherwise exploiting the Invention.")

    b.heading("Assignment of rights")
    b.clauses(
        "In line with the ownership decision recorded in the assessment report "
        "(“{{ assessment.ownership }}”), each Inventor assigns to the Organisation all of "
        "that Inventor’s Rights in the Invention, and the Organisation accepts the "
        "assignment.",
        "Where the ownership decision allocates the Rights jointly with other owners or to "
        "a consortium, the Organisation holds the Rights assigned to it subject to the rules "
        "agreed with those owners"
        "{% if disclosure.consortium_name %}, including those of "
        "{{ disclosure.consortium_name }}{% endif %}.",
        "The assignment covers every country. The Organisation may file applications in its "
        "own name, claim priority from any earlier application and record this Agreement "
        "with any patent office.",
        "The assignment is made in return for the Inventors’ remuneration under clause 5 and "
        "the Organisation’s undertaking in clause 3.1 to bear the cost of protection.")

    b.heading("Protection and the Inventors’ cooperation")
    b.clauses(
        "The Organisation decides, at its own cost, whether, where and how to seek and "
        "maintain protection for the Invention, and keeps the Inventors informed of the "
        "filings it makes.",
        "Each Inventor will, at the Organisation’s request and cost, sign the declarations, "
        "assignments and other documents and give the information and technical help "
        "needed to file, prosecute, maintain and enforce protection for the Invention, "
        "including answers to patent office actions, oppositions and court proceedings. "
        "This obligation continues after the Inventor’s employment or engagement ends.",
        "If the Organisation decides not to file in a country, or to abandon an application "
        "or patent, it will tell the Inventors in writing at least two months before the "
        "next deadline and, if they ask in time, will offer to assign the Rights in that "
        "country to them.")

    b.heading("Authorship and moral rights")
    b.clauses(
        "The Inventors remain the authors of the Invention. This Agreement does not affect "
        "their right of authorship, their right to be named as inventors in every "
        "application and patent, or their other personal non-property rights, which cannot "
        "be assigned.",
        "The Organisation will name every Inventor in every application it files for the "
        "Invention.")

    b.heading("Author’s remuneration")
    b.clauses(
        "For the Rights assigned and for any use of the Invention, the Inventors are "
        "entitled to remuneration" + ART_997 + ".",
        "The amount, the share of Income and the timing of the remuneration are set by a "
        "separate written agreement between the Organisation and the Inventors made under "
        "the Benefit-Sharing Policy. This Agreement does not fix any percentage.",
        "Unless that agreement provides otherwise, the Inventors’ remuneration is divided "
        f"among them in the proportions recorded in the disclosure: {INVENTOR_SHARES}.",
        "The Organisation will keep accounts of the Income and send each Inventor, at least "
        "once a year in which Income is received, a statement showing every step of the "
        "calculation of that Inventor’s remuneration.",
        "The right to remuneration survives the end of an Inventor’s employment or "
        "engagement and passes to the Inventor’s heirs.")

    b.heading("Confidentiality")
    b.clauses(
        "Each Inventor will keep confidential all information about the Invention that the "
        "Organisation has not published, until it is published in a patent application or "
        "the Organisation releases it in writing.",
        "Before submitting any paper, talk, poster or thesis that describes the Invention, "
        "an Inventor will send it to the technology transfer office at least 30 days in "
        "advance. The office may ask for publication to be delayed by up to 90 days so that "
        "an application can be filed; it will not otherwise restrict publication.",
        "These obligations continue after the Inventor’s employment or engagement ends.")

    b.heading("Warranties")
    b.clauses("Each Inventor warrants that, to the best of that Inventor’s knowledge:")
    b.items(
        "the Inventors are together the only persons who contributed to the conception of "
        "the Invention;",
        "the Inventor has not assigned, licensed, pledged or promised any Right to anyone "
        "else;",
        "every public disclosure, source of funding and obligation to a third party that "
        "affects the Invention has been declared to the Organisation; and",
        "the information in the disclosure is accurate and complete.")
    b.clauses("The Organisation gives no warranty that a patent will be granted or that the "
              "Invention will produce any Income.")

    b.heading("General provisions")
    b.clauses(
        "This Agreement is governed by the law of " + LAW_OF_COUNTRY + ". The Parties will "
        "try to settle any dispute by negotiation for 30 days; failing that, the dispute "
        "goes to the competent court at the Organisation’s registered address.",
        "This Agreement is the whole agreement of the Parties on the assignment of the "
        "Rights. The remuneration agreement in clause 5.2 is separate and does not amend it.",
        "Any change to this Agreement must be in writing and signed by all Parties. If a "
        "provision is invalid, the rest remains in force and the Parties will replace the "
        "invalid provision by a valid one closest to its purpose.",
        "This Agreement may be signed electronically and in counterparts. It takes effect "
        "when the Organisation and every Inventor have signed it.")

    b.heading("Signatures")
    b.signatures([organisation_signatory(), inventor_signatory()])


def know_how_regime_order(b: Builder) -> None:
    b.title("Order", "Placing invention No. {{ disclosure.reg_number }} under a know-how "
                     "(trade secret) regime", prefix=COUNTRY)
    b.para("Issued by {{ actor.name }}{% if actor.title %}, {{ actor.title }}{% endif %}, "
           "on behalf of **{{ org.name }}** (the “Organisation”).", keep_next=True)

    b.heading("Grounds")
    b.clauses(
        f"Invention disclosure {DISCLOSURE_REF} was received"
        "{% if disclosure.submitted_at %} on {{ disclosure.submitted_at }}{% endif %} and "
        "assessed{% if assessment.assessed_at %} on {{ assessment.assessed_at }}{% endif %} "
        "(technology readiness: {% if assessment.trl %}TRL {{ assessment.trl }} — "
        "{{ assessment.trl_text }}{% else %}not assessed{% endif %}; ownership: "
        "{{ assessment.ownership or \"not stated\" }}).",
        "The assessment concluded that the value of the invention lies in information that "
        "is not generally known and cannot readily be worked out by others, and that "
        "publishing it in a patent application would harm the Organisation more than a "
        "patent would protect it. The invention (the “Know-how”) is therefore to be "
        "protected as a trade secret under {% if country %}the law of {{ country }} and "
        "{% endif %}the Organisation’s rules on intellectual property.")
    with b.when("assessment.recommendation"):
        b.para("**Recommendation of the assessment:**", indent=True, keep_next=True)
        b.para("{{ assessment.recommendation }}", indent=True)
    comment_paragraph(b, "Further grounds")
    b.para("**It is ordered as follows.**", before=6)

    b.heading("Confidential information")
    b.clauses("From the date of this Order the following are confidential information of the "
              "Organisation and part of the Know-how:")
    b.items(
        "the invention disclosure and all its versions, including the abstract, background "
        "and statement of what is new;",
        "all technical data, drawings, formulas, source code, laboratory records, samples and "
        "test results relating to the invention;",
        "the assessment report and all commercial information about the invention, "
        "including the names of interested partners and any terms discussed with them; and",
        "every improvement to the invention made by a person on the access list.")
    b.clauses("Information that is or becomes public other than through a breach of this "
              "Order, or that the Organisation releases in writing, is not Know-how.")

    b.heading("Access list")
    b.clauses("Only the following persons may have access to the Know-how:")
    b.table(
        (Column("No.", "{{ loop.index }}", 1.1, WD_ALIGN_PARAGRAPH.CENTER),
         Column("Name", "{{ i.name }}", 5.0),
         Column("Organisation", "{{ i.organization }}", 5.9),
         Column("Role", "Inventor", 4.5)),
        "i in inventors",
        extra_rows=[("", "{{ actor.name }}", "{{ actor.organization or org.name }}",
                     "Responsible person")])
    b.clauses("Any other person may be given access only by written decision of the "
              "responsible person, after signing a confidentiality undertaking. The "
              "responsible person keeps a log of every person given access and of every copy "
              "of the Know-how handed out.")

    b.heading("Protective measures")
    b.clauses(
        "Every document and file containing Know-how is marked “Confidential — Know-how "
        "{{ disclosure.reg_number }}”.",
        "Electronic records are kept only in storage with individual, logged access for the "
        "persons on the access list; paper records and samples are kept locked. Know-how may "
        "not be copied to personal devices or public cloud services.",
        "No paper, talk, poster, thesis or other publication may describe the Know-how "
        "without the prior written consent of the responsible person.",
        "Know-how may be disclosed outside the Organisation only under a written "
        "non-disclosure agreement approved by the Organisation’s legal office.",
        "Every person on the access list signs a confidentiality undertaking within ten "
        "working days of this Order, returns all Know-how on leaving the Organisation and "
        "remains bound after leaving.",
        "Any actual or suspected disclosure of Know-how is reported to the responsible person "
        "within one working day.")

    b.heading("Responsible person")
    b.clauses("{{ actor.name }}{% if actor.title %}, {{ actor.title }}{% endif %}"
              "{% if actor.email %} ({{ actor.email }}){% endif %}, is responsible for "
              "carrying out this Order, keeping the access list and the access log, and "
              "checking at least once a year that the measures in section 4 are applied.")

    b.heading("Duration")
    b.clauses(
        "The regime takes effect on {{ doc.date }} and lasts for as long as the Know-how "
        "keeps its commercial value by being secret, until it is ended by a further order "
        "(for example, if the Organisation decides to file a patent application).",
        "The responsible person reviews once a year whether the regime is still appropriate "
        "and reports to the technology transfer office.",
        "This Order does not affect the inventors’ authorship or their right to remuneration "
        "under the Organisation’s benefit-sharing policy if the Know-how is used or licensed.")

    b.heading("Signature and acknowledgement")
    b.clauses("Each person on the access list confirms by signing below that they have read "
              "this Order and will comply with it.")
    b.signatures([
        officer_signatory("Issued by", date="{{ doc.date }}"),
        Signatory(role="Acknowledged by", party="{{ i.organization }}",
                  lines=(("Name", "{{ i.name }}"),), loop="i in inventors"),
    ])


def rights_release_letter(b: Builder) -> None:
    b.title("Release of Rights", f"Invention {DISCLOSURE_REF}", prefix=COUNTRY)
    b.para("To:\t" + INVENTOR_NAMES, keep_next=True)
    b.para("Dear {% if inventors|length == 1 %}{{ inventors[0].name }}{% else %}colleagues"
           "{% endif %},", before=6)
    b.para("We write to confirm that **{{ org.name }}** (the “Organisation”) releases to you, "
           "the inventors, its rights in the invention registered under No. "
           "{{ disclosure.reg_number }} (the “Invention”), on the terms of this letter.",
           align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("Decision and reasons")
    b.clauses(
        "The technology transfer office assessed the Invention"
        "{% if assessment.assessed_at %} on {{ assessment.assessed_at }}{% endif %}"
        "{% if assessment.trl %} at technology readiness level {{ assessment.trl }} "
        "(“{{ assessment.trl_text }}”){% endif %}. On the basis of that assessment the "
        "Organisation has decided not to seek protection for the Invention or to "
        "commercialise it itself.")
    with b.when("assessment.recommendation"):
        b.para("**The assessment recommended:**", indent=True, keep_next=True)
        b.para("{{ assessment.recommendation }}", indent=True)
    comment_paragraph(b, "Further reasons")

    b.heading("What is released")
    b.clauses(
        "Subject to section 3, the Organisation releases to the inventors, and to the extent "
        "it has acquired them assigns to them, all its rights in the Invention, including "
        "the right to file patent and other applications for it in any country and to use, "
        "license and sell it.",
        "{% if inventors|length > 1 %}The inventors hold these rights in the proportions "
        f"recorded in the disclosure ({INVENTOR_SHARES}) unless they agree otherwise among "
        "themselves in writing.{% else %}The inventor named in the disclosure holds these "
        "rights alone.{% endif %}",
        "At the inventors’ request and cost, the Organisation will sign any confirmatory "
        "document needed to record the transfer with a patent office.",
        "The release does not cover the Organisation’s other inventions, its background "
        "intellectual property, its laboratory records, materials and equipment, or its "
        "names and trademarks. From the date of this release the inventors bear all costs of "
        "protecting and exploiting the Invention.")

    b.heading("Conditions")
    b.clauses(
        "**Acknowledgement of funding.** {% if disclosure.funding_source %}Every application, "
        "patent and publication on the Invention will acknowledge its funding ("
        + FUNDING_SOURCE + "), and the inventors will meet the funder’s reporting and other "
        "obligations that pass to them.{% else %}No external funding was declared for the "
        "Invention; if a funder’s support comes to light, the inventors will acknowledge it "
        "and meet the obligations that pass to them.{% endif %} The inventors will tell the "
        "technology transfer office of every application they file within 30 days of filing.",
        "**Licence back.** The inventors grant the Organisation a non-exclusive, royalty-free, "
        "perpetual and irrevocable licence to use the Invention for its own research and "
        "teaching, including with students and research partners, but not for commercial "
        "sale. The licence binds anyone to whom the inventors later transfer or license "
        "the rights.",
        "**No use of the Organisation’s name.** The inventors and their successors will not "
        "use the name, logo or trademarks of the Organisation in marketing or in any way "
        "that suggests its endorsement without its prior written consent. A factual "
        "statement that the Invention was made at the Organisation is allowed.",
        "**Third-party rights and no warranty.** The release is subject to any rights of a "
        "funder{% if disclosure.consortium_name %} and of the members of "
        "{{ disclosure.consortium_name }}{% endif %}. The Organisation gives no warranty "
        "that the Invention is patentable, valid or free of third-party rights.")

    b.heading("Acceptance and governing law")
    b.clauses(
        "Please confirm that you accept these conditions by signing below. The release takes "
        "effect on the date on which the last inventor signs.",
        "This letter is governed by the law of " + LAW_OF_COUNTRY + ".")
    b.para("Yours sincerely,", before=6)
    b.signatures([
        organisation_signatory(),
        inventor_signatory("Accepted by inventor {{ loop.index }}"),
    ])
    b.para("Prepared by {{ actor.name }}{% if actor.title %}, {{ actor.title }}{% endif %}"
           "{% if actor.email %}, {{ actor.email }}{% endif %}.", style="Small Print",
           before=10)


def patent_filing_record(b: Builder) -> None:
    b.title("Patent Filing Record", f"Invention {DISCLOSURE_REF}")
    b.para("This record confirms that an application for a patent for the invention below "
           "was filed{% if patent.office %} with {{ patent.office }}{% endif %}"
           "{% if patent.filing_date %} on {{ patent.filing_date }}{% endif %} in the name of "
           "**{{ org.name }}**, and enters the application in the organisation’s register "
           "of intellectual property.", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("The application")
    b.fields([
        Field("Patent office", "{{ patent.office }}"),
        Field("Application No.", "**{{ patent.application_number }}**"),
        Field("Filing date", "{{ patent.filing_date }}"),
        Field("Title of the invention", "{{ disclosure.title }}"),
        Field("Applicant", "{{ org.name }}{% if org.address %}, {{ org.address }}{% endif %}"),
        Field("Internal reference", "Invention disclosure No. {{ disclosure.reg_number }}"),
        Field("Field of technology", "{{ disclosure.field }}", when="disclosure.field"),
        Field("Earlier public disclosure",
              "{{ disclosure.public_disclosure_date }}, by the inventors — the application "
              "relies on the grace period where the law of the office provides one",
              when="disclosure.public_disclosure_date"),
        Field("Patent No.", "{{ patent.patent_number }}"
                            "{% if patent.grant_date %}, granted on {{ patent.grant_date }}"
                            "{% endif %}", when="patent.patent_number"),
    ])

    b.heading("Inventors")
    inventor_table(b)
    b.clauses("Every inventor listed above is named as an inventor in the application and "
              "keeps the right of authorship.")

    b.heading("Title to the invention")
    b.clauses(
        "The applicant’s right to the patent comes from the Invention Assignment Agreement "
        "between {{ org.name }} and the inventors concluded for disclosure No. "
        "{{ disclosure.reg_number }}, under the ownership decision "
        "“{{ assessment.ownership }}” recorded in the assessment report"
        "{% if assessment.assessed_at %} of {{ assessment.assessed_at }}{% endif %}.",
        "The inventors’ rights to remuneration under that agreement and the organisation’s "
        "benefit-sharing policy are not affected by the filing.")

    b.heading("Next steps")
    b.clauses(
        "**Formal examination.** The office checks the application for formal requirements; "
        "any notice is answered within the time it sets.",
        "**Substantive examination.** Where the law of the office requires a separate "
        "request for substantive examination, the legal officer files it, with the fee, "
        "within the period allowed, and answers every office action on time with the "
        "inventors’ help.",
        "**Foreign and international filings.** A decision on filing abroad or under the "
        "Patent Cooperation Treaty is made before the 12-month priority period from "
        "{{ patent.filing_date or \"the filing date\" }} ends.",
        "**Publication.** The application is normally published about 18 months from its "
        "priority date; until then the invention remains confidential.",
        "**Maintenance.** Once a patent is granted, annual maintenance fees are paid on time "
        "for as long as the organisation keeps the patent; each deadline is entered in the "
        "register.",
        "**Costs.** Filing, examination and maintenance costs are recorded against the "
        "invention and recovered from income before it is distributed under the "
        "benefit-sharing policy.")
    comment_paragraph(b, "Legal officer’s note")

    b.heading("Signature")
    b.signatures([officer_signatory("Recorded by", date="{{ doc.date }}")])


# --------------------------------------------------------------------------------------------
# building and the manifest
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    name: str
    title: str
    code: str
    write: Callable[[Builder], None]
    version: str = "1.0"


SPECS = (
    Spec("invention_disclosure_record", "Invention Disclosure Record", "IDR",
         invention_disclosure_record),
    Spec("ip_assessment_report", "IP Assessment Report", "AR", ip_assessment_report),
    Spec("invention_assignment_agreement", "Invention Assignment Agreement", "IAA",
         invention_assignment_agreement),
    Spec("know_how_regime_order", "Know-how Regime Order", "KHO", know_how_regime_order),
    Spec("rights_release_letter", "Rights Release Letter", "RRL", rights_release_letter),
    Spec("patent_filing_record", "Patent Filing Record", "PFR", patent_filing_record),
)


def template_variables(path: Path) -> list[str]:
    """The top-level names template ``path`` uses, parsed exactly as the app renders it."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    names = DocxTemplate(path).get_undeclared_template_variables(env)
    unknown = names - CONTEXT_VARIABLES
    if unknown:
        raise SystemExit(f"{path.name} uses unknown variables: {sorted(unknown)}")
    return sorted(names)


def build(directory: Path = HERE) -> dict[str, dict]:
    manifest: dict[str, dict] = {}
    for spec in SPECS:
        builder = Builder(spec.code)
        spec.write(builder)
        path = directory / f"{spec.name}.docx"
        builder.save(path, spec.title)
        manifest[spec.name] = {
            "title": spec.title, "code": spec.code, "version": spec.version,
            "file": path.name, "variables": template_variables(path),
        }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (directory / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


def main() -> None:
    manifest = build()
    for info in manifest.values():
        print(f"{info['file']:<40} {info['code']:<4} {', '.join(info['variables'])}")
    print("manifest.json")


if __name__ == "__main__":
    main()
