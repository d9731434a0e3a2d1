"""Two renderings of one document (Kazakh and Russian, say) merged into parallel columns.

The two files come from the same template in two languages and the same context, so their
bodies have the same blocks in the same order (a translation changes the words of a run,
never the paragraphs, clause numbers or table rows). Each block of the first becomes the
left cell, and the corresponding block of the second the right cell, of a row of a
two-column borderless table; a block that is a table is nested in its cell, scaled to the
column. A page break ends one such table and starts the next, so that it stays a page
break. The package (section properties, header, footer, styles, numbering) is the
first's; every run is tagged with its column's language (``w:lang``), so that Word and
LibreOffice spell-check and hyphenate each column in its own language.

The merged document ends with the clause naming the controlling text, in each language,
before the final signature section (see :func:`controlling_clause`): a template-independent
block, so every template gets it without a numbered clause of its own and every template's
numbering stays the same in one language and in two.
"""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from .language import WORD_TAGS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODY_PART = "word/document.xml"
NS = {"w": W}
#: the width of the text between the margins of the templates, in twentieths of a point
TEXT_WIDTH = 9354          # 16.5 cm
GAP = 284                  # 0.5 cm between the columns
#: the elements that may follow w:lang in a run's properties (schema order)
_AFTER_LANG = {f"{{{W}}}eastAsianLayout", f"{{{W}}}specVanish", f"{{{W}}}oMath"}
#: elements of w:rPr that must come before w:lang: anything else that is present
_RPR = f"{{{W}}}rPr"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


#: the clause naming the controlling text, per language: ``{a}``/``{b}`` the two languages,
#: ``{first}`` the controlling one (the first column)
_CONTROLLING = {
    "kk": ("Осы құжат {a} және {b} тілдерінде жасалды, екі мәтіннің заңды күші бірдей. "
           "Мәтіндер арасында алшақтық болған жағдайда {first} тіліндегі мәтін басым "
           "болады."),
    "ru": ("Настоящий документ составлен на {a} и {b} языках, оба текста имеют одинаковую "
           "юридическую силу. В случае расхождения между текстами преимущественную силу "
           "имеет текст на {first} языке."),
    "en": ("This document is made in the {a} and {b} languages, both texts being equally "
           "authentic. In case of any discrepancy between them, the {first} text prevails."),
}
#: the languages' names as each clause needs them (kk: attributive; ru: prepositional)
_NAMES = {
    "kk": {"kk": "қазақ", "ru": "орыс", "en": "ағылшын"},
    "ru": {"kk": "казахском", "ru": "русском", "en": "английском"},
    "en": {"kk": "Kazakh", "ru": "Russian", "en": "English"},
}


def controlling_clause(language: str, pair: tuple[str, str]) -> str:
    """"This document is made in the Kazakh and Russian languages ... the Kazakh text
    prevails", in ``language``, for the pair of columns ``pair`` (the first prevails)."""
    names = _NAMES[language]
    return _CONTROLLING[language].format(a=names[pair[0]], b=names[pair[1]],
                                         first=names[pair[0]])


def _root(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read(BODY_PART))


def _blocks(root: etree._Element) -> list[etree._Element]:
    body = root.find(w("body"))
    return [child for child in body if child.tag != w("sectPr")]


