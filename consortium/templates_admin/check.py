"""The one validator of a contract template version, shipped default or uploaded.

``check(data, template)`` returns every rule the .docx breaks, each with where (the text of
the paragraph, never an XML offset). The rules, by the name a report gives them:

``archive``          the zip is a plain Word document (see :mod:`.archive`), checked first
``workflow``         a transition of some workflow issues the template (else nothing to check
                     it against)
``syntax``           every part parses as a Jinja template (after docxtpl's own patching)
``split_tag``        every ``{{ }}``/``{% %}`` tag lies within one run (Word did not split it)
``curly_quotes``     no typographic quotes inside a tag (Word's AutoFormat puts them there)
``sandbox``          no ``import``/``include``/``extends``/macros, no ``_private`` attribute,
                     method calls only of plain strings and dicts (see ``SAFE_METHODS``)
``unknown_filter``   only the environment's own filters and tests
``variables``        only the names the template's workflow provides (see :mod:`.samples`),
                     and within them only their keys (a strict render says which is missing)
``render``           renders with full and minimal sample data and every variant
``leak``             no template syntax, ``None``, ``TODO`` or ``[insert`` in the output
``numbering``        clauses 1., 2., ... and 1.1, 1.2, ... without gaps
``branch_clauses``   every variant has the same clauses (a cross-reference holds in each)
``cross_reference``  every "clause 12.3" names a clause of the document
``signatures``       as many signature blocks ("Signature:" lines) as the issuing
                     transition's signer group has parties (``workflows.definition.
                     SIGNER_PARTIES``; a plural party, e.g. inventors, one per person listed)

The rendering uses the app's own sandboxed, autoescaping, strict environment and its
compiled renderer, so a version that passes renders in production exactly as here.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError
from lxml import etree

from ..documents import rendering
from ..documents.compiled import BrokenDocument, CompiledTemplate
from . import archive, samples

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RULES = ("archive", "workflow", "syntax", "split_tag", "curly_quotes", "sandbox",
         "unknown_filter", "variables", "render", "leak", "numbering", "branch_clauses",
         "cross_reference", "signatures")
#: a plural party of a signer group signs once per item of this list of the context
PLURAL_PARTIES = {"inventors": "inventors", "members": "members",
                  "beneficiaries": "beneficiaries"}
#: methods a template may call, all of plain strings, lists and dicts
SAFE_METHODS = frozenset({"get", "split", "format", "replace", "strip", "upper", "lower",
                          "title", "capitalize", "join", "items", "keys", "values",
                          "startswith", "endswith", "rstrip", "lstrip"})
_HEADER_FOOTER = re.compile(r"^word/(header|footer)\d*\.xml$")
_TAGGED = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.S)
_OPEN = re.compile(r"\{[{%#]")
_CURLY = re.compile("[\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb]")
#: a straight-quoted string literal inside a tag (typographic quotes in one are just text)
_STRING = re.compile(r'"[^"]*"|\'[^\']*\'')
_LEAKS = (("{{", "template syntax"), ("}}", "template syntax"), ("{%", "template syntax"),
          ("%}", "template syntax"), ("{#", "template syntax"))
_WORD_LEAKS = re.compile(r"\bNone\b|\bTODO\b|\[(?i:insert)")
_CLAUSE = re.compile(r"^(\d{1,3})\.(?:(\d{1,3}))?\t")
_ELSEWHERE = re.compile(r"\s*(?:\([^)]*\)\s*)?of (?:the|that) ")
_XREF = re.compile(r"\bclauses?\s+(\d{1,3})(?:\.(\d{1,3}))?(?!\d)")
#: "Attachment 2", "Attachments 1 to 3"; an attachment is a paragraph "Attachment 2. ..."
_ATTACHMENT_REF = re.compile(r"\bAttachments?\s+(\d{1,2})(?:\s+to\s+(\d{1,2}))?(?!\d)")
_ATTACHMENT = re.compile(r"^Attachment (\d{1,2})\.")


@dataclass(frozen=True)
class Problem:
    rule: str
    where: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.rule}: {self.message} — at: {self.where}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# -- the source: runs, tags and the Jinja AST --------------------------------------------------
def _paragraphs(xml: bytes):
    """Each paragraph of a part: the texts of its runs (``w:t``) in order."""
    root = etree.fromstring(xml)
    for p in root.iter(f"{W}p"):
        yield [t.text or "" for t in p.iter(f"{W}t")]


def _run_problems(part: str, xml: bytes) -> list[Problem]:
    out: list[Problem] = []
    for runs in _paragraphs(xml):
        text = "".join(runs)
        if "{" not in text:
            continue
        bounds, pos = [], 0
        for r in runs:
            bounds.append((pos, pos + len(r)))
            pos += len(r)

        for m in _TAG.finditer(text):
            where = _around(text, m.start(), m.end())
            if _run_of(bounds, m.start()) != _run_of(bounds, m.end() - 1):
                out.append(Problem("split_tag", where, f"the tag {_short(m.group(), 60)} is "
                                   "split across formatting runs; retype it in one go "
                                   "without changing its formatting"))
            if _CURLY.search(_STRING.sub("", m.group())):
                out.append(Problem("curly_quotes", where, f"the tag {_short(m.group(), 60)} "
                                   "has typographic quotes; use straight quotes (' or \")"))
        # an opening brace pair with no closing one in the paragraph: a split across runs
        # of different paragraphs, or a broken tag
        stripped = _TAG.sub("", text)
        if _OPEN.search(stripped):
            out.append(Problem("syntax", _short(text), "a tag is opened but not closed in "
                               "this paragraph"))
    return out


def _run_of(bounds: list[tuple[int, int]], i: int) -> int:
    """The index of the run holding character ``i`` of the paragraph's text."""
    return next(n for n, (a, b) in enumerate(bounds) if a <= i < b)


