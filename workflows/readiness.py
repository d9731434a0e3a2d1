"""Readiness scales (TRL, CRL, MRL, IRL) with the wording each level is stored and printed with."""
from __future__ import annotations

#: EU Horizon wording.
TRL = {
    1: "Basic principles observed",
    2: "Technology concept formulated",
    3: "Experimental proof of concept",
    4: "Technology validated in lab",
    5: "Technology validated in relevant environment",
    6: "Technology demonstrated in relevant environment",
    7: "System prototype demonstration in operational environment",
    8: "System complete and qualified",
    9: "Actual system proven in operational environment",
}

#: Commercial readiness, from a hypothesis to a bankable market.
CRL = {
    1: "Hypothetical commercial proposition",
    2: "Commercial trial: small scale",
    3: "Commercial scale-up",
    4: "Multiple commercial applications",
    5: "Market competition driving widespread deployment",
    6: "Bankable grade asset class",
    7: "Market proven in a first commercial segment",
    8: "Competitive position established in several markets",
    9: "Bankable, competitive market with proven revenue",
}

#: US DoD manufacturing readiness.
MRL = {
    1: "Basic manufacturing implications identified",
    2: "Manufacturing concepts identified",
    3: "Manufacturing proof of concept developed",
    4: "Capability to produce the technology in a laboratory environment",
    5: "Capability to produce prototype components in a production-relevant environment",
    6: "Capability to produce a prototype system in a production-relevant environment",
    7: "Capability to produce systems in a production-representative environment",
    8: "Pilot line capability demonstrated; ready for low-rate production",
    9: "Low-rate production demonstrated; capability for full-rate production in place",
    10: "Full-rate production demonstrated; lean production practices in place",
}

#: Investment readiness.
IRL = {
    1: "First business-model hypothesis",
    2: "Market and customer segments identified",
    3: "Problem and solution validated with early customers",
    4: "Prototype and value proposition tested",
    5: "Product-market fit hypothesis validated",
    6: "Business model and financial plan verified",
    7: "Team, IP and go-to-market ready for investment",
    8: "First revenues and metrics investors use",
    9: "Validated product-market fit and scalable growth metrics",
}

SCALES = {"trl": TRL, "crl": CRL, "mrl": MRL, "irl": IRL}

#: The four stages of a classic innovation catalogue, by TRL.
TRL_STAGES = (
    (range(1, 4), "documentation", "Technical documentation or patent stage"),
    (range(4, 6), "experimental", "Passed experimental stage"),
    (range(6, 8), "pilot", "Passed industrial pilot"),
    (range(8, 10), "ready", "Ready for introduction"),
)


def wording(scale: str, level: int | None) -> str:
    """The stored wording of ``level`` on ``scale`` ("trl", "crl", "mrl", "irl")."""
    if level is None:
        return ""
    return SCALES[scale].get(level, "")


def trl_stage(level: int | None) -> str:
    """The catalogue stage label for a TRL level."""
    for levels, _, label in TRL_STAGES:
        if level in levels:
            return label
    return ""