def _el(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(w(tag))
    for key, value in attrs.items():
        element.set(w(key), value)
    return element


def tag_language(element: etree._Element, tag: str) -> None:
    """Give every run (and paragraph mark) under ``element`` the language ``tag``."""
    for rpr_owner in element.iter(w("r")):
        rpr = rpr_owner.find(_RPR)
        if rpr is None:
            rpr = _el("rPr")
            rpr_owner.insert(0, rpr)
        _set_lang(rpr, tag)


def _set_lang(rpr: etree._Element, tag: str) -> None:
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = _el("lang")
        after = [child for child in rpr if child.tag in _AFTER_LANG]
        if after:
            after[0].addprevious(lang)
        else:
            rpr.append(lang)
    for attr in ("val", "eastAsia", "bidi"):
        lang.set(w(attr), tag)


def _scale_table(table: etree._Element, factor: float) -> None:
    """Shrink a nested table (widths in twentieths of a point) to its column."""
    for element in table.iter(w("tblW"), w("tcW"), w("tblInd")):
        if element.get(w("type"), "dxa") == "dxa" and element.get(w("w")):
            element.set(w("w"), str(int(int(element.get(w("w"))) * factor)))
    for col in table.iter(w("gridCol")):
        if col.get(w("w")):
            col.set(w("w"), str(int(int(col.get(w("w"))) * factor)))


#: indents (clause numbers' hanging indents) are narrowed in a column of half the width
INDENT_FACTOR = 0.6


def _narrow_indents(block: etree._Element) -> None:
    for ind in block.iter(w("ind")):
        for attr in ("left", "start", "hanging", "firstLine", "right", "end"):
            value = ind.get(w(attr))
            if value and value.lstrip("-").isdigit():
                ind.set(w(attr), str(int(int(value) * INDENT_FACTOR)))
    for tab in block.iter(w("tab")):
        pos = tab.get(w("pos"))
        if tab.getparent().tag == w("tabs") and pos and pos.lstrip("-").isdigit():
            tab.set(w("pos"), str(int(int(pos) * INDENT_FACTOR)))


#: a handwritten line in a nested table (a signature, a date) fits its narrower cell
SHORT_LINE = "_" * 14


def _shorten_lines(table: etree._Element) -> None:
    for t in table.iter(w("t")):
        if t.text and "_" * 15 in t.text:
            t.text = re.sub(r"_{15,}", SHORT_LINE, t.text)


def _has_page_break(block: etree._Element) -> bool:
    return bool(block.xpath(".//w:br[@w:type='page']", namespaces=NS))


def _style(block: etree._Element) -> str | None:
    found = block.xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS)
    return found[0] if found else None


