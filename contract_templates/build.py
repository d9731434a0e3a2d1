"""Build the contract templates of the disclosure, consortium, licence and benefit-plan
workflows and their manifest.

Run ``python contract_templates/build.py``. It writes one docxtpl template next to this file
for each document the four workflows produce, and ``manifest.json``, which the application
reads to find a template's file, title, numbering code and version:

==============================  ====  ===================================================
template                        code  issued when
==============================  ====  ===================================================
invention_disclosure_record     IDR   an inventor submits or resubmits a disclosure
ip_assessment_report            AR    the office completes the assessment
invention_assignment_agreement  IAA   the office decides to protect the invention
know_how_regime_order           KHO   the office decides to keep it as a trade secret
rights_release_letter           RRL   the office releases its rights to the inventors
patent_filing_record            PFR   the office records a patent application
memorandum_of_intent            MOI   the lead proposes the consortium
consortium_agreement_draft      CAD   the negotiated agreement goes to legal review
consortium_agreement            CA    legal approves the agreement for signature
executed_consortium_agreement   ECA   every member has signed (adds a signature certificate)
accession_agreement             ACC   a member is admitted
withdrawal_notice               WDN   a member withdraws
amendment_proposal              AMP   the lead proposes to amend the agreement
dissolution_act                 DSA   the consortium is dissolved
nda                             NDA   a mutual NDA is requested for evaluating an invention
term_sheet                      TS    licence terms are proposed (numbered, non-binding)
license_agreement               LA    legal approves the licence for signature
option_agreement                OA    legal approves an option for signature
executed_license_agreement      ELA   both parties have signed (adds a signature certificate)
royalty_report                  RR    the licensee reports a period's royalty
termination_notice              TN    a licence is terminated
license_registration_application LRA  the licensor applies to register the licence
benefit_sharing_plan_draft      BSPD  a benefit-sharing plan goes to its beneficiaries
benefit_sharing_agreement       BSA   the plan is approved and comes into force
distribution_statement          DS    a payment is distributed under the plan in force
==============================  ====  ===================================================

The templates are rendered by ``consortium.documents.rendering`` in a Jinja
``SandboxedEnvironment`` with autoescaping and ``StrictUndefined``; the only variables they
may use are ``DISCLOSURE_VARIABLES``, ``CONSORTIUM_VARIABLES``, ``LICENSE_VARIABLES`` or
``BENEFIT_VARIABLES`` (by workflow), and the build fails if a template uses another.

The consortium agreement follows the DESCA and Lambert multi-party models. Its clauses on
ownership and access rights differ by ``consortium.ip_regime`` and those on voting by
``consortium.voting_rule``: :meth:`Builder.variants` writes one ``{%p if %}`` branch per code,
each with the same number of clauses, so the numbering and cross-references hold whatever
the code. The licence agreement follows the university model licences (UC, NIH); its grant
differs by ``license.type`` (exclusive, non-exclusive; an option has its own agreement) and
its sublicensing clause by ``license.sublicensing`` in the same way. A milestone payment produces no document, so the
royalty report covers royalties only. The benefit-plan documents print no percentage but the
plan's own: the author's remuneration is set by agreement, never by a template.

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

import hashlib
import io
import json
import re
import sys
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

#: the only names a disclosure template may use (see consortium/disclosures/documents.py)
DISCLOSURE_VARIABLES = frozenset({"doc", "org", "disclosure", "inventors", "assessment",
                                  "patent", "actor", "comment", "signers"})
#: the only names a consortium template may use (see consortium/consortia/documents.py)
CONSORTIUM_VARIABLES = frozenset({"doc", "org", "consortium", "members", "contribution_totals",
                                  "admitted", "withdrawing", "results", "agreement_signatures",
                                  "actor", "comment", "signers", "decision"})
#: the only names a licence template may use (see consortium/licensing/documents.py)
LICENSE_VARIABLES = frozenset({"doc", "org", "license", "milestones", "licensor", "licensee",
                               "asset", "report", "agreement_signatures", "actor", "comment",
                               "signers", "filings"})
#: the only names a benefit-plan template may use (see consortium/benefits/documents.py)
BENEFIT_VARIABLES = frozenset({"doc", "org", "plan", "subject", "beneficiaries", "revenue",
                               "steps", "payments", "actor", "comment", "signers"})
#: every name any template may use
CONTEXT_VARIABLES = (DISCLOSURE_VARIABLES | CONSORTIUM_VARIABLES | LICENSE_VARIABLES
                     | BENEFIT_VARIABLES)

FONT = "Calibri"
BODY_PT = 11
SMALL_PT = 9
TABLE_PT = 10
GREY = RGBColor(0x59, 0x59, 0x59)
RULE = "A6A6A6"          # table and header rule colour
SHADE = "EDF1F5"         # label cells and table headings
ALERT = RGBColor(0xA5, 0x1D, 0x1D)   # draft markings
ALERT_FILL = "FBEAEA"
MONO = "Courier New"     # fingerprints (metric-compatible Liberation Mono in LibreOffice)

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
_COUNTRY_NAMES = (
    '{'
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
    '}'
)
COUNTRY = "{% set country = " + _COUNTRY_NAMES + ".get(org.country, org.country) %}"
#: ``countries`` (code -> name, for every party's country) and ``country`` (the
#: organisation's, which in a consortium document is the lead party's)
COUNTRIES = ("{% set countries = " + _COUNTRY_NAMES + " %}"
             "{% set country = countries.get(org.country, org.country) %}")
#: "the law of ..." with a sensible reading when the country is not recorded
LAW_OF_COUNTRY = ("{% if country %}{{ country }}{% else %}the country in which the Organisation "
                  "is registered{% endif %}")
#: the Kazakh Civil Code article on remuneration for service inventions, cited only for KZ
ART_997 = ('{% if org.country == "KZ" %} (Article 997 of the Civil Code of the Republic of '
           'Kazakhstan){% endif %}')


def names_of(items: str) -> str:
    """An inline, comma-separated list of the ``name`` of every item of ``items``."""
    return ("{% for i in " + items + " %}{{ i.name }}{% if not loop.last %}, {% endif %}"
            "{% endfor %}")


def share_total(items: str) -> str:
    """The sum of the ``share`` of every item of ``items``, computed rather than asserted."""
    return ('{{ "%g"|format(' + items + '|map(attribute="share")|map("float")|sum) }}'
            "\u00a0%")


#: an inline, comma-separated list of the inventors' names
INVENTOR_NAMES = names_of("inventors")
#: the inventors' names with their contribution shares
INVENTOR_SHARES = ('{% for i in inventors %}{{ i.name }} – {{ i.share }}\u00a0%'
                   '{% if not loop.last %}; {% endif %}{% endfor %}')
#: the sum of the inventors' shares, computed rather than asserted
SHARE_TOTAL = share_total("inventors")
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
#: what an issuing officer's block says instead of a signature line: the engine asks no one
#: to sign it, so it has none
ISSUED = "electronically, by the person named above through their account (audit log)"
SHORT_LINE = "_" * 18
#: "a" or "an" before an organisation kind held in ``@`` ("an enterprise", "a university":
#: no kind starts with a vowel sound written "u")
ARTICLE = "{{ 'an' if @.kind[:1] in 'aeio' else 'a' }}"


# --------------------------------------------------------------------------------------------
# low-level XML helpers
# --------------------------------------------------------------------------------------------

def _check_tags(text: str) -> None:
    """Refuse text whose Jinja tags are unbalanced: each tag must stay inside one run."""
    for opening, closing in (("{{", "}}"), ("{%", "%}"), ("{#", "#}")):
        if text.count(opening) != text.count(closing):
            raise ValueError(f"unbalanced Jinja tag in run: {text!r}")


def upper_text(text: str) -> str:
    """``text`` in capitals, leaving its Jinja tags (and so the names they use) untouched."""
    parts = re.split(r"(\{\{.*?\}\}|\{%.*?%\})", text)
    return "".join(part if index % 2 else part.upper() for index, part in enumerate(parts))


# --------------------------------------------------------------------------------------------
# languages: every English text enters a document through add_text, which translates it
# --------------------------------------------------------------------------------------------

#: the document languages besides English, with their Word language tags
LANGUAGES = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ"}
#: a clause or item number written before a tab ("3.2\t", "(a)\t", "A.\t"): the English
#: number is kept whatever the translation starts with, so every language numbers alike
_NUMBER = re.compile(r"^(\d+\.(?:\d+)?|\([a-z]\)|[A-Z]\.)\t")
_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass
class Language:
    """The language being built: its code and dictionary (None: English, unchanged)."""
    code: str = "en"
    words: dict[str, str] | None = None
    #: English texts with no translation met while building, in order
    missing: dict[str, None] = field(default_factory=dict)
    #: translations refused because they break the text's tags or bold pairs
    broken: dict[str, None] = field(default_factory=dict)


CURRENT = Language()


def dictionary(code: str, directory: Path = HERE / "lang") -> dict[str, str]:
    """Every ``lang/<code>/*.json`` merged: exact English text -> translation."""
    words: dict[str, str] = {}
    for path in sorted((directory / code).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        words.update({k: v for k, v in data.items()
                      if isinstance(k, str) and isinstance(v, str) and v.strip()})
    return words


def needs_translation(text: str) -> bool:
    """Whether ``text`` has words outside its Jinja tags (a tag alone needs none)."""
    return re.search(r"[A-Za-z]{2,}", _TAGS.sub("", text)) is not None


def _statements(text: str) -> list[str]:
    return sorted(re.findall(r"\{%-?\s*(\w+)", text))


def same_structure(english: str, translation: str) -> bool:
    """A translation keeps the English text's ``{% %}`` statements and bold pairs, and every
    part of it between ``**`` keeps its tags whole (docxtpl needs each tag in one run)."""
    if _statements(english) != _statements(translation):
        return False
    if english.count("**") % 2 != translation.count("**") % 2:
        return False
    try:
        for part in translation.split("**"):
            _check_tags(part)
    except ValueError:
        return False
    return True


#: the words of an amount, ``with_words`` writes it after the figures: " ({{ x|in_words }})"
_WORDS = re.compile(r" \(\{\{ ([^{}]*?)\|in_words(?:\(([^{}]*?)\))? \}\}\)")


def with_words(figures: str, value: str, currency: str | None = None) -> str:
    """``figures`` (a Jinja amount), then the amount in words in the document's language
    (the ``in_words`` filter of consortium.documents.language)."""
    args = f"({currency})" if currency else ""
    return figures + " ({{ " + value + "|in_words" + args + " }})"


def _put_back_words(english: str, translation: str) -> str:
    """The translation of ``english`` without its amounts in words, with them put back:
    after each amount's figures (and its currency, when that follows) in the translation."""
    for match in _WORDS.finditer(english):
        value, currency = match.group(1), match.group(2)
        figures = re.compile(r"\{\{ " + re.escape(value) + r"(?:\|[^{}]*)? \}\}"
                             + (r"(?:[\s\u00a0]*\{\{ " + re.escape(currency) + r" \}\})?"
                                if currency else ""))
        found = figures.search(translation)
        if found is None or match.group(0) in translation:
            continue
        translation = (translation[:found.end()] + match.group(0)
                       + translation[found.end():])
    return translation


def translate(text: str) -> str:
    """``text`` in the language being built; the English when it has no translation yet
    (recorded in ``CURRENT.missing``). An amount in words (``with_words``) is not part of
    the text translators translate: it is put back after the amount in the translation."""
    if CURRENT.words is not None and _WORDS.search(text):
        base = _WORDS.sub("", text)
        found = translate(base)
        return text if found is base else _put_back_words(text, found)
    words = CURRENT.words
    # a text that is only tags still has a translation when its string literals have words
    # ({{ x or "Not stated" }}, a {% set %} of country names)
    if words is None or (not needs_translation(text) and text not in words):
        return text
    found = words.get(text)
    number = _NUMBER.match(text)
    if found is None and number:
        found = words.get(text[number.end():])
    if found is not None and not same_structure(text, found):
        CURRENT.broken.setdefault(text, None)
        found = None
    if found is None:
        CURRENT.missing.setdefault(text, None)
        return text
    if number:
        found = number.group(0) + _NUMBER.sub("", found, count=1)
    return found


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
             size: float | None = None, color: RGBColor | None = None) -> None:
    """Append ``text`` to ``paragraph``; ``**...**`` marks bold parts. Tags stay whole."""
    text = translate(text)
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


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) showing ``shown`` until Word updates it."""
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
    paragraph.add_run(shown)
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


#: the order of a paragraph's properties in WordprocessingML (Word rejects other orders)
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
             "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
             "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
             "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
             "w:rPr", "w:sectPr", "w:pPrChange")


def add_paragraph_property(paragraph: Paragraph, element: OxmlElement) -> None:
    """Insert ``element`` into the paragraph's properties at its schema position."""
    tag = element.tag.split("}")[1]
    successors = PPR_ORDER[PPR_ORDER.index(f"w:{tag}") + 1:]
    paragraph._p.get_or_add_pPr().insert_element_before(element, *successors)


def paragraph_border_bottom(paragraph: Paragraph, color: str = RULE) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "4")
    bottom.set(qn("w:color"), color)
    borders.append(bottom)
    add_paragraph_property(paragraph, borders)


def paragraph_box(paragraph: Paragraph, color: RGBColor, fill: str) -> None:
    """A thin ``color`` box around ``paragraph`` on a ``fill`` background."""
    borders = OxmlElement("w:pBdr")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "8")
        element.set(qn("w:space"), "4")
        element.set(qn("w:color"), str(color))
        borders.append(element)
    add_paragraph_property(paragraph, borders)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    add_paragraph_property(paragraph, shd)


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


def write_header(section, note: str | None = None) -> None:
    """The organisation's name over its address and BIN, ruled off from the text, and an
    optional ``note`` line under the rule (a draft's "not for signature")."""
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
    if note:
        line = section.header.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.paragraph_format.space_before = Pt(3)
        line.paragraph_format.space_after = Pt(6)
        add_text(line, note, bold=True, size=9, color=ALERT)


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

    ``signs`` names the party of ``workflows.definition.SIGNER_PARTIES`` that signs in this
    block (the engine asks that party's people to sign the document); ``reproduces`` names
    the party whose signature an executed document reproduces here; with neither, the block
    records who issued the document and carries no signature line (``signature`` None).
    """
    role: str
    party: str
    lines: Sequence[tuple[str, str]]
    date: str = SHORT_LINE
    loop: str | None = None
    signature: str | None = LINE
    signs: str | None = None
    reproduces: str | None = None


@dataclass
class Builder:
    """A template under construction, keeping the section and clause counters."""
    code: str
    header_note: str | None = None
    section: int = 0
    clause: int = 0
    document: object = field(init=False)
    #: the parties signing in this template's blocks, and those whose signatures an executed
    #: document reproduces, in order (checked against the workflows: :func:`check_signers`)
    signing_parties: list[str] = field(default_factory=list)
    reproduced_parties: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.document = Document()
        configure_styles(self.document)
        sect = self.document.sections[0]
        configure_page(sect)
        write_header(sect, self.header_note)
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

    def variants(self, subject: str, branches: Sequence[tuple[str, Callable[[], None]]]) -> None:
        """Alternative clauses chosen by the code in ``subject`` (``{%p if subject == 'x' %}``;
        a tuple of codes shares one branch: ``{%p if subject in ('x', 'y') %}``).

        Every branch starts at the same clause number and must write as many numbered
        clauses as the others, so the clauses after the block are numbered the same whatever
        the code is.
        """
        start, ends = self.clause, []
        for index, (value, write) in enumerate(branches):
            test = f"in {value!r}" if isinstance(value, tuple) else f"== '{value}'"
            self.tag(f"{{%p {'if' if index == 0 else 'elif'} {subject} {test} %}}")
            self.clause = start
            write()
            ends.append(self.clause)
        self.tag("{%p endif %}")
        if len(set(ends)) != 1:
            raise ValueError(f"branches on {subject} write different numbers of clauses: {ends}")
        self.clause = ends[0]

    def banner(self, text: str) -> None:
        """A boxed, tinted warning line (a draft's "not for signature")."""
        paragraph = self.para(text, align=WD_ALIGN_PARAGRAPH.CENTER, before=2, after=10)
        for run in paragraph.runs:
            run.bold = True
            run.font.color.rgb = ALERT
        paragraph_box(paragraph, ALERT, ALERT_FILL)

    def title(self, title: str, subtitle: str | None = None, *, prefix: str = "") -> None:
        """Title, optional subtitle and the "No. … · date" line; ``prefix`` holds ``{% set %}``s."""
        self.para(upper_text(title), style="Document Title", align=WD_ALIGN_PARAGRAPH.CENTER)
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

    def keep_with_next(self, count: int = 1) -> None:
        """Keep the last ``count`` paragraphs written (control lines aside) on the same page
        as what follows, e.g. the last clause with the signatures, which then never stand
        alone on a page."""
        for paragraph in reversed(self.document.paragraphs):
            if count and not paragraph.text.startswith("{%p"):
                paragraph.paragraph_format.keep_with_next = True
                count -= 1

    def _keep_with_table(self) -> None:
        """Keep the paragraph that introduces a table on the same page as the table."""
        self.keep_with_next()

    def _table(self, rows: int, widths: Sequence[float], *, borders: str | None = RULE) -> Table:
        self._keep_with_table()
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

    def fields(self, rows: Sequence[Field], label_width: float = 5.0, *,
               keep_together: bool = False) -> None:
        """A two-column label/value table; a row with ``when`` appears only if it holds.
        ``keep_together`` keeps the whole table on one page."""
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
        if keep_together:
            self._keep_rows_together(table)
        self._after_table()

    def table(self, columns: Sequence[Column], loop: str,
              totals: Sequence[str] | None = None,
              extra_rows: Sequence[Sequence[str]] = (),
              looped_totals: tuple[str, Sequence[str]] | None = None) -> None:
        """A data table: heading row, one row per item of ``loop``, extra rows, then total
        rows: one per item of ``looped_totals[0]`` (e.g. per currency) and ``totals``."""
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
        if looped_totals:
            total_loop, values = looped_totals
            self._control_row(table, f"{{%tr for {total_loop} %}}")
            row = table.add_row()
            row_flags(row)
            for cell, value, column in zip(row.cells, values, columns, strict=True):
                shade(cell, SHADE)
                cell_paragraph(cell, value, first=True, bold=True, align=column.align)
            self._control_row(table, "{%tr endfor %}")
        if totals:
            row = table.add_row()
            row_flags(row)
            for cell, value, column in zip(row.cells, totals, columns, strict=True):
                shade(cell, SHADE)
                cell_paragraph(cell, value, first=True, bold=True, align=column.align)
        self._fix_widths(table, widths)
        self._after_table()

    def record_table(self, heading: str, rows: Sequence[Field], loop: str,
                     label_width: float = 4.5) -> None:
        """A label/value block repeated for each item of ``loop``, each under a full-width
        shaded ``heading`` row (a signature certificate's entries)."""
        widths = (label_width, TEXT_WIDTH_CM - label_width)
        table = self._table(0, widths)
        self._control_row(table, f"{{%tr for {loop} %}}")
        head = table.add_row()
        row_flags(head)
        merged = head.cells[0].merge(head.cells[1])
        shade(merged, SHADE)
        cell_paragraph(merged, heading, first=True, bold=True, space_before=2)
        for item in rows:
            row = table.add_row()
            row_flags(row)
            cell_paragraph(row.cells[0], item.label, first=True, bold=True)
            cell_paragraph(row.cells[1], item.value, first=True)
        self._control_row(table, "{%tr endfor %}")
        for row in table.rows:
            cells = row.cells
            if cells[0]._tc is cells[1]._tc:
                cells[0].width = Cm(TEXT_WIDTH_CM)
            else:
                for cell, width in zip(cells, widths, strict=True):
                    cell.width = Cm(width)
        for row in table.rows[1:-2]:          # keep each entry on one page
            for paragraph in row.cells[0].paragraphs + row.cells[-1].paragraphs:
                paragraph.paragraph_format.keep_with_next = True
        self._after_table()

    def signatures(self, signatories: Sequence[Signatory], *,
                   keep_together: bool = False) -> None:
        """Signature blocks: who signs on the left; name, title, signature, date on the right.
        ``keep_together`` keeps all the blocks on one page (for a fixed, small number)."""
        widths = (6.0, TEXT_WIDTH_CM - 6.0)
        table = self._table(0, widths, borders=None)
        for signatory in signatories:
            if signatory.signs and signatory.reproduces:
                raise ValueError(f"{signatory.role}: a block signs or reproduces, not both")
            if (signatory.signs or signatory.reproduces) and signatory.signature is None:
                raise ValueError(f"{signatory.role}: a signing block needs its signature line")
            if signatory.signs:
                self.signing_parties.append(signatory.signs)
            if signatory.reproduces:
                self.reproduced_parties.append(signatory.reproduces)
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
            if signatory.signature is None:
                cell_paragraph(right, "Issued:\t" + ISSUED, space_before=16)
            else:
                cell_paragraph(right, f"Signature:\t{signatory.signature}", space_before=16)
            cell_paragraph(right, f"Date:\t{signatory.date}", space_before=6)
            for paragraph in right.paragraphs:
                paragraph.paragraph_format.left_indent = Cm(2.3)
                paragraph.paragraph_format.first_line_indent = Cm(-2.3)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(2.3))
            if signatory.loop:
                self._control_row(table, "{%tr endfor %}")
        self._fix_widths(table, widths)
        if keep_together:
            self._keep_rows_together(table)

    @staticmethod
    def _keep_rows_together(table: Table) -> None:
        """Keep every row with the next, so that the table is not split across pages."""
        rows = [row for row in table.rows
                if not row.cells[0].paragraphs[0].text.startswith("{%tr")]
        for row in rows[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True

    @staticmethod
    def _fix_widths(table: Table, widths: Sequence[float]) -> None:
        """Give every cell (control rows included) its column's width, for Word and Writer."""
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)

    # -- output -------------------------------------------------------------------------------

    def save(self, path: Path, title: str, keywords: str) -> None:
        """Write the template with fixed properties and zip timestamps (reproducible bytes)."""
        props = self.document.core_properties
        props.title = title_in_language(title)
        if CURRENT.words is not None:       # English files keep their bytes (and en-US)
            set_language(self.document, LANGUAGES[CURRENT.code])
        props.subject = f"Consortium contract template {self.code}"
        props.author = props.last_modified_by = "Consortium"
        props.keywords = keywords
        props.comments = "Generated by contract_templates/build.py; edit that script."
        props.created = props.modified = FIXED_DATETIME
        props.last_printed = FIXED_DATETIME
        props.revision = 1
        raw = io.BytesIO()
        self.document.save(raw)
        path.write_bytes(normalise_zip(raw.getvalue()))


def title_in_language(title: str) -> str:
    """The title as the document properties hold it: the translation of the capitalised
    title the first page prints, in sentence case (the English title when there is none)."""
    if CURRENT.words is None:
        return title
    if CURRENT.words.get(title):        # lang/<code>/_titles.json: the titles as named
        return CURRENT.words[title]
    found = CURRENT.words.get(upper_text(title))
    if not found:
        return title
    return found[:1] + found[1:].lower()


def set_language(document, tag: str) -> None:
    """Make ``tag`` (kk-KZ, ru-RU, en-GB) the document's default language for spelling and
    hyphenation (``w:docDefaults``), for every script."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), tag)


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
    Column("Inventor", "{{ i.name }}{% if i.iin %}, IIN {{ i.iin }}{% endif %}", 4.6),
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


#: a party's legal form after its name, its bank details after its address, and the basis of
#: its signatory's authority after the signatory (``@`` is the party's variable)
LEGAL_FORM = "{% if @.legal_form %} ({{ @.legal_form }}){% endif %}"
BANK_DETAILS = ("{% if @.iban %}, bank account (IBAN) {{ @.iban }}{% if @.bank_name %} with "
                "{{ @.bank_name }}{% endif %}{% if @.bik %}, BIK {{ @.bik }}{% endif %}"
                "{% if @.kbe %}, Kbe {{ @.kbe }}{% endif %}{% endif %}")
AUTHORITY = "{% if @.signatory_basis %}, acting on the basis of {{ @.signatory_basis }}{% endif %}"


def organisation_party(b: Builder, number: str) -> None:
    """The organisation as a party, represented by its authorised signatory."""
    b.para(f"({number})\t**{{{{ org.name }}}}**" + LEGAL_FORM.replace("@", "org") +
           "{% if org.kind %}, " + ARTICLE.replace("@", "org") + " {{ org.kind }}{% endif %}"
           "{% if country %} registered in {{ country }}{% endif %}"
           "{% if org.bin %} under business identification number {{ org.bin }}{% endif %}"
           "{% if org.address %}, of {{ org.address }}{% endif %}" +
           BANK_DETAILS.replace("@", "org") +
           ", represented by {% if org.signatory_name %}{{ org.signatory_title or "
           '"its authorised signatory" }} {{ org.signatory_name }}{% else %}its authorised '
           "signatory{% endif %}" + AUTHORITY.replace("@", "org") +
           " (the “**Organisation**”); and", indent=True)
    _hang_last(b)


def _hang_last(b: Builder) -> None:
    """Give the paragraph just written a hanging ``(n)`` number."""
    paragraph = b.document.paragraphs[-1]
    Builder._hanging(paragraph, CLAUSE_INDENT)


def organisation_signatory(role: str = "For the Organisation",
                           signs: str = "organisation") -> Signatory:
    """The organisation's authorised signatory, who signs (``signs``: its party's name)."""
    return Signatory(
        role=role, party="{{ org.name }}",
        lines=(("Name", '{{ org.signatory_name or "' + LINE + '" }}'),
               ("Title", '{{ org.signatory_title or "' + LINE + '" }}')),
        signs=signs)


def officer_signatory(role: str, date: str = SHORT_LINE,
                      party: str = "{{ actor.organization or org.name }}") -> Signatory:
    """The officer who made the decision or the report (the ``actor`` of the transition):
    they issue the document through their account, and no one is asked to sign it."""
    return Signatory(
        role=role, party=party,
        lines=(("Name", "{{ actor.name }}"),
               ("Title", '{{ actor.title or "' + LINE + '" }}')),
        date=date, signature=None)


def inventor_signatory(role: str = "Inventor {{ loop.index }}") -> Signatory:
    """One block per inventor, an invited co-inventor without an account too."""
    return Signatory(
        role=role, party="{{ i.organization }}",
        lines=(("Name", "{{ i.name }}"), ("IIN", '{{ i.iin or "' + SHORT_LINE + '" }}'),
               ("E-mail", "{{ i.email }}")),
        loop="i in inventors", signs="inventors")


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
    b.clauses("By submitting this disclosure through their account, "
              "{% if actor.name %}{{ actor.name }}, {% endif %}the inventor who submitted it, "
              "declares that:")
    b.items(
        f"to the best of their knowledge the persons listed in section {inventors_section} "
        "are all the persons who contributed to the conception of the invention, and no one else;",
        "the information in this record is accurate and complete, including every funding "
        "source and every public disclosure made or planned;",
        "they have not assigned, licensed or promised any right in the invention to anyone "
        "other than the organisation; and",
        "they will keep the invention confidential until the Office has decided on it.")

    b.heading("Submission and receipt")
    b.clauses("The declaration above is made by submitting the disclosure, not by a "
              "handwritten signature: the submission is recorded, with its time, in the "
              "Office’s audit log. Every inventor signs the decision document that needs their "
              "signature, such as an assignment agreement.")
    b.fields([
        Field("Submitted by", "{{ actor.name }}{% if actor.email %} ({{ actor.email }})"
              "{% endif %}", when="actor.name"),
        Field("Received and registered by", "the Office of {{ org.name }}"),
        Field("Registration No.", "{{ disclosure.reg_number }}"),
        Field("Received on", "{{ disclosure.submitted_at or doc.date }}"),
    ], keep_together=True)


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


#: the inventors addressed, singular or plural as the disclosure names one or several
ONE_INVENTOR = "inventors|length == 1"
INVENTORS = "{% if " + ONE_INVENTOR + " %}inventor{% else %}inventors{% endif %}"
INVENTORS_POSSESSIVE = ("{% if " + ONE_INVENTOR + " %}inventor’s{% else %}inventors’"
                        "{% endif %}")
THEM = "{% if " + ONE_INVENTOR + " %}the inventor{% else %}them{% endif %}"


def plural_verb(one: str, several: str) -> str:
    """``one`` for a single inventor, ``several`` for more."""
    return "{% if " + ONE_INVENTOR + " %}" + one + "{% else %}" + several + "{% endif %}"


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
        "On {{ doc.date }} the Organisation decided, under its rules on intellectual "
        "property{% if country %} and the law of {{ country }} on commercial secrets"
        "{% endif %}, to keep the invention (the “Know-how”) as a trade secret: its value "
        "lies in information that is not generally known and cannot readily be worked out "
        "by others, and publishing it in a patent application would harm the Organisation "
        "more than a patent would protect it. This Order carries out that decision.")
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
        "This Order does not affect the " + INVENTORS_POSSESSIVE + " authorship or their "
        "right to remuneration under the Organisation’s benefit-sharing policy if the "
        "Know-how is used or licensed.")

    b.heading("Signature and acknowledgement")
    b.clauses("Each person on the access list confirms by signing below that they have read "
              "this Order and will comply with it.")
    b.signatures([
        officer_signatory("Issued by", date="{{ doc.date }}"),
        Signatory(role="Acknowledged by", party="{{ i.organization }}",
                  lines=(("Name", "{{ i.name }}"),), loop="i in inventors",
                  signs="inventors"),
    ])


def rights_release_letter(b: Builder) -> None:
    b.title("Release of Rights", f"Invention {DISCLOSURE_REF}", prefix=COUNTRY)
    b.para("To:\t" + INVENTOR_NAMES, keep_next=True)
    b.para("Dear {% if inventors|length == 1 %}{{ inventors[0].name }}{% else %}colleagues"
           "{% endif %},", before=6)
    b.para("We write to confirm that **{{ org.name }}** (the “Organisation”) releases to you, "
           "the " + INVENTORS + ", its rights in the invention registered under No. "
           "{{ disclosure.reg_number }} (the “Invention”), on the terms of this letter.",
           align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("Decision and reasons")
    b.clauses(
        "On {{ doc.date }} the Organisation decided, under its intellectual-property policy"
        "{% if country %} and the law of {{ country }}{% endif %}, not to seek protection "
        "for the Invention or to commercialise it itself, and to release its rights in it to "
        "the " + INVENTORS + ". It took that decision after the technology transfer office "
        "had assessed the Invention"
        "{% if assessment.assessed_at %} on {{ assessment.assessed_at }}{% endif %}"
        "{% if assessment.trl %} at technology readiness level {{ assessment.trl }} "
        "(“{{ assessment.trl_text }}”){% endif %}.")
    comment_paragraph(b, "Further reasons")

    b.heading("What is released")
    b.clauses(
        "Subject to section 3, the Organisation releases to the " + INVENTORS + ", and to the "
        "extent it has acquired them assigns to " + THEM + ", all its rights in the "
        "Invention, including "
        "the right to file patent and other applications for it in any country and to use, "
        "license and sell it.",
        "{% if inventors|length > 1 %}The inventors hold these rights in the proportions "
        f"recorded in the disclosure ({INVENTOR_SHARES}) unless they agree otherwise among "
        "themselves in writing.{% else %}The inventor named in the disclosure holds these "
        "rights alone.{% endif %}",
        "At the " + INVENTORS_POSSESSIVE + " request and cost, the Organisation will sign "
        "any confirmatory "
        "document needed to record the transfer with a patent office.",
        "The release does not cover the Organisation’s other inventions, its background "
        "intellectual property, its laboratory records, materials and equipment, or its "
        "names and trademarks. From the date of this release the " + INVENTORS + " "
        + plural_verb("bears", "bear") + " all costs of protecting and exploiting the "
        "Invention.")

    b.heading("Conditions")
    b.clauses(
        "**Acknowledgement of funding.** {% if disclosure.funding_source %}Every application, "
        "patent and publication on the Invention will acknowledge its funding ("
        + FUNDING_SOURCE + "), and the " + INVENTORS + " will meet the funder’s reporting "
        "and other obligations that pass to " + THEM + ".{% else %}No external funding was "
        "declared for the Invention; if a funder’s support comes to light, the " + INVENTORS +
        " will acknowledge it and meet the obligations that pass to " + THEM + ".{% endif %} "
        "The " + INVENTORS + " will tell the technology transfer office of every application "
        + plural_verb("the inventor files", "they file") + " within 30 days of filing.",
        "**Licence back.** The " + INVENTORS + " " + plural_verb("grants", "grant") + " the "
        "Organisation a non-exclusive, royalty-free, perpetual and irrevocable licence to use "
        "the Invention for its own research and teaching, including with students and "
        "research partners, but not for commercial sale. The licence binds anyone to whom "
        "the " + INVENTORS + " later " + plural_verb("transfers", "transfer") + " or "
        + plural_verb("licenses", "license") + " the rights.",
        "**No use of the Organisation’s name.** The " + INVENTORS + " and "
        + plural_verb("the inventor’s", "their") + " successors will not "
        "use the name, logo or trademarks of the Organisation in marketing or in any way "
        "that suggests its endorsement without its prior written consent. A factual "
        "statement that the Invention was made at the Organisation is allowed.",
        "**Third-party rights and no warranty.** The release is subject to any rights of a "
        "funder{% if disclosure.consortium_name %} and of the members of "
        "{{ disclosure.consortium_name }}{% endif %}. The Organisation gives no warranty "
        "that the Invention is patentable, valid or free of third-party rights.")

    b.heading("Acceptance and governing law")
    b.clauses(
        "The release takes effect on the date of this letter. Please confirm that you accept "
        "the conditions in section 3 by signing below: they bind each inventor from the day "
        "that inventor signs, and the Organisation’s authorised signatory signs for the "
        "Organisation.",
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
# consortium documents: shared text and blocks
# --------------------------------------------------------------------------------------------

#: the subjects the consortium clauses vary on
IP = "consortium.ip_regime"
VOTE = "consortium.voting_rule"
IP_REGIMES = ("each_party_owns", "lead_owns", "joint_ownership", "contributor_owns")
VOTING_RULES = ("majority", "two_thirds", "unanimity")

#: the draft agreement's marking, on every page and under its title
DRAFT_MARK = ("DRAFT No. {{ consortium.agreement_version }} — for legal review, "
              "not for signature")
NBSP = "\u00a0"
#: the consortium as named in running text
CONSORTIUM_NAME = ("“{{ consortium.name }}”{% if consortium.reg_number %} (Reg. No. "
                   "{{ consortium.reg_number }}){% endif %}")
#: the law of the lead party's country (``country`` is set by COUNTRIES from ``org``, which
#: in a consortium document is the lead party)
LAW_OF_LEAD = ("{% if country %}{{ country }}{% else %}the country in which the Lead Party is "
               "registered{% endif %}")
#: the legal form, cited only for a consortium led from Kazakhstan
KZ_FORM = ('{% if org.country == "KZ" %}, in the form of an industrial-scientific '
           "technological consortium provided for by the Law of the Republic of Kazakhstan "
           "“On Science and Technology Policy”{% endif %}")
#: the sum of the members' shares, computed rather than asserted
MEMBER_SHARE_TOTAL = share_total("members")
#: the members' names with their shares, inline
MEMBER_SHARES = ("{% for m in members %}{{ m.name }} – {{ m.share }}" + NBSP + "%"
                 "{% if not loop.last %}; {% endif %}{% endfor %}")


def signed_at(party: str) -> str:
    """When the party in ``party`` signed the agreement, from ``agreement_signatures``."""
    return ("{% for s in agreement_signatures if s.organization == " + party + ".name %}"
            "{{ s.signed_at }}{% if not loop.last %}; {% endif %}{% else %}see the signature "
            "certificate{% endfor %}")


#: the signed consortium agreement's date for member ``m``, from the signature records
SIGNED_AT = signed_at("m")


def choose(subject: str, options: Sequence[tuple[str, str]]) -> str:
    """Inline text chosen by the code in ``subject``: ``{% if subject == 'a' %}…{% elif %}…``."""
    parts = [f"{{% {'if' if index == 0 else 'elif'} {subject} == '{value}' %}}{text}"
             for index, (value, text) in enumerate(options)]
    return "".join(parts) + "{% endif %}"


def amount(value: str, currency: str) -> str:
    """An amount (``value``, a Jinja expression such as "25 000 000.00") followed by its
    ``currency`` expression, never broken inside the number."""
    return '{{ ' + value + '|replace(" ", "' + NBSP + '") }} {{ ' + currency + ' }}'


def money(var: str) -> str:
    """A member's contribution value with its currency, never broken inside the number."""
    return amount(f"{var}.contribution_value", f"{var}.currency")


def money_in_words(var: str) -> str:
    """A member's contribution value with its currency, then in words."""
    return with_words(money(var), f"{var}.contribution_value", f"{var}.currency")


def party_text(var: str) -> str:
    """A member (a dict in ``var``) described as a contracting party."""
    return ("**{{ @.name }}**" + LEGAL_FORM +
            "{% if @.kind %}, " + ARTICLE + " {{ @.kind }}{% endif %}"
            "{% if @.country %} registered in {{ countries.get(@.country, @.country) }}"
            "{% endif %}"
            "{% if @.bin %} under business identification number {{ @.bin }}{% endif %}"
            "{% if @.address %}, of {{ @.address }}{% endif %}" + BANK_DETAILS +
            ", represented by {% if @.signatory_name %}{{ @.signatory_title or "
            '"its authorised signatory" }} {{ @.signatory_name }}{% else %}its authorised '
            "signatory{% endif %}" + AUTHORITY).replace("@", var)


def member_parties(b: Builder) -> None:
    """One numbered paragraph per member, the lead marked as the Lead Party."""
    b.tag("{%p for m in members %}")
    b.para("({{ loop.index }})\t" + party_text("m") +
           "{% if m.role == 'lead' %}, acting as lead party and coordinator (the “**Lead "
           "Party**”){% endif %}"
           "{% if loop.last %}.{% elif loop.revindex == 2 %}; and{% else %};{% endif %}",
           indent=True)
    _hang_last(b)
    b.tag("{%p endfor %}")


CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT

#: every member's contribution in full (agreement, memorandum, final accounting)
CONTRIBUTION_COLUMNS = (
    Column("No.", "{{ loop.index }}", 1.0, CENTER),
    Column("Party", "{{ m.name }}", 3.5),
    Column("Role", "{{ m.role_label }}", 1.8),
    Column("Type", "{{ m.contribution_type_label }}", 2.1),
    Column("Value", money("m"), 3.1, RIGHT),
    Column("Description", '{{ m.contribution_description or "—" }}', 3.5),
    Column("Share", "{{ m.share }}" + NBSP + "%", 1.5, RIGHT),
)
#: the members and their shares (accession, withdrawal, amendment)
SHARE_COLUMNS = (
    Column("No.", "{{ loop.index }}", 1.0, CENTER),
    Column("Party", "{{ m.name }}", 6.0),
    Column("Role", "{{ m.role_label }}", 2.0),
    Column("Contribution", "{% if m.contribution_type_label %}{{ m.contribution_type_label }}"
                           ", {% endif %}" + money("m"), 5.5),
    Column("Share", "{{ m.share }}" + NBSP + "%", 2.0, RIGHT),
)


def contribution_table(b: Builder) -> None:
    """Contributions of all members, a total per currency and the total of the shares."""
    b.table(CONTRIBUTION_COLUMNS, "m in members",
            looped_totals=("t in contribution_totals",
                           ("", "Total, {{ t.currency }}", "", "",
                            '{{ t.total|replace(" ", "' + NBSP + '") }} '
                            "{{ t.currency }}", "", "")),
            totals=("", "Total of the Shares", "", "", "", "", MEMBER_SHARE_TOTAL))


def share_table(b: Builder, name_suffix: str = "") -> None:
    """The members with their contributions and shares, and the total of the shares."""
    columns = list(SHARE_COLUMNS)
    if name_suffix:
        columns[1] = Column("Party", "{{ m.name }}" + name_suffix, 6.0)
    b.table(columns, "m in members",
            totals=("", "Total of the Shares", "", "", MEMBER_SHARE_TOTAL))


def member_signatory(*, date: str = SHORT_LINE, signature: str | None = LINE,
                     signs: str | None = "members",
                     reproduces: str | None = None) -> Signatory:
    """One signature block per member, signed by its authorised signatory."""
    return Signatory(
        role="Party {{ loop.index }}{% if m.role == 'lead' %} — Lead Party{% endif %}",
        party="{{ m.name }}",
        lines=(("Name", '{{ m.signatory_name or "' + LINE + '" }}'),
               ("Title", '{{ m.signatory_title or "' + LINE + '" }}')),
        date=date, signature=signature, loop="m in members", signs=signs,
        reproduces=reproduces)


def party_signatory(role: str, var: str, *, date: str = SHORT_LINE,
                    signature: str = LINE, signs: str | None = None,
                    reproduces: str | None = None) -> Signatory:
    """The signature block of one party held in ``var`` (the new member, the lead, the
    licensor)."""
    return Signatory(
        role=role, party="{{ @.name }}".replace("@", var),
        lines=(("Name", ('{{ @.signatory_name or "' + LINE + '" }}').replace("@", var)),
               ("Title", ('{{ @.signatory_title or "' + LINE + '" }}').replace("@", var))),
        date=date, signature=signature, signs=signs, reproduces=reproduces)


def monospace(paragraph: Paragraph, marker: str, size: float = 8.5) -> None:
    """Print the runs of ``paragraph`` containing ``marker`` (a fingerprint) in ``MONO``."""
    for run in paragraph.runs:
        if marker in run.text:
            run.font.name = MONO
            set_fonts(run._r, MONO)
            run.font.size = Pt(size)


#: the weighty matters of the General Assembly (clause 5), whatever the voting rule
WEIGHTY_MATTERS = (
    "changes to the Work Plan that alter a Party’s tasks, contribution or timetable;",
    "changes to the Shares, other than their rescaling in proportion on an accession or a "
    "withdrawal;",
    "the admission of a new Party and the terms of its accession;",
    "declaring a Party a Defaulting Party, and the measures taken against it, including the "
    "termination of its participation;",
    "seeking, maintaining or abandoning protection of Results owned by more than one Party;",
    "proposals to amend this Agreement, including its intellectual property regime and its "
    "voting rule;",
    "extending the duration of the Consortium, suspending its activities or dissolving it "
    "early; and",
    "the allocation of assets on dissolution within the limits of clause 14.",
)

#: (key, heading) of the consortium agreement's sections, in order; cross-references use
#: ``CA[key]`` so they follow the numbering
AGREEMENT_SECTIONS = (
    ("definitions", "Definitions"),
    ("purpose", "Purpose and work plan"),
    ("term", "Entry into force, duration and termination"),
    ("duties", "Responsibilities of the Parties"),
    ("governance", "Governance"),
    ("contributions", "Contributions and Shares"),
    ("results", "Background and Results"),
    ("ip", "Intellectual property regime and Access Rights"),
    ("confidentiality", "Confidentiality"),
    ("benefits", "Benefit sharing"),
    ("liability", "Liability"),
    ("default", "Defaulting Party"),
    ("accession", "Accession and withdrawal"),
    ("dissolution", "Dissolution"),
    ("law", "Governing law and disputes"),
)
CA = {key: number for number, (key, _) in enumerate(AGREEMENT_SECTIONS, 1)}
#: the withdrawal notice period, in running text: the consortium's term, which the engine
#: dates a withdrawal by (``Consortium.notice_months``)
NOTICE_MONTHS = ("{{ consortium.withdrawal_notice_months }} month{{ '' if "
                 "consortium.withdrawal_notice_months == '1' else 's' }}")
CA_TITLE = dict(AGREEMENT_SECTIONS)


def agreement_section(b: Builder, key: str) -> None:
    number = b.heading(CA_TITLE[key])
    assert number == CA[key], (key, number)


def clause_ref(b: Builder, offset: int = 1) -> str:
    """The number of the clause ``offset`` clauses after the last one written."""
    return f"{b.section}.{b.clause + offset}"


# --------------------------------------------------------------------------------------------
# the consortium agreement (draft, for signature, executed)
# --------------------------------------------------------------------------------------------

def consortium_agreement_text(b: Builder, mode: str) -> None:
    """The agreement, structured like the DESCA and Lambert multi-party models.

    ``mode`` is ``draft`` (marked not for signature) or ``final`` (for signature). The
    executed agreement is the signed final text itself, reproduced unchanged, followed by
    its execution page (:func:`execution_page`).
    """
    b.title("Consortium Agreement", "Consortium “{{ consortium.name }}”"
            "{% if consortium.reg_number %} · Reg. No. {{ consortium.reg_number }}{% endif %}",
            prefix=COUNTRIES)
    if mode == "draft":
        b.banner(DRAFT_MARK)
    b.para("This Consortium Agreement (the “**Agreement**”) is made between the following "
           "parties (each a “**Party**” and together the “**Parties**”):", keep_next=True)
    member_parties(b)

    b.para("**Recitals**", style="Sub Heading")
    b.items(
        "The Parties wish to cooperate in a consortium named “{{ consortium.name }}” (the "
        "“**Consortium**”)" + KZ_FORM + ", which is not a legal entity, to carry out "
        "together the project described in clause 2.",
        "The Parties recorded their intention to form the Consortium in a memorandum of "
        "intent{% if consortium.proposed_at %} of {{ consortium.proposed_at }}{% endif %} "
        "and have since negotiated the terms of this Agreement.",
        "The Parties wish to set out their contributions, how the Consortium is governed, "
        "who owns and who may use the knowledge brought to and created in the project, and "
        "how the benefits are shared.", recitals=True)
    b.para("The Parties therefore agree as follows.", before=4)

    # 1 ------------------------------------------------------------------------------------
    agreement_section(b, "definitions")
    b.clauses("In this Agreement the following words have the meanings given below:")
    b.items(
        "“**Access Rights**” means licences and rights to use Results or Background granted "
        "under this Agreement.",
        "“**Background**” means data, know-how, information, inventions, software and other "
        "material, with the intellectual property rights in them, that a Party holds before "
        "the Effective Date or generates outside the Project, and that it contributes to the "
        "Project or that is Needed to carry out the Project or to Exploit Results.",
        f"“**Defaulting Party**” means a Party so declared under clause {CA['default']}.",
        f"“**Effective Date**” has the meaning given in clause {CA['term']}.1.",
        "“**Exploit**” means to use Results in further research outside the Project, or in "
        "developing, making or marketing a product or process, providing a service, or "
        "licensing or transferring them; “**Exploitation**” has the corresponding meaning.",
        "“**General Assembly**” means the body of all Parties described in clause "
        f"{CA['governance']}.",
        "“**Lead Party**” means {{ consortium.lead.name }}, the Party that coordinates the "
        "Consortium.",
        "“**Needed**” means that without the Access Right the requesting Party’s tasks in the "
        "Project, or the Exploitation of its own Results, would be technically or legally "
        "impossible, significantly delayed, or would require significant additional "
        "financial or human resources.",
        "“**Net Revenue**” means the money actually received from Exploiting Results — "
        "licence fees, royalties and sale proceeds — less the documented external costs of "
        "protecting and Exploiting them and taxes other than income tax.",
        f"“**Project**” means the work described in clause {CA['purpose']}, carried out "
        "under the Work Plan.",
        "“**Results**” means any tangible or intangible output of the Project — data, "
        "knowledge, inventions, designs, software, prototypes and other information — "
        "whatever its form and whether or not it can be protected, with all rights attached "
        "to it, including intellectual property rights.",
        f"“**Share**” means the percentage of a Party shown in clause {CA['contributions']}, "
        "as adjusted under this Agreement.")
    b.clauses("Headings are for convenience only. “Including” means including without "
              "limitation. A reference to a Party includes its successors and permitted "
              "assignees, and a reference to a clause is to a clause of this Agreement.")

    # 2 ------------------------------------------------------------------------------------
    agreement_section(b, "purpose")
    b.clauses("The Parties form the Consortium for the following purpose:")
    b.listing("consortium.purpose", "The purpose is the joint research, development and "
              "commercialisation of technology in the field agreed by the Parties.")
    b.clauses("The Parties will carry out the Project according to the following work plan "
              "(the “**Work Plan**”):")
    b.listing("consortium.work_plan", "The General Assembly will adopt the Work Plan at its "
              "first meeting, within 60 days of the Effective Date.")
    b.clauses(
        "The General Assembly may update the Work Plan; an update that changes a Party’s "
        "tasks, contribution or timetable is a weighty matter under clause "
        f"{CA['governance']}.",
        "The Consortium is not a legal entity. Nothing in this Agreement creates a "
        "partnership, joint venture or agency between the Parties, and no Party may bind "
        f"another, except the Lead Party within the mandate in clause {CA['duties']}.2.")

    # 3 ------------------------------------------------------------------------------------
    agreement_section(b, "term")
    b.clauses(
        "This Agreement enters into force on {% if consortium.start_date %}"
        "{{ consortium.start_date }} or, if later, the date on which the last Party signs it"
        "{% else %}the date on which the last Party signs it{% endif %} (the “**Effective "
        "Date**”).",
        "It continues {% if consortium.end_date %}until {{ consortium.end_date }}"
        "{% else %}until the Project is completed and the Parties’ obligations under the Work "
        "Plan are fulfilled{% endif %}, unless it is extended by a decision of the General "
        f"Assembly or ends earlier under clause {CA['dissolution']}.",
        "A Party’s participation ends earlier if it withdraws under clause "
        f"{CA['accession']} or is terminated as a Defaulting Party under clause "
        f"{CA['default']}; the Agreement continues between the other Parties.",
        "The end of this Agreement, or of a Party’s participation, does not affect rights "
        "and obligations that arose before it. The clauses that by their nature continue — "
        f"in particular clauses {CA['ip']} (as far as Access Rights continue), "
        f"{CA['confidentiality']}, {CA['benefits']}, {CA['liability']}, "
        f"{CA['dissolution']} and {CA['law']} — survive for the periods stated in them.")

    # 4 ------------------------------------------------------------------------------------
    agreement_section(b, "duties")
    b.clauses("Each Party will:")
    b.items(
        "carry out its tasks in the Work Plan diligently, to a professional standard and on "
        "time;",
        f"make its contribution under clause {CA['contributions']} in full and on time;",
        "tell the Lead Party without delay of any delay, difficulty or event that may affect "
        "the Project;",
        "give the General Assembly and the Lead Party the information they reasonably need "
        "to coordinate the Project and keep its records; and",
        "comply with the law, research ethics and export-control rules that apply to its "
        "work.")
    b.clauses("The Lead Party, in addition:")
    b.items(
        "coordinates the Project, chairs the General Assembly and keeps its minutes;",
        "keeps the register of the Parties, their contributions and Shares, and the register "
        "of Results;",
        "represents the Consortium towards funders and third parties within the mandate the "
        "General Assembly gives it; it may not sign any contract that binds another Party "
        "without that Party’s written authority;",
        "reports to the Parties at least every six months on the progress of the Project "
        "and on the contributions received; and",
        f"keeps the accounts of Consortium Income and distributes it under clause "
        f"{CA['benefits']}.")
    b.clauses("Each Party is solely responsible for its own employees, students and "
              "contractors, and for the obligations it has to them.")

    # 5 ------------------------------------------------------------------------------------
    agreement_section(b, "governance")
    b.clauses(
        "**General Assembly.** The General Assembly is the decision-making body of the "
        "Consortium. It consists of one representative of each Party, who may appoint a "
        "substitute or give a written proxy to another Party’s representative. The "
        "representative of the Lead Party chairs it.",
        "**Meetings.** The chair convenes an ordinary meeting at least twice a year, by "
        "written notice with the agenda at least 14 days in advance, and an extraordinary "
        "meeting within 30 days of a written request by any Party, with at least 7 days’ "
        "notice. Meetings may be held in person or by video conference. A decision may also "
        "be taken in writing without a meeting: the chair circulates the proposal and the "
        "votes received in writing within 15 days count as if cast at a meeting.",
        "**Quorum.** The General Assembly may decide only if at least "
        "{{ consortium.quorum_percent }}" + NBSP + "% of the Parties are present or "
        "represented. If a meeting is not quorate, the chair convenes a new meeting with the "
        "same agenda within 15 days.")
    weighty = clause_ref(b, 2)
    veto = clause_ref(b, 3)
    defaulting_vote = clause_ref(b, 4)

    def majority() -> None:
        b.clauses("**Voting rule: simple majority.** Each Party present or represented has "
                  "one vote. A decision is taken by more than half of the votes cast; "
                  "abstentions and blank votes are not votes cast.",
                  "**Weighty matters.** A decision on any of the following matters needs at "
                  "least two-thirds of the votes cast instead of a simple majority, may be "
                  "taken only if the matter was on the agenda sent with the notice of the "
                  f"meeting, and is subject to the veto in clause {veto}:")
        b.items(*WEIGHTY_MATTERS)
        b.clauses(VETO_SEVERELY_AFFECTED.format(weighty=weighty, defaulting=defaulting_vote))

    def two_thirds() -> None:
        b.clauses("**Voting rule: two-thirds majority.** Each Party present or represented "
                  "has one vote. A decision is taken by at least two-thirds of the votes cast; "
                  "abstentions and blank votes are not votes cast.",
                  "**Weighty matters.** A decision on any of the following matters needs, in "
                  "addition, the votes in favour of at least two-thirds of all Parties, "
                  "whether present or not, may be taken only if the matter was on the agenda "
                  "sent with the notice of the meeting, and is subject to the veto in clause "
                  f"{veto}:")
        b.items(*WEIGHTY_MATTERS)
        b.clauses(VETO_SEVERELY_AFFECTED.format(weighty=weighty, defaulting=defaulting_vote))

    def unanimity() -> None:
        b.clauses("**Voting rule: unanimity.** Each Party present or represented has one "
                  "vote. A decision is taken only if every Party present or represented "
                  "votes in favour; an abstention counts as a vote against.",
                  "**Weighty matters.** A decision on any of the following matters needs the "
                  "votes in favour of all Parties, given at a meeting at which every Party is "
                  "present or represented, or in writing signed by every Party:")
        b.items(*WEIGHTY_MATTERS)
        b.clauses("**Veto.** A Party that was not present or represented when a decision on "
                  "another matter was taken, and whose legitimate interests — its tasks, "
                  "costs, time for performance, liability or intellectual property — would be "
                  "severely affected by it, may veto it by written notice to the chair within "
                  "15 days after the minutes are sent. The vetoed decision is not implemented, "
                  "and the chair convenes a meeting within 30 days to find a solution. A Party "
                  "that was present or represented could vote against and has no veto. "
                  f"Clause {defaulting_vote} applies to decisions on a Defaulting Party.")

    b.variants(VOTE, (("majority", majority), ("two_thirds", two_thirds),
                      ("unanimity", unanimity)))
    assert clause_ref(b) == defaulting_vote
    b.clauses(
        "**Defaulting Party.** A Party concerned by a decision declaring it a Defaulting "
        "Party, or on the measures taken against it, does not vote on that decision, is not "
        "counted for the quorum or for any majority or requirement of all Parties, and may not "
        "veto it.",
        "**Minutes.** The chair sends the minutes to all Parties within 10 days after each "
        "meeting. They are accepted if no Party objects in writing within 15 days after they "
        "are sent. A decision that may be vetoed takes effect when the period for a veto "
        "has ended without one.",
        "**Amendments.** A decision of the General Assembly to amend this Agreement is a "
        "proposal only: the amendment takes effect when every Party has signed it, as "
        f"provided in clause {CA['law']}.")

    # 6 ------------------------------------------------------------------------------------
    agreement_section(b, "contributions")
    b.clauses("Each Party makes the contribution shown against its name below — in cash, in "
              "kind (equipment, premises, materials or staff time, at the value stated) or by "
              "making Background available — and holds the Share shown against its name:")
    contribution_table(b)
    b.clauses(
        "Cash contributions are paid into the account designated by the Lead Party on the "
        "schedule in the Work Plan or, failing one, within 60 days after the Effective Date, "
        "and are used only for the Project. The Lead Party accounts for them separately.",
        "In-kind contributions remain the property of the contributing Party unless the "
        "Parties agree otherwise in writing; the other Parties use them with care and only "
        "for the Project. Background contributed as intellectual property remains owned by "
        f"the contributing Party and is made available by Access Rights under clause "
        f"{CA['ip']}, not transferred.",
        "Contributions in different currencies are not converted or added together. The "
        "Shares are agreed by the Parties; they are not recalculated when exchange rates "
        f"change, and they change only by a decision under clause {weighty}, by an "
        f"accession under clause {CA['accession']} (the existing Shares being reduced in "
        "proportion) or when a Party leaves (its Share being redistributed among the "
        "remaining Parties in proportion to their Shares), so that they always total 100"
        + NBSP + "%.",
        "Each Party bears its own costs of performing its tasks, unless the Work Plan "
        "provides otherwise.")

    # 7 ------------------------------------------------------------------------------------
    agreement_section(b, "results")
    b.clauses(
        "Background remains the property of the Party that holds it. Nothing in this "
        "Agreement transfers ownership of Background.",
        f"Each Party makes available the Background listed as its contribution in clause "
        f"{CA['contributions']} and in Attachment 1 (Background included), and any other "
        "Background Needed for the Project, except Background it has excluded there or by "
        "written notice to all Parties before the Effective Date.",
        "Each Party tells the Lead Party in writing of every Result that may be protected, "
        "within 60 days after it is generated and before any publication. The Lead Party "
        f"records it, with its owner under clause {CA['ip']}, in the register of Results.",
        "Each Party ensures that its employees, students and contractors working on the "
        "Project are bound to assign or license to it their rights in Results, so that it "
        "can meet its obligations under this Agreement, and remains responsible for any "
        "remuneration due to them as authors under its own policies and the law.",
        "**Publication.** A Party that intends to publish Results gives the other Parties "
        "at least 30 days’ notice with the text. Another Party may object within 15 days if "
        "the publication would harm the protection of its Results or Background or disclose "
        "its Confidential Information; the publication is then delayed by up to 90 days so "
        "that protection can be sought, or the Confidential Information is removed. No Party "
        "may publish another Party’s Results or Background without its consent.")

    # 8 ------------------------------------------------------------------------------------
    agreement_section(b, "ip")
    b.clauses("The Parties have chosen the intellectual property regime "
              "“**{{ consortium.ip_regime_label }}**”. It is set out in this clause and "
              "applies to all Results, whenever generated.")

    def each_party_owns() -> None:
        licence = clause_ref(b, 2)
        b.clauses(
            "**Ownership.** Each Party owns the Results generated by its employees and by "
            "persons working for it. Results generated jointly by two or more Parties, whose "
            "contributions cannot be separated, are owned by them jointly in equal shares, and "
            "each of them may use and license them non-exclusively without the consent of, "
            "and without accounting to, the other co-owners.",
            "**Licence to every Party.** Each Party grants every other Party a "
            "non-exclusive, royalty-free, worldwide and perpetual licence to use all Results "
            "it owns for any purpose, including research, teaching, further development and "
            "commercial Exploitation. The licence includes the right to make, have made, use "
            "and sell products and services embodying the Results, but not the right to "
            "grant separate sublicences, except to the licensee’s affiliated entities and to "
            "contractors working on its behalf.",
            "**Protection.** The owning Party decides, at its own cost, whether and where to "
            "seek protection for its Results. If it decides not to seek or maintain "
            "protection in a country, it tells the other Parties at least 60 days before the "
            "relevant deadline, and any of them may take over the protection in that country "
            "at its own cost, by assignment. Every assignment or licence of a Result remains "
            f"subject to the licence in clause {licence}.",
            "**Background.** Access Rights to Background are granted royalty-free where "
            "Needed to carry out the Project, and on fair and reasonable terms where Needed "
            "to Exploit Results, unless the owning Party agrees to grant them royalty-free.")

    def lead_owns() -> None:
        revenue_share = clause_ref(b, 2)
        b.clauses(
            "**Ownership.** All Results vest in the Lead Party, {{ consortium.lead.name }}, "
            "whichever Party generates them. Each other Party assigns to the Lead Party, as "
            "they are created, all its rights in the Results it generates, obtains the "
            "corresponding rights from its employees and contractors, and signs the "
            "documents needed to record the assignment. Authors keep their personal rights, "
            "and each Party remains responsible for the remuneration of its own employees as "
            "authors.",
            "**Exploitation and revenue share.** The Lead Party uses reasonable efforts to "
            "protect and Exploit the Results at its own cost and risk. It pays each other "
            "Party a part of the Net Revenue from the Results in proportion to that Party’s "
            "Share, within 60 days after the end of each calendar half-year, with a statement "
            "showing the gross income, each deduction and each Party’s amount.",
            "**Reversion if not exploited.** If the Lead Party has not begun to Exploit a "
            "Result — by using it in a product or service on the market, by licensing it, or "
            "by carrying out an exploitation plan approved by the General Assembly — within "
            "24 months after the Result was generated, the Party or Parties that generated it "
            "may require, by written notice, that the Lead Party assign it back to them. The "
            "Lead Party does so within 60 days and keeps a non-exclusive, royalty-free licence "
            f"to use that Result for research only; clause {revenue_share} then no "
            "longer applies to it.",
            "**Access for the other Parties.** Every Party has a non-exclusive, royalty-free "
            "right to use the Results to carry out the Project and for its own "
            "non-commercial research and teaching. Access Rights to Background are granted "
            "royalty-free where Needed to carry out the Project; where the Lead Party needs "
            "another Party’s Background to Exploit Results, that Party grants Access Rights "
            "on fair and reasonable terms.")

    def joint_ownership() -> None:
        b.clauses(
            "**Ownership.** A Result generated by one Party alone is owned by that Party. A "
            "Result generated by two or more Parties is owned by them jointly in proportion "
            "to their contributions, which are taken to be their Shares recalculated among the "
            "co-owners of that Result, unless they record another proportion in writing "
            "within 60 days after the Result is notified.",
            "**Exploitation by a co-owner.** Each co-owner may use a jointly owned Result for "
            "its own research and teaching without notice. Each co-owner may also Exploit it, "
            "itself or by granting non-exclusive licences without the right to sublicense, "
            "after giving the other co-owners at least 45 days’ prior written notice and "
            "against fair and reasonable compensation to them in proportion to their "
            "ownership. An exclusive licence or an assignment of a jointly owned Result "
            "needs the written consent of every co-owner.",
            "**Joint protection.** The General Assembly decides whether and in which "
            "countries to seek protection for jointly owned Results, and whether to maintain "
            f"or abandon it (a weighty matter under clause {weighty}). Applications are filed "
            "in the names of all co-owners, who bear the costs in proportion to their "
            "ownership. A co-owner that declines to bear its part of the costs in a country "
            "transfers its share in that country to the co-owners that bear them, and keeps a "
            "non-exclusive, royalty-free licence to use the Result.",
            "**Access Rights.** Access Rights to Results and Background are granted "
            "royalty-free where Needed to carry out the Project. A Party that needs another "
            "Party’s Results or Background to Exploit its own Results may request Access "
            "Rights until one year after the end of the Project; they are granted on fair and "
            "reasonable terms.")

    def contributor_owns() -> None:
        b.clauses(
            "**Ownership.** Each Party owns the Results it generates. Results generated "
            "jointly by two or more Parties, whose contributions cannot be separated, are "
            "owned by them jointly; they agree in writing how to protect and Exploit them "
            "and, until they do, each may use them only for the Project and its own research.",
            "**Access for the Project.** Each Party grants every other Party non-exclusive, "
            "royalty-free Access Rights to its Results and Background, but only where Needed "
            "to carry out that Party’s tasks in the Project, only for that purpose and only "
            "until the end of the Project.",
            "**Access for Exploitation.** A Party that needs another Party’s Results or "
            "Background to Exploit its own Results may request Access Rights in writing until "
            "one year after the end of the Project. The owning Party grants them on fair and "
            "reasonable terms negotiated in good faith; no Access Right for Exploitation "
            "exists until those terms are agreed in writing.",
            "**No other use.** No other licence is granted or implied. Any other use of "
            "another Party’s Results or Background, in particular a commercial use, needs a "
            "separate written licence from the owning Party.")

    b.variants(IP, (("each_party_owns", each_party_owns), ("lead_owns", lead_owns),
                    ("joint_ownership", joint_ownership),
                    ("contributor_owns", contributor_owns)))
    b.clauses(
        "**Scope of Access Rights.** Access Rights are non-exclusive, are requested and "
        "granted in writing, and include the right to sublicense only where this clause "
        "says so or the owning Party agrees. A Party grants Access Rights to its Background "
        "only as far as it is free to do so, and tells the other Parties without delay of "
        "any restriction on its Background, such as a funder’s terms. Access Rights of a "
        "Party extend to its affiliated entities listed in Attachment 3 (Affiliated "
        "entities), on the same terms, and to no other entity.",
        "**Parties that leave.** The Access Rights of a Party that withdraws, and of a "
        f"Defaulting Party, are governed by clauses {CA['default']} and {CA['accession']}.")

    # 9 ------------------------------------------------------------------------------------
    agreement_section(b, "confidentiality")
    b.clauses(
        "“**Confidential Information**” means information that a Party (the “discloser”) "
        "discloses to another Party (the “recipient”) in connection with the Project and "
        "that is marked or identified as confidential, or that a reasonable person would "
        "understand to be confidential; information disclosed orally is confidential if the "
        "discloser confirms it in writing within 30 days.",
        "The recipient uses Confidential Information only to carry out the Project and to "
        "exercise its rights under this Agreement, protects it with at least the care it "
        "uses for its own confidential information and no less than reasonable care, and "
        "discloses it only to its employees, affiliated entities and contractors who need to "
        "know it and are bound by equivalent obligations.",
        "These obligations do not apply to information that is or becomes public other than "
        "through a breach of this Agreement, that the recipient already held or developed "
        "independently, or that it received lawfully from a third party without a duty of "
        "confidence. A recipient required by law or by a court to disclose Confidential "
        "Information tells the discloser first, where the law allows, and discloses only "
        "what is required.",
        "The obligations in this clause continue for five years after the end of this "
        "Agreement, and for information that is know-how (a trade secret) for as long as it "
        "remains secret.")

    # 10 -----------------------------------------------------------------------------------
    agreement_section(b, "benefits")
    ip_clauses = f"clause {CA['ip']}"
    b.clauses("“**Consortium Income**” means " + choose(IP, (
        ("each_party_owns",
         "the money received by the Lead Party for the Consortium from Exploiting Results "
         "under agreements made with the consent of their owners. Income that a Party "
         "receives from Exploiting Results it owns alone, or under the licence in "
         f"{ip_clauses}, is its own and is not shared."),
        ("lead_owns",
         f"the Net Revenue received by the Lead Party from Exploiting the Results under "
         f"{ip_clauses}, and any other money received for the Consortium from Exploiting "
         "Results."),
        ("joint_ownership",
         "the money received by any Party from Exploiting jointly owned Results, including "
         f"the compensation due to co-owners under {ip_clauses}, and the money received for "
         "the Consortium from Exploiting Results. Income from a Result owned by one Party "
         "alone is that Party’s own and is not shared."),
        ("contributor_owns",
         "the money received by the Lead Party for the Consortium from Exploiting Results "
         "under agreements made with the consent of their owners, including licences granted "
         "jointly by several owners. Income that a Party receives from Exploiting its own "
         "Results, including fees for Access Rights it grants on fair and reasonable terms, "
         "is its own and is not shared."),
    )))
    b.clauses("Consortium Income is distributed in the following order:")
    b.items(
        "the documented external costs of protecting and Exploiting the Results concerned "
        "are repaid to the Parties that bore them; and",
        "the remainder is shared among the Parties in proportion to their Shares on the date "
        "the income is received"
        "{% if consortium.ip_regime == 'joint_ownership' %}, except that the income from a "
        "jointly owned Result is shared only among its co-owners, in proportion to their "
        "ownership{% endif %}"
        "{% if consortium.ip_regime == 'lead_owns' %}; the Lead Party keeps the part that "
        "corresponds to its own Share{% endif %}.")
    b.clauses(
        "On the Effective Date the Shares are: " + MEMBER_SHARES + ".",
        "The Lead Party distributes Consortium Income at least once a year, within 60 days "
        "after the end of each calendar year"
        "{% if consortium.ip_regime == 'lead_owns' %} (and half-yearly for Net Revenue, as "
        f"provided in clause {CA['ip']}){{% endif %}}, with a statement to each Party "
        "showing the gross income, each deduction, the amount shared and each Party’s amount.",
        "Each Party pays any remuneration due to its own inventors and authors out of the "
        "amounts it receives, under its own policies and the law. No Party owes remuneration "
        "to another Party’s employees.",
        "Each Party bears its own taxes. Where tax must be withheld from a payment, the "
        "paying Party gives the payee the certificate of payment.",
        "Each Party may, once a year and at its own cost, have the Lead Party’s records of "
        "Consortium Income examined by an independent accountant bound to confidentiality. "
        "If the examination shows an underpayment to that Party of more than 5" + NBSP +
        "%, the Lead Party pays the shortfall and the cost of the examination.")

    # 11 -----------------------------------------------------------------------------------
    agreement_section(b, "liability")
    b.clauses(
        "Results and Background are provided “as is”. No Party warrants that they are fit "
        "for a particular purpose or that their use does not infringe the rights of third "
        "parties, but each Party warrants that it is entitled to grant the Access Rights it "
        "grants.",
        "No Party is liable to another for indirect or consequential loss, such as loss of "
        "profit, revenue, contracts or data, except in case of wilful misconduct or gross "
        "negligence.",
        "A Party’s total liability to the other Parties under this Agreement is limited to "
        f"the value of its contribution under clause {CA['contributions']}"
        "{% if consortium.liability_floor %} or, if higher, to the average contribution of "
        "the Parties, **" + amount("consortium.liability_floor", "consortium.liability_currency")
        + "** (so that a Party contributing only Background is liable up to that amount)"
        "{% endif %}, except in case of wilful misconduct or gross negligence.",
        "Each Party is solely liable for any damage it causes to third parties in carrying "
        "out the Project, and holds the other Parties harmless from their claims for such "
        "damage.",
        "A Party prevented from performing by an event beyond its reasonable control tells "
        "the other Parties without delay and is not in breach for as long as the event "
        "lasts. If the event lasts more than six months, the General Assembly decides on the "
        "reallocation of that Party’s tasks.")

    # 12 -----------------------------------------------------------------------------------
    agreement_section(b, "default")
    b.clauses(
        "If a Party is in material breach of its obligations under this Agreement, the Lead "
        "Party — or, if the Lead Party is in breach, any other Party — gives it written "
        "notice describing the breach and requiring it to be remedied within 30 days.",
        "If the breach is not remedied within 30 days of the notice, the General Assembly "
        "may declare the Party a Defaulting Party and decide on the consequences, which may "
        f"include the termination of its participation. Clause {defaulting_vote} applies to "
        "that decision.",
        "A Party whose participation is terminated:")
    b.items(
        "loses its Access Rights to the other Parties’ Results and Background from the date "
        "of termination, except Access Rights for Exploitation already agreed in writing;",
        "continues to grant Access Rights to its Background and to the Results it generated "
        "up to that date where Needed by the remaining Parties to complete the Project;",
        f"remains bound by clause {CA['confidentiality']} and liable under clause "
        f"{CA['liability']} for the damage its breach caused, including the reasonable extra "
        "costs of completing the Project without it; and",
        "loses its Share, which is redistributed among the remaining Parties in proportion "
        "to their Shares, and has no claim to Consortium Income received after the "
        "termination.")

    # 13 -----------------------------------------------------------------------------------
    agreement_section(b, "accession")
    b.clauses(
        "**Accession.** A new party may join the Consortium by a decision of the General "
        f"Assembly (a weighty matter under clause {weighty}) that sets its contribution and "
        "Share. It accedes by signing an accession agreement with the Lead Party, acting for "
        "all Parties, in the accession form of Attachment 2, by which it accepts all the "
        "terms of this Agreement. From the date of "
        "accession the Shares of the existing Parties are reduced in proportion, so that all "
        "Shares again total 100" + NBSP + "%.",
        "**Access of a new Party.** A new Party has Access Rights to Results generated before "
        "its accession only where Needed to carry out its tasks in the Project, unless the "
        "General Assembly decides otherwise.",
        "**Withdrawal.** A Party may withdraw from the Consortium by written notice to the "
        "Lead Party and to every other Party at least " + NOTICE_MONTHS + " before the date "
        "of withdrawal, stating its reasons. The Lead Party records the withdrawal and sends a "
        "notice of withdrawal to all Parties. If a Party’s breach is not remedied within the "
        f"period in clause {CA['default']}.1, the other Parties may unanimously treat it as "
        "having withdrawn.",
        "**Consequences of withdrawal.** From the date of withdrawal:")
    b.items(
        "the withdrawing Party keeps its Access Rights to Results generated up to that date, "
        f"on the terms of clause {CA['ip']}, and has no Access Rights to Results generated "
        "later;",
        "it continues to grant Access Rights to its Background and to the Results it "
        "generated up to that date where Needed by the remaining Parties to complete the "
        "Project;",
        "Access Rights to Background granted to or by it end, except those under (b) and "
        "those the Parties agree in writing to continue;",
        f"its obligations under clause {CA['confidentiality']} continue;",
        choose(IP, (
            ("each_party_owns", "it keeps the Results it owns, subject to the licences "
                                f"granted under clause {CA['ip']};"),
            ("lead_owns", "the Results it generated up to that date remain vested in the "
                          "Lead Party;"),
            ("joint_ownership", "it keeps the Results it owns alone and its part of jointly "
                                "owned Results;"),
            ("contributor_owns", "it keeps the Results it owns;"),
        )) + " and",
        "its Share is redistributed among the remaining Parties in proportion to their "
        "Shares; contributions already made are not refunded, and it has no claim to "
        "Consortium Income received after that date, unless the General Assembly decides "
        "otherwise.")
    b.clauses("**Transfer.** No Party may assign its rights and obligations under this "
              "Agreement without the consent of the other Parties. A Party that transfers "
              "ownership of Results passes on the obligations attached to them, including "
              "Access Rights, and binds the transferee to them.")

    # 14 -----------------------------------------------------------------------------------
    agreement_section(b, "dissolution")
    b.clauses("The Consortium is dissolved:")
    b.items(
        "at the end of its term{% if consortium.end_date %} on {{ consortium.end_date }}"
        "{% endif %}, unless it is extended;",
        f"by a decision of the General Assembly (a weighty matter under clause {weighty});",
        "when fewer than two Parties remain; or",
        "when the General Assembly records that its purpose has been achieved or has become "
        "impossible.")
    b.clauses(
        "On dissolution the Lead Party draws up an act of dissolution listing the Results "
        "and their owners and the final accounting of the contributions, to be signed by "
        "every Party.",
        "The Results are allocated as follows: " + choose(IP, (
            ("each_party_owns", "each Party keeps the Results it owns, jointly generated "
                                "Results remain owned jointly in equal shares, and the "
                                f"licences granted under clause {CA['ip']} survive."),
            ("lead_owns", "the Results remain vested in the Lead Party, which continues to "
                          "pay the other Parties their part of the Net Revenue for as long "
                          "as it receives any, and the right of reversion in clause "
                          f"{CA['ip']} continues to apply."),
            ("joint_ownership", "each Party keeps the Results it owns alone; jointly owned "
                                "Results remain owned jointly in the recorded proportions, "
                                "and decisions on their protection, which the General "
                                "Assembly took, are taken by their co-owners together."),
            ("contributor_owns", "each Party keeps the Results it owns; Access Rights for "
                                 "carrying out the Project end, and Access Rights for "
                                 "Exploitation may still be requested until one year after "
                                 "the end of the Project."),
        )),
        "Unspent cash contributions are returned to the Parties that paid them, in "
        "proportion to the amounts paid; in-kind contributions return to the contributing "
        "Party. Consortium Income received after dissolution is still distributed under "
        f"clause {CA['benefits']}.")

    # 15 -----------------------------------------------------------------------------------
    agreement_section(b, "law")
    b.clauses(
        "This Agreement is governed by the law of " + LAW_OF_LEAD + ", the country of the "
        "Lead Party.",
        "The Parties will try to settle any dispute under this Agreement amicably, first "
        "between their representatives in the General Assembly and then between their "
        "heads. A dispute not settled within 60 days of the first written notice of it goes "
        "to the competent court at the registered address of the Lead Party, unless the "
        "Parties to the dispute agree in writing to refer it to arbitration.",
        "**Amendment.** This Agreement may be amended only in writing. A proposed amendment "
        "is negotiated among the Parties, reviewed by the Lead Party’s legal office, and "
        "takes effect when the authorised signatory of every Party has signed it.",
        "**Notices.** Notices are given in writing to the addresses of the Parties stated "
        "above, or through the Consortium’s electronic platform, and take effect on receipt.",
        "**Whole agreement.** This Agreement, with its Attachments 1 to 3 and the accession "
        "agreements and amendments "
        "signed under it, is the whole agreement of the Parties on its subject and replaces "
        "the memorandum of intent. If a provision is invalid, the rest remains in force and "
        "the Parties replace it by a valid provision closest to its purpose.",
        "**Signature.** This Agreement may be signed electronically and in counterparts, "
        "which together form one instrument.")

    b.para("Signatures", style="Section Heading")
    if mode == "draft":
        b.para("The signature blocks are shown for review only. This draft is not to be "
               "signed: after legal review the Parties sign the final version of the "
               "Agreement.", italic=True, keep_next=True)
        b.signatures([member_signatory(signature="(draft: not for signature)", signs=None)])
    else:
        b.para("Signed by the authorised signatories of the Parties:", keep_next=True)
        b.signatures([member_signatory()])
    agreement_attachments(b)


#: Attachment 1: each Party's Background made available, with its conditions and exclusions
BACKGROUND_COLUMNS = (
    Column("No.", "{{ loop.index }}", 1.0, CENTER),
    Column("Party", "{{ m.name }}", 3.8),
    Column("Background made available",
           "{% if m.contribution_type == 'background_ip' %}{{ m.contribution_description }} "
           "(contributed, valued at " + money("m") + "){% else %}Background Needed for the "
           "Project only; none contributed{% endif %}", 6.0),
    Column("Conditions and exclusions",
           f"Access Rights on the terms of clause {CA['ip']}, as far as the Party is free "
           "to grant them; excluding Background the Party excluded by written notice before "
           "the Effective Date", 5.7),
)
#: Attachment 3: each Party's affiliated entities that may receive Access Rights
AFFILIATE_COLUMNS = (
    Column("No.", "{{ loop.index }}", 1.0, CENTER),
    Column("Party", "{{ m.name }}", 5.5),
    Column("Affiliated entities", "{% if m.affiliates %}{{ m.affiliates }}{% else %}No "
           "affiliated entity listed{% endif %}", 10.0),
)


def agreement_attachments(b: Builder) -> None:
    """The DESCA attachments the agreement's clauses refer to by number: 1 Background
    included, 2 the accession form, 3 affiliated entities. They are part of the text signed
    (and so of the executed agreement, which reproduces it)."""
    b.page_break()
    b.para("Attachment 1. Background included", style="Section Heading")
    b.para("Under clause " + f"{CA['results']}" + ", each Party makes available for the "
           "Project the Background below, under the Access Rights of clause "
           f"{CA['ip']} and on the conditions shown. Background not listed, or excluded, is "
           "made available only where Needed for the Project.")
    b.table(BACKGROUND_COLUMNS, "m in members")

    b.para("Attachment 2. Accession form", style="Section Heading")
    b.para("A new party accedes to this Agreement under clause " + f"{CA['accession']}" +
           " by signing an accession agreement in this form with the Lead Party:")
    b.fields([
        Field("New party (full legal name and legal form)", LINE),
        Field("BIN and legal address", LINE),
        Field("Signatory and the basis of the signatory’s authority", LINE),
        Field("Contribution (type, value, currency) and Background included", LINE),
        Field("Share", SHORT_LINE + NBSP + "%"),
        Field("Decision of the General Assembly admitting it (No., date)", LINE),
    ])
    b.para("**Declaration of accession.** The new party named above accedes to Consortium "
           "Agreement “{{ consortium.name }}”{% if consortium.reg_number %}, Reg. No. "
           "{{ consortium.reg_number }}{% endif %}, accepts all its terms, and becomes a "
           "Party with the rights and obligations of a Party from the date of accession set "
           "by the decision of the General Assembly, with the contribution and Share stated "
           "above. The Lead Party, acting for all Parties, accepts the accession.")
    b.para("For the new party: " + LINE + " (name, title, signature, date)")
    b.para("For the Lead Party: " + LINE + " (name, title, signature, date)")

    b.para("Attachment 3. Affiliated entities", style="Section Heading")
    b.para("The entities of each Party that may receive Access Rights under clause "
           f"{CA['ip']} on that Party’s behalf. An entity not listed receives none; the list "
           "changes only by an amendment of this Agreement.")
    b.table(AFFILIATE_COLUMNS, "m in members")


VETO_SEVERELY_AFFECTED = (
    "**Veto.** A Party whose legitimate interests — its tasks, costs, time for performance, "
    "liability or intellectual property — would be severely affected by a decision on a "
    "matter listed in clause {weighty} may veto it by written notice to the chair within 15 "
    "days after the minutes are sent. The vetoed decision is not implemented, and the chair "
    "convenes a meeting within 30 days to find a solution. Clause {defaulting} applies to "
    "decisions on a Defaulting Party.")


def consortium_agreement_draft(b: Builder) -> None:
    consortium_agreement_text(b, "draft")


def consortium_agreement(b: Builder) -> None:
    consortium_agreement_text(b, "final")


def executed_consortium_agreement(b: Builder) -> None:
    execution_page(b, "Consortium Agreement", "Consortium Agreement of “{{ consortium.name }}”",
                   [member_signatory(date=SIGNED_AT, signature="signed electronically",
                                     signs=None, reproduces="members")])
    signature_certificate(b, "Consortium Agreement",
                          "Consortium Agreement of “{{ consortium.name }}”",
                          "{{ members|length }}")


def execution_page(b: Builder, agreement: str, subtitle: str,
                   blocks: Sequence[Signatory]) -> None:
    """What an executed agreement adds to the signed text: the application issues it as the
    signed document's body, unchanged to the byte, followed by this page and the signature
    certificate (``consortium.documents.executed``), so nothing the parties signed can change
    afterwards. ``blocks`` reproduce the signatures of the parties who signed."""
    b.page_break()
    b.para("Execution page".upper(), style="Document Title", align=CENTER)
    b.para(subtitle, style="Document Subtitle", align=CENTER, after=12)
    b.para(f"The pages before this one reproduce, unchanged, the text of the {agreement} that "
           "the Parties signed{% if agreement_signatures %} (document No. "
           "{{ agreement_signatures[0].document_number }}){% endif %}. This executed copy, "
           "document No. {{ doc.number }} of {{ doc.date }}, adds this page, which records "
           "who signed it and when, and the signature certificate that follows.",
           align=WD_ALIGN_PARAGRAPH.JUSTIFY, keep_next=True)
    b.signatures(blocks, keep_together=True)


def signature_certificate(b: Builder, agreement: str, subtitle: str, parties: str) -> None:
    """The last page of an executed agreement: every electronic signature recorded in
    ``agreement_signatures``. ``agreement`` names the agreement in running text (it may hold
    Jinja); ``parties`` is how many parties were to sign."""
    b.page_break()
    b.para("Signature certificate".upper(), style="Document Title", align=CENTER)
    b.para(subtitle, style="Document Subtitle", align=CENTER, after=12)
    b.para(f"This certificate forms part of the executed {agreement}, document No. "
           "{{ doc.number }} of {{ doc.date }}. It lists every electronic signature applied to "
           "the Agreement, as recorded by the Consortium platform.")
    # set at the top level: Jinja counts a name set inside an ``if`` as undeclared
    b.tag("{%p set fingerprints = agreement_signatures|map(attribute='document_sha256')"
          "|unique|list %}")
    b.tag("{%p if agreement_signatures %}")
    b.para("Signatures recorded: **{{ agreement_signatures|length }}**; Parties: "
           f"**{parties}**.", keep_next=True)
    b.record_table("Signature {{ loop.index }} — {{ s.organization }}", [
        Field("Signed by", "{{ s.name }}{% if s.title %}, {{ s.title }}{% endif %}"),
        Field("Method", "{% if s.method == 'eds' %}Electronic digital signature (EDS), detached "
                        "CMS verified against the NCA RK trust roots{% else %}Typed name with "
                        "consent{% endif %}"),
        Field("Typed name", "{% if s.method == 'eds' %}—{% else %}{{ s.typed_name }}{% endif %}"),
        Field("Certificate", "{% if s.method == 'eds' %}{{ s.certificate_subject }}; serial "
                             "{{ s.certificate_serial }}; issued by {{ s.certificate_issuer }}"
                             "{% else %}—{% endif %}"),
        Field("IIN / BIN", "{% if s.method == 'eds' %}IIN {{ s.iin }}{% if s.bin %}; BIN "
                           "{{ s.bin }}{% endif %}{% else %}—{% endif %}"),
        Field("Role, algorithm", "{% if s.method == 'eds' %}{{ s.role or '—' }}; "
                                 "{{ s.algorithm }}{% else %}—{% endif %}"),
        Field("Time (UTC)", "{{ s.signed_at }}"),
        Field("IP address", "{{ s.ip }}"),
        Field("Document No.", "{{ s.document_number }}"),
        Field("SHA-256", "{{ s.document_sha256 }}"),
    ], "s in agreement_signatures", label_width=3.6)
    table = b.document.tables[-1]
    for row in table.rows:
        for paragraph in row.cells[-1].paragraphs:
            monospace(paragraph, "s.document_sha256")
    statement = b.para(
        "**Statement.** {% if fingerprints|length == 1 %}Each electronic signature "
        "listed above was applied to the document No. "
        "{{ agreement_signatures[0].document_number }} with the SHA-256 fingerprint",
        before=6)
    statement.add_run().add_break()
    add_text(statement, "{{ fingerprints[0] }}")
    monospace(statement, "fingerprints[0]", size=9)
    add_text(statement, ".")
    statement.add_run().add_break()
    add_text(statement, "Any change to that document would change its fingerprint. "
                        "{% else %}Each electronic signature listed above was applied to the "
                        "document whose number and SHA-256 fingerprint are shown against it. "
                        "{% endif %}This executed copy reproduces the text of the signed "
                        "document and adds this certificate.")
    b.tag("{%p else %}")
    b.para(f"No electronic signature is recorded for the {agreement}.")
    b.tag("{%p endif %}")


# --------------------------------------------------------------------------------------------
# the other consortium documents
# --------------------------------------------------------------------------------------------

def memorandum_of_intent(b: Builder) -> None:
    b.title("Memorandum of Intent", "to form the consortium “{{ consortium.name }}”",
            prefix=COUNTRIES)
    b.para("This Memorandum of Intent (the “**Memorandum**”) is made on {{ doc.date }} "
           "between the following organisations (each a “**Party**” and together the "
           "“**Parties**”):", keep_next=True)
    member_parties(b)

    b.heading("Purpose of the Consortium")
    b.clauses("The Parties intend to form a consortium named “{{ consortium.name }}” (the "
              "“**Consortium**”)" + KZ_FORM + ", coordinated by {{ consortium.lead.name }} as "
              "lead party (the “**Lead Party**”), for the following purpose:")
    b.listing("consortium.purpose", "The Parties will state the purpose in the consortium "
              "agreement.")
    b.clauses("The work the Parties intend to carry out together is outlined as follows:")
    b.listing("consortium.work_plan", "The Parties will prepare the work plan together "
              "while negotiating the consortium agreement.")
    b.clauses("{% if consortium.start_date or consortium.end_date %}The Parties intend the "
              "Consortium to work{% if consortium.start_date %} from "
              "{{ consortium.start_date }}{% endif %}{% if consortium.end_date %} until "
              "{{ consortium.end_date }}{% endif %}.{% else %}The Parties will agree the start "
              "and the duration of the Consortium in the consortium agreement.{% endif %}")

    b.heading("Intended contributions and shares")
    b.clauses("Each Party intends to make the contribution and to hold the share shown "
              "below. The shares are intended to determine how the benefits of the "
              "Consortium are shared{% if consortium.ip_regime == 'joint_ownership' %} and "
              "how jointly created results are owned{% endif %}.")
    contribution_table(b)
    b.clauses("The values and shares above are the Parties’ present intention. They bind "
              "the Parties only when set out in the signed consortium agreement.")

    b.heading("Intended intellectual property regime and governance")
    b.clauses(
        "The Parties intend to adopt the intellectual property regime "
        "“{{ consortium.ip_regime_label }}”: " + choose(IP, (
            ("each_party_owns", "each Party would own the results it creates, and every "
                                "Party would receive a non-exclusive, royalty-free licence "
                                "to use all results of the Consortium for any purpose."),
            ("lead_owns", "the results would vest in the Lead Party, which would exploit "
                          "them and pay the other Parties a part of the net revenue in "
                          "proportion to their shares; a result the Lead Party does not "
                          "exploit within 24 months would go back to the Parties that "
                          "created it."),
            ("joint_ownership", "results created by several Parties would be owned jointly "
                                "in proportion to their contributions; each co-owner could "
                                "exploit them after notice to the others and against fair "
                                "compensation, and the general assembly would decide on "
                                "patent filings together."),
            ("contributor_owns", "each Party would own the results it creates; the others "
                                 "would have royalty-free access only to carry out the "
                                 "project, and access for exploitation would be negotiated "
                                 "on fair and reasonable terms."),
        )),
        "The knowledge and intellectual property that each Party brings (its background) "
        "would remain its property and be made available to the others only by licence.",
        "The Consortium would be governed by a general assembly of all Parties, chaired by "
        "the Lead Party, deciding with a quorum of {{ consortium.quorum_percent }}" + NBSP +
        "% of the Parties " + choose(VOTE, (
            ("majority", "by a simple majority of the votes cast, and by two-thirds of the "
                         "votes cast on weighty matters such as changes of shares, the "
                         "admission of new members and dissolution, with a veto for a Party "
                         "severely affected."),
            ("two_thirds", "by two-thirds of the votes cast, and on weighty matters such as "
                           "changes of shares, the admission of new members and dissolution "
                           "also by two-thirds of all Parties, with a veto for a Party "
                           "severely affected."),
            ("unanimity", "unanimously, weighty matters such as changes of shares, the "
                          "admission of new members and dissolution requiring the votes of "
                          "all Parties."),
        )))
    binding = b.heading("Nature of this Memorandum")
    confidentiality, law = binding + 1, binding + 3
    b.clauses(
        "This Memorandum records the Parties’ intention only. Except for sections "
        f"{confidentiality} (Confidentiality) and {law} (Duration and governing law), it "
        "creates no legal obligation: no Party is obliged to conclude the consortium "
        "agreement or to make any contribution, and no Party may claim damages because the "
        "negotiations fail.",
        "Each Party bears its own costs of preparing and negotiating the consortium "
        "agreement.",
        "This Memorandum creates no partnership, joint venture or legal entity, and no Party "
        "may act or speak on behalf of another.")

    assert b.heading("Confidentiality") == confidentiality
    b.clauses(
        "Each Party keeps confidential the information that another Party discloses to it in "
        "preparing the Consortium and that is marked or identified as confidential "
        "(information given orally being confirmed in writing within 30 days), and uses it "
        "only to evaluate and negotiate the Consortium.",
        "This does not apply to information that is or becomes public without a breach of "
        "this Memorandum, that the receiving Party already held or developed independently, "
        "that it received lawfully from a third party, or that it must disclose by law or "
        "court order, after telling the disclosing Party where the law allows.",
        "This obligation lasts three years from the date of this Memorandum, even if the "
        "negotiations fail. If the consortium agreement is signed, its confidentiality "
        "clause replaces this section.")

    b.heading("Timetable for the consortium agreement")
    b.clauses(
        "The Lead Party will circulate a draft consortium agreement, based on this "
        "Memorandum and on the model multi-party consortium agreements, within 30 days of "
        "the date of this Memorandum.",
        "The Parties aim to complete the negotiation within 60 days of receiving the draft, "
        "and then submit the agreed text for legal review by the Lead Party’s legal office "
        "and their own advisers.",
        "After legal review the consortium agreement will be signed by the authorised "
        "signatory of every Party{% if consortium.start_date %}, with the aim of starting "
        "work on {{ consortium.start_date }}{% endif %}.",
        "A Party may end its participation in the negotiations at any time by written "
        "notice to the Lead Party.")

    assert b.heading("Duration and governing law") == law
    b.clauses(
        "This Memorandum takes effect when every Party has signed it. It ends when the "
        "consortium agreement is signed or, if it has not been signed, six months after the "
        "date of this Memorandum unless the Parties extend it in writing; section "
        f"{confidentiality} survives as stated there.",
        "This Memorandum is governed by the law of " + LAW_OF_LEAD + ".")

    b.heading("Signatures")
    b.signatures([member_signatory()])


def accession_agreement(b: Builder) -> None:
    b.title("Accession Agreement", "to the Consortium Agreement of “{{ consortium.name }}”",
            prefix=COUNTRIES)
    b.tag("{%p if admitted %}")
    b.para("This Accession Agreement is made on {{ doc.date }} between:", keep_next=True)
    b.para("(1)\t" + party_text("admitted") + " (the “**New Party**”); and", indent=True)
    _hang_last(b)
    b.para("(2)\tthe parties to the consortium agreement of the consortium " + CONSORTIUM_NAME +
           " (the “**Consortium Agreement**” and the “**Parties**”), represented by the lead "
           "party **{{ consortium.lead.name }}**"
           "{% if consortium.lead.signatory_name %}, itself represented by "
           "{{ consortium.lead.signatory_title or \"its authorised signatory\" }} "
           "{{ consortium.lead.signatory_name }}{% endif %}, acting for all Parties under "
           "the decision of the General Assembly to admit the New Party (the “**Lead "
           "Party**”).", indent=True)
    _hang_last(b)
    b.para("Words defined in the Consortium Agreement have the same meaning in this "
           "Accession Agreement.", before=4)

    b.heading("Accession")
    b.clauses(
        "The New Party accedes to the Consortium Agreement and becomes a Party to it, with "
        "all the rights and obligations of a Party, from the Effective Date in section 4.",
        "The New Party accepts all the terms of the Consortium Agreement as amended before "
        "the Effective Date, including the intellectual property regime "
        "“{{ consortium.ip_regime_label }}”, the voting rule "
        "“{{ consortium.voting_rule_label }}” with a quorum of "
        "{{ consortium.quorum_percent }}" + NBSP + "% of the Parties, and its obligations "
        "of confidentiality. It confirms that it has received a copy of the Consortium "
        "Agreement and of the Work Plan.",
        "The Lead Party, for all Parties, accepts the New Party as a Party. Rights and "
        "obligations that arose before the Effective Date are not affected.")

    b.heading("Contribution and Share of the New Party")
    b.fields([
        Field("Role", "{{ admitted.role_label }}", when="admitted.role_label"),
        Field("Contribution", "{{ admitted.contribution_type_label }}",
              when="admitted.contribution_type_label"),
        Field("Value", money_in_words("admitted")),
        Field("Description", "{{ admitted.contribution_description }}",
              when="admitted.contribution_description"),
        Field("Share", "**{{ admitted.share }}" + NBSP + "%**"),
    ])
    b.clauses(
        "The New Party makes the contribution above under clause 6 of the Consortium "
        "Agreement and holds the Share above.",
        "Background that the New Party contributes remains its property and is made "
        "available by Access Rights under clause 8 of the Consortium Agreement. The New "
        "Party has Access Rights to Results generated before the Effective Date only where "
        "Needed to carry out its tasks in the Project, unless the General Assembly has "
        "decided otherwise.",
        choose(IP, (
            ("each_party_owns", "The New Party owns the Results it generates from the "
                                "Effective Date and grants, and receives, the licence of "
                                "every Party to use all Results for any purpose."),
            ("lead_owns", "The Results the New Party generates from the Effective Date vest "
                          "in the Lead Party, and the New Party shares in the Net Revenue "
                          "from the Effective Date in proportion to its Share."),
            ("joint_ownership", "The New Party owns the Results it generates alone from the "
                                "Effective Date, and co-owns with the other Parties "
                                "concerned the Results it generates together with them."),
            ("contributor_owns", "The New Party owns the Results it generates from the "
                                 "Effective Date and grants Access Rights to them on the "
                                 "terms of clause 8 of the Consortium Agreement."),
        )))

    b.heading("Shares after accession")
    b.clauses("The Shares of the existing Parties are reduced in proportion, so that the "
              "Shares of all Parties from the Effective Date are as follows:")
    share_table(b, name_suffix="{% if m.name == admitted.name %} (New Party){% endif %}")
    b.clauses("This table replaces the Shares in clause 6 of the Consortium Agreement from "
              "the Effective Date. The values of contributions already made are not "
              "changed.")

    b.heading("Effective Date and general provisions")
    b.clauses(
        "The New Party is a Party from "
        "**{{ admitted.joined_at or doc.date }}** (the “**Effective Date**”), the date of the "
        "decision to admit it. This Accession Agreement is signed by the New Party and by the "
        "Lead Party for all Parties.",
        "It forms part of the Consortium Agreement and is governed by the law of " +
        LAW_OF_LEAD + "; disputes are settled under clause 15 of the Consortium Agreement.",
        "The Lead Party sends a copy of this Accession Agreement to every Party.")

    b.heading("Signatures")
    b.signatures([party_signatory("For the New Party", "admitted", signs="new_member"),
                  party_signatory("For the Parties, by the Lead Party", "consortium.lead",
                                  signs="lead")])
    b.tag("{%p else %}")
    b.para("No new party is recorded for this accession, so this document has no effect.")
    b.tag("{%p endif %}")


def withdrawal_notice(b: Builder) -> None:
    b.title("Notice of Withdrawal",
            "from the Consortium Agreement of “{{ consortium.name }}”", prefix=COUNTRIES)
    b.tag("{%p if withdrawing %}")
    b.para("This notice records the withdrawal of **{{ withdrawing.name }}** (the "
           "“**Withdrawing Party**”) from the consortium " + CONSORTIUM_NAME + " and from its "
           "consortium agreement (the “**Consortium Agreement**”), under clause 13 of that "
           "agreement. It is given by {{ actor.name }}{% if actor.title %}, "
           "{{ actor.title }}{% endif %}{% if actor.organization %}, of "
           "{{ actor.organization }}{% endif %}, to every Party. Words defined in the "
           "Consortium Agreement have the same meaning here.",
           align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("Withdrawal")
    b.fields([
        Field("Withdrawing Party", "{{ withdrawing.name }}"
                                   "{% if withdrawing.bin %}, BIN {{ withdrawing.bin }}"
                                   "{% endif %}"),
        Field("Role", "{{ withdrawing.role_label }}", when="withdrawing.role_label"),
        Field("Party since", "{{ withdrawing.joined_at }}", when="withdrawing.joined_at"),
        Field("Share before withdrawal", "{{ withdrawing.share }}" + NBSP + "%"),
        Field("Date of withdrawal", "**{{ withdrawing.withdrawn_at or doc.date }}**"),
    ])
    b.clauses(
        "The Withdrawing Party ceases to be a Party on the date of withdrawal above (the "
        "“**Withdrawal Date**”){% if withdrawing.notice_given_at %}, the end of the notice "
        "period of " + NOTICE_MONTHS + " under clause 13 that runs from its notice of "
        "{{ withdrawing.notice_given_at }}{% endif %}. Its obligations that arose before "
        "that date are not affected.",
        "**Reason.** {% if comment %}{{ comment }}{% else %}No reason for the withdrawal was "
        "recorded.{% endif %}")

    b.heading("Consequences")
    b.clauses("Under clause 13 of the Consortium Agreement, from the Withdrawal Date:")
    b.items(
        "**Access Rights.** The Withdrawing Party keeps its Access Rights to Results "
        "generated up to the Withdrawal Date, on the terms of clause 8 and the regime "
        "“{{ consortium.ip_regime_label }}” — " + choose(IP, (
            ("each_party_owns", "its non-exclusive, royalty-free licence to use them for "
                                "any purpose"),
            ("lead_owns", "the right to use them for its own non-commercial research and "
                          "teaching"),
            ("joint_ownership", "its rights as co-owner of the jointly owned Results "
                                "generated up to that date, and Access Rights on fair and "
                                "reasonable terms where Needed to Exploit its own Results"),
            ("contributor_owns", "the right to request Access Rights for Exploitation, on "
                                 "fair and reasonable terms, until one year after the end of "
                                 "the Project"),
        )) + ". It has no Access Rights to Results generated after that date.",
        "**Its Results.** " + choose(IP, (
            ("each_party_owns", "It keeps the Results it owns; the licence it granted to "
                                "the other Parties to use them for any purpose continues."),
            ("lead_owns", "The Results it generated up to the Withdrawal Date remain vested "
                          "in the Lead Party."),
            ("joint_ownership", "It keeps the Results it owns alone and its part of the "
                                "jointly owned Results, which remain subject to clause 8."),
            ("contributor_owns", "It keeps the Results it owns."),
        )),
        "**Completion of the Project.** It continues to grant Access Rights to its "
        "Background and to the Results it generated up to the Withdrawal Date where Needed by "
        "the remaining Parties to complete the Project.",
        "**Background licences.** Access Rights to Background granted to or by it end on the "
        "Withdrawal Date, except those under (c) and those the Parties have agreed in "
        "writing to continue.",
        "**Confidentiality.** Its obligations of confidentiality under clause 9 survive for "
        "the period stated there.",
        "**Contributions and income.** Contributions already made are not refunded, and it "
        "has no claim to Consortium Income received after the Withdrawal Date, unless the "
        "General Assembly decides otherwise.")

    b.heading("Shares of the remaining Parties")
    b.clauses("The Share of the Withdrawing Party ({{ withdrawing.share }}" + NBSP + "%) is "
              "redistributed among the remaining Parties in proportion to their Shares. From "
              "the Withdrawal Date the Shares are:")
    share_table(b)
    with b.when("members|length < 2"):
        b.para("Fewer than two Parties remain, so the Consortium is to be dissolved under "
               "clause 14 of the Consortium Agreement.", indent=True)
    b.para("Copy to every Party: " + "{% for m in members %}{{ m.name }}"
           "{% if not loop.last %}; {% endif %}{% endfor %}.", style="Small Print",
           before=6)

    b.heading("Signature")
    b.signatures([officer_signatory("Notice given by", date="{{ doc.date }}")])
    b.tag("{%p else %}")
    b.para("No withdrawing party is recorded, so this notice has no effect.")
    b.tag("{%p endif %}")


def amendment_proposal(b: Builder) -> None:
    b.title("Proposal to Amend", "the Consortium Agreement of “{{ consortium.name }}”",
            prefix=COUNTRIES)
    b.para("{{ actor.name }}{% if actor.title %}, {{ actor.title }}{% endif %}"
           "{% if actor.organization %}, of {{ actor.organization }}{% endif %}, proposes to "
           "the Parties, on behalf of the lead party {{ consortium.lead.name }} (the “**Lead "
           "Party**”), to amend the consortium agreement of the consortium " +
           CONSORTIUM_NAME + " (the “**Consortium Agreement**”). Words defined in the "
           "Consortium Agreement have the same meaning here.",
           align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("The proposed amendment")
    b.clauses("The proposal is:")
    b.para('{{ comment or "The text of the proposed amendment will be circulated to the '
           'Parties with the first draft for negotiation." }}', indent=True)
    b.clauses("The Lead Party will circulate the text of the amended clauses, with the "
              "reasons for each change, to every Party as a numbered draft.")

    b.heading("Current key terms")
    b.fields([
        Field("Consortium", "{{ consortium.name }}"
                            "{% if consortium.reg_number %} (Reg. No. "
                            "{{ consortium.reg_number }}){% endif %}"),
        Field("Lead Party", "{{ consortium.lead.name }}"),
        Field("Term", "{% if consortium.start_date %}from {{ consortium.start_date }}"
                      "{% endif %}{% if consortium.end_date %} until {{ consortium.end_date }}"
                      "{% endif %}", when="consortium.start_date or consortium.end_date"),
        Field("Intellectual property regime", "{{ consortium.ip_regime_label }}"),
        Field("Voting rule", "{{ consortium.voting_rule_label }}; quorum "
                             "{{ consortium.quorum_percent }}" + NBSP + "% of the Parties"),
        Field("Last agreement draft", "No. {{ consortium.agreement_version }}",
              when="consortium.agreement_version and consortium.agreement_version != '0'"),
    ], label_width=5.5)
    b.clauses("The Parties and their Shares are:")
    share_table(b)

    b.heading("Procedure")
    b.clauses("The Consortium returns to the negotiation of its agreement, and the amendment "
              "follows these steps:")
    b.items(
        "**Negotiation.** The Parties negotiate the amendment in good faith; the Lead Party "
        "circulates each draft to every Party, and any Party may propose changes.",
        "**General Assembly.** An amendment is a weighty matter under clause 5 of the "
        "Consortium Agreement and needs the support of the General Assembly " + choose(VOTE, (
            ("majority", "by at least two-thirds of the votes cast, subject to the veto of a "
                         "Party severely affected within 15 days after the minutes are "
                         "sent."),
            ("two_thirds", "by at least two-thirds of the votes cast and of all Parties, "
                           "subject to the veto of a Party severely affected within 15 days "
                           "after the minutes are sent."),
            ("unanimity", "with the votes of all Parties."),
        )),
        "**Legal review.** The agreed text is reviewed by the Lead Party’s legal office and "
        "by each Party’s own advisers, and issued as a numbered draft of the amended "
        "agreement.",
        "**Signatures.** The amendment takes effect only when the authorised signatory of "
        "every Party has signed the amended agreement.")
    b.clauses(
        "Until then the Consortium Agreement remains in force unchanged and the Parties "
        "continue to perform it.",
        "Each Party is asked to send its comments on this proposal to the Lead Party within "
        "30 days of its date.")

    b.heading("Signature")
    b.signatures([officer_signatory("Proposed by", date="{{ doc.date }}")])


def dissolution_act(b: Builder) -> None:
    b.title("Act of Dissolution", "of the consortium “{{ consortium.name }}”",
            prefix=COUNTRIES)
    b.para("This act records the dissolution of the consortium " + CONSORTIUM_NAME +
           " (the “**Consortium**”), formed by the consortium agreement between the Parties "
           "listed in section 5 (the “**Consortium Agreement**”)"
           "{% if consortium.start_date %}, which has worked since "
           "{{ consortium.start_date }}{% endif %}, and settles the consequences of the "
           "dissolution under clause 14 of that agreement. Words defined in the Consortium "
           "Agreement have the same meaning here.", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("Grounds and date")
    b.clauses(
        "The Consortium is dissolved with effect from **{{ doc.date }}** (the “**Dissolution "
        "Date**”).",
        "**Grounds.** {% if comment %}{{ comment }}{% else %}The decision of the General "
        "Assembly to dissolve the Consortium.{% endif %}",
        "The Lead Party, {{ consortium.lead.name }}, has drawn up this act. The Consortium is "
        "dissolved on the Dissolution Date; every Party signs this act to confirm the "
        "allocation of the Results and the final accounting below.")

    b.heading("Results and their owners")
    b.clauses("{% if results %}The following Results were registered in the Consortium by "
              "the Dissolution Date:{% else %}No Results were registered in the Consortium by "
              "the Dissolution Date. A Result that comes to light later is owned and shared "
              "as if it were listed here.{% endif %}")
    with b.when("results"):
        b.table((Column("No.", "{{ loop.index }}", 1.0, CENTER),
                 Column("Reg. No.", "{{ r.reg_number }}", 3.1),
                 Column("Title", "{{ r.title }}", 4.4),
                 Column("Organisation", "{{ r.organization }}", 3.2),
                 Column("Status", "{{ r.state }}", 2.1),
                 Column("Owner", "{{ r.owner }}", 2.7)),
                "r in results")
    b.clauses("The owner shown is the ownership decided for each Result when it was "
              "assessed; Results not yet assessed are allocated under section 3.")

    b.heading("Allocation of the Results")
    b.clauses("Under the intellectual property regime of the Consortium Agreement "
              "(“{{ consortium.ip_regime_label }}”):")

    def each_party_owns() -> None:
        b.clauses("Each Party keeps the Results it owns. Results generated jointly remain "
                  "owned jointly in equal shares, and each co-owner may continue to use and "
                  "license them non-exclusively.",
                  "The non-exclusive, royalty-free licence of every Party to use all Results "
                  "for any purpose survives the dissolution and binds every later owner.")

    def lead_owns() -> None:
        b.clauses("All Results remain vested in the Lead Party, {{ consortium.lead.name }}, "
                  "which continues to pay each other Party its part of the Net Revenue, in "
                  "proportion to the Shares in section 5, for as long as it receives Net "
                  "Revenue.",
                  "If the Lead Party has not begun to Exploit a Result within 24 months after "
                  "it was generated, the Parties that generated it may still require it to "
                  "be assigned back to them.")

    def joint_ownership() -> None:
        b.clauses("Each Party keeps the Results it owns alone. Jointly owned Results remain "
                  "owned by their co-owners in the recorded proportions.",
                  "Decisions on the protection of jointly owned Results, which the General "
                  "Assembly took, are taken from the Dissolution Date by their co-owners "
                  "together; each co-owner may still Exploit them after notice and against "
                  "fair compensation to the others.")

    def contributor_owns() -> None:
        b.clauses("Each Party keeps the Results it owns. Results generated jointly remain "
                  "owned jointly by the Parties that generated them.",
                  "Access Rights for carrying out the Project end on the Dissolution Date. "
                  "A Party may still request Access Rights to another Party’s Results for "
                  "Exploitation, on fair and reasonable terms, until one year after the "
                  "Dissolution Date.")

    b.variants(IP, (("each_party_owns", each_party_owns), ("lead_owns", lead_owns),
                    ("joint_ownership", joint_ownership),
                    ("contributor_owns", contributor_owns)))
    b.clauses("Background remains the property of the Party that holds it. Access Rights to "
              "Background granted for the Project end on the Dissolution Date, unless the "
              "Parties have agreed otherwise in writing.")

    b.heading("Obligations that survive")
    b.clauses(
        "The obligations of confidentiality under clause 9 of the Consortium Agreement "
        "continue for five years after the Dissolution Date, and for know-how for as long as "
        "it remains secret.",
        "The Access Rights that continue under section 3, the sharing of Consortium Income "
        "under clause 10, and clauses 11 (Liability) and 15 (Governing law and disputes) of "
        "the Consortium Agreement survive the dissolution.")

    b.heading("Final accounting of contributions")
    b.clauses("The Parties at the Dissolution Date, their contributions and their final "
              "Shares are:")
    contribution_table(b)
    b.clauses(
        "Unspent cash contributions are returned to the Parties that paid them, in "
        "proportion to the amounts paid, within 60 days of the Dissolution Date, with a "
        "statement from the Lead Party. In-kind contributions are returned to the "
        "contributing Party.",
        "Consortium Income received after the Dissolution Date is distributed in proportion "
        "to the final Shares above, under clause 10 of the Consortium Agreement.",
        "Subject to this act, the Parties have no further claims against each other for "
        "contributions.")

    b.heading("Signatures")
    b.signatures([member_signatory()])


def general_assembly_minutes(b: Builder) -> None:
    """The minutes of a decision of the General Assembly on a reserved matter (clause 5),
    issued when the voting closes and again when the veto window ends or a veto is given
    (``consortium/consortia/decisions.py`` counts the votes by the same rules)."""
    b.title("Minutes of the General Assembly",
            "Decision No. {{ decision.number }} of the consortium “{{ consortium.name }}”",
            prefix=COUNTRIES)
    b.para("These minutes record a decision of the General Assembly of the consortium " +
           CONSORTIUM_NAME + " (the “**Consortium**”) taken in writing without a meeting "
           "under clause 5 of the consortium agreement between the Parties (the "
           "“**Consortium Agreement**”). The representative of the Lead Party, "
           "{{ consortium.lead.name }}, chairs the General Assembly and keeps its minutes. "
           "Words defined in the Consortium Agreement have the same meaning here.",
           align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("The matter and the motion")
    b.fields([
        Field("Matter", "{{ decision.matter_label }} (a weighty matter under clause 5)"),
        Field("Proposed by", "{{ decision.proposed_by.name }}"
                             "{% if decision.proposed_by.organization %}, "
                             "{{ decision.proposed_by.organization }}{% endif %}, on "
                             "{{ decision.proposed_at }}"),
        Field("Votes received until", "{{ decision.voting_ends_at }}"),
        Field("Party concerned", "{{ decision.concerned }} (does not vote, is not counted "
                                 "and may not veto)", when="decision.concerned"),
        Field("Voting rule", "{{ consortium.voting_rule_label }}; quorum "
                             "{{ consortium.quorum_percent }}" + NBSP + "% of the Parties"),
    ], label_width=5.0)
    b.clauses("The motion put to the vote is:")
    b.para("{{ decision.motion }}", indent=True)
    with b.when("decision.terms"):
        b.clauses("The terms of the decision are:")
        b.table((Column("Term", "{{ t.label }}", 6.0),
                 Column("Value", "{{ t.value }}", 10.5)), "t in decision.terms")

    b.heading("The votes")
    b.table((Column("Party", "{{ v.party }}", 6.0),
             Column("Vote", "{{ v.vote }}", 4.5),
             Column("Cast by", "{{ v.by }}", 3.5),
             Column("Date", "{{ v.at }}", 2.5)), "v in decision.votes")
    b.clauses(
        "Of the {{ decision.eligible }} Parties entitled to vote, {{ decision.voted }} voted "
        "({{ decision.quorum_needed }} needed for the quorum): {{ decision.for }} in favour, "
        "{{ decision.against }} against and {{ decision.abstain }} abstaining. Abstentions "
        "count for the quorum but are not votes cast.",
        "As a weighty matter, the decision needs " + choose(VOTE, (
            ("majority", "at least two-thirds of the votes cast in favour"),
            ("two_thirds", "at least two-thirds of the votes cast in favour and the votes "
                           "in favour of at least two-thirds of all Parties entitled to "
                           "vote"),
            ("unanimity", "the votes in favour of all Parties entitled to vote"),
        )) + ".")

    b.heading("Outcome")
    b.clauses(
        "{% if decision.status == 'rejected' %}The motion is **rejected**: "
        "{{ decision.reason }}. Nothing in it may be implemented."
        "{% elif decision.status == 'veto_window' %}The motion is **carried**, subject to "
        "the veto of a Party severely affected, which may be given by written notice to the "
        "chair until {{ decision.veto_ends_at }}. The decision takes effect when that period "
        "ends without a veto."
        "{% elif decision.status == 'vetoed' %}The motion carried on "
        "{{ decision.closed_at }} was **vetoed** by {{ decision.vetoed_by }} on "
        "{{ decision.decided_at }}, which states: “{{ decision.veto_reason }}”. The decision "
        "is not implemented, and the chair convenes a meeting within 30 days to find a "
        "solution."
        "{% else %}The decision is **adopted** and takes effect on {{ decision.decided_at }}"
        "{% if decision.veto_ends_at %}, the period for a veto having ended without one"
        "{% endif %}. It authorises the Lead Party to carry it out once, as the Consortium "
        "Agreement provides.{% endif %}",
        "The chair sends these minutes to every Party. They are accepted if no Party objects "
        "in writing within 15 days after they are sent.")

    b.heading("Signature")
    b.signatures([party_signatory("Chair of the General Assembly, for the Lead Party",
                                  "consortium.lead", signs="lead")])


# --------------------------------------------------------------------------------------------
# licence documents: shared text and blocks
# --------------------------------------------------------------------------------------------

#: the subject the licence clauses vary on, and its codes
LT = "license.type"
LICENSE_TYPES = ("exclusive", "non_exclusive", "option")
#: the agreement as named in titles and running text
LA_NAME = ("{% if license.type == 'option' %}Option Agreement{% else %}Licence Agreement"
           "{% endif %}")
#: what the licensee obtains, in running text
LICENCE_KIND = choose(LT, (("exclusive", "an exclusive licence"),
                           ("non_exclusive", "a non-exclusive licence"),
                           ("option", "an option to negotiate a licence")))
LA_NAME_LOWER = ("{% if license.type == 'option' %}option agreement{% else %}licence agreement"
                 "{% endif %}")
#: the licence agreement as cited in running text
LICENCE_REF = LA_NAME_LOWER + " No. {{ license.reg_number }}"
#: a Jinja test: the licence is an option
OPTION = "license.type == 'option'"
#: the licence agreement's own names: it is issued for a licence only (an option has its own
#: agreement, :func:`option_agreement`)
LICENCE_AGREEMENT = "Licence Agreement"
#: what the licensee obtains under the licence agreement, in running text
LICENCE_ONLY_KIND = choose(LT, (("exclusive", "an exclusive licence"),
                                ("non_exclusive", "a non-exclusive licence")))
#: the invention licensed, as cited in running text
ASSET_REF = "No. {{ asset.reg_number }} “{{ asset.title }}”"


def charged(var: str) -> str:
    """A Jinja test: the fee in ``var`` is set and is not zero."""
    return f"({var} and {var} != '0.00')"


UPFRONT = charged("license.upfront_fee")
MINIMUM = charged("license.minimum_annual_royalty")
ROYALTY = "license.royalty_rate not in ('', '0')"


def fee(var: str) -> str:
    """A licence amount with the licence's currency."""
    return amount(var, "license.currency")


def fee_in_words(var: str) -> str:
    """A licence amount with its currency, then in words: "25 000 000.00 KZT (twenty-five
    million tenge 00 tiyn)"."""
    return with_words(fee(var), var, "license.currency")


#: the upfront payment's name: an option fee for an option, a licence issue fee otherwise
FEE_NAME = "{% if license.type == 'option' %}option fee{% else %}licence issue fee{% endif %}"
#: the countries of the territory by name ("the whole world" for WORLD)
TERRITORY = ("{% if license.worldwide %}the whole world{% else %}"
             "{% for c in license.territory.split(',') %}{{ countries.get(c|trim, c|trim) }}"
             "{% if loop.revindex == 2 %} and {% elif not loop.last %}, {% endif %}{% endfor %}"
             "{% endif %}")
#: the territory in a table cell: its codes and their names
TERRITORY_CELL = ("{% if license.worldwide %}Worldwide{% else %}{{ license.territory }} ("
                  + TERRITORY + "){% endif %}")
#: the field of use in running text
FIELD_OF_USE = ("{% if license.all_fields %}all fields of use{% else %}the following field "
                "of use: {{ license.field_of_use }}{% endif %}")
#: the term in months, in running text
MONTHS = ("{{ license.term_months }} month{{ '' if license.term_months == '1' else 's' }}")
#: the term (or option period) in a table cell
TERM_CELL = ("{% if license.term_months %}" + MONTHS + "{% if license.expires_on %}, until "
             "{{ license.expires_on }}{% endif %}{% else %}To be agreed{% endif %}")
#: the invention's patent application and patent (print only when there is an application)
PATENT_DETAILS = ("application No. {{ asset.patent.application_number }}"
                  "{% if asset.patent.filing_date %} filed on {{ asset.patent.filing_date }}"
                  "{% endif %}{% if asset.patent.office %} with {{ asset.patent.office }}"
                  "{% endif %}{% if asset.patent.patent_number %}, and patent No. "
                  "{{ asset.patent.patent_number }} granted on it"
                  "{% if asset.patent.grant_date %} on {{ asset.patent.grant_date }}{% endif %}"
                  "{% endif %}")
#: the patent rights of the invention, as far as they are recorded
PATENT = ("{% if asset.patent.application_number %}patent " + PATENT_DETAILS + "{% else %}"
          "every application for a patent or utility model that the Licensor files for the "
          "Invention{% endif %}")
#: the invention's funding, from the disclosure (print only when ``asset.funding_source``)
ASSET_FUNDING = FUNDING_SOURCE.replace("disclosure.", "asset.")
#: the law of the licensor's country (``country`` is set by COUNTRIES from ``org``, which in a
#: licence document is the licensor)
LAW_OF_LICENSOR = ("{% if country %}{{ country }}{% else %}the country in which the Licensor "
                   "is registered{% endif %}")
#: the share of sublicence income paid to the licensor (a negotiated term, not a policy)
SUBLICENCE_SHARE = "{{ license.sublicence_share }}" + NBSP + "%"
#: the non-binding term sheet's marking, on every page and under its title
TERM_SHEET_MARK = ("NON-BINDING TERM SHEET No. {{ license.term_sheet_version }} — for "
                   "negotiation only")

#: (key, heading) of the licence agreement's sections; cross-references use ``LA[key]``
LICENCE_SECTIONS = (
    ("definitions", "Definitions"),
    ("grant", "Grant"),
    ("sublicensing", "Sublicensing"),
    ("fees", "Fees and royalties"),
    ("reports", "Reports, payments, records and audit"),
    ("diligence", "Diligence and milestones"),
    ("patents", "Patent prosecution and costs"),
    ("infringement", "Infringement"),
    ("warranties", "Warranties disclaimed"),
    ("liability", "Liability and indemnity"),
    ("confidentiality", "Confidentiality"),
    ("termination", "Term and termination"),
    ("law", "Governing law and disputes"),
)
LA = {key: number for number, (key, _) in enumerate(LICENCE_SECTIONS, 1)}
LA_TITLE = dict(LICENCE_SECTIONS)


def licence_section(b: Builder, key: str) -> None:
    number = b.heading(LA_TITLE[key])
    assert number == LA[key], (key, number)


def licence_parties(b: Builder, licensee: str = "Licensee") -> None:
    """The licensor and the licensee as contracting parties."""
    b.para("(1)\t" + party_text("licensor") + " (the “**Licensor**”); and", indent=True)
    _hang_last(b)
    b.para("(2)\t" + party_text("licensee") + f" (the “**{licensee}**”),", indent=True)
    _hang_last(b)
    b.para("each a “**Party**” and together the “**Parties**”.")


def party_summary(var: str) -> str:
    """A party in a table cell: name, country, BIN and signatory."""
    return ("**{{ @.name }}**{% if @.country %}, {{ countries.get(@.country, @.country) }}"
            "{% endif %}{% if @.bin %}, BIN {{ @.bin }}{% endif %}{% if @.signatory_name %}; "
            "represented by {{ @.signatory_title or 'its authorised signatory' }} "
            "{{ @.signatory_name }}{% endif %}").replace("@", var)


def scope_fields() -> list[Field]:
    """The licence's type, field of use and territory as label/value rows."""
    return [
        Field("Type", "{{ license.type_label }}"),
        Field("Field of use", "{% if license.all_fields %}All fields of use{% else %}"
                              "{{ license.field_of_use }}{% endif %}"),
        Field("Territory", TERRITORY_CELL),
    ]


def licence_fields() -> list[Field]:
    """The licence, its parties and its scope as label/value rows."""
    return [
        Field("Licence No.", "**{{ license.reg_number }}**"),
        Field("Invention", ASSET_REF),
        Field("Licensor", "{{ licensor.name }}"),
        Field("Licensee", "{{ licensee.name }}"),
        *scope_fields(),
    ]


def term_fields() -> list[Field]:
    """The financial and other terms of the licence as label/value rows."""
    return [
        Field("{% if license.type == 'option' %}Option period{% else %}Term{% endif %}",
              TERM_CELL),
        Field("{% if license.type == 'option' %}Option fee{% else %}Upfront licence fee"
              "{% endif %}",
              "{% if " + UPFRONT + " %}" + fee_in_words("license.upfront_fee") + ", payable "
              "within 30 "
              "days after signature{% else %}Not payable{% endif %}"),
        Field("{% if license.type == 'option' %}Royalty under the licence{% else %}Earned "
              "royalty{% endif %}",
              "{% if " + ROYALTY + " %}{{ license.royalty_rate }}" + NBSP + "% of Net Sales"
              "{% else %}To be agreed{% endif %}"),
        Field("Minimum annual royalty",
              "{% if " + MINIMUM + " %}" + fee_in_words("license.minimum_annual_royalty") +
              " per "
              "calendar year, credited against earned royalties{% else %}Not payable{% endif %}"),
        Field("Sublicensing",
              "{% if license.sublicensing %}Permitted with the Licensor’s prior written "
              "consent; " + SUBLICENCE_SHARE + " of sublicence income to the Licensor"
              "{% else %}Not permitted{% endif %}"),
    ]


MILESTONE_COLUMNS = (
    Column("No.", "{{ loop.index }}", 1.0, CENTER),
    Column("Milestone", "{{ m.description }}", 9.0),
    Column("Due date", '{{ m.due_date or "—" }}', 3.0),
    Column("Payment", "{% if " + charged("m.amount") + " %}" + fee("m.amount") +
           "{% else %}—{% endif %}", 3.5, RIGHT),
)


def milestone_table(b: Builder) -> None:
    b.table(MILESTONE_COLUMNS, "m in milestones")


def licence_signatories(executed: bool = False,
                        licensee: str = "Licensee") -> list[Signatory]:
    """The licensor's and the licensee's authorised signatories."""
    blocks = []
    for role, var in (("For the Licensor", "licensor"), (f"For the {licensee}", "licensee")):
        if executed:
            blocks.append(party_signatory(role, var, date=signed_at(var),
                                          signature="signed electronically", reproduces=var))
        else:
            blocks.append(party_signatory(role, var, signs=var))
    return blocks


# --------------------------------------------------------------------------------------------
# the licence documents
# --------------------------------------------------------------------------------------------

def nda(b: Builder) -> None:
    b.title("Mutual Non-Disclosure Agreement",
            "for the evaluation of invention No. {{ asset.reg_number }}", prefix=COUNTRIES)
    b.para("This Mutual Non-Disclosure Agreement (the “**Agreement**”) is made on "
           "{{ doc.date }} between:", keep_next=True)
    licence_parties(b, "Prospective Licensee")

    b.heading("Purpose")
    b.clauses(
        "The Licensor holds the invention " + ASSET_REF + " (the “**Invention**”)"
        "{% if asset.funding_source %}, developed with funding from " + ASSET_FUNDING +
        "{% endif %}. The Parties wish to exchange information so that the Prospective "
        "Licensee can evaluate the Invention and the Parties can discuss whether, and on what "
        "terms, the Licensor might grant the Prospective Licensee a licence or an option "
        "under it (the “**Purpose**”). The discussions are recorded by the Licensor under "
        "file No. {{ license.reg_number }}.",
        "Each Party may disclose information under this Agreement (as the “**Discloser**”) "
        "and receive it (as the “**Recipient**”).")

    defined = b.heading("Confidential Information")
    b.clauses("“**Confidential Information**” means all information that the Discloser, or "
              "a person acting for it, discloses to the Recipient for the Purpose, in any form, "
              "including:")
    b.items(
        "the invention disclosure, descriptions, data, results, drawings, samples and "
        "prototypes of the Invention;",
        "unpublished patent applications, draft claims and correspondence with patent "
        "offices and patent attorneys"
        "{% if asset.patent.application_number and not asset.patent.patent_number %}, "
        "including application No. {{ asset.patent.application_number }} until it is "
        "published{% endif %};",
        "know-how, methods, formulations, software and other technical information that is "
        "not public; and",
        "business information, including development plans, costs and customers, and the "
        "fact, content and terms of the discussions between the Parties.")
    b.clauses(
        "Information disclosed in writing or electronically is Confidential Information if "
        "it is marked or identified as confidential when it is disclosed. Information "
        "disclosed orally or visually, or by allowing inspection, is Confidential "
        "Information if it is identified as confidential at the time and the Discloser "
        "**confirms it in writing**, with a summary marked as confidential, **within 30 "
        "days** after the disclosure; until then the Recipient treats it as Confidential "
        "Information.",
        "Invention disclosures and unpublished patent applications for the Invention are "
        "Confidential Information of the Licensor whether or not they are marked.")

    b.heading("Exceptions")
    b.clauses("The obligations of this Agreement do not apply to information that the "
              "Recipient can show by written records:")
    b.items(
        "is or becomes public other than through a breach of this Agreement;",
        "was known to the Recipient, free of any obligation of confidence, before the "
        "Discloser disclosed it;",
        "the Recipient receives lawfully from a third party that is free to disclose it; or",
        "is developed by the Recipient’s personnel independently and without access to the "
        "Confidential Information.")
    b.clauses(
        "The Recipient may disclose Confidential Information that it is required to disclose "
        "by law, by a court or by a public authority, if it gives the Discloser prompt "
        "written notice where the law allows, so that the Discloser can seek protection, and "
        "discloses only the part that is required.",
        "Information is not within an exception merely because parts of it, or more general "
        "information, are public or known to the Recipient.")

    b.heading("Use and protection")
    b.clauses(
        "The Recipient uses Confidential Information **only for the Purpose**. In "
        "particular it does not use it to file any patent application, to develop or make "
        "any product, or to analyse or reverse-engineer samples and materials beyond what "
        "the evaluation requires.",
        "The Recipient protects Confidential Information with at least the care it uses for "
        "its own confidential information of a similar kind, and no less than reasonable "
        "care.",
        "The Recipient discloses Confidential Information only to its employees, officers "
        "and professional advisers who need to know it for the Purpose and are bound by "
        "obligations of confidentiality at least as strict as these, and is responsible for "
        "their compliance.",
        "The Recipient makes copies only as the Purpose reasonably requires, and tells the "
        "Discloser without delay of any unauthorised use or disclosure it becomes aware of "
        "and helps to stop it.",
        "This Agreement does not prevent the Licensor or its researchers from publishing the "
        "results of their own research, including on the Invention; they will not publish "
        "Confidential Information of the Prospective Licensee.")

    b.heading("No licence and no obligation")
    b.clauses(
        "Confidential Information remains the property of the Discloser. No licence or "
        "other right under any patent, know-how, copyright or other intellectual property is "
        "granted or implied by this Agreement, other than the right to use Confidential "
        "Information for the Purpose.",
        "Neither Party is obliged to enter into a licence, an option or any other agreement. "
        "A licence or option is granted only by a separate written agreement signed by both "
        "Parties. The Licensor remains free to discuss the Invention with others, without "
        "disclosing the Prospective Licensee’s Confidential Information.",
        "Confidential Information is disclosed “as is”. The Discloser gives no warranty of "
        "its accuracy or completeness, or that its use will not infringe the rights of "
        "others, and has no liability for the Recipient’s use of it.")

    b.heading("Return and destruction")
    b.clauses(
        "At the Discloser’s written request, and in any case when this Agreement ends, the "
        "Recipient returns or destroys all Confidential Information and its copies within "
        "30 days and confirms this in writing.",
        "The Recipient may keep one copy in its legal files, only to record its "
        "obligations, and copies held in automatic electronic back-ups that are not readily "
        "accessible; they remain subject to this Agreement.")

    b.heading("Term")
    b.clauses(
        "This Agreement takes effect on the date on which the last Party signs it and lasts "
        "**three years**, unless a Party ends it earlier by 30 days’ written notice or it is "
        "replaced by the confidentiality clause of a licence or option agreement between the "
        "Parties for the Invention.",
        f"The obligations in sections {defined} to {defined + 4} continue for Confidential "
        "Information disclosed while this Agreement is in force for **five years** after "
        "it ends.")

    b.heading("General provisions")
    b.clauses(
        "An unauthorised use or disclosure of Confidential Information may cause the "
        "Discloser harm that damages cannot fully repair; the Discloser may seek an "
        "injunction in addition to any other remedy.",
        "This Agreement is governed by the law of " + LAW_OF_LICENSOR + ", the country of "
        "the Licensor. The Parties will try to settle any dispute by negotiation for 30 "
        "days; failing that, it goes to the competent court at the Licensor’s registered "
        "address, unless the Parties agree in writing to arbitration.",
        "The Recipient complies with the export-control laws that apply to the Confidential "
        "Information it receives.",
        "This Agreement is the whole agreement of the Parties on its subject. It may be "
        "changed only in writing signed by both Parties, and neither Party may assign it "
        "without the other’s written consent.",
        "This Agreement may be signed electronically and in counterparts.")

    b.heading("Signatures")
    b.signatures(licence_signatories(licensee="Prospective Licensee"), keep_together=True)


def term_sheet(b: Builder) -> None:
    b.title("Term Sheet", "for " + LICENCE_KIND + " under invention No. {{ asset.reg_number }}",
            prefix=COUNTRIES)
    b.banner(TERM_SHEET_MARK)
    b.para("This term sheet No. {{ license.term_sheet_version }} sets out the principal terms "
           "on which {{ licensor.name }} (the “**Licensor**”) proposes to grant "
           "{{ licensee.name }} (the “**Licensee**”) " + LICENCE_KIND + " under the invention "
           + ASSET_REF + " (licence file No. {{ license.reg_number }})."
           "{% if license.term_sheet_version|int > 1 %} It replaces every earlier term sheet "
           "for this licence.{% endif %}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("Parties")
    b.fields([Field("Licensor", party_summary("licensor")),
              Field("Licensee", party_summary("licensee"))], keep_together=True)

    b.heading("The technology")
    b.fields([
        Field("Invention No.", "**{{ asset.reg_number }}**"),
        Field("Title", "{{ asset.title }}"),
        Field("Field of technology", "{{ asset.field }}", when="asset.field"),
        Field("Patent protection", "Patent " + PATENT_DETAILS,
              when="asset.patent.application_number"),
        Field("Inventors", names_of("asset.inventors"), when="asset.inventors"),
    ], keep_together=True)

    b.heading("Proposed terms")
    # the notes (a Listing) stand alone in their cell's paragraph
    b.fields([*scope_fields(), *term_fields(),
              Field("Further terms", "{{ license.notes }}", when="license.notes"),
              Field("Remarks", "{{ comment }}", when="comment")])

    b.heading("Milestones")
    b.clauses("{% if milestones %}The Licensee would undertake to reach the following "
              "milestones and pay the milestone payments shown:{% else %}No milestone or "
              "milestone payment is proposed; the licence agreement will require the Licensee "
              "to develop and market the technology with commercially reasonable efforts and "
              "to report on its progress every year.{% endif %}")
    with b.when("milestones"):
        milestone_table(b)

    b.heading("Next steps")
    b.clauses(
        "The Licensee tells the Licensor within 30 days whether it accepts these terms or "
        "proposes changes; a change leads to a new, numbered term sheet.",
        "On acceptance, the Licensor’s legal office prepares the " + LA_NAME_LOWER +
        " on its model licence, which also covers the reserved rights of the Licensor, "
        "reports and audit, patent costs, infringement, warranties, indemnity and "
        "termination.",
        "After legal review, the agreement is signed electronically by the authorised "
        "signatories of both Parties; only then does any licence or option exist.",
        "The mutual non-disclosure agreement between the Parties applies to this term sheet "
        "and to the negotiations.")

    b.heading("Nature of this term sheet")
    b.clauses(
        "This term sheet is **not binding**. It records the terms under negotiation and "
        "creates no obligation to grant or accept a licence or option; each Party bears its "
        "own costs of the negotiation.",
        "It lapses if the agreement has not been signed within 90 days of its date, unless "
        "the Parties extend it in writing.")

    b.heading("Initialled")
    b.signatures([officer_signatory("Proposed and initialled by", date="{{ doc.date }}")],
                 keep_together=True)


def license_agreement_text(b: Builder) -> None:
    """The licence agreement (exclusive or non-exclusive), structured like the university
    model licences (UC, NIH); an option has its own agreement (:func:`option_agreement`), so
    this text has only licence clauses. The executed agreement is this text as signed,
    followed by its execution page (:func:`execution_page`)."""
    b.title(LICENCE_AGREEMENT, "{{ license.type_label }} · invention No. "
            "{{ asset.reg_number }} · licence No. {{ license.reg_number }}", prefix=COUNTRIES)
    b.para("This " + LICENCE_AGREEMENT + " (the “**Agreement**”) is made between:",
           keep_next=True)
    licence_parties(b)

    b.para("**Recitals**", style="Sub Heading")
    b.items(
        "The Licensor owns the invention " + ASSET_REF +
        "{% if asset.inventors %}, made by " + names_of("asset.inventors") + "{% endif %}"
        "{% if asset.funding_source %}, with funding from " + ASSET_FUNDING + "{% endif %}, "
        "and the rights in it described below.",
        "The Parties evaluated the Invention under a mutual non-disclosure agreement and "
        "negotiated the terms of this Agreement"
        "{% if license.term_sheet_version not in ('', '0') %} on the basis of term sheet No. "
        "{{ license.term_sheet_version }}{% endif %}.",
        "The Licensee wishes to obtain " + LICENCE_ONLY_KIND + " to develop and bring to "
        "market products based on the Invention, and the Licensor wishes the Invention to be "
        "developed and used for the public benefit.", recitals=True)
    b.para("The Parties therefore agree as follows.", before=4)

    # 1 ------------------------------------------------------------------------------------
    licence_section(b, "definitions")
    b.clauses("In this Agreement the following words have the meanings given below:")
    b.items(
        "“**Affiliate**” means an entity that controls, is controlled by or is under common "
        "control with the Licensee, control meaning the ownership of more than half of the "
        "voting rights or the power to direct its management, for as long as that control "
        "lasts.",
        "“**Confidentiality Agreement**” means the mutual non-disclosure agreement between "
        "the Parties for the evaluation of the Invention.",
        "“**Effective Date**” means the date on which the last Party signs this Agreement.",
        "“**Invention**” means the invention disclosed to the Licensor under registration "
        "No. {{ asset.reg_number }} and titled “{{ asset.title }}”.",
        "“**Licensed Field**” means " + FIELD_OF_USE + ".",
        "“**Licensed Know-how**” means the unpatented technical information on the "
        "Invention — data, methods, designs, drawings and documentation — that the Licensor "
        "holds on the Effective Date and gives the Licensee in writing under this "
        "Agreement.",
        "“**Licensed Patent Rights**” means " + PATENT + "; every application claiming its "
        "priority or sharing it, including divisional and continuation applications; every "
        "patent granted on any of them; and their re-issues, re-examinations and "
        "extensions, in each case in the Territory.",
        "“**Licensed Product**” means a product, process or service whose making, use, sale, "
        "offer for sale or import would, but for this Agreement, infringe a Valid Claim in "
        "the country concerned, or that is made or performed using Licensed Know-how.",
        "“**Net Sales**” means the gross amounts invoiced or otherwise charged by the "
        "Licensee, its Affiliates and Sublicensees for Licensed Products sold, leased or "
        "otherwise transferred to third parties, less, as far as they are actually allowed "
        "or paid and shown on the invoice: (i) trade, quantity and cash discounts; "
        "(ii) credits and refunds for returned or rejected products; (iii) sales, value "
        "added and similar taxes and customs duties on the sale; and (iv) freight and "
        "insurance charged separately. No deduction is made for commissions, bad debts or "
        "the costs of making, marketing or collection. A Licensed Product transferred other "
        "than in an arm’s-length sale, or put to commercial use by the Licensee itself, is "
        "counted at the price charged to third parties or, failing one, its fair market "
        "value.",
        "“**Quarter**” means a calendar quarter ending on 31 March, 30 June, 30 September or "
        "31 December.",
        "“**Sublicensee**” means a third party holding a sublicence granted under clause "
        f"{LA['sublicensing']}; “**Sublicence Income**” means every payment or other "
        "consideration the Licensee or an Affiliate receives for or under a sublicence — "
        "such as issue, option, maintenance and milestone fees — other than earned "
        "royalties on the Sublicensee’s Net Sales and payments for research at cost.",
        "“**Territory**” means " + TERRITORY + ".",
        "“**Valid Claim**” means a claim of an issued and unexpired patent within the "
        "Licensed Patent Rights that has not been held invalid or unenforceable by a final "
        "decision open to no appeal, or a claim of a pending application within the Licensed "
        "Patent Rights that has been pending for no more than five years from its filing "
        "date.")
    b.clauses("Headings are for convenience only. “Including” means including without "
              "limitation, and a reference to a clause is to a clause of this Agreement.")

    # 2 ------------------------------------------------------------------------------------
    licence_section(b, "grant")

    def licence_term(kind: str) -> str:
        return ("**Licence Term.** The licence lasts from the Effective Date for " + MONTHS +
                "{% if license.expires_on %}, until {{ license.expires_on }}{% endif %}, or "
                "until the last Valid Claim in the Territory expires or is abandoned, if "
                "earlier (the “**Licence Term**”), unless this Agreement ends sooner under "
                f"clause {LA['termination']}. {kind}")

    def exclusive() -> None:
        b.clauses(
            "**Grant.** Subject to this Agreement, the Licensor grants the Licensee an "
            "**exclusive** licence under the Licensed Patent Rights, and a non-exclusive "
            "licence under the Licensed Know-how, to make, have made, use, sell, offer for "
            "sale and import Licensed Products in the Licensed Field in the Territory.",
            "**Exclusivity.** During the Licence Term the Licensor will not grant any other "
            "person a licence under the Licensed Patent Rights in the Licensed Field in the "
            "Territory, and will not itself exploit them commercially there, subject only "
            f"to the rights reserved in clause {clause_ref(b, 4)} and to the conversion of "
            f"the licence under clause {LA['termination']}.",
            licence_term("The exclusivity ends with the Licence Term."))

    def non_exclusive() -> None:
        b.clauses(
            "**Grant.** Subject to this Agreement, the Licensor grants the Licensee a "
            "**non-exclusive** licence under the Licensed Patent Rights and the Licensed "
            "Know-how to make, have made, use, sell, offer for sale and import Licensed "
            "Products in the Licensed Field in the Territory.",
            "**No exclusivity.** The Licensor remains free to grant licences under the "
            "Licensed Patent Rights and the Licensed Know-how to others, in any field and "
            "territory and on any terms, and to exploit them itself. The Licensee has no "
            "right to be told of, or to match, the terms of another licence.",
            licence_term("The Licensee may not assign the licence except under clause "
                         f"{LA['law']}."))

    b.variants(LT, (("exclusive", exclusive), ("non_exclusive", non_exclusive)))
    assert clause_ref(b) == f"{LA['grant']}.4"
    b.clauses(
        "**Reserved rights.** The Licensor reserves, for itself, the inventors and other "
        "academic and non-profit institutions, the right to practise the Invention for "
        "research, teaching and other educational purposes, and the right to publish the "
        "results of that research, subject to clause " + f"{LA['confidentiality']}.2."
        "{% if asset.funding_source %} The rights granted are also subject to any rights of "
        "the funder under the funding from " + ASSET_FUNDING + ".{% endif %}",
        "**No other rights.** No licence or right is granted by implication or otherwise, "
        "except as expressly stated in this Agreement; all other rights are reserved to the "
        "Licensor. The Licensee may not use the Licensor’s name or marks without its prior "
        "written consent.")

    # 3 ------------------------------------------------------------------------------------
    licence_section(b, "sublicensing")

    def sublicensing_allowed() -> None:
        b.clauses(
            "The Licensee may grant sublicences within the scope of its licence, with the "
            "Licensor’s prior written consent to each "
            "Sublicensee, which the Licensor will not unreasonably withhold. Each sublicence "
            "must be in writing, consistent with this Agreement, bind the Sublicensee to "
            f"reports and audit as in clause {LA['reports']}, and exclude further "
            "sublicensing.",
            "The Licensee sends the Licensor a copy of each sublicence and of each amendment "
            "within 30 days after signature, and remains responsible for the performance of "
            "its Sublicensees.",
            "**Share of Sublicence Income.** The Licensee pays the Licensor "
            f"**{SUBLICENCE_SHARE} of all Sublicence Income** within 60 days after receiving "
            "it. Sublicensees’ Net Sales bear the earned royalty under clause "
            f"{LA['fees']}.2, which the Licensee collects and pays.",
            "If this Agreement ends, each sublicence ends with it, but a Sublicensee that is "
            "not in breach may, within 60 days, ask the Licensor for a direct licence on the "
            "same terms as this Agreement, which the Licensor will not unreasonably refuse.")

    def sublicensing_prohibited() -> None:
        b.clauses(
            "The Licensee **may not grant sublicences**. Any sublicence it purports to grant "
            "is void.",
            "The Licensee may have Licensed Products made by contract manufacturers, and "
            "sold by distributors, acting on its behalf; they are not Sublicensees, and the "
            "Licensee remains responsible for them and for the royalties on their sales.",
            "The Licensee may extend its rights to an Affiliate only with the Licensor’s "
            "prior written consent; the Affiliate is then bound by this Agreement, and its "
            "sales are Net Sales of the Licensee.",
            "If the Licensee wishes to sublicense, it may propose an amendment of this "
            "Agreement, which the Licensor will consider in good faith.")

    b.variants("license.sublicensing", (("yes", sublicensing_allowed),
                                        ("", sublicensing_prohibited)))

    # 4 ------------------------------------------------------------------------------------
    licence_section(b, "fees")
    b.clauses(
        "{% if " + UPFRONT + " %}The Licensee pays the Licensor a non-refundable licence "
        "issue fee of **" + fee_in_words("license.upfront_fee") + "** within 30 days after "
        "the Effective Date. It is not credited against royalties.{% else %}No licence issue "
        "fee is payable.{% endif %}")

    def earned_royalty() -> None:
        b.clauses(
            "**Earned royalty.** The Licensee pays the Licensor an earned royalty of "
            "**{{ license.royalty_rate }}" + NBSP + "% of Net Sales** of every Licensed "
            "Product sold by the Licensee, its Affiliates and its Sublicensees. A royalty "
            "is due once for each unit, whoever sells it, and only on sales made while a "
            "Valid Claim covers the product in the country of making or sale, or while the "
            "product uses Licensed Know-how that is still confidential.",
            "**Minimum annual royalty.** {% if " + MINIMUM + " %}From the first full "
            "calendar year after the Effective Date, the Licensee pays a minimum annual "
            "royalty of **" + fee_in_words("license.minimum_annual_royalty") + "** by 31 "
            "January of "
            "the following year. Earned royalties paid for a year are credited against the "
            "minimum annual royalty for that year, so that only the shortfall is payable; "
            "a credit not used in a year is not carried forward.{% else %}No minimum annual "
            "royalty is payable.{% endif %}")

    earned_royalty()
    b.clauses(
        "**Milestone payments.** The Licensee pays each milestone payment in clause "
        f"{LA['diligence']}.2 within 30 days after the milestone is reached, and tells the "
        "Licensor in writing when it is reached.",
        "**Payment terms.** All amounts are paid in {{ license.currency or 'the currency "
        "agreed' }} to the account the Licensor designates. Sales in another currency are "
        "converted at the official rate on the last business day of the Quarter. Amounts "
        "are paid without set-off; a tax that the law requires the Licensee to withhold "
        "may be deducted if the Licensee gives the Licensor the receipt. Late payments bear "
        "interest at the rate set by the law governing this Agreement.")

    # 5 ------------------------------------------------------------------------------------
    licence_section(b, "reports")
    b.clauses("Within **60 days after the end of each Quarter** the Licensee sends the "
              "Licensor a signed royalty report for that Quarter, showing:")
    b.items(
        "the number of Licensed Products sold by the Licensee, each Affiliate and each "
        "Sublicensee, by country;",
        "the gross amounts invoiced, each deduction and the resulting Net Sales;",
        "the royalty due and the rate applied, and the Sublicence Income received; and",
        "the names of the Sublicensees and the dates of first commercial sale in each "
        "country.")
    b.clauses(
        "The Licensee pays the amount due with each report. A report is due even if no "
        "royalty is due for the Quarter.",
        "The Licensee keeps, and makes its Affiliates and Sublicensees keep, complete and "
        "accurate records of all sales of Licensed Products for at least five years after "
        "the Quarter to which they relate.",
        "**Audit.** Once a year, on 10 business days’ notice, the Licensor may have an "
        "independent accountant, bound to confidentiality, inspect those records during "
        "business hours. The Licensee pays any shortfall found, with interest, within 30 "
        "days; if the shortfall exceeds 5" + NBSP + "% of the amount due for the period "
        "audited, it also pays the cost of the audit.")

    # 6 ------------------------------------------------------------------------------------
    licence_section(b, "diligence")
    b.clauses("The Licensee uses commercially reasonable efforts to develop Licensed "
              "Products, to introduce them to the market in the Territory as soon as "
              "practicable, and to keep them reasonably available to the public.")
    b.clauses("{% if milestones %}The Licensee reaches the following milestones by the dates "
              "shown and pays the milestone payments shown:{% else %}No dated milestones "
              "are agreed. The Licensee reports on its development and marketing every year, "
              "by 31 January, and the Parties may agree milestones in writing.{% endif %}")
    with b.when("milestones"):
        milestone_table(b)
    b.clauses(
        "If the Licensee expects to miss a milestone, it may ask in writing, before the due "
        "date, for one extension of up to six months, with its reasons and a revised plan; "
        "the Licensor will not unreasonably refuse it, and may ask for an extension fee "
        "agreed in writing.",
        "Failing to reach a milestone, as extended, is a breach of this Agreement under "
        f"clause {LA['termination']}.3"
        "{% if license.type == 'exclusive' %}, and entitles the Licensor instead to convert "
        f"the licence under clause {LA['termination']}.5{{% endif %}}.",
        "By 31 January of each year the Licensee sends the Licensor a written report on its "
        "progress in developing and marketing Licensed Products in the previous year.")

    # 7 ------------------------------------------------------------------------------------
    licence_section(b, "patents")
    b.clauses(
        "The Licensor files, prosecutes and maintains the Licensed Patent Rights in its own "
        "name, through patent attorneys of its choice. It sends the Licensee copies of the "
        "main filings and office actions, and takes the Licensee’s comments reasonably "
        "into account.",
        "**Costs.** " + choose(LT, (
            ("exclusive", "The Licensee reimburses the Licensor for all documented costs of "
                          "filing, prosecuting and maintaining the Licensed Patent Rights in "
                          "the Territory, incurred before and after the Effective Date, "
                          "within 30 days after each invoice."),
            ("non_exclusive", "The Licensee reimburses the Licensor for a fair share of the "
                              "documented costs of filing, prosecuting and maintaining the "
                              "Licensed Patent Rights in the Territory, divided equally among "
                              "all licensees of the same rights, within 30 days after each "
                              "invoice."),
        )),
        "The Licensee may stop paying these costs for a country by 90 days’ written notice; "
        "that country then ceases to be part of the Territory, and the Licensor may "
        "continue or abandon the rights there at its discretion.",
        "The Licensee marks Licensed Products, or their packaging, with the numbers of the "
        "patents covering them as the law of the country of sale allows.")

    # 8 ------------------------------------------------------------------------------------
    licence_section(b, "infringement")
    b.clauses(
        "Each Party tells the other promptly in writing of any suspected infringement of "
        "the Licensed Patent Rights in the Territory that comes to its attention.",
        choose(LT, (
            ("exclusive", "The Licensor may bring an action against an infringer in the "
                          "Licensed Field. If it does not do so within 90 days after the "
                          "Licensee’s written request, the Licensee may bring the action in "
                          "its own name and at its own cost, joining the Licensor where the "
                          "law requires. Any recovery first reimburses the costs of the Party "
                          "that brought the action; the rest is treated as Net Sales on which "
                          "royalties are due."),
            ("non_exclusive", "Only the Licensor may decide whether to act against an "
                              "infringer, at its own cost and for its own account. The "
                              "Licensee has no right to bring an action, and no reduction of "
                              "royalties follows from an infringement."),
        )),
        "The other Party gives reasonable help with an action, at the cost of the Party that "
        "brings it. No settlement may admit the invalidity of the Licensed Patent Rights, or "
        "limit them, without the Licensor’s written consent.",
        "If a third party claims that a Licensed Product infringes its rights, the Licensee "
        "tells the Licensor promptly and deals with the claim at its own cost; royalties "
        "remain due unless the Parties agree otherwise in writing.")

    # 9 ------------------------------------------------------------------------------------
    licence_section(b, "warranties")
    b.clauses(
        "The Licensor warrants only that it has the right to grant the rights granted in "
        f"clause {LA['grant']} and that, to its knowledge, it has granted no right that "
        "conflicts with them.",
        "Otherwise the Invention, the Licensed Patent Rights and the Licensed Know-how are "
        "provided **“as is”**. The Licensor gives no warranty, express or implied, of the "
        "validity or scope of any patent right, that a patent will be granted, that "
        "Licensed Products will not infringe the rights of others, or of merchantability, "
        "fitness for a particular purpose or commercial utility.",
        "The Licensee is solely responsible for the design, manufacture, safety, regulatory "
        "approval and marketing of Licensed Products, and for complying with the export-"
        "control laws that apply to them.")

    # 10 -----------------------------------------------------------------------------------
    licence_section(b, "liability")
    b.clauses(
        "The Licensor is not liable for any indirect or consequential loss, loss of profit "
        "or loss of business arising from this Agreement or from the use of the Invention. "
        "Its total liability under this Agreement is limited to the amounts the Licensee "
        "paid it in the 12 months before the claim arose.",
        "**Indemnity.** The Licensee indemnifies and holds harmless the Licensor, the "
        "inventors and the Licensor’s employees and students against all claims, losses, "
        "damages and costs, including reasonable legal fees, arising from the making, use, "
        "sale or other disposal of Licensed Products by the Licensee, its Affiliates or "
        "Sublicensees, or from the Licensee’s breach of this Agreement.",
        "Before the first commercial sale of a Licensed Product, the Licensee takes out and "
        "keeps product liability insurance of an amount usual in its industry, and shows "
        "the Licensor the certificate on request.",
        "The limits in clause " + f"{LA['liability']}.1 do not apply to the Licensee’s "
        "indemnity, to a breach of confidentiality, or to loss caused intentionally or by "
        "gross negligence.")

    # 11 -----------------------------------------------------------------------------------
    licence_section(b, "confidentiality")
    b.clauses(
        "The Confidentiality Agreement continues to apply to all information exchanged "
        "under this Agreement, including the Licensed Know-how and the royalty reports, as "
        "if its purpose included the performance of this Agreement and its term lasted as "
        "long as this Agreement.",
        "The Licensor and the inventors may publish the results of their research on the "
        "Invention. They send the Licensee any manuscript that would disclose unpublished "
        "Licensed Know-how at least 30 days before submission; the Licensee may, within "
        "that time, ask for the Licensee’s own Confidential Information to be removed, or "
        "for publication to be delayed by up to 60 days so that a patent application can be "
        "filed.",
        "The obligations of confidentiality survive the end of this Agreement for five "
        "years.")

    # 12 -----------------------------------------------------------------------------------
    licence_section(b, "termination")
    b.clauses(
        "This Agreement takes effect on the Effective Date and lasts until the end of the "
        "Licence Term, unless it ends earlier under this clause.",
        "The Licensee may terminate this Agreement at any time by "
        "{{ license.termination_notice_days }} days’ written notice to the Licensor.",
        "If the Licensee fails to pay an amount due, to send a report, to reach a milestone "
        "or otherwise to perform this Agreement, the Licensor may give it written notice of "
        "the breach; if the Licensee does not cure the breach **within "
        "{{ license.cure_period_days }} days** after the notice, the Licensor may terminate "
        "this Agreement with immediate effect by a further written notice.",
        "The Licensor may terminate this Agreement with immediate effect by written notice "
        "if the Licensee becomes insolvent, enters liquidation or makes an arrangement with "
        "its creditors, or if the Licensee challenges the validity of the Licensed Patent "
        "Rights.",
        choose(LT, (
            ("exclusive", "**Conversion to a non-exclusive licence.** Where the Licensor "
                          "could terminate under clause " + f"{LA['termination']}.3 for a "
                          "failure to reach a milestone or to develop Licensed Products "
                          "diligently, it may instead, by written notice, convert the licence "
                          "into a non-exclusive licence; the rest of this Agreement, "
                          "including the royalties, then continues unchanged."),
            ("non_exclusive", "**No conversion.** The licence is non-exclusive from the "
                              "start; a change of its scope needs a written amendment signed "
                              "by both Parties."),
        )),
        "**Consequences.** When this Agreement ends, for whatever reason, all rights granted "
        "revert to the Licensor; amounts accrued before the end remain payable; the "
        "Licensee sends a final royalty report within 60 days; and the Licensee may sell, "
        "within six months and against royalties, Licensed Products completed before the "
        "end. Clauses " + f"{LA['reports']}.3, {LA['reports']}.4, {LA['warranties']}, "
        f"{LA['liability']}, {LA['confidentiality']} and {LA['law']} survive.")

    # 13 -----------------------------------------------------------------------------------
    licence_section(b, "law")
    b.clauses(
        "This Agreement is governed by the law of " + LAW_OF_LICENSOR + ", the country of "
        "the Licensor.",
        "The Parties will try to settle any dispute under this Agreement amicably, first "
        "between the persons responsible for it and then between their heads. A dispute not "
        "settled within 60 days after the first written notice of it goes to the competent "
        "court at the Licensor’s registered address, unless the Parties agree in writing to "
        "refer it to arbitration.",
        "The Licensee may assign this Agreement only with the Licensor’s prior written "
        "consent, except to a successor to the whole of the business to which it relates "
        "that agrees in writing to be bound by it.",
        "Notices are given in writing to the addresses stated above, or through the "
        "Consortium platform, and take effect on receipt.",
        "This Agreement is the whole agreement of the Parties on its subject and replaces "
        "the term sheets exchanged. It may be amended only in writing signed by both "
        "Parties. If a provision is invalid, the rest remains in force and the Parties "
        "replace it by a valid provision closest to its purpose.",
        "This Agreement may be signed electronically and in counterparts, which together "
        "form one instrument.")

    b.para("Signatures", style="Section Heading")
    b.para("Signed by the authorised signatories of the Parties:", keep_next=True)
    b.signatures(licence_signatories(), keep_together=True)


def license_agreement(b: Builder) -> None:
    license_agreement_text(b)


def executed_license_agreement(b: Builder) -> None:
    execution_page(b, LICENCE_AGREEMENT, LICENCE_AGREEMENT + " No. {{ license.reg_number }} "
                   "· invention No. {{ asset.reg_number }}", licence_signatories(executed=True))
    signature_certificate(b, LICENCE_AGREEMENT, LICENCE_AGREEMENT + " No. "
                          "{{ license.reg_number }} · invention No. {{ asset.reg_number }}",
                          "2")


# --------------------------------------------------------------------------------------------
# the option agreement: only the clauses an option has
# --------------------------------------------------------------------------------------------

#: (key, heading) of the option agreement's sections; cross-references use ``OA[key]``
OPTION_SECTIONS = (
    ("definitions", "Definitions"),
    ("grant", "Grant of the option"),
    ("period", "Option period"),
    ("fee", "Option fee"),
    ("exercise", "Exercise of the option"),
    ("no_sale", "No licence to sell"),
    ("confidentiality", "Confidentiality"),
    ("consequences", "Lapse and exercise"),
    ("termination", "Term and termination"),
    ("general", "General"),
)
OA = {key: number for number, (key, _) in enumerate(OPTION_SECTIONS, 1)}
OA_TITLE = dict(OPTION_SECTIONS)
#: the option period in running text
OPTION_MONTHS = ("{{ license.option_period_months }} month"
                 "{{ '' if license.option_period_months == '1' else 's' }}")
#: the licence the holder may take on exercise, with its article
EXERCISE_KIND = choose("license.exercise_license_type",
                       (("exclusive", "an exclusive"), ("non_exclusive", "a non-exclusive")))


def option_section(b: Builder, key: str) -> None:
    number = b.heading(OA_TITLE[key])
    assert number == OA[key], (key, number)


def option_agreement(b: Builder) -> None:
    """The option agreement: the Licensor reserves a licence for the Holder for the option
    period; the Holder exercises it by notice, and the licence is then negotiated and signed
    within the negotiation period, or the option lapses. The engine honours the dates:
    ``exercise_option`` is refused after the notice date and ``lapse_option`` is due at the
    end of the option period (or of the negotiation period after an exercise)."""
    b.title("Option Agreement", "Option to obtain a licence · invention No. "
            "{{ asset.reg_number }} · No. {{ license.reg_number }}", prefix=COUNTRIES)
    b.para("This Option Agreement (the “**Agreement**”) is made between:", keep_next=True)
    licence_parties(b, "Holder")

    b.para("**Recitals**", style="Sub Heading")
    b.items(
        "The Licensor owns the invention " + ASSET_REF +
        "{% if asset.inventors %}, made by " + names_of("asset.inventors") + "{% endif %}, "
        "and the rights in it described below.",
        "The Parties evaluated the Invention under a mutual non-disclosure agreement"
        "{% if license.term_sheet_version not in ('', '0') %} and negotiated this Agreement "
        "on the basis of term sheet No. {{ license.term_sheet_version }}{% endif %}.",
        "The Holder wishes to evaluate the Invention further before deciding whether to take "
        "a licence, and the Licensor is willing to reserve that licence for it for a limited "
        "time.", recitals=True)
    b.para("The Parties therefore agree as follows.", before=4)

    option_section(b, "definitions")
    b.clauses("In this Agreement the following words have the meanings given below:")
    b.items(
        "“**Confidentiality Agreement**” means the mutual non-disclosure agreement between "
        "the Parties for the evaluation of the Invention.",
        "“**Effective Date**” means the date on which the last Party signs this Agreement.",
        "“**Invention**” means the invention disclosed to the Licensor under registration "
        "No. {{ asset.reg_number }} and titled “{{ asset.title }}”.",
        "“**Licensed Field**” means " + FIELD_OF_USE + ".",
        "“**Patent Rights**” means " + PATENT + ", every application claiming its priority "
        "and every patent granted on any of them, in the Territory.",
        "“**Option Licence**” means the licence described in clause "
        f"{OA['exercise']}.3.",
        "“**Territory**” means " + TERRITORY + ".")

    option_section(b, "grant")
    b.clauses(
        "**Grant.** Subject to this Agreement, the Licensor grants the Holder an exclusive "
        "option (the “**Option**”) to obtain the Option Licence under the Patent Rights in "
        "the Licensed Field in the Territory.",
        "**Reservation.** During the Option Period, and during the Negotiation Period if the "
        "Option is exercised, the Licensor will not grant any other person a licence or an "
        "option under the Patent Rights in the Licensed Field in the Territory, nor "
        "negotiate one.",
        "**Evaluation.** During the Option Period only, the Holder may use the Invention and "
        "the information the Licensor gives it internally, to evaluate whether to exercise "
        "the Option. This right is non-exclusive and non-transferable and cannot be "
        "sublicensed.")

    option_section(b, "period")
    b.clauses(
        "The Option Period runs from the Effective Date for **" + OPTION_MONTHS + "**"
        "{% if license.option_ends_on %}, until {{ license.option_ends_on }}{% endif %} "
        "(the “**Option Period**”). It is extended only by a written amendment signed by "
        "both Parties.")

    option_section(b, "fee")
    b.clauses(
        "{% if " + charged("license.option_fee") + " %}The Holder pays the Licensor a "
        "non-refundable option fee of **" + fee("license.option_fee") + "** within 30 days "
        "after the Effective Date. It is credited against the amounts payable under the "
        "Option Licence only if that licence says so.{% else %}No option fee is payable."
        "{% endif %}")

    option_section(b, "exercise")
    b.clauses(
        "**Notice of exercise.** The Holder exercises the Option by written notice to the "
        "Licensor, given through the Consortium platform no later than "
        "**{{ license.exercise_notice_days }} days before the Option Period ends**"
        "{% if license.exercise_deadline %}, that is by {{ license.exercise_deadline }}"
        "{% endif %}. The notice states the licence sought and the Holder’s plan for "
        "developing and marketing products based on the Invention. A notice given later has "
        "no effect.",
        "**Negotiation.** After a notice of exercise the Parties negotiate the Option Licence "
        "in good faith and sign it within **{{ license.negotiation_days }} days** after the "
        "notice (the “**Negotiation Period**”).",
        "**The Option Licence.** The licence the Holder may obtain is " + EXERCISE_KIND +
        " licence under the Patent Rights to make, have made, use, sell, offer for sale and "
        "import products based on the Invention in the Licensed Field in the Territory, "
        "{% if license.exercise_terms %}on the following key terms:{% else %}on terms to be "
        "negotiated in good faith within the Negotiation Period.{% endif %}")
    with b.when("license.exercise_terms"):
        b.listing("license.exercise_terms", "—")

    option_section(b, "no_sale")
    b.clauses(
        "This Agreement grants **no licence** to make, sell, offer for sale, import or "
        "otherwise exploit commercially the Invention or any product based on it. Those "
        "rights arise only under the Option Licence, once both Parties have signed it.",
        "The Holder may not assign the Option, or grant any right under this Agreement to "
        "another person.")

    option_section(b, "confidentiality")
    b.clauses(
        "The Confidentiality Agreement applies to all information exchanged under this "
        "Agreement, as if its purpose included the evaluation under clause "
        f"{OA['grant']}.3 and the negotiation under clause {OA['exercise']}.2, and as if its "
        "term lasted as long as this Agreement.",
        "The obligations of confidentiality survive the end of this Agreement for five "
        "years.")

    option_section(b, "consequences")
    b.clauses(
        "**Lapse.** If the Holder gives no notice of exercise under clause "
        f"{OA['exercise']}.1, the Option lapses at the end of the Option Period; if the "
        "Option Licence is not signed within the Negotiation Period, it lapses at the end of "
        "that period. It lapses without further notice, the Licensor is then free to license "
        "the Invention to others, and the option fee is not refunded.",
        "**Exercise.** When both Parties have signed the Option Licence, it replaces this "
        f"Agreement, except clause {OA['confidentiality']}, which continues.",
        "On lapse the Holder stops using the Invention and returns or destroys the "
        "Licensor’s information as the Confidentiality Agreement provides.")

    option_section(b, "termination")
    b.clauses(
        "This Agreement takes effect on the Effective Date and ends when the Option lapses "
        "or when the Option Licence is signed, whichever happens first.",
        f"Clauses {OA['confidentiality']} and {OA['general']} survive the end of this "
        "Agreement.")

    option_section(b, "general")
    b.clauses(
        "This Agreement is governed by the law of " + LAW_OF_LICENSOR + ", the country of "
        "the Licensor.",
        "The Parties will try to settle any dispute under this Agreement amicably. A dispute "
        "not settled within 60 days after the first written notice of it goes to the "
        "competent court at the Licensor’s registered address, unless the Parties agree in "
        "writing to refer it to arbitration.",
        "Notices are given in writing to the addresses stated above, or through the "
        "Consortium platform, and take effect on receipt.",
        "This Agreement is the whole agreement of the Parties on its subject and replaces "
        "the term sheets exchanged. It may be amended only in writing signed by both "
        "Parties. If a provision is invalid, the rest remains in force.",
        "This Agreement may be signed electronically and in counterparts, which together "
        "form one instrument.")

    b.para("Signatures", style="Section Heading")
    b.para("Signed by the authorised signatories of the Parties:", keep_next=True)
    b.signatures(licence_signatories(licensee="Holder"), keep_together=True)


#: ``royalty_at_rate``: the earned royalty at the contractual rate on ``report.net_sales``,
#: computed exactly in whole cents (rounded half up) and formatted like the application's
#: amounts ("437 500.00"). Written in a run of the title block, at the top level where Jinja
#: sees the names as declared (a ``{%p %}`` line may not hold "%" or braces).
ROYALTY_AT_RATE = (
    '{% set net_cents = report.net_sales|replace(" ", "")|replace(".", "")|int %}'
    '{% set rate_parts = (license.royalty_rate ~ ".").split(".") %}'
    '{% set rate_scale = ("1" ~ "0" * (rate_parts[1]|length))|int %}'
    "{% set royalty_cents = (net_cents * ((rate_parts[0] ~ rate_parts[1])|int) * 2 "
    "+ 100 * rate_scale) // (200 * rate_scale) %}"
    '{% set royalty_at_rate = "{:,}".format(royalty_cents // 100)|replace(",", " ") ~ "." '
    '~ "%02d"|format(royalty_cents % 100) %}'
)


def royalty_report(b: Builder) -> None:
    b.title("Royalty Report", "Licence No. {{ license.reg_number }} · period "
            "{{ report.period }}", prefix=COUNTRIES + ROYALTY_AT_RATE)
    b.para("{{ licensee.name }} (the “**Licensee**”) reports to {{ licensor.name }} (the "
           "“**Licensor**”), under clause " + f"{LA['reports']}" + " of the " + LICENCE_REF +
           " for the invention " + ASSET_REF + " (the “**Agreement**”), the Net Sales of "
           "Licensed Products and the royalty due for the period **{{ report.period }}**. "
           "Words defined in the Agreement have the same meaning here.",
           align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("Royalty for the period")
    has_rate = ROYALTY + " and report.net_sales"
    b.fields([
        Field("Licence No.", "**{{ license.reg_number }}** ({{ license.type_label|lower }})"),
        Field("In force since", "{{ license.activated_at }}", when="license.activated_at"),
        Field("Reporting period", "**{{ report.period }}**"),
        Field("Gross amounts invoiced", fee("report.gross_invoiced"),
              when="report.gross_invoiced"),
        Field("Deductions allowed by the Agreement", fee("report.deductions"),
              when="report.gross_invoiced"),
        Field("Net Sales", fee("report.net_sales") + "{% if report.gross_invoiced %} (gross "
              "amounts invoiced less deductions){% endif %}"),
        Field("Sublicence Income", fee("report.sublicence_income") + ", of which "
              "{{ report.sublicence_share }}" + NBSP + "% is due to the Licensor",
              when="report.sublicence_income"),
        Field("Royalty rate", "{{ license.royalty_rate }}" + NBSP + "% of Net Sales",
              when=ROYALTY),
        Field("Royalty at the contractual rate", fee("royalty_at_rate"), when=has_rate),
        Field("Royalty due under the Agreement", fee("report.royalty_due"),
              when="report.royalty_due"),
        Field("Royalty due", "**" + fee("report.amount") + "**"),
    ], label_width=5.5, keep_together=True)
    # one clause whether or not the report breaks its sales down by country (the clauses
    # after it are numbered alike in every report)
    b.clauses("{% if report.countries %}Sales of Licensed Products by country in the period:"
              "{% else %}The Licensee gives no breakdown of its sales by country for the "
              "period.{% endif %}")
    with b.when("report.countries"):
        b.table((Column("Country", "{{ c.country }}", 3.0),
                 Column("Units sold", "{{ c.units }}", 4.0, RIGHT),
                 Column("Amount invoiced", "{{ c.amount }} {{ license.currency }}", 9.5,
                        RIGHT)), "c in report.countries")
    b.clauses(
        "{% if " + has_rate + " %}{% if royalty_at_rate == report.amount or "
        "(report.sublicence_income and report.royalty_due == report.amount) %}The royalty due "
        "equals the earned royalty at the contractual rate of {{ license.royalty_rate }}" +
        NBSP + "% on the Net Sales reported{% if report.sublicence_income %}, plus the "
        "Licensor’s share of the Sublicence Income{% endif %}.{% else %}The royalty due differs from the earned "
        "royalty at the contractual rate, for example because of a credit or the correction "
        "of an earlier report; {% if comment %}the Licensee explains the difference in the "
        "remarks below{% else %}the Licensee will explain the difference to the Licensor in "
        "writing{% endif %}.{% endif %}{% else %}The royalty due is stated by the Licensee "
        "under the terms of the Agreement.{% endif %}",
        "The Licensee pays the royalty due with this report, within 60 days after the end of "
        "the period, to the account designated by the Licensor."
        "{% if " + MINIMUM + " %} Royalties reported for a calendar year are credited "
        "against the minimum annual royalty of " + fee("license.minimum_annual_royalty") +
        " for that year.{% endif %}")
    comment_paragraph(b, "Remarks")

    b.heading("Declaration")
    b.clauses("The Licensee declares that:")
    b.items(
        "the figures in this report are taken from its books and are accurate and complete;",
        "they cover every Licensed Product sold in the period by the Licensee, its "
        "Affiliates and its Sublicensees in the Territory, and Net Sales are stated after "
        "only the deductions that the Agreement allows;",
        "it keeps the records on which this report is based and will make them available "
        f"for audit under clause {LA['reports']}.4 of the Agreement; and",
        "it will correct any error it finds in its next report and pay any shortfall with "
        "interest.")

    b.heading("Signature")
    b.signatures([officer_signatory("Reported by", date="{{ doc.date }}",
                                    party="{{ actor.organization or licensee.name }}")],
                 keep_together=True)


def termination_notice(b: Builder) -> None:
    b.title("Notice of Termination", "of " + LICENCE_REF, prefix=COUNTRIES)
    # who gives the notice: the licensee when the actor belongs to it, else the licensor
    b.tag("{%p set by_licensee = actor.organization == licensee.name "
          "and licensee.name != licensor.name %}")
    b.tag("{%p set sender = licensee if by_licensee else licensor %}")
    b.tag("{%p set recipient = licensor if by_licensee else licensee %}")
    sender_role = "{% if by_licensee %}Licensee{% else %}Licensor{% endif %}"
    recipient_role = "{% if by_licensee %}Licensor{% else %}Licensee{% endif %}"
    b.fields([
        Field("From", "{{ sender.name }} (the " + sender_role + ")"),
        Field("To", "{{ recipient.name }} (the " + recipient_role + ")"
                    "{% if recipient.address %}, {{ recipient.address }}{% endif %}"),
        Field("Licence", "No. {{ license.reg_number }} ({{ license.type_label|lower }})"),
        Field("Invention", ASSET_REF),
        Field("Termination takes effect on", "**{{ license.ended_at or doc.date }}**"),
    ], label_width=5.5, keep_together=True)

    b.heading("Termination")
    b.clauses(
        "{{ sender.name }}, as " + sender_role + ", gives notice under clause "
        f"{LA['termination']} that the " + LICENCE_REF + " for the invention " + ASSET_REF +
        " (the “**Agreement**”) is terminated with effect from "
        "**{{ license.ended_at or doc.date }}** (the “**Termination Date**”){% if by_licensee "
        "%}, the end of the notice period of {{ license.termination_notice_days }} days that "
        f"clause {LA['termination']}.2 gives the Licensee{{% endif %}}.",
        "**Reason.** {% if comment %}{{ comment }}{% else %}The notice of termination given "
        "under the Agreement.{% endif %}",
        "Words defined in the Agreement have the same meaning in this notice.")

    b.heading("Consequences")
    b.clauses("From the Termination Date, as the Agreement provides:")
    b.items(
        "all rights granted to the Licensee revert to the Licensor; the Licensee stops "
        "making, using and selling Licensed Products, except that it may sell, within six "
        "months and against royalties, Licensed Products completed before the Termination "
        "Date{% if license.type == 'option' %}, and the Option lapses{% endif %};",
        "all amounts accrued before the Termination Date — royalties, minimum annual "
        "royalty, milestone payments and patent costs — remain payable;",
        "the Licensee sends the Licensor a **final royalty report within 60 days**, with "
        "payment of the amount due;",
        "{% if license.sublicensing %}every sublicence ends, but a Sublicensee that is not "
        "in breach may, within 60 days, ask the Licensor for a direct licence{% else %}no "
        "sublicence survives, the Agreement having permitted none{% endif %};",
        "the obligations of confidentiality survive for five years, and each Party returns or "
        "destroys the other’s Confidential Information on request; and",
        "the Licensee’s obligations to keep records and allow an audit, its indemnity, and "
        "the clauses on liability and governing law survive.")
    b.clauses("This notice is without prejudice to any claim that either Party has under "
              "the Agreement for a breach committed before the Termination Date.")
    b.keep_with_next()

    b.heading("Notice")
    b.para("This notice is given through the Consortium platform, which delivers it to the "
           "{{ recipient.name }} on the date above; it takes effect without the recipient’s "
           "signature.", keep_next=True)
    b.signatures([
        officer_signatory("Notice given by", date="{{ doc.date }}",
                          party="{{ actor.organization or sender.name }}"),
    ], keep_together=True)


FILING_COLUMNS = (
    Column("No.", "{{ loop.index }}", 1.0, CENTER),
    Column("Office", "{{ f.office }}", 6.0),
    Column("Application", "{{ f.application_number or '—' }} {{ f.filing_date }}", 4.5),
    Column("Patent", "{{ f.grant_number or '—' }}", 3.0),
)


def license_registration_application(b: Builder) -> None:
    """The application to the patent office to register a licence agreement (Kazakh law
    registers licences on patents with the office, after which they bind third parties)."""
    b.title("Application for Registration of a Licence Agreement",
            "Licence No. {{ license.reg_number }}", prefix=COUNTRIES)
    b.fields([
        Field("To", "The patent office (Kazpatent, National Institute of Intellectual Property "
                    "of the Republic of Kazakhstan)"),
        Field("Applicant (Licensor)", "{{ licensor.name }}"
                                      "{% if licensor.address %}, {{ licensor.address }}"
                                      "{% endif %}"),
        Field("Licensee", "{{ licensee.name }}"
                          "{% if licensee.address %}, {{ licensee.address }}{% endif %}"),
        Field("Licence agreement", "No. {{ license.reg_number }} "
                                   "({{ license.type_label|lower }})"),
        Field("In force since", "{{ license.activated_at }}", when="license.activated_at"),
        Field("Invention", ASSET_REF),
        Field("Territory", TERRITORY_CELL),
    ], label_width=5.5, keep_together=True)
    b.heading("Request")
    b.clauses(
        "{{ licensor.name }}, as Licensor, asks the office to register the " + LICENCE_REF +
        " granted to {{ licensee.name }} for the invention " + ASSET_REF + " and to record "
        "the registration in the state register.",
        "The protection titles the licence covers are listed below.")
    b.table(FILING_COLUMNS, "f in filings")
    b.heading("Enclosures")
    b.items("the licence agreement, signed by both parties;",
            "the document confirming payment of the official fee for registration; and",
            "a power of attorney, where a patent attorney files this application.")
    b.signatures([
        officer_signatory("For the Licensor", date="{{ doc.date }}",
                          party="{{ licensor.name }}"),
    ], keep_together=True)


# --------------------------------------------------------------------------------------------
# benefit-plan documents
# --------------------------------------------------------------------------------------------

#: what the plan shares the income of, in running text
PLAN_SUBJECT = ("{% if subject.kind == 'consortium' %}the consortium{% else %}the invention"
                "{% endif %} No. {{ subject.number }} “{{ subject.title }}”")
#: the plan as cited in running text
PLAN_REF = "benefit-sharing plan No. {{ plan.number }}, version {{ plan.plan_version }}"
#: the kind of subject in a table cell
SUBJECT_KIND = ("{% if subject.kind == 'consortium' %}Consortium{% else %}Invention"
                "{% endif %}")
#: the plan and its subject under a plan's title
PLAN_SUBTITLE = ("Plan No. {{ plan.number }}, version {{ plan.plan_version }} · "
                 "{{ subject.kind or 'invention' }} No. {{ subject.number }}")
#: a Jinja test: the plan retains an administration fee
ADMIN_FEE = "plan.admin_fee_percent not in ('', '0')"
#: the law of the rights holder's country (``country`` is set by COUNTRY from ``org``)
LAW_OF_HOLDER = ("{% if country %}{{ country }}{% else %}the country in which the Rights "
                 "Holder is registered{% endif %}")
BENEFIT_DRAFT_MARK = "Draft for acknowledgment — not in force until approved"



def unbroken(expr: str) -> str:
    """An amount already formatted with its currency ("1 234.50 KZT"), never broken."""
    return '{{ ' + expr + '|replace(" ", "' + NBSP + '") }}'


TIER_COLUMNS = (
    Column("Tier", "{{ loop.index }}", 1.2, CENTER),
    Column("Cumulative income received under the plan",
           "{% if t.up_to and loop.first %}Up to " + unbroken("t.up_to") +
           "{% elif t.up_to %}From " + unbroken("loop.previtem.up_to") + " to " +
           unbroken("t.up_to") + "{% elif loop.first %}All income{% else %}Above " +
           unbroken("loop.previtem.up_to") + "{% endif %}", 10.8),
    Column("Inventors’ part", "{{ t.percent }}" + NBSP + "%", 4.5, RIGHT),
)
BENEFICIARY_COLUMNS = (
    Column("No.", "{{ ben.position }}", 1.0, CENTER),
    Column("Kind", "{{ ben.kind_label }}", 3.8),
    Column("Beneficiary", "{{ ben.label }}{% if ben.iin %}, IIN {{ ben.iin }}{% endif %}", 4.7),
    Column("Organisation", '{{ ben.organization or "—" }}', 5.0),
    Column("Share", "{{ ben.share }}" + NBSP + "%", 2.0, RIGHT),
)
STEP_COLUMNS = (
    Column("No.", "{{ loop.index }}", 1.0, CENTER),
    Column("Step", "{{ s.step }}", 11.0),
    Column("Amount", unbroken("s.amount"), 4.5, RIGHT),
)
PAYMENT_COLUMNS = (
    Column("No.", "{{ loop.index }}", 1.0, CENTER),
    Column("Payee", "{{ p.label }}{% if p.iin %}, IIN {{ p.iin }}{% endif %}", 6.0),
    Column("Kind", "{{ p.kind_label }}", 3.3),
    Column("Plan share", "{{ p.share }}" + NBSP + "%", 2.0, RIGHT),
    Column("Amount", unbroken("p.amount"), 4.2, RIGHT),
)


def plan_fields(*, agreement: bool) -> list[Field]:
    """The plan and what it covers as label/value rows."""
    return [
        Field("Rights holder", "{{ org.name }}"),
        Field("Subject", SUBJECT_KIND + " No. {{ subject.number }}"),
        Field("Title", "{{ subject.title }}"),
        Field("Plan", "No. **{{ plan.number }}**, version {{ plan.plan_version }}"),
        Field("Currency", "{{ plan.currency }}"),
        Field("In force from", "**{{ plan.approved_at or doc.date }}**") if agreement else
        Field("Status", "{{ plan.state }}", when="plan.state"),
        Field("Replaces plan", "No. {{ plan.previous_number }}", when="plan.previous_number"),
    ]


def benefit_plan_text(b: Builder, agreement: bool) -> None:
    """The plan, as a draft for the beneficiaries' acknowledgment or, once approved, as the
    agreement in force."""
    if agreement:
        b.title("Benefit-Sharing Agreement", PLAN_SUBTITLE, prefix=COUNTRY)
        b.para("This Benefit-Sharing Agreement records " + PLAN_REF + " (the “**Plan**”) "
               "for sharing the income that {{ org.name }} (the “**Rights Holder**”) receives "
               "from exploiting " + PLAN_SUBJECT + ". The beneficiaries have acknowledged "
               "the Plan and the Rights Holder has approved it; it is in force from "
               "**{{ plan.approved_at or doc.date }}**.{% if plan.previous_number %} It "
               "replaces plan No. {{ plan.previous_number }}: income received from that date "
               "is shared under this Plan, and income received earlier under the plan then "
               "in force.{% endif %}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    else:
        b.title("Benefit-Sharing Plan", PLAN_SUBTITLE, prefix=COUNTRY)
        b.banner(BENEFIT_DRAFT_MARK)
        b.para("{{ org.name }} (the “**Rights Holder**”), which holds the rights in " +
               PLAN_SUBJECT + ", proposes this plan for sharing the income it receives from "
               "exploiting them (the “**Plan**”). Each beneficiary named in section 3 is asked "
               "to acknowledge the Plan; the Plan applies only when the Rights Holder has "
               "then approved it.{% if plan.previous_number %} Until then, plan No. "
               "{{ plan.previous_number }} remains in force.{% endif %}",
               align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("The Plan and its subject")
    b.fields(plan_fields(agreement=agreement), keep_together=True)

    policy = b.heading("How income is shared")
    b.clauses("In the words of the Plan:")
    b.para("{{ plan.policy_text }}", indent=True, italic=True)
    b.clauses(
        "**Administration fee.** {% if " + ADMIN_FEE + " %}The Rights Holder’s technology-"
        "transfer office retains **{{ plan.admin_fee_percent }}" + NBSP + "%** of the gross "
        "income to cover the cost of managing the intellectual property.{% else %}No "
        "administration fee is retained.{% endif %}",
        "**Recovery of costs.** {% if plan.cost_recovery %}The documented external costs of "
        "protecting and maintaining the rights — official fees, patent attorneys’ fees, "
        "translations — and other recoverable costs are then deducted. Costs that exceed the "
        "income of a payment are carried forward and recovered from later income."
        "{% else %}The costs of protection are not deducted from the income under this Plan; "
        "the Rights Holder bears them.{% endif %}",
        "**Distribution.** {% if plan.tiers %}Of the income that remains (the "
        "“**distributable income**”), the inventors receive a part that depends on the "
        "cumulative income received under the Plan, by tiers:{% else %}The income that "
        "remains (the “**distributable income**”) is divided among all beneficiaries, "
        "inventors included, in proportion to their shares in section 3.{% endif %}")
    with b.when("plan.tiers"):
        b.table(TIER_COLUMNS, "t in plan.tiers")
        b.para("The inventors’ part is divided among the inventors in proportion to their "
               "shares in section 3, and the rest of the distributable income among the other "
               "beneficiaries in proportion to theirs.", indent=True)

    beneficiaries = b.heading("Beneficiaries and shares")
    b.clauses("The beneficiaries of the Plan and their shares are:")
    b.table(BENEFICIARY_COLUMNS, "ben in beneficiaries",
            totals=("", "Total", "", "", share_total("beneficiaries")))
    b.clauses("The share of an organisation — a department, the institution or a consortium "
              "member — is paid to that organisation; the share of an inventor is paid to the "
              "inventor personally, less any tax the Rights Holder must withhold by law.")

    b.heading("Calculation and statements")
    b.clauses(
        "For each payment the Rights Holder receives, the income is calculated in the order "
        f"of section {policy}: gross income, administration fee, recovery of costs, "
        "distributable income{% if plan.tiers %}, the inventors’ part by tiers{% endif %}, "
        "and the amount of each beneficiary.",
        "Amounts are calculated exactly in {{ plan.currency }}. Each beneficiary’s amount is "
        "rounded down to the smallest unit of the currency, and the units left over go one "
        "by one to the beneficiaries with the largest remainders, so that the amounts always "
        "add up to the distributable income and the same payment is always shared the same "
        "way.",
        "The Rights Holder issues a distribution statement for each payment, showing every "
        "step from the gross income to each beneficiary’s amount, and pays each beneficiary "
        "the amount shown in it.",
        "A beneficiary may examine the records behind a statement and object to it in "
        "writing within 60 days after receiving it; a correction is made in the next "
        "statement.")

    b.heading("Author’s remuneration")
    b.clauses(
        "The remuneration of the author of a service invention is set by agreement between "
        "the author and the employer" + ART_997 + ". For the income covered by this Plan, "
        "the Plan is that agreement: by acknowledging it, each inventor agrees that the share "
        f"set out in section {beneficiaries}"
        "{% if plan.tiers %}, within the inventors’ part set by the tiers in section "
        f"{policy}{{% endif %}}, is the remuneration due to that inventor from this income.",
        "The Plan sets no percentage other than those stated in it. Any other remuneration — "
        "for example a payment when the Rights Holder uses the invention itself — is due "
        "only under a separate written agreement between the author and the employer.",
        "An inventor’s right to remuneration under the Plan survives the end of the "
        "inventor’s employment and passes to the inventor’s heirs.")

    b.heading("Entry into force and amendment")
    b.clauses(
        "The Plan was acknowledged by the beneficiaries and approved by the Rights Holder, "
        "and is in force from {{ plan.approved_at or doc.date }}. The Rights Holder and "
        "every beneficiary sign this agreement, which records the Plan as the agreement "
        "between them, the inventors’ agreement on their remuneration included."
        if agreement else
        "Each beneficiary acknowledges the Plan by signing below or electronically on the "
        "Consortium platform. The Plan enters into force when the Rights Holder approves it "
        "after every beneficiary has acknowledged it.",
        "The Plan may be changed only by a new version, proposed, acknowledged and approved "
        "in the same way. The version in force remains in force until the new version is "
        "approved, and each payment is shared under the version in force when it is "
        "received.",
        "The Plan ends when the Rights Holder terminates it; income received before then is "
        "shared under it.",
        "The Plan is governed by the law of " + LAW_OF_HOLDER + ".")

    if agreement:
        b.heading("Signatures")
        b.signatures([organisation_signatory("For the Rights Holder", signs="rights_holder"),
                      beneficiary_signatory()])
    else:
        b.heading("Acknowledgment by the beneficiaries")
        b.para("Each beneficiary acknowledges that it has received and read the Plan and "
               "agrees to the share shown against its name.", keep_next=True)
        b.signatures([beneficiary_signatory()])


def beneficiary_signatory() -> Signatory:
    """One block per beneficiary: a person signs for themself, an organisation through its
    signatory."""
    return Signatory(
        role="Beneficiary {{ ben.position }} — {{ ben.kind_label }}",
        party='{{ ben.organization or ben.label }}',
        lines=(("Beneficiary", "{{ ben.label }}"),
               ("Share", "{{ ben.share }}" + NBSP + "%"),
               ("Signed by", '{% if ben.kind == "inventor" %}{{ ben.label }}'
                             "{% if ben.iin %}, IIN {{ ben.iin }}{% endif %}{% else %}"
                             + LINE + "{% endif %}")),
        loop="ben in beneficiaries", signs="beneficiaries")


def benefit_sharing_plan_draft(b: Builder) -> None:
    benefit_plan_text(b, agreement=False)


def benefit_sharing_agreement(b: Builder) -> None:
    benefit_plan_text(b, agreement=True)


def distribution_statement(b: Builder) -> None:
    b.title("Distribution Statement", "of a payment under " + PLAN_REF, prefix=COUNTRY)
    b.para("This statement shows how the payment described below, received by "
           "{{ org.name }} (the “**Rights Holder**”) from exploiting " + PLAN_SUBJECT + ", is "
           "shared under " + PLAN_REF + " (the “**Plan**”), step by step from the gross "
           "income to the amount of each beneficiary.", align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    b.heading("The payment")
    b.fields([
        Field("Source", "{{ revenue.source }}"),
        Field("Received on", "{{ revenue.date }}", when="revenue.date"),
        Field("Subject", SUBJECT_KIND + " No. {{ subject.number }} “{{ subject.title }}”"),
        Field("Plan", "No. {{ plan.number }}, version {{ plan.plan_version }}"),
        Field("Gross income", "**" + with_words(unbroken("revenue.gross"), "revenue.gross")
              + "**"),
    ], keep_together=True)

    b.heading("Calculation step by step")
    b.clauses("The Plan’s steps, in the order they are applied:")
    b.table(STEP_COLUMNS, "s in steps")

    b.heading("Summary")
    b.fields([
        Field("Gross income", unbroken("revenue.gross")),
        Field("Administration fee ({{ plan.admin_fee_percent or '0' }}" + NBSP + "%)",
              unbroken("revenue.admin_fee")),
        Field("Costs recovered", unbroken("revenue.recovered_costs"),
              when="plan.cost_recovery"),
        Field("Costs not yet recovered, carried forward", unbroken("revenue.unrecovered_costs"),
              when="plan.cost_recovery"),
        Field("Distributable income", "**" + with_words(unbroken("revenue.distributable"),
                                                         "revenue.distributable") + "**"),
        Field("Inventors’ part", unbroken("revenue.inventor_pool"),
              when="revenue.inventor_pool"),
        Field("Cumulative income before this payment", unbroken("revenue.cumulative_before"),
              when="revenue.cumulative_before"),
        Field("Cumulative income after this payment", unbroken("revenue.cumulative_after"),
              when="revenue.cumulative_after"),
    ], label_width=7.0, keep_together=True)

    b.heading("Payments")
    b.clauses("The distributable income is paid as follows:")
    b.table(PAYMENT_COLUMNS, "p in payments",
            totals=("", "Total distributed", "", share_total("payments"),
                    unbroken("revenue.distributable")))
    b.clauses(
        "The amounts add up to the distributable income. Each was rounded down to the "
        "smallest unit of {{ plan.currency }}, and the units left over went to the "
        "beneficiaries with the largest remainders.",
        "The Rights Holder pays each beneficiary the amount shown, less any tax it must "
        "withhold by law.{% if plan.cost_recovery %} Costs not yet recovered are carried "
        "forward and recovered from later income.{% endif %}",
        "A beneficiary may object to this statement in writing within 60 days after "
        "receiving it.")
    b.keep_with_next()          # the last clause, whether or not the remarks follow
    comment_paragraph(b, "Remarks")
    b.keep_with_next()

    b.heading("Signature")
    b.signatures([officer_signatory("Prepared by", date="{{ doc.date }}")], keep_together=True)


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
    #: the context the application renders this template with
    variables: frozenset[str] = DISCLOSURE_VARIABLES
    keywords: str = "technology transfer; invention disclosure"
    #: a line printed in the header of every page (a draft's "not for signature")
    header_note: str | None = None
    #: the signature policy of this template when it is not the deployment's
    #: (``typed``, ``eds_between_organisations``, ``eds``): ``signature_policy`` in the manifest
    signature_policy: str | None = None


def consortium_spec(name: str, title: str, code: str, write: Callable[[Builder], None],
                    header_note: str | None = None, version: str = "1.0") -> Spec:
    return Spec(name, title, code, write, version=version, variables=CONSORTIUM_VARIABLES,
                keywords="technology transfer; consortium agreement", header_note=header_note)


def license_spec(name: str, title: str, code: str, write: Callable[[Builder], None],
                 header_note: str | None = None, version: str = "1.0") -> Spec:
    return Spec(name, title, code, write, version=version, variables=LICENSE_VARIABLES,
                keywords="technology transfer; licence", header_note=header_note)


def benefit_spec(name: str, title: str, code: str, write: Callable[[Builder], None],
                 header_note: str | None = None, version: str = "1.0") -> Spec:
    return Spec(name, title, code, write, version=version, variables=BENEFIT_VARIABLES,
                keywords="technology transfer; benefit sharing", header_note=header_note)


SPECS = (
    Spec("invention_disclosure_record", "Invention Disclosure Record", "IDR",
         invention_disclosure_record, version="1.1"),
    Spec("ip_assessment_report", "IP Assessment Report", "AR", ip_assessment_report),
    Spec("invention_assignment_agreement", "Invention Assignment Agreement", "IAA",
         invention_assignment_agreement, version="1.1"),
    Spec("know_how_regime_order", "Know-how Regime Order", "KHO", know_how_regime_order,
         version="1.1"),
    Spec("rights_release_letter", "Rights Release Letter", "RRL", rights_release_letter,
         version="1.1"),
    Spec("patent_filing_record", "Patent Filing Record", "PFR", patent_filing_record,
         version="1.1"),
    consortium_spec("memorandum_of_intent", "Memorandum of Intent", "MOI", memorandum_of_intent),
    consortium_spec("consortium_agreement_draft", "Consortium Agreement (Draft)", "CAD",
                    consortium_agreement_draft, header_note=DRAFT_MARK, version="1.1"),
    consortium_spec("consortium_agreement", "Consortium Agreement", "CA", consortium_agreement,
                    version="1.1"),
    consortium_spec("executed_consortium_agreement", "Executed Consortium Agreement", "ECA",
                    executed_consortium_agreement),
    consortium_spec("accession_agreement", "Accession Agreement", "ACC", accession_agreement,
                    version="1.1"),
    consortium_spec("withdrawal_notice", "Notice of Withdrawal", "WDN", withdrawal_notice,
                    version="1.1"),
    consortium_spec("amendment_proposal", "Proposal to Amend the Consortium Agreement", "AMP",
                    amendment_proposal),
    consortium_spec("dissolution_act", "Act of Dissolution", "DSA", dissolution_act),
    consortium_spec("general_assembly_minutes", "Minutes of the General Assembly", "GAM",
                    general_assembly_minutes),
    license_spec("nda", "Mutual Non-Disclosure Agreement", "NDA", nda),
    license_spec("term_sheet", "Term Sheet", "TS", term_sheet, header_note=TERM_SHEET_MARK,
                 version="1.1"),
    license_spec("license_agreement", "Licence Agreement", "LA", license_agreement,
                 version="1.1"),
    license_spec("option_agreement", "Option Agreement", "OA", option_agreement),
    license_spec("executed_license_agreement", "Executed Licence Agreement", "ELA",
                 executed_license_agreement, version="1.1"),
    license_spec("royalty_report", "Royalty Report", "RR", royalty_report, version="1.1"),
    license_spec("termination_notice", "Notice of Termination", "TN", termination_notice,
                 version="1.1"),
    license_spec("license_registration_application",
                 "Application for Registration of a Licence Agreement", "LRA",
                 license_registration_application),
    benefit_spec("benefit_sharing_plan_draft", "Benefit-Sharing Plan (Draft)", "BSPD",
                 benefit_sharing_plan_draft, header_note=BENEFIT_DRAFT_MARK, version="1.1"),
    benefit_spec("benefit_sharing_agreement", "Benefit-Sharing Agreement", "BSA",
                 benefit_sharing_agreement, version="1.1"),
    benefit_spec("distribution_statement", "Distribution Statement", "DS",
                 distribution_statement, version="1.1"),
)


def template_variables(path: Path, allowed: frozenset[str] = CONTEXT_VARIABLES) -> list[str]:
    """The top-level names template ``path`` uses, parsed exactly as the app renders it;
    fails if it uses a name outside ``allowed``."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    env.filters["in_words"] = lambda value, currency=None: value   # the app's: in words
    names = DocxTemplate(path).get_undeclared_template_variables(env)
    unknown = names - allowed
    if unknown:
        raise SystemExit(f"{path.name} uses unknown variables: {sorted(unknown)}")
    return sorted(names)


def expected_signers(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the workflows say of template ``name``: the parties who sign it (the
    ``SIGNER_PARTIES`` of the signer group of the transitions that issue it) and the parties
    whose signatures it reproduces (an executed document, issued by the ``auto`` trigger that
    the signing of another template fires). Every transition issuing it must agree."""
    import sys
    if str(HERE.parent) not in sys.path:
        sys.path.insert(0, str(HERE.parent))
    from workflows import WORKFLOWS
    from workflows.definition import ISSUED_OUTSIDE_TRANSITIONS, SIGNER_PARTIES

    signs: set[tuple[str, ...]] = set()
    reproduces: set[tuple[str, ...]] = set()
    if name in ISSUED_OUTSIDE_TRANSITIONS:
        signs.add(SIGNER_PARTIES[ISSUED_OUTSIDE_TRANSITIONS[name]])
    for wf in WORKFLOWS:
        for t in wf.transitions:
            if t.document != name:
                continue
            signs.add(SIGNER_PARTIES[t.signers] if t.signers else ())
            signed = {SIGNER_PARTIES[u.signers] for u in wf.transitions
                      if u.auto == t.trigger and u.signers}
            reproduces.update(signed or {()})
    if len(signs) > 1 or len(reproduces) > 1:
        raise SystemExit(f"{name}: the transitions that issue it name different signers: "
                         f"{sorted(signs)} {sorted(reproduces)}")
    return (signs.pop() if signs else ()), (reproduces.pop() if reproduces else ())


def check_signers(name: str, builder: Builder) -> None:
    """Refuse a template whose signature blocks are not the parties the workflows ask to
    sign it (or, for an executed document, whose signatures it reproduces)."""
    signs, reproduces = expected_signers(name)
    if tuple(builder.signing_parties) != signs:
        raise SystemExit(f"{name}: its signature blocks are for {builder.signing_parties}, "
                         f"but the workflow asks {list(signs)} to sign it")
    if tuple(builder.reproduced_parties) != reproduces:
        raise SystemExit(f"{name}: it reproduces the signatures of "
                         f"{builder.reproduced_parties}, but {list(reproduces)} signed")


def build_language(code: str, directory: Path, manifest: dict[str, dict],
                   lang_dir: Path = HERE / "lang") -> dict[str, list[str]]:
    """Write every template in language ``code`` to ``<directory>/<code>/<name>.docx`` and
    add it to each manifest entry's ``languages``; returns the English texts that have no
    translation yet, per template (those files print them in English)."""
    global CURRENT
    words = dictionary(code, lang_dir)
    (directory / code).mkdir(exist_ok=True)
    untranslated: dict[str, list[str]] = {}
    try:
        for spec in SPECS:
            CURRENT = Language(code, words)
            builder = Builder(spec.code, header_note=spec.header_note)
            spec.write(builder)
            path = directory / code / f"{spec.name}.docx"
            builder.save(path, spec.title, spec.keywords)
            entry = manifest[spec.name].setdefault("languages", {})
            entry[code] = {
                "file": f"{code}/{path.name}", "title": title_in_language(spec.title),
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "variables": template_variables(path, spec.variables),
                "untranslated": len(CURRENT.missing),
            }
            if CURRENT.missing:
                untranslated[spec.name] = list(CURRENT.missing)
            if CURRENT.broken:
                print(f"{code}/{spec.name}: translations that break tags or bold marks, "
                      f"printed in English: {list(CURRENT.broken)}", file=sys.stderr)
    finally:
        CURRENT = Language()
    return untranslated


def untranslated_texts(code: str, lang_dir: Path = HERE / "lang") -> dict[str, list[str]]:
    """The English texts of every template that language ``code`` does not translate yet
    (building in a scratch directory; nothing here is written)."""
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        manifest = {spec.name: {} for spec in SPECS}
        return build_language(code, Path(scratch), manifest, lang_dir)


def build(directory: Path = HERE, languages: Sequence[str] = ("ru", "kk")) -> dict[str, dict]:
    """Write every template and ``manifest.json`` (with each file's SHA-256) to ``directory``.

    ``versions.json`` there records the SHA-256 of every (template, version) ever built
    (a version once recorded keeps its hash). A template whose file changed while its
    version did not is reported here and fails ``tests/functional/test_template_check.py``,
    so an edit (here or in Word) comes with a version bump (``Spec(..., version=...)``) and
    the documents issued from the old file keep naming the old version."""
    manifest: dict[str, dict] = {}
    history_path = directory / "versions.json"
    history: dict[str, dict[str, str]] = (
        json.loads(history_path.read_text(encoding="utf-8")) if history_path.exists() else {})
    unbumped: list[str] = []
    for spec in SPECS:
        builder = Builder(spec.code, header_note=spec.header_note)
        spec.write(builder)
        check_signers(spec.name, builder)
        path = directory / f"{spec.name}.docx"
        builder.save(path, spec.title, spec.keywords)
        manifest[spec.name] = {
            "title": spec.title, "code": spec.code, "version": spec.version,
            "file": path.name, "variables": template_variables(path, spec.variables),
        }
        if spec.signature_policy:
            manifest[spec.name]["signature_policy"] = spec.signature_policy
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest[spec.name]["sha256"] = sha
        known = history.setdefault(spec.name, {})
        if known.setdefault(spec.version, sha) != sha:
            unbumped.append(f"{spec.name} {spec.version}")
    if unbumped:
        print("WARNING: changed without a version bump (raise the version in SPECS): "
              + ", ".join(unbumped), file=sys.stderr)
    for code in languages:
        untranslated = build_language(code, directory, manifest)
        if untranslated:
            count = sum(len(keys) for keys in untranslated.values())
            print(f"{code}: {count} texts not translated yet, printed in English "
                  f"(list them: build.py --untranslated {code})", file=sys.stderr)
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (directory / "manifest.json").write_text(text, encoding="utf-8")
    history_path.write_text(json.dumps(history, indent=2, sort_keys=True) + "\n",
                            encoding="utf-8")
    return manifest


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--untranslated":
        missing = untranslated_texts(sys.argv[2])
        print(json.dumps(missing, indent=2, ensure_ascii=False))
        print(f"{sum(len(v) for v in missing.values())} texts not translated into "
              f"{sys.argv[2]}", file=sys.stderr)
        return
    manifest = build()
    for info in manifest.values():
        print(f"{info['file']:<40} {info['code']:<4} {', '.join(info['variables'])}")
    print("manifest.json")


if __name__ == "__main__":
    main()
