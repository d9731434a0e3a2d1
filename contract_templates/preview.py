"""Render every contract template with sample data and check the result.

Usage::

    python contract_templates/preview.py OUTDIR [--pdf] [--png]

For each template in ``manifest.json`` this renders ``OUTDIR/<name>.docx`` with a full,
realistic context (a Kazakh university, Cyrillic names, a title full of characters that
must print literally) and ``OUTDIR/<name>-minimal.docx`` with every optional field empty,
exactly as the application renders them: a sandboxed, autoescaping, strict Jinja
environment. Disclosure templates get a disclosure context; consortium templates (those
that use ``consortium``) get a consortium of four members whose name is the hostile title;
licence templates (those that use ``license``) get an exclusive licence of the disclosed
invention to a German company; benefit-plan templates (those that use ``plan``) get a tiered
plan for the same invention and the distribution of one payment. It then checks that

* the template uses only the variables the application provides (and the manifest says so);
* the hostile title appears literally and no Jinja syntax, ``None`` or docxtpl control tag
  leaks into the text;
* labels of empty optional fields do not appear in the minimal rendering;
* a consortium template renders with every IP regime and voting rule, and a licence template
  with every licence type (and the licence agreement with and without sublicensing), and
  the clauses that depend on them really differ (these renderings go to
  ``OUTDIR/variants/``);
* the royalty report computes the royalty at the contractual rate exactly;
* a benefit-plan document prints no percentage that is not the plan's own, and the payments
  of a distribution statement add up to the distributable income.

``--pdf`` also converts the renderings with LibreOffice; ``--png`` (implies ``--pdf``)
rasterises the first pages with ``pdftoppm`` for a visual check. Exits non-zero on failure.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
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
                      "signers", "decision"}
LICENSE_ALLOWED = {"doc", "org", "license", "milestones", "licensor", "licensee", "asset",
                   "report", "agreement_signatures", "actor", "comment", "signers", "filings"}
BENEFIT_ALLOWED = {"doc", "org", "plan", "subject", "beneficiaries", "revenue", "steps",
                   "payments", "actor", "comment", "signers"}
HOSTILE_TITLE = "R&D <Alpha> {{ 7*7 }} — датчик влажности почвы"
IP_REGIMES = ("each_party_owns", "lead_owns", "joint_ownership", "contributor_owns")
VOTING_RULES = ("majority", "two_thirds", "unanimity")
LICENSE_TYPES = {"exclusive": "Exclusive licence", "non_exclusive": "Non-exclusive licence",
                 "option": "Option agreement"}


#: what a typed signature leaves empty in a signature certificate (an EDS fills it)
TYPED_SIGNATURE = {"method": "typed", "certificate_subject": "", "certificate_serial": "",
                   "certificate_issuer": "", "iin": "", "bin": "", "role": "", "algorithm": "",
                   "cms_sha256": ""}

def sample_context() -> dict:
    """A complete context as consortium.disclosures.documents would build it."""
    inventors = [
        {"position": "1", "name": "Айгерим Нурланқызы Сейтқали", "email": "a.seitkali@kaznu.kz",
         "organization": "Al-Farabi Kazakh National University", "share": "50",
         "has_account": "yes", "iin": "880514450128"},
        {"position": "2", "name": "Ерлан Бекұлы Жақсыбеков", "email": "e.zhaksybekov@kaznu.kz",
         "organization": "Al-Farabi Kazakh National University", "share": "33.5",
         "has_account": "yes", "iin": "910303400777"},
        {"position": "3", "name": "Maria Schmidt", "email": "m.schmidt@agro-sensors.de",
         "organization": "AgroSensors GmbH", "share": "16.5", "has_account": "no",
         "iin": ""},
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
                "signatory_name": "Жансейіт Түймебаев", "signatory_title": "Rector",
                **PARTY_DETAILS},
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


#: a party's details as consortium.documents.context.organization gives them (issue 15)
PARTY_DETAILS = {"legal_form": "non-profit joint-stock company",
                 "iban": "KZ86 125K ZT50 0410 0100", "bik": "HSBKKZKX",
                 "bank_name": "Halyk Bank of Kazakhstan JSC", "kbe": "16",
                 "signatory_basis": "the Charter"}
NO_DETAILS = dict.fromkeys(PARTY_DETAILS, "")


def _member(position, name, kind, country, bin_, address, signatory, title, role, ctype,
            value, currency, description, share, joined="15 January 2027") -> dict:
    return {"position": str(position), "name": name, "kind": kind, "country": country,
            "bin": bin_, "address": address, "signatory_name": signatory,
            "signatory_title": title, **PARTY_DETAILS, "role": role, "role_label": role.capitalize(),
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
         **TYPED_SIGNATURE,
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


#: the transition's comment, as each licence document uses it
LICENSE_COMMENTS = {
    "term_sheet": "The Licensee asked for a lower royalty; the minimum annual royalty was "
                  "raised in exchange.",
    "termination_notice": "The Licensee did not complete the first field trial <milestone 1> "
                          "and did not cure the breach within 60 days of the Licensor’s "
                          "notice of 2 April 2028.",
}


def license_context(name: str = "license_agreement") -> dict:
    """A complete context as consortium.licensing.documents would build it: an exclusive
    licence of the sample invention by the university to a German company."""
    base = sample_context()
    licensor = dict(base["org"])
    licensee = {"name": "AgroSensors GmbH", "kind": "enterprise", "country": "DE", "bin": "",
                "address": "Wissenschaftspark 4, 14476 Potsdam, Germany",
                "signatory_name": "Jonas Weber", "signatory_title": "Managing Director",
                **NO_DETAILS}
    signatures = [
        {"name": party["signatory_name"], "title": party["signatory_title"],
         "organization": party["name"], "typed_name": party["signatory_name"],
         **TYPED_SIGNATURE,
         "signed_at": f"2027-02-2{index} 10:1{index}:42 UTC",
         "document_number": "LIC-2027-0005/LA-1",
         "document_sha256": "3c1e0b5a7d9f2e4c6b8a0d1f3e5c7a9b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a",
         "ip": f"198.51.100.{10 + index}"}
        for index, party in enumerate((licensor, licensee), 1)
    ]
    licensee_actor = {"name": "Jonas Weber", "title": "Managing Director",
                      "organization": licensee["name"], "email": "j.weber@agro-sensors.de"}
    return {
        "doc": {"number": "LIC-2027-0005/LA-1", "title": "Licence Agreement",
                "date": "15 February 2027", "sequence": "1", "template_version": "1.0"},
        "org": licensor,
        "license": {
            "reg_number": "LIC-2027-0005", "type": "exclusive",
            "type_label": LICENSE_TYPES["exclusive"], "exclusive": "yes",
            "field_of_use": "Soil-moisture and salinity sensing for irrigated agriculture",
            "all_fields": "", "territory": "KZ, UZ, KG", "worldwide": "",
            "term_months": "120", "upfront_fee": "25 000 000.00", "royalty_rate": "3.5",
            "minimum_annual_royalty": "5 000 000.00", "currency": "KZT",
            "sublicensing": "yes", "sublicence_share": "25", "term_sheet_version": "2",
            "notes": Listing("The Licensee funds a two-season field trial <with KazNU>.\n"
                             "Distribution in the EU is excluded from this licence."),
            "state": "Active", "activated_at": "1 March 2027", "expires_on": "1 March 2037",
            "ended_at": "",
        },
        "milestones": [
            {"description": "Field trial of 100 probes on three farms completed",
             "amount": "5 000 000.00", "due_date": "1 March 2028"},
            {"description": "Certification of the probe for sale in Kazakhstan",
             "amount": "", "due_date": "1 September 2028"},
            {"description": "First commercial sale <in the Territory>",
             "amount": "10 000 000.00", "due_date": "1 March 2029"},
        ],
        "licensor": licensor,
        "licensee": licensee,
        "asset": {**base["disclosure"], "patent": base["patent"],
                  "inventors": base["inventors"]},
        "report": {"period": "2027-Q3", "net_sales": "12 500 000.00", "amount": "437 500.00",
                   "gross_invoiced": "13 100 000.00", "deductions": "600 000.00",
                   "royalty_due": "437 500.00", "sublicence_income": "",
                   "sublicence_share": "25",
                   "countries": [{"country": "KZ", "units": "410", "amount": "10 250 000.00"},
                                 {"country": "UZ", "units": "90", "amount": "2 250 000.00"}],
                   "kind": "royalty",
                   "source": "Royalty report 2027-Q3 of licence LIC-2027-0005"},
        "agreement_signatures": signatures,
        "actor": licensee_actor if name == "royalty_report" else base["actor"],
        "comment": LICENSE_COMMENTS.get(name, ""),
        "signers": [{"name": p["signatory_name"], "title": p["signatory_title"],
                     "organization": p["name"], "email": ""} for p in (licensor, licensee)],
    }


def license_minimal_context() -> dict:
    """The licence context with every optional field empty: an option, worldwide, in all
    fields, without fees, milestones, sublicensing or patent application."""
    ctx = copy.deepcopy(license_context(""))
    minimal = minimal_context()
    blank = dict(kind="", country="", bin="", address="", signatory_name="",
                 signatory_title="")
    for party in ("org", "licensor", "licensee"):
        ctx[party].update(blank)
    ctx["license"].update(
        type="option", type_label=LICENSE_TYPES["option"], exclusive="",
        field_of_use="all fields of use", all_fields="yes", territory="WORLD",
        worldwide="yes", term_months="12", upfront_fee="", royalty_rate="",
        minimum_annual_royalty="", sublicensing="", term_sheet_version="1", notes="",
        activated_at="", expires_on="")
    ctx["milestones"] = []
    ctx["asset"] = {**minimal["disclosure"], "inventors": minimal["inventors"],
                    "patent": {key: "" for key in minimal["patent"]}}
    ctx["agreement_signatures"] = ctx["agreement_signatures"][:1]
    ctx["actor"].update(title="", email="", organization="")
    ctx["comment"] = ""
    return ctx


#: a tiered plan: 50 % to the inventors of the first 10 000 000 KZT, 25 % above
PLAN_POLICY = ("An administration fee of 15% of gross income is retained by the "
               "technology-transfer office. Patent and other recoverable costs are then "
               "deducted; costs that exceed the income are carried forward to later income. "
               "Of the remaining income the inventors receive 50% of the first "
               "10 000 000.00 KZT of cumulative income and 25% above that, divided among them "
               "in proportion to their contributions; the rest is divided among the other "
               "beneficiaries in proportion to their shares.")


def _beneficiary(position, kind, label, organization, share) -> dict:
    labels = {"inventor": "Inventor", "department": "Department",
              "institution": "Institution", "consortium_member": "Consortium member"}
    return {"position": str(position), "kind": kind, "kind_label": labels[kind],
            "label": label, "organization": organization, "share": share}


def benefit_context(name: str = "distribution_statement") -> dict:
    """A complete context as consortium.benefits.documents would build it: a tiered plan for
    the sample invention and one payment of 2 000 000 KZT, worked out by hand exactly as
    consortium.money distributes it."""
    base = sample_context()
    kaznu = base["org"]["name"]
    inventors = base["inventors"]
    beneficiaries = [
        _beneficiary(1, "inventor", inventors[0]["name"], kaznu, "30"),
        _beneficiary(2, "inventor", inventors[1]["name"], kaznu, "20"),
        _beneficiary(3, "inventor", inventors[2]["name"], "AgroSensors GmbH", "10"),
        _beneficiary(4, "department", "Department of Physics and Technology", kaznu, "20"),
        _beneficiary(5, "institution", kaznu, kaznu, "20"),
    ]
    # 2 000 000 gross - 15 % fee - 450 000 costs = 1 250 000 distributable; cumulative income
    # 9 500 000 -> 10 750 000, so 500 000 falls in the 50 % tier and 750 000 in the 25 % tier
    amounts = ("218 750.00", "145 833.33", "72 916.67", "406 250.00", "406 250.00")
    kinds = {"inventor": "inventor", "department": "department", "institution": "institution"}
    steps = [("Gross income", "2 000 000.00"),
             ("Administration fee (15% of gross income)", "300 000.00"),
             ("Recovery of patent and other costs", "450 000.00"),
             ("Distributable income", "1 250 000.00"),
             ("Income at 50% to inventors (cumulative income up to 10 000 000.00 KZT)",
              "500 000.00"),
             ("Income at 25% to inventors (cumulative income above 10 000 000.00 KZT)",
              "750 000.00"),
             ("Inventors' pool", "437 500.00"),
             ("Other beneficiaries' pool", "812 500.00")]
    steps += [(f"{b['label']} ({kinds[b['kind']]}, {b['share']}%)", amount)
              for b, amount in zip(beneficiaries, amounts, strict=True)]
    kzt = lambda value: f"{value} KZT"  # noqa: E731
    draft = name == "benefit_sharing_plan_draft"
    return {
        "doc": {"number": "BSP-2027-0003/DS-4", "title": "Distribution Statement",
                "date": "20 October 2027", "sequence": "4", "template_version": "1.0"},
        "org": base["org"],
        "plan": {"number": "BSP-2027-0003", "plan_version": "2", "currency": "KZT",
                 "cost_recovery": "yes", "admin_fee_percent": "15",
                 "tiers": [{"up_to": kzt("10 000 000.00"), "percent": "50"},
                           {"up_to": "", "percent": "25"}],
                 "policy_text": PLAN_POLICY,
                 "state": "Acknowledgment" if draft else "In force",
                 "approved_at": "" if draft else "1 April 2027",
                 "previous_number": "BSP-2027-0001"},
        "subject": {"kind": "invention", "number": "KZNU-2026-0042", "title": HOSTILE_TITLE},
        "beneficiaries": beneficiaries,
        "revenue": {"source": "Royalty report 2027-Q3 of licence LIC-2027-0005 <AgroSensors>",
                    "date": "18 October 2027", "gross": kzt("2 000 000.00"),
                    "admin_fee": kzt("300 000.00"), "recovered_costs": kzt("450 000.00"),
                    "unrecovered_costs": kzt("0.00"), "distributable": kzt("1 250 000.00"),
                    "inventor_pool": kzt("437 500.00"),
                    "cumulative_before": kzt("9 500 000.00"),
                    "cumulative_after": kzt("10 750 000.00")},
        "steps": [{"step": step, "amount": kzt(value)} for step, value in steps],
        "payments": [{"label": b["label"], "kind_label": b["kind_label"], "share": b["share"],
                      "amount": kzt(amount)}
                     for b, amount in zip(beneficiaries, amounts, strict=True)],
        "actor": base["actor"],
        "comment": ("Paid from the first royalty of the exclusive licence <LIC-2027-0005>."
                    if name == "distribution_statement" else ""),
        "signers": base["signers"],
    }


def benefit_minimal_context() -> dict:
    """A flat plan of a consortium's income between two members: no fee, no cost recovery,
    no tiers, no earlier plan, not yet approved."""
    ctx = copy.deepcopy(benefit_context(""))
    ctx["org"].update(bin="", address="", signatory_name="", signatory_title="", country="",
                      kind="")
    ctx["plan"].update(cost_recovery="", admin_fee_percent="0", tiers=[], approved_at="",
                       previous_number="", plan_version="1", state="",
                       policy_text="No administration fee is retained. The income is divided "
                                   "among all beneficiaries, inventors included, in "
                                   "proportion to their shares.")
    ctx["subject"].update(kind="consortium", number="CON-2027-00003")
    ctx["beneficiaries"] = [
        _beneficiary(1, "consortium_member", "Al-Farabi Kazakh National University", "", "60"),
        _beneficiary(2, "consortium_member", "KazAgroInnovation LLP", "", "40"),
    ]
    ctx["revenue"].update(date="", gross="1 000.01 KZT", admin_fee="0.00 KZT",
                          recovered_costs="0.00 KZT", unrecovered_costs="0.00 KZT",
                          distributable="1 000.01 KZT", inventor_pool="",
                          cumulative_before="", cumulative_after="")
    ctx["steps"] = [{"step": "Gross income", "amount": "1 000.01 KZT"},
                    {"step": "Administration fee (0% of gross income)", "amount": "0.00 KZT"},
                    {"step": "Recovery of costs (not applied under this plan)",
                     "amount": "0.00 KZT"},
                    {"step": "Distributable income", "amount": "1 000.01 KZT"}]
    ctx["payments"] = [
        {"label": "Al-Farabi Kazakh National University", "kind_label": "Consortium member",
         "share": "60", "amount": "600.01 KZT"},
        {"label": "KazAgroInnovation LLP", "kind_label": "Consortium member", "share": "40",
         "amount": "400.00 KZT"}]
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
#: the same for the licence templates (no party details, fees, milestones or patent)
LICENSE_EMPTY_LABELS = ("BIN ", "business identification number", "registered in",
                        "Patent protection", "Further terms", "Remarks",
                        "In force since", "Royalty rate", "Royalty at the contractual rate",
                        "with funding from", "Milestone\n")
#: the same for the benefit-plan templates (no tiers, fee, costs, earlier plan or date)
BENEFIT_EMPTY_LABELS = ("BIN ", "Replaces plan", "Inventors’ part", "Costs recovered",
                        "carried forward", "Tier\n", "Remarks:", "Received on",
                        "Cumulative income before", "Status\n", "plan No. \n")


#: a decision of the General Assembly as ``consortium.consortia.decisions`` describes it
SAMPLE_DECISION = {
    "number": "2", "matter": "admit_member", "matter_label": "Admitting a party",
    "motion": "To admit Aral Biotech LLP as a member with a cash contribution of 5 000 000.00 KZT.",
    "status": "adopted",
    "proposed_by": {"name": "Saule Nurlanova", "title": "Director, Technology Transfer Office",
                    "organization": "Al-Farabi Kazakh National University"},
    "proposed_at": "3 March 2027", "voting_ends_at": "17 March 2027",
    "closed_at": "12 March 2027", "veto_ends_at": "27 March 2027",
    "decided_at": "27 March 2027",
    "terms": [{"label": "Organisation", "value": "Aral Biotech LLP"},
              {"label": "Share of the new member (percent)", "value": "10"}],
    "votes": [{"party": "Al-Farabi Kazakh National University", "vote": "for",
               "by": "Жансейіт Түймебаев", "at": "4 March 2027"},
              {"party": "KazAgroInnovation LLP", "vote": "for", "by": "Ерлан Қаиргелдин",
               "at": "5 March 2027"},
              {"party": "AgroSensors GmbH", "vote": "did not vote", "by": "", "at": ""}],
    "eligible": "3", "voted": "2", "for": "2", "against": "0", "abstain": "0",
    "quorum_needed": "2", "reason": "Two-thirds of the votes cast and a quorum.",
    "concerned": "", "vetoed_by": "", "veto_reason": "",
}
#: the patent family a licence registration application lists
SAMPLE_FILINGS = [{"office": "Kazpatent (KZ)", "application_number": "2026/0123.1",
                   "filing_date": "2026-03-10", "grant_number": "36521"}]


def _with_decision(context: dict) -> dict:
    return {**context, "decision": SAMPLE_DECISION}


def _with_filings(context: dict, filings: list) -> dict:
    return {**context, "filings": filings}


@dataclass(frozen=True)
class Workflow:
    """How to render and check the templates of one workflow."""
    allowed: set[str]
    sample: Callable[[str], dict]
    minimal: Callable[[], dict]
    empty_labels: tuple[str, ...]
    number_prefix: str


WORKFLOWS = {
    "disclosure": Workflow(DISCLOSURE_ALLOWED, lambda name: sample_context(), minimal_context,
                           EMPTY_LABELS, "KZNU-2026-0042"),
    "consortium": Workflow(CONSORTIUM_ALLOWED,
                           lambda name: _with_decision(consortium_context(name)),
                           lambda: _with_decision(consortium_minimal_context()),
                           CONSORTIUM_EMPTY_LABELS,
                           "CON-2027-00003"),
    "license": Workflow(LICENSE_ALLOWED,
                        lambda name: _with_filings(license_context(name), SAMPLE_FILINGS),
                        lambda: _with_filings(license_minimal_context(), []),
                        LICENSE_EMPTY_LABELS, "LIC-2027-0005"),
    "benefit": Workflow(BENEFIT_ALLOWED, benefit_context, benefit_minimal_context,
                        BENEFIT_EMPTY_LABELS, "BSP-2027-0003"),
}


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


def workflow_of(info: dict) -> str:
    """The workflow whose context a template is rendered with, from the names it uses."""
    names = set(info["variables"])
    for key, marker in (("license", "license"), ("benefit", "plan"),
                        ("consortium", "consortium")):
        if marker in names:
            return key
    return "disclosure"


def leaks(text: str) -> list[str]:
    """Jinja syntax, ``None`` or fill-in markers left in a rendering's text."""
    rest = text.replace(HOSTILE_TITLE, "")
    return [bad for bad in ("{{", "}}", "{%", "%}", "None", "Undefined", "[insert", "TODO")
            if bad in rest]