def _around(text: str, start: int, end: int, margin: int = 50) -> str:
    """The part of a long paragraph around ``text[start:end]``."""
    a, b = max(0, start - margin), min(len(text), end + margin)
    return ("…" if a else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")


def _line_text(source: str, lineno: int) -> str:
    lines = source.split("\n")
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    return _short(re.sub(r"<[^>]+>", "", line)) or f"line {lineno}"


def _ast_problems(ast: nodes.Template, provided: set[str]) -> list[Problem]:
    out: list[Problem] = []
    for node in ast.find_all((nodes.Import, nodes.FromImport, nodes.Include, nodes.Extends,
                              nodes.Macro, nodes.CallBlock)):
        kind = type(node).__name__.lower()
        out.append(Problem("sandbox", f"line {node.lineno}",
                           f"{{% {kind} %}} is not allowed in a contract template"))
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        attr = node.attr if isinstance(node, nodes.Getattr) else (
            node.arg.value if isinstance(node.arg, nodes.Const) else None)
        if isinstance(attr, str) and attr.startswith("_"):
            out.append(Problem("sandbox", f"line {node.lineno}",
                               f"the attribute {attr!r} is not a value of the context"))
    for node in ast.find_all(nodes.Call):
        target = node.node
        if not (isinstance(target, nodes.Getattr) and target.attr in SAFE_METHODS):
            name = target.attr if isinstance(target, nodes.Getattr) else getattr(
                target, "name", type(target).__name__)
            out.append(Problem("sandbox", f"line {node.lineno}",
                               f"calling {name!r} is not allowed; only the plain methods "
                               f"{', '.join(sorted(SAFE_METHODS))}"))
    env = rendering.jinja_env()
    for node in ast.find_all(nodes.Filter):
        if node.name not in env.filters:
            out.append(Problem("unknown_filter", f"line {node.lineno}",
                               f"there is no filter {node.name!r}"))
    for node in ast.find_all(nodes.Test):
        if node.name not in env.tests:
            out.append(Problem("unknown_filter", f"line {node.lineno}",
                               f"there is no test {node.name!r}"))
    if out:  # the names are found by compiling, which an unknown filter or test stops
        return out
    try:
        unknown = sorted(meta.find_undeclared_variables(ast) - provided)
    except TemplateSyntaxError as err:
        return [Problem("syntax", f"line {err.lineno}", err.message or str(err))]
    if unknown:
        out.append(Problem("variables", "the whole template",
                           f"uses {', '.join(unknown)}, which its workflow does not provide "
                           f"(it provides {', '.join(sorted(provided))})"))
    return out


# -- the output: text, clauses and references ---------------------------------------------------
def document_paragraphs(content: bytes) -> list[str]:
    """The text a reader sees, paragraph by paragraph, in document order (tables' cells
    included), then headers and footers; tabs as "\t", line breaks as "\n"."""
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = ["word/document.xml"] + sorted(n for n in z.namelist()
                                               if _HEADER_FOOTER.match(n))
        for name in names:
            root = etree.fromstring(z.read(name))
            for p in root.iter(f"{W}p"):
                parts = []
                for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
                    if el.tag == f"{W}t":
                        parts.append(el.text or "")
                    elif el.tag == f"{W}tab":
                        if el.getparent().tag == f"{W}r":  # not a tab stop definition
                            parts.append("\t")
                    else:
                        parts.append("\n")
                out.append("".join(parts))
    return out


def _leaks(label: str, paragraphs: list[str]) -> list[Problem]:
    out = []
    for text in paragraphs:
        found = [what for mark, what in _LEAKS if mark in text]
        m = _WORD_LEAKS.search(text)
        if m:
            found.append(repr(m.group()))
        if found:
            out.append(Problem("leak", _short(text), f"{label}: the output shows "
                               f"{', '.join(dict.fromkeys(found))}"))
    return out


def clauses(paragraphs: list[str]) -> list[tuple[int, int | None, str]]:
    """The numbered clauses of a body: (clause, sub-clause or None, paragraph text)."""
    out = []
    for text in paragraphs:
        m = _CLAUSE.match(text)
        if m:
            out.append((int(m.group(1)), int(m.group(2)) if m.group(2) else None, text))
    return out


def _numbering(label: str, found: list[tuple[int, int | None, str]]) -> list[Problem]:
    out, top, sub = [], 0, 0
    for number, subnumber, text in found:
        if subnumber is None:
            if number != top + 1:
                out.append(Problem("numbering", _short(text), f"{label}: clause {number} "
                                   f"follows clause {top}"))
            top, sub = number, 0
        else:
            if number != top:
                out.append(Problem("numbering", _short(text), f"{label}: {number}.{subnumber}"
                                   f" is not in clause {top}"))
            elif subnumber != sub + 1:
                out.append(Problem("numbering", _short(text), f"{label}: {number}.{subnumber}"
                                   f" follows {number}.{sub}"))
            sub = subnumber
    return out


def _references(label: str, paragraphs: list[str],
                found: list[tuple[int, int | None, str]], agreement: bool) -> list[Problem]:
    """Each "clause N" / "clause N.M" of an agreement names one of its own clauses, unless it
    is followed by "of the ..." (another document's clause). A notice, report or act refers
    to the clauses of the agreement it is made under, which it does not contain: unchecked."""
    if not found or not agreement:
        return []
    known = {(n, s) for n, s, _ in found} | {(n, None) for n, _, _ in found}
    out = []
    for text in paragraphs:
        for m in _XREF.finditer(text):
            if _ELSEWHERE.match(text, m.end()):
                continue
            ref = (int(m.group(1)), int(m.group(2)) if m.group(2) else None)
            if ref not in known:
                name = f"{ref[0]}.{ref[1]}" if ref[1] is not None else str(ref[0])
                out.append(Problem("cross_reference", _short(text),
                                   f"{label}: there is no clause {name}"))
    attachments = {int(m.group(1)) for m in map(_ATTACHMENT.match, paragraphs) if m}
    for text in paragraphs:
        for m in _ATTACHMENT_REF.finditer(text):
            first = int(m.group(1))
            for number in range(first, int(m.group(2) or first) + 1):
                if number not in attachments:
                    out.append(Problem("cross_reference", _short(text),
                                       f"{label}: there is no Attachment {number}"))
    return out


# -- the whole check ---------------------------------------------------------------------------
def check(data: bytes, template: str, language: str = "en") -> list[Problem]:
    """Every rule ``data`` (a .docx) breaks as a version of ``template`` in ``language``
    (kk, ru, en: the samples' dates, labels and amounts in words are in it) (empty: it
    passes)."""
    rendering.template_info(template)  # LookupError for a name the manifest does not have
    problems = [Problem("archive", p.where, p.message) for p in archive.inspect(data)]
    if problems:
        return problems
    if samples.workflow_of(template) is None:
        return [Problem("workflow", template, "no transition of any workflow issues this "
                        "template, so there is no context to check it against")]
    provided = samples.provided_names(template)
    env = rendering.jinja_env()
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        parts = {i.filename: z.read(i.filename) for i in z.infolist()
                 if _TAGGED.match(i.filename)}
        patcher = DocxTemplate(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - any damage is the file's, reported as such
        return [Problem("archive", "file", f"the document cannot be read: {err}")]
    for name, xml in sorted(parts.items()):
        try:
            problems += _run_problems(name, xml)
            source = patcher.patch_xml(xml.decode("utf-8"))
        except (etree.XMLSyntaxError, UnicodeDecodeError) as err:
            problems.append(Problem("archive", name, f"the part is not well-formed XML: {err}"))
            continue
        if "{" not in source:
            continue
        try:
            ast = env.parse(source)
        except TemplateSyntaxError as err:
            problems.append(Problem("syntax", _line_text(source, err.lineno or 0),
                                    f"{name}: {err.message}"))
            continue
        problems += [Problem(p.rule, _located(p.where, source), f"{name}: {p.message}")
                     if p.where.startswith("line ") else p
                     for p in _ast_problems(ast, provided)]
    if problems:
        return _unique(problems)
    return _unique(_render_problems(data, template, language))


def _located(where: str, source: str) -> str:
    try:
        return _line_text(source, int(where.split()[1]))
    except (IndexError, ValueError):
        return where


def _render_problems(data: bytes, template: str, language: str = "en") -> list[Problem]:
    env = rendering.jinja_env()
    try:
        compiled = CompiledTemplate(Path(f"{template}.docx"), env, data)
    except Exception as err:  # noqa: BLE001 - a template that does not compile is refused
        return [Problem("syntax", "the whole template", f"it does not compile: {err}")]
    problems: list[Problem] = []
    branch_clauses: dict[str, list[tuple[int, int | None]]] = {}
    agreement = "agreement" in rendering.template_info(template)["title"].lower()
    parties = signer_parties(template)
    signature = signature_label(language)
    for sample in samples.contexts_in(template, language):
        try:
            content = compiled.render(sample.context)
        except UndefinedError as err:
            problems.append(Problem("variables", sample.label, f"{err.message}, which its "
                                    "workflow does not provide"))
            continue
        except SecurityError as err:
            problems.append(Problem("sandbox", sample.label, str(err)))
            continue
        except BrokenDocument as err:
            problems.append(Problem("render", sample.label, str(err)))
            continue
        except Exception as err:  # noqa: BLE001 - any failure to render is the template's
            problems.append(Problem("render", sample.label,
                                    f"it does not render: {type(err).__name__}: {err}"))
            continue
        paragraphs = document_paragraphs(content)
        found = clauses(paragraphs)
        problems += _leaks(sample.label, paragraphs)
        problems += _numbering(sample.label, found)
        problems += _references(sample.label, paragraphs, found, agreement)
        problems += _signatures(sample.label, paragraphs, sample.context, parties,
                                signature)
        if sample.variant or sample.label == "full sample data":
            branch_clauses[sample.label] = [(n, s) for n, s, _ in found]
    if branch_clauses:
        first_label, first = next(iter(branch_clauses.items()))
        for label, numbers in branch_clauses.items():
            if numbers != first:
                diff = sorted(set(numbers) ^ set(first))
                names = ", ".join(f"{n}.{s}" if s else f"{n}." for n, s in diff[:5]) \
                    or f"{len(numbers)} against {len(first)} clauses"
                problems.append(Problem("branch_clauses", label,
                                        f"its clauses differ from the {first_label}: {names}"))
    return problems


def signer_parties(template: str) -> tuple[str, ...] | None:
    """The parties that sign ``template`` (from the signer group of the transitions issuing
    it), or None when no transition asks for signatures (or they disagree)."""
    try:
        from workflows.definition import ISSUED_OUTSIDE_TRANSITIONS, SIGNER_PARTIES
    except ImportError:  # pragma: no cover - the one definition of who signs is not there
        return None
    from workflows import engine
    groups = {t.signers for wf in engine.workflows.values() for t in wf.transitions
              if t.document == template}
    if template in ISSUED_OUTSIDE_TRANSITIONS:  # the minutes of a decision: the chair signs
        groups.add(ISSUED_OUTSIDE_TRANSITIONS[template])
    if len(groups) != 1 or None in groups:
        return None
    return tuple(SIGNER_PARTIES.get(groups.pop(), ())) or None


def signature_label(language: str) -> str:
    """What a signature line starts with in ``language`` ("Signature:", "Подпись:"): the
    translation build.py used for the shipped templates, else the English."""
    if language == "en":
        return "Signature:"
    english = "Signature:\t" + "_" * 30
    words: dict[str, str] = {}
    for path in sorted((rendering.TEMPLATE_DIR / "lang" / language).glob("*.json")):
        try:
            words.update(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    found = words.get(english)
    if isinstance(found, str) and "\t" in found:
        return found.split("\t", 1)[0]
    return "Signature:"


def _signatures(label: str, paragraphs: list[str], context: dict,
                parties: tuple[str, ...] | None,
                signature: str = "Signature:") -> list[Problem]:
    if parties is None:
        return []
    expected = 0
    for party in parties:
        if party in PLURAL_PARTIES:
            expected += len(context.get(PLURAL_PARTIES[party]) or [])
        else:
            expected += 1
    blocks = sum(1 for p in paragraphs if p.startswith(signature))
    if blocks == expected:
        return []
    return [Problem("signatures", "the signature blocks",
                    f"{label}: {blocks} signature block(s), but {expected} must sign "
                    f"({', '.join(parties)})")]


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def check_file(path: Path, template: str, language: str = "en") -> list[Problem]:
    return check(path.read_bytes(), template, language)
