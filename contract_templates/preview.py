"""Render every contract template with sample data and check the result.

Usage::

    python contract_templates/preview.py OUTDIR [--pdf] [--png]

For each template in ``manifest.json`` this renders ``OUTDIR/<name>.docx`` with a full,
realistic context (a Kazakh university, Cyrillic names, a title full of characters that
must print literally) and ``OUTDIR/<name>-minimal.docx`` with every optional field empty,
exactly as the application renders them: a sandboxed, autoescaping, strict Jinja
environment. It then checks that

* the template uses only the variables the application provides (and the manifest says so);
* the hostile title appears literally and no Jinja syntax, ``None`` or docxtpl control tag
  leaks into the text;
* labels of empty optional fields do not appear in the minimal rendering.

``--pdf`` also converts the renderings with LibreOffice; ``--png`` (implies ``--pdf``)
rasterises the first pages with ``pdftoppm`` for a visual check. Exits non-zero on failure.
"""
from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

from docx import Document
from docxtpl import DocxTemplate, Listing
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

HERE = Path(__file__).resolve().parent
ALLOWED = {"doc", "org", "disclosure", "inventors", "assessment", "patent", "actor", "comment",
           "signers"}
HOSTILE_TITLE = "R&D <Alpha> {{ 7*7 }} — датчик влажности почвы"


def sample_context() -> dict:
    """A complete context as consortium.disclosures.documents would build it."""
    inventors = [
        {"position": "1", "name": "Айгерим Нурланқызы Сейтқали", "email": "a.seitkali@kaznu.kz",
         "organization": "Al-Farabi Kazakh National University", "share": "50",
         "has_account": "yes"},
        {"position": "2", "name": "Ерлан Бекұлы Жақсыбеков", "email": "e.zhaksybekov@kaznu.kz",
         "organization": "Al-Farabi Kazakh National University", "share": "33.5",
         "has_account": "yes"},
        {"position": "3", "name": "Maria Schmidt", "email": "m.schmidt@agro-sensors.de",
         "organization": "AgroSensors GmbH", "share": "16.5", "has_account": "no"},
    ]
    signers = [
        {"name": i["name"], "title": "Senior researcher", "organization": i["organization"],
         "email": i["email"]}
        for i in inventors if i["has_account"] == "yes"
    ]
    return {
        "doc": {"number": "KZNU-2026-0042/IDR-2", "title": "Invention Disclosure Record",
                "date": "23 November 2026", "sequence": "2", "template_version": "1.0"},
        "org": {"name": "Al-Farabi Kazakh National University", "kind": "university",
                "country": "KZ", "bin": "990140000265",
                "address": "71 al-Farabi Avenue, Almaty 050040, Kazakhstan",
                "signatory_name": "Жансейіт Түймебаев", "signatory_title": "Rector"},
        "disclosure": {
            "reg_number": "KZNU-2026-0042",
            "title": HOSTILE_TITLE,
            "abstract": Listing("A low-cost capacitive sensor that measures soil moisture at "
                                "three depths.\nThe probe runs for two seasons on one battery "
                                "and reports over LoRaWAN."),
            "background": Listing("Irrigated farms in the Almaty region over-water by 30–40 %"
                                  " because probes are expensive <and> fragile."),
            "novelty": Listing("1. A printed electrode geometry that cancels salinity effects."
                               "\n2. Self-calibration against rainfall events."),
            "field": "Agricultural sensing; Internet of Things",
            "keywords": "soil moisture, capacitive sensor, LoRaWAN, irrigation",
            "funding_source": "State research grant",
            "grant_numbers": "AP19680012, BR21882200",
            "conception_date": "14 February 2026",
            "reduction_to_practice_date": "2 September 2026",
            "public_disclosure_date": "10 October 2026",
            "public_disclosure_details": Listing("Poster at the Central Asian Agritech "
                                                 "Conference, Tashkent, 10 October 2026."),
            "novelty_deadline": "File by 2027-10-10 (321 days left) to keep the 12-month grace "
                                "period; absolute novelty is already lost where no grace "
                                "period applies (e.g. under the European Patent Convention).",
            "interested_partners": Listing("KazAgroInnovation LLP — asked for a field trial.\n"
                                           "AgroSensors GmbH — distribution in the EU."),
            "consortium_name": "Consortium No. 3",
            "submitted_at": "20 November 2026",
            "state": "Submitted",
        },
        "inventors": inventors,
        "assessment": {
            "trl": "4", "trl_text": "Technology validated in lab",
            "trl_stage": "Passed experimental stage",
            "crl": "2", "crl_text": "Commercial trial: small scale",
            "mrl": "4", "mrl_text": "Capability to produce the technology in a laboratory "
                                    "environment",
            "irl": "3", "irl_text": "Problem and solution validated with early customers",
            "ownership": "The institution (employer)",
            "recommendation": Listing("File a national patent application within two months."
                                      "\nStart a field trial with KazAgroInnovation under NDA."),
            "assessed_at": "22 November 2026",
        },
        "patent": {"office": "National Institute of Intellectual Property of the Republic of "
                             "Kazakhstan (Kazpatent)",
                   "application_number": "2026/0815.1", "filing_date": "5 December 2026",
                   "patent_number": "", "grant_date": ""},
        "actor": {"name": "Дина Қасымова", "title": "Head of Technology Transfer Office",
                  "organization": "Al-Farabi Kazakh National University",
                  "email": "tto@kaznu.kz"},
        "comment": "Field data from the 2026 season support the claim of salinity compensation.",
        "signers": signers,
    }