#: per workflow, the codes a template's clauses may vary on: (context key, field, codes)
VARIANTS = {
    "consortium": (("consortium", "ip_regime", IP_REGIMES),
                   ("consortium", "voting_rule", VOTING_RULES)),
    "license": (("license", "type", tuple(LICENSE_TYPES)),
                ("license", "sublicensing", ("yes", ""))),
}
#: text that only the clauses for one licence type may print (the licence agreement)
LICENSE_TYPE_MARKERS = {"exclusive": "Conversion to a non-exclusive licence",
                        "non_exclusive": "No exclusivity.",
                        "option": "Option Period"}


def variant_context(flow: str, name: str, key: str, field: str, code: str) -> dict:
    context = WORKFLOWS[flow].sample(name)
    context[key][field] = code
    if (key, field) == ("license", "type"):
        context["license"].update(type_label=LICENSE_TYPES[code],
                                  exclusive="yes" if code == "exclusive" else "")
    return context


def check_variants(name: str, info: dict, outdir: Path) -> list[str]:
    """Render a template under every code its clauses may vary on (IP regime and voting
    rule; licence type and sublicensing); where the template tests the code, the texts
    must all differ from each other."""
    problems = []
    flow = workflow_of(info)
    template = HERE / info["file"]
    variants = outdir / "variants"
    variants.mkdir(exist_ok=True)
    xml = template_xml(template)
    for key, field, codes in VARIANTS.get(flow, ()):
        texts = {}
        for code in codes:
            context = variant_context(flow, name, key, field, code)
            out = variants / f"{name}-{field}-{code or 'none'}.docx"
            try:
                render(template, context, out)
            except Exception as exc:
                problems.append(f"{out.name}: {type(exc).__name__}: {exc}")
                continue
            texts[code] = document_text(out)
            problems += [f"{out.name}: {bad!r} in the text" for bad in leaks(texts[code])]
            if field == "type" and name.endswith("license_agreement"):
                for other, marker in LICENSE_TYPE_MARKERS.items():
                    if (marker in texts[code]) != (other == code):
                        problems.append(f"{out.name}: {marker!r} "
                                        f"{'missing' if other == code else 'printed'}")
        used = f"{key}.{field} ==" in xml or f"{key}.{field} in" in xml
        if used and len(set(texts.values())) != len(texts):
            problems.append(f"some {field} variants render the same text")
    return problems