class _Columns:
    """The borderless two-column table being filled."""

    def __init__(self, width: int):
        self.width = width
        self.table = _el("tbl")
        pr = _el("tblPr")
        pr.append(_el("tblW", w=str(TEXT_WIDTH), type="dxa"))
        pr.append(_el("tblLayout", type="fixed"))
        borders = _el("tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_el(edge, val="nil"))
        pr.append(borders)
        margins = _el("tblCellMar")
        for edge, value in (("top", 0), ("left", GAP // 2), ("bottom", 0),
                            ("right", GAP // 2)):
            margins.append(_el(edge, w=str(value), type="dxa"))
        pr.append(margins)
        self.table.append(pr)
        grid = _el("tblGrid")
        for _ in range(2):
            grid.append(_el("gridCol", w=str(width)))
        self.table.append(grid)

    def row(self, left: list[etree._Element], right: list[etree._Element]) -> None:
        tr = _el("tr")
        for blocks in (left, right):
            tc = _el("tc")
            tc_pr = _el("tcPr")
            tc_pr.append(_el("tcW", w=str(self.width), type="dxa"))
            tc.append(tc_pr)
            for block in blocks:
                tc.append(block)
            if not blocks or blocks[-1].tag != w("p"):
                tc.append(_el("p"))      # a cell ends with a paragraph
            tr.append(tc)
        self.table.append(tr)

    def __len__(self) -> int:
        return len(self.table.findall(w("tr")))


def merge(first: bytes, second: bytes, languages: tuple[str, str], *,
          clause: bool = True) -> bytes:
    """One .docx with the bodies of ``first`` and ``second`` (the same document rendered in
    ``languages[0]`` and ``languages[1]``) in parallel columns, the package of ``first``;
    ``clause`` adds the controlling-text clause."""
    root = _root(first)
    body = root.find(w("body"))
    section = body.find(w("sectPr"))
    left_blocks = _blocks(root)
    right_blocks = _blocks(_root(second))
    # the same template gives the same blocks; pad defensively so nothing is ever lost
    while len(right_blocks) < len(left_blocks):
        right_blocks.append(_el("p"))
    while len(left_blocks) < len(right_blocks):
        left_blocks.append(_el("p"))
    pairs = list(zip(left_blocks, right_blocks, strict=True))
    if clause:
        at = _clause_position(pairs)
        pairs.insert(at, (_clause_paragraph(languages[0], languages),
                          _clause_paragraph(languages[1], languages)))
    for block in left_blocks + right_blocks:
        body.remove(block) if block.getparent() is body else None
    column = (TEXT_WIDTH - 0) // 2
    factor = (column - GAP) / TEXT_WIDTH
    tags = (WORD_TAGS[languages[0]], WORD_TAGS[languages[1]])
    out: list[etree._Element] = []
    current = _Columns(column)
    for left, right in pairs:
        if _has_page_break(left) or _has_page_break(right):
            if len(current):
                out.append(current.table)
                out.append(_spacer())
            out.append(left)
            current = _Columns(column)
            continue
        cells = []
        for block, tag in ((left, tags[0]), (right, tags[1])):
            if block.tag == w("tbl"):
                _scale_table(block, factor)
                _shorten_lines(block)
            _narrow_indents(block)
            tag_language(block, tag)
            cells.append([block])
        current.row(*cells)
    if len(current):
        out.append(current.table)
    for element in out:
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts = {BODY_PART: data, **_paired_margins(first, second, tags, column)}
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(first)) as src, \
            zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, parts.get(info.filename, src.read(info.filename)))
    return result.getvalue()


_MARGIN_PART = re.compile(r"^word/(header|footer)\d*\.xml$")
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _paired_margins(first: bytes, second: bytes, tags: tuple[str, str],
                    column: int) -> dict[str, bytes]:
    """The headers and footers of ``first`` with the same part of ``second`` beside them: a
    borderless two-column table, the first language's text left and the second's right, each
    tagged with its language (organisation and BIN/БСН line; document number, page and
    form). A part whose second version refers to other parts (an image) stays the first's."""
    out: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
        names = set(b.namelist())
        for name in a.namelist():
            if not _MARGIN_PART.match(name) or name not in names:
                continue
            left_root = etree.fromstring(a.read(name))
            right_root = etree.fromstring(b.read(name))
            if any(key.startswith(f"{{{_R}}}") for el in right_root.iter()
                   for key in el.attrib):
                continue
            left = [c for c in left_root if c.tag == w("p")]
            right = [c for c in right_root if c.tag == w("p")]
            if not left or not right or len(left) != len(left_root) or \
                    len(right) != len(right_root):
                continue   # only plain paragraphs are paired
            factor = (column - GAP) / TEXT_WIDTH
            for blocks, tag in ((left, tags[0]), (right, tags[1])):
                for p in blocks:
                    tag_language(p, tag)
                    for tab in list(p.iter(w("tab"))):
                        pos = tab.get(w("pos"))
                        if tab.getparent().tag == w("tabs") and pos and pos.isdigit():
                            tab.set(w("pos"), str(int(int(pos) * factor)))
                        elif tab.getparent().tag == w("r"):
                            # half a line has no room for a tab stop: "Form LA, version
                            # 1.2" goes on a line of its own
                            tab.addprevious(_el("br"))
                            tab.getparent().remove(tab)
            table = _Columns(column)
            table.row(left, right)
            for child in list(left_root):
                left_root.remove(child)
            left_root.append(table.table)
            end = _spacer()
            end.find(w("pPr")).append(_el("rPr"))
            end.find(w("pPr")).find(w("rPr")).append(_el("sz", val="2"))
            left_root.append(end)
            out[name] = etree.tostring(left_root, xml_declaration=True, encoding="UTF-8",
                                       standalone=True)
    return out


_SETTINGS_PART = "word/settings.xml"
#: the elements of w:settings that come before w:autoHyphenation (schema order)
_BEFORE_HYPHENATION = ("writeProtection", "view", "zoom", "removePersonalInformation",
                       "removeDateAndTime", "doNotDisplayPageBoundaries",
                       "displayBackgroundShape", "printPostScriptOverText",
                       "printFractionalCharacterWidth", "printFormsData",
                       "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts",
                       "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
                       "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
                       "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
                       "activeWritingStyle", "proofState", "formsDesign",
                       "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
                       "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
                       "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
                       "documentProtection", "autoFormatOverride", "styleLockTheme",
                       "styleLockQFSet", "defaultTabStop")


def hyphenate(docx: bytes) -> bytes:
    """``docx`` with automatic hyphenation on (``w:autoHyphenation`` in its settings), so
    that justified text in narrow columns (a kk|ru pair) is hyphenated by Word, and by
    LibreOffice where it has the language's patterns, rather than stretched. Each run's
    ``w:lang`` picks the patterns."""
    with zipfile.ZipFile(io.BytesIO(docx)) as src:
        if _SETTINGS_PART not in src.namelist():
            return docx
        root = etree.fromstring(src.read(_SETTINGS_PART))
        if root.find(w("autoHyphenation")) is not None:
            return docx
        element = _el("autoHyphenation")
        before = {w(name) for name in _BEFORE_HYPHENATION}
        preceding = [child for child in root if child.tag in before]
        if preceding:
            preceding[-1].addnext(element)
        else:
            root.insert(0, element)
        settings = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
        result = io.BytesIO()
        with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, settings if info.filename == _SETTINGS_PART
                             else src.read(info.filename))
    return result.getvalue()


def _spacer() -> etree._Element:
    p = _el("p")
    ppr = _el("pPr")
    ppr.append(_el("spacing", after="0"))
    p.append(ppr)
    return p


def _clause_position(pairs: list[tuple[etree._Element, etree._Element]]) -> int:
    """Before the last section heading when a table (the signatures) follows it, else at
    the end."""
    for index in range(len(pairs) - 1, -1, -1):
        block = pairs[index][0]
        if block.tag == w("p") and _style(block) == "SectionHeading":
            if any(b.tag == w("tbl") for b, _ in pairs[index + 1:]):
                return index
            break
    return len(pairs)


def _clause_paragraph(language: str, pair: tuple[str, str]) -> etree._Element:
    p = _el("p")
    ppr = _el("pPr")
    ppr.append(_el("pStyle", val="Clause"))
    ppr.append(_el("spacing", before="120", after="80"))
    ppr.append(_el("jc", val="both"))
    p.append(ppr)
    r = _el("r")
    rpr = _el("rPr")
    rpr.append(_el("i"))
    r.append(rpr)
    t = _el("t")
    t.text = controlling_clause(language, pair)
    r.append(t)
    p.append(r)
    return p


def column_texts(docx: bytes) -> tuple[list[str], list[str]]:
    """The text of each block of the left and the right column of a merged document (for
    tests and checks): one string per cell (its paragraphs on lines), in order."""
    root = _root(docx)
    left: list[str] = []
    right: list[str] = []
    for table in root.find(w("body")).findall(w("tbl")):
        for tr in table.findall(w("tr")):
            cells = tr.findall(w("tc"))
            if len(cells) != 2:
                continue
            for cell, out in zip(cells, (left, right), strict=True):
                out.append("\n".join(_paragraph_text(p) for p in cell.iter(w("p"))))
    return left, right


def _paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text with its tabs ("3.2\tThe Licensee ...")."""
    parts = []
    for element in paragraph.iter(w("t"), w("tab")):
        if element.tag == w("t"):
            parts.append(element.text or "")
        elif element.getparent().tag == w("r"):
            parts.append("\t")
    return "".join(parts)
