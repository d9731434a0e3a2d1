"""Render every contract template with sample data and check the result.

Usage::

    python contract_templates/preview.py OUTDIR [--pdf] [--png]

For each template in ``manifest.json`` this renders ``OUTDIR/<name>.docx`` with a full,
realistic context (a Kazakh university, Cyrillic names, a title full of characters that
must print literally) and ``OUTDIR/<name>-minimal.docx`` with every optional field empty,
exactly as the application renders them: a sandboxed, autoescaping, strict Jinja
environment. Disclosure templates get a disclosure context; consortium templates (those
that use ``consortium``) get a consortium of four members whose name is the hostile title.
It then checks that

* the template uses only the variables the application provides (and the manifest says so);
* the hostile title appears literally and no Jinja syntax, ``None`` or docxtpl control tag
  leaks into the text;
* labels of empty optional fields do not appear in the minimal rendering;
* a consortium template renders with every IP regime and voting rule, and the clauses that
  depend on them really differ (these renderings go to ``OUTDIR/variants/``).

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
DISCLOSURE_ALLOWED = {"doc", "org", "disclosure", "inventors", "assessment", "patent", "actor",
                      "comment", "signers"}
CONSORTIUM_ALLOWED = {"doc", "org", "consortium", "members", "contribution_totals", "admitted",
                      "withdrawing", "results", "agreement_signatures", "actor", "comment",
                      "signers"}
HOSTILE_TITLE = "R&D <Alpha> {{ 7*7 }} — датчик влажности почвы"
IP_REGIMES = ("each_party_owns", "lead_owns", "joint_ownership", "contributor_owns")
VOTING_RULES = ("majority", "two_thirds", "unanimity")


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


def _member(position, name, kind, country, bin_, address, signatory, title, role, ctype,
            value, currency, description, share, joined="15 January 2027") -> dict:
    return {"position": str(position), "name": name, "kind": kind, "country": country,
            "bin": bin_, "address": address, "signatory_name": signatory,
            "signatory_title": title, "role": role, "role_label": role.capitalize(),
            "contribution_type": ctype,
            "contribution_type_label": {"cash": "Cash", "in_kind": "In kind",
                                        "background_ip": "Background IP"}[ctype],
            "contribution_value": value, "currency": currency,
            "contribution_description": description, "share": share, "status": "active",
            "joined_at": joined, "withdrawn_at": ""}


#: the transition's comment, as each consortium document uses it
COMMENTS = {
    "withdrawal_notice": "The fund’s board has moved its programme from agriculture to water "
                         "supply <decision No. 7/2028>.",
    "amendment_proposal": "Change the intellectual property regime so that results of WP3 "
                          "are owned jointly, and extend the term by 12 months.",
    "dissolution_act": "The members agreed to end the consortium after the field trials "
                       "showed that the product cannot be made at the target price.",
}


def consortium_context(name: str = "dissolution_act") -> dict:
    """A complete context as consortium.consortia.documents would build it."""
    lead = _member(1, "Al-Farabi Kazakh National University", "university", "KZ",
                   "990140000265", "71 al-Farabi Avenue, Almaty 050040, Kazakhstan",
                   "Жансейіт Түймебаев", "Rector", "lead", "in_kind", "25 000 000.00", "KZT",
                   "Soil-physics laboratory, field station and 4 researchers for 24 months",
                   "40")
    members = [
        lead,
        _member(2, "KazAgroInnovation LLP", "enterprise", "KZ", "180940012345",
                "12 Dostyk Avenue, Astana 010000, Kazakhstan", "Ерлан Қаиргелдин",
                "General Director", "member", "cash", "18 750 000.00", "KZT",
                "Pilot production of 500 probes and field trials on 3 farms", "30"),
        _member(3, "AgroSensors GmbH", "enterprise", "DE", "",
                "Wissenschaftspark 4, 14476 Potsdam, Germany", "Maria Schmidt",
                "Geschäftsführerin", "member", "background_ip", "40 000.00", "EUR",
                "Licence to patent EP 3 456 789 B1 (printed capacitive electrodes)", "20"),
        _member(4, "Institute of Soil Science and Agrochemistry", "research institute",
                "UZ", "", "Tashkent, Uzbekistan", "Dilshod Karimov", "Director",
                "associate", "in_kind", "120 000 000.00", "UZS",
                "Access to long-term salinity test plots", "10"),
    ]
    admitted = members[3]
    withdrawing = dict(_member(5, "Steppe Water Fund", "fund", "KZ", "201140009876",
                               "Almaty, Kazakhstan", "Айдос Сәрсенов", "Chairman", "member",
                               "cash", "5 000 000.00", "KZT", "Co-funding of field trials",
                               "12.5"), status="withdrawn", withdrawn_at="1 March 2028")
    signatures = [
        {"name": m["signatory_name"], "title": m["signatory_title"],
         "organization": m["name"], "typed_name": m["signatory_name"],
         "signed_at": f"2027-01-1{index} 09:4{index}:07 UTC",
         "document_number": "CON-2027-00003/CA-1",
         "document_sha256": "9f2b6c1e4d8a0b3c7e5f1a2d6c9b8e7f0a1b2c3d4e5f60718293a4b5c6d7e8f9",
         "ip": f"203.0.113.{20 + index}"}
        for index, m in enumerate(members, 1)
    ]
    return {
        "doc": {"number": "CON-2027-00003/CA-1", "title": "Consortium Agreement",
                "date": "20 January 2027", "sequence": "2", "template_version": "1.0"},
        "org": {k: lead[k] for k in ("name", "kind", "country", "bin", "address",
                                     "signatory_name", "signatory_title")},
        "consortium": {
            "reg_number": "CON-2027-00003", "name": HOSTILE_TITLE,
            "purpose": Listing("Develop, field-test and bring to market a low-cost soil "
                               "moisture and salinity probe for irrigated farms in Central "
                               "Asia.\nBuild a shared dataset of soil measurements <open to "
                               "all members>."),
            "work_plan": Listing("WP1 (months 1–6): electrode design and lab validation — "
                                 "KazNU.\nWP2 (months 4–15): pilot production — "
                                 "KazAgroInnovation.\nWP3 (months 9–24): field trials in "
                                 "Almaty and Tashkent regions — all members."),
            "start_date": "1 February 2027", "end_date": "31 January 2029",
            "ip_regime": "joint_ownership",
            "ip_regime_label": "Results made together are jointly owned",
            "voting_rule": "two_thirds", "voting_rule_label": "Two-thirds majority",
            "quorum_percent": "75", "agreement_version": "2", "state": "Active",
            "proposed_at": "10 December 2026", "lead": lead,
        },
        "members": members,
        "contribution_totals": [{"currency": "EUR", "total": "40 000.00"},
                                {"currency": "KZT", "total": "43 750 000.00"},
                                {"currency": "UZS", "total": "120 000 000.00"}],
        "admitted": admitted,
        "withdrawing": withdrawing,
        "results": [
            {"reg_number": "KZNU-2027-0007", "title": HOSTILE_TITLE, "state": "protected",
             "organization": lead["name"], "owner": "Joint (consortium members)"},
            {"reg_number": "KAI-2027-0002", "title": "Self-calibrating probe firmware",
             "state": "assessed", "organization": "KazAgroInnovation LLP",
             "owner": "The institution (employer)"},
        ],
        "agreement_signatures": signatures,
        "actor": {"name": "Дина Қасымова", "title": "Head of Technology Transfer Office",
                  "organization": lead["name"], "email": "tto@kaznu.kz"},
        "comment": COMMENTS.get(name, ""),
        "signers": [{"name": m["signatory_name"], "title": m["signatory_title"],
                     "organization": m["name"], "email": ""} for m in members],
    }


def consortium_minimal_context() -> dict:
    """The consortium context with every optional field empty and two members."""
    ctx = copy.deepcopy(consortium_context(""))
    ctx["doc"]["sequence"] = "1"
    blank = dict(bin="", address="", signatory_name="", signatory_title="", country="",
                 kind="", contribution_description="", joined_at="")
    ctx["members"] = ctx["members"][:2]
    ctx["members"][0].update(blank, share="60")
    ctx["members"][1].update(blank, share="40")
    ctx["org"].update(bin="", address="", signatory_name="", signatory_title="", country="",
                      kind="")
    ctx["consortium"].update(reg_number="", work_plan="", start_date="", end_date="",
                             proposed_at="", agreement_version="1",
                             lead=ctx["members"][0])
    ctx["contribution_totals"] = [{"currency": "KZT", "total": "43 750 000.00"}]
    ctx["admitted"] = ctx["members"][1]
    ctx["withdrawing"].update(blank, role_label="")
    ctx["results"] = []
    ctx["agreement_signatures"] = ctx["agreement_signatures"][:1]
    ctx["actor"].update(title="", email="", organization="")
    ctx["comment"] = ""
    return ctx


#: labels that must vanish when their field is empty (checked on the minimal rendering)
EMPTY_LABELS = ("Grant or contract No.", "Novelty deadline", "Keywords", "Field of technology",
                "Business identification No.", "Consortium", "Assessor’s note",
                "Further grounds", "Further reasons", "BIN ")
#: the same for the consortium templates (the minimal members have no country, BIN or
#: address, the consortium no registration number, the leaver no joining date)
CONSORTIUM_EMPTY_LABELS = ("BIN ", "business identification number", "registered in the Republic",
                           "Reg. No. CON", "Party since", "Term\n", ", of \n")


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


def is_consortium(info: dict) -> bool:
    return "consortium" in info["variables"]


def check_variants(name: str, info: dict, outdir: Path) -> list[str]:
    """Render a consortium template under every IP regime and voting rule; the texts of the
    regimes must all differ from each other where the template uses the regime, and the
    same for the voting rules."""
    problems = []
    template = HERE / info["file"]
    variants = outdir / "variants"
    variants.mkdir(exist_ok=True)
    for field, codes in (("ip_regime", IP_REGIMES), ("voting_rule", VOTING_RULES)):
        texts = {}
        for code in codes:
            context = consortium_context(name)
            context["consortium"][field] = code
            out = variants / f"{name}-{code}.docx"
            try:
                render(template, context, out)
            except Exception as exc:
                problems.append(f"{out.name}: {type(exc).__name__}: {exc}")
                continue
            texts[code] = document_text(out)
            for bad in ("{{", "{%", "%}", "None", "Undefined"):
                if bad in texts[code].replace(HOSTILE_TITLE, ""):
                    problems.append(f"{out.name}: {bad!r} in the text")
        used = any(f"consortium.{field} ==" in xml for xml in [template_xml(template)])
        if used and len(set(texts.values())) != len(texts):
            problems.append(f"some {field} variants render the same text")
    return problems


def template_xml(template: Path) -> str:
    import zipfile
    with zipfile.ZipFile(template) as z:
        return z.read("word/document.xml").decode("utf-8").replace("&apos;", "'")


def check(name: str, info: dict, outdir: Path) -> list[str]:
    problems = []
    template = HERE / info["file"]
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    used = DocxTemplate(template).get_undeclared_template_variables(env)
    allowed = CONSORTIUM_ALLOWED if is_consortium(info) else DISCLOSURE_ALLOWED
    if not used <= allowed:
        problems.append(f"unknown variables {sorted(used - allowed)}")
    if sorted(used) != info["variables"]:
        problems.append(f"manifest variables {info['variables']} != {sorted(used)}")
    contexts = ((("", consortium_context(name)), ("-minimal", consortium_minimal_context()))
                if is_consortium(info) else
                (("", sample_context()), ("-minimal", minimal_context())))
    for suffix, context in contexts:
        prefix = "CON-2027-00003" if is_consortium(info) else "KZNU-2026-0042"
        context["doc"].update(title=info["title"], template_version=info["version"],
                              number=f"{prefix}/{info['code']}-{context['doc']['sequence']}")
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
            for label in CONSORTIUM_EMPTY_LABELS if is_consortium(info) else EMPTY_LABELS:
                if label in text:
                    problems.append(f"{out.name}: label {label!r} printed for an empty field")
    if is_consortium(info):
        problems += check_variants(name, info, outdir)
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