def template_xml(template: Path) -> str:
    import zipfile
    with zipfile.ZipFile(template) as z:
        return z.read("word/document.xml").decode("utf-8").replace("&apos;", "'")


def check(name: str, info: dict, outdir: Path) -> list[str]:
    problems = []
    flow = WORKFLOWS[workflow_of(info)]
    template = HERE / info["file"]
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    used = DocxTemplate(template).get_undeclared_template_variables(env)
    if not used <= flow.allowed:
        problems.append(f"unknown variables {sorted(used - flow.allowed)}")
    if sorted(used) != info["variables"]:
        problems.append(f"manifest variables {info['variables']} != {sorted(used)}")
    for suffix, context in (("", flow.sample(name)), ("-minimal", flow.minimal())):
        context["doc"].update(title=info["title"], template_version=info["version"],
                              number=f"{flow.number_prefix}/{info['code']}-"
                                     f"{context['doc']['sequence']}")
        out = outdir / f"{name}{suffix}.docx"
        try:
            render(template, context, out)
        except Exception as exc:  # report every template, not just the first failure
            problems.append(f"{out.name}: {type(exc).__name__}: {exc}")
            continue
        text = document_text(out)
        problems += [f"{out.name}: {bad!r} in the text" for bad in leaks(text)]
        if HOSTILE_TITLE not in text:
            problems.append(f"{out.name}: the title is not printed literally")
        if suffix:
            for label in flow.empty_labels:
                if label in text:
                    problems.append(f"{out.name}: label {label!r} printed for an empty field")
        if workflow_of(info) == "benefit":
            problems += check_percentages(out.name, text, context)
            if name == "distribution_statement":
                problems += check_payments(out.name, context)
    problems += check_variants(name, info, outdir)
    if name == "royalty_report":
        problems += check_royalty(info, outdir)
    return problems