def minimal_context() -> dict:
    """The same context with every optional field empty."""
    ctx = copy.deepcopy(sample_context())
    for key in ("field", "keywords", "funding_source", "grant_numbers", "conception_date",
                "reduction_to_practice_date", "public_disclosure_date",
                "public_disclosure_details", "novelty_deadline", "interested_partners",
                "consortium_name", "background"):
        ctx["disclosure"][key] = ""
    ctx["doc"]["sequence"] = "1"
    ctx["org"].update(bin="", address="", signatory_name="", signatory_title="", country="")
    ctx["assessment"].update(crl="", crl_text="", mrl="", mrl_text="", irl="", irl_text="",
                             recommendation="")
    ctx["actor"].update(title="", email="")
    ctx["comment"] = ""
    ctx["inventors"] = ctx["inventors"][:1]
    ctx["inventors"][0]["share"] = "100"
    return ctx


#: labels that must vanish when their field is empty (checked on the minimal rendering)
EMPTY_LABELS = ("Grant or contract No.", "Novelty deadline", "Keywords", "Field of technology",
                "Business identification No.", "Consortium", "Assessor’s note",
                "Further grounds", "Further reasons", "BIN ")


def document_text(path: Path) -> str:
    """All text of a .docx: body paragraphs, table cells, headers and footers."""
    document = Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def render(template: Path, context: dict, out: Path) -> None:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    tpl = DocxTemplate(template)
    tpl.render(context, jinja_env=env)
    tpl.save(out)


def check(name: str, info: dict, outdir: Path) -> list[str]:
    problems = []
    template = HERE / info["file"]
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    used = DocxTemplate(template).get_undeclared_template_variables(env)
    if not used <= ALLOWED:
        problems.append(f"unknown variables {sorted(used - ALLOWED)}")
    if sorted(used) != info["variables"]:
        problems.append(f"manifest variables {info['variables']} != {sorted(used)}")
    for suffix, context in (("", sample_context()), ("-minimal", minimal_context())):
        context["doc"].update(title=info["title"], template_version=info["version"],
                              number=f"KZNU-2026-0042/{info['code']}-{context['doc']['sequence']}")
        out = outdir / f"{name}{suffix}.docx"
        try:
            render(template, context, out)
        except Exception as exc:  # report every template, not just the first failure
            problems.append(f"{out.name}: {type(exc).__name__}: {exc}")
            continue
        text = document_text(out)
        leftovers = text.replace(HOSTILE_TITLE, "")
        for bad in ("{{", "}}", "{%", "%}", "None", "Undefined", "[insert", "TODO"):
            if bad in leftovers:
                problems.append(f"{out.name}: {bad!r} in the text")
        if HOSTILE_TITLE not in text:
            problems.append(f"{out.name}: the title is not printed literally")
        if suffix:
            for label in EMPTY_LABELS:
                if label in text:
                    problems.append(f"{out.name}: label {label!r} printed for an empty field")
    return problems


def convert(outdir: Path, png: bool) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        sys.exit("LibreOffice is not installed")
    files = sorted(str(p) for p in outdir.glob("*.docx"))
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(outdir),
                    *files], check=True, capture_output=True)
    if png:
        for pdf in sorted(outdir.glob("*.pdf")):
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(pdf.with_suffix(""))],
                           check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--pdf", action="store_true", help="convert with LibreOffice")
    parser.add_argument("--png", action="store_true", help="also rasterise the PDFs")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    failed = False
    for name, info in manifest.items():
        problems = check(name, info, args.outdir)
        failed |= bool(problems)
        print(f"{'FAIL' if problems else 'ok  '} {name}")
        for problem in problems:
            print(f"     {problem}")
    if args.pdf or args.png:
        convert(args.outdir, args.png)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