def check_percentages(label: str, text: str, context: dict) -> list[str]:
    """A benefit-plan document may print only the plan's own percentages (its fee, tiers
    and shares, and the 100 % they total): the author's remuneration is set by agreement,
    never by the template."""
    plan = context["plan"]
    own = {plan["admin_fee_percent"], "100", "0"}
    own |= {tier["percent"] for tier in plan["tiers"]}
    own |= {b["share"] for b in context["beneficiaries"]}
    found = set(re.findall(r"(\d+(?:\.\d+)?)\s?%", text.replace("\u00a0", " ")))
    return [f"{label}: percentage {p} % is not the plan's own" for p in sorted(found - own)]


def cents(amount: str) -> int:
    """"1 234.50 KZT" -> 123450."""
    return int(amount.split(" KZT")[0].replace(" ", "").replace(".", ""))


def check_payments(label: str, context: dict) -> list[str]:
    """The sample payments must add up to the distributable income the statement prints
    as their total."""
    total = sum(cents(p["amount"]) for p in context["payments"])
    if total != cents(context["revenue"]["distributable"]):
        return [f"{label}: the payments add up to {total} cents, not the distributable income"]
    return []


#: (net sales, royalty rate, the royalty at that rate as the report must print it)
ROYALTY_CASES = (("12 500 000.00", "3.5", "437 500.00"),
                 ("1 000 000.01", "3.125", "31 250.00"),
                 ("0.50", "5", "0.03"),              # 2.5 cents, rounded half up
                 ("987 654 321.99", "0.125", "1 234 567.90"),
                 ("100.00", "12", "12.00"))


def check_royalty(info: dict, outdir: Path) -> list[str]:
    """The royalty report computes the royalty at the contractual rate exactly, and says
    whether the royalty declared matches it."""
    problems = []
    template = HERE / info["file"]
    variants = outdir / "variants"
    for index, (net_sales, rate, expected) in enumerate(ROYALTY_CASES):
        context = license_context("royalty_report")
        context["license"]["royalty_rate"] = rate
        context["report"].update(net_sales=net_sales, amount=expected if index else "400 000.00")
        out = variants / f"royalty_report-case{index}.docx"
        render(template, context, out)
        text = document_text(out).replace("\u00a0", " ")
        if f"{expected} KZT" not in text:
            problems.append(f"{out.name}: royalty {expected} at {rate} % of {net_sales} missing")
        differs = "differs from the earned royalty" in text
        if differs != (index == 0):
            problems.append(f"{out.name}: the comparison with the declared royalty is wrong")
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
