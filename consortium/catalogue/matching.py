"""Matchmaking: a score for an offer and a request, with its reasons in words.

The score is one function of the two sides' features (:func:`score`), used by the app and by
the judged evaluation in ``bench/matching``. Candidates come from full-text search
(:func:`.search.candidates`: stems, glossary concepts, field and code tokens), then each is
scored here. Matches are stored per pair and recomputed when either side is published or
changed (:func:`recompute_for_offer`, :func:`recompute_for_request`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import delete, select

from workflows.errors import N_

from ..db import utcnow
from ..extensions import db
from ..glossary import CONCEPT_WEIGHTS, CONCEPTS
from ..stemming import shown_words
from . import search
from .models import Match, Offer, TechRequest

#: matches kept per request and per offer
KEEP = 20
#: below this score a pair is no match
MIN_SCORE = 12.0
#: a match at least this strong is notified to both sides
STRONG = 45.0

#: a loanword shared across scripts counts as this much of a glossary concept
LOAN_WEIGHT = 0.3
#: the readiness part of an offer one TRL short of what the request needs
READINESS_ONE_SHORT = 0.7
#: loanword tokens the candidate step puts ahead of the stems (two per word)
CANDIDATE_LOANS = 16
#: how much a concept counts that a record names only in its secondary texts: an offer only
#: in its summary, not its title or keywords; a request only in its background (what the
#: company makes), not in its problem, what it tried or what "solved" means
SECONDARY_WEIGHT = 0.5
#: how much the concept overlap is measured against the request's concepts rather than the
#: offer's (0.5: the geometric mean of both)
REQUEST_SHARE = 0.5
WEIGHTS = {"concepts": 0.42, "terms": 0.18, "field": 0.14, "codes": 0.11, "readiness": 0.10,
           "region": 0.05}


@dataclass
class Features:
    """What the score reads of one side."""

    stems: set[str]
    concepts: set[str]
    field: str | None
    sector: set[str]
    science: set[str]
    trl: int | None
    region: str | None
    #: the word as written for each stem and loanword token (for the reasons; filled by
    #: :func:`with_words`)
    shown: dict[str, str] = field(default_factory=dict)
    #: loanword keys (:mod:`consortium.translit`) as language letter + key ("rmembra")
    loans: set[str] = field(default_factory=set)
    #: the concepts that only the secondary texts name (``zzk`` tokens: an offer's summary,
    #: a request's background)
    secondary: set[str] = field(default_factory=set)


def features_of(search_text: str, *, field: str | None, trl: int | None,
                region: str | None) -> Features:
    stems_: set[str] = set()
    special: dict[str, set[str]] = {"zzc": set(), "zzs": set(), "zzg": set(), "zzf": set(),
                                    "zzt": set(), "zzk": set()}
    for tok in search_text.split():
        group = special.get(tok[:3])
        if group is not None:
            group.add(tok[3:])
        elif len(tok) > 2 and not tok.isdigit():
            stems_.add(tok)
    concepts, sector, science = special["zzc"], special["zzs"], special["zzg"]
    return Features(stems_, concepts, field, sector, science, trl, region,
                    loans=special["zzt"], secondary=special["zzk"])


def offer_features(o: Offer) -> Features:
    return features_of(o.search_text or "", field=o.field, trl=o.trl, region=o.region)


def request_features(r: TechRequest) -> Features:
    return features_of(r.search_text or "", field=r.field, trl=r.trl_min, region=r.region)


def _indexed_parts(rec: Offer | TechRequest) -> list[str | None]:
    """The texts ``refresh_derived`` indexes of an offer or a request."""
    keywords = " ".join(rec.keywords or [])
    if isinstance(rec, Offer):
        return [rec.title, rec.summary, keywords]
    return [rec.title, rec.problem, rec.context_makes, rec.context_fails, rec.context_tried,
            rec.success_criteria, keywords]


def with_words(f: Features, rec: Offer | TechRequest) -> Features:
    """``f`` with the words of ``rec`` as written, so that the reasons name them (the search
    text holds only stems and keys)."""
    f.shown = shown_words(_indexed_parts(rec), language=rec.language)
    return f


def _dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _code_fit(a: set[str], b: set[str]) -> float:
    """1 for a shared full code, less for a shared division only (codes are stored at each
    level: 01, 011, 0111)."""
    shared = a & b
    return min(1.0, max(len(c) for c in shared) / 4) if shared else 0.0


_CONCEPT_LABEL = {k: v["en"][0] for k, v in CONCEPTS.items()}
_KEY_OF_TOKEN = {k.replace("_", ""): k for k in CONCEPTS}


def _weight(concepts: set[str], *secondary: set[str]) -> float:
    """The concepts' weight: a broad one (the glossary's :data:`CONCEPT_WEIGHTS`) counts
    half, and one that a side names only in its secondary texts :data:`SECONDARY_WEIGHT`
    (for each side that does)."""
    return sum(CONCEPT_WEIGHTS.get(c, 1.0)
               * SECONDARY_WEIGHT ** sum(1 for s in secondary if c in s) for c in concepts)


def _cross_loans(a: set[str], b: set[str]) -> set[str]:
    """The loanword keys the two sides share in different languages (a key shared in the
    same language is a shared stem already)."""
    if not a or not b:
        return set()
    keys_b: dict[str, set[str]] = {}
    for t in b:
        keys_b.setdefault(t[1:], set()).add(t[0])
    return {t[1:] for t in a if keys_b.get(t[1:], set()) - {t[0]}}


def _written(f: Features, key: str) -> str | None:
    return next((f.shown["zzt" + t] for t in sorted(f.loans) if t[1:] == key
                 and "zzt" + t in f.shown), None)


def _loan_words(req: Features, off: Features, keys: set[str]) -> list[str]:
    """The shared loanwords as written: the offer's word and the request's ("uranium
    (уран)"), or the key when the words are not known."""
    out = []
    for key in keys:
        o, r = _written(off, key), _written(req, key)
        out.append(f"{o} ({r})" if o and r and o.lower() != r.lower() else o or r or key)
    return out


def concept_label(token: str, lang: str = "en") -> str:
    key = _KEY_OF_TOKEN.get(token, token)
    terms = CONCEPTS.get(key, {})
    return (terms.get(lang) or terms.get("en") or [key])[0]


def shown_params(reason: dict, lang: str) -> dict:
    """The parameters of a reason's message for a reader of ``lang``: the shared concepts
    named in their language (a reason stored before concepts were kept names them in
    English, as it was written)."""
    params = dict(reason.get("params") or {})
    keys = params.pop("concepts", None)
    if keys:
        params["terms"] = ", ".join(sorted(concept_label(k, lang) for k in keys))
    if params.get("region"):  # stored as its English name, which is its message
        params["region"] = gettext(params["region"])
    return params


def score(req: Features, off: Features, *,
          explain: bool = True) -> tuple[float, list[dict]]:
    """The pair's score (0–100) and its reasons ``[{"code", "message", "params"}]`` (none
    unless ``explain``: ranking many candidates needs only the score)."""
    parts: dict[str, float] = {}
    reasons: list[dict] = []
    add = reasons.append if explain else (lambda _reason: None)
    shared_c = req.concepts & off.concepts
    # loanwords no concept covers, alike across scripts (uranium/уран), count as concepts
    # of weight LOAN_WEIGHT
    shared_l = _cross_loans(req.loans, off.loans)
    # a request's concepts are what it needs: how many of them the offer covers, softened
    parts["concepts"] = ((_weight(shared_c, req.secondary, off.secondary)
                          + LOAN_WEIGHT * len(shared_l))
                         / ((_weight(req.concepts, req.secondary) or 1.0) ** REQUEST_SHARE
                            * max(0.5, _weight(off.concepts, off.secondary))
                            ** (1 - REQUEST_SHARE))
                         if shared_c or shared_l else 0.0)
    if shared_c and explain:
        add({"code": "concepts", "message": N_("Shared concepts: %(terms)s"),
             "params": {"terms": ", ".join(sorted(concept_label(c) for c in shared_c)),
                        "concepts": sorted(shared_c)}})
    shared_t = req.stems & off.stems
    parts["terms"] = _dice(req.stems, off.stems) * 2
    if (shared_t or shared_l) and explain:
        # the words as written in the offer (the request's when the offer's are not known)
        shown = sorted({off.shown.get(s) or req.shown.get(s) or s for s in shared_t})[:8]
        shown += sorted(_loan_words(req, off, shared_l))[:max(0, 8 - len(shown))]
        add({"code": "shared_terms", "message": N_("Shared terms: %(terms)s"),
             "params": {"terms": ", ".join(shown)}})
    if req.field and req.field == off.field:
        parts["field"] = 1.0
        add({"code": "field", "message": N_("Same field"),
                        "params": {"field": req.field}})
    codes = max(_code_fit(req.sector, off.sector), _code_fit(req.science, off.science))
    parts["codes"] = codes
    if codes:
        add({"code": "codes", "message": N_("Overlapping OKED or GRNTI codes"),
                        "params": {}})
    if req.trl is None or off.trl is None:
        parts["readiness"] = 0.5
    elif off.trl >= req.trl:
        parts["readiness"] = 1.0
        add({"code": "readiness", "message": N_(
            "Readiness fits: TRL %(offer)s, at least TRL %(needed)s needed"),
            "params": {"offer": off.trl, "needed": req.trl}})
    elif off.trl == req.trl - 1:
        parts["readiness"] = READINESS_ONE_SHORT
        add({"code": "readiness_gap", "message": N_(
            "Readiness one level short: TRL %(offer)s, TRL %(needed)s needed"),
            "params": {"offer": off.trl, "needed": req.trl}})
    else:
        parts["readiness"] = 0.0
    if req.region and off.region and req.region == off.region:
        parts["region"] = 1.0
        add({"code": "region", "message": N_("Same region: %(region)s"),
                        "params": {"region": req.region}})
    total = sum(WEIGHTS[k] * min(1.0, v) for k, v in parts.items())
    # with nothing of substance in common (no concept, no term), field and readiness alone
    # are no match
    if not shared_c and not shared_t and not shared_l:
        total *= 0.3
    return round(100 * total, 1), reasons


def _tokens(f: Features, search_text: str) -> list[str]:
    """The candidate step's tokens: the concepts, then the loanwords in the other languages
    (a Russian уран finds English uranium: zztruran -> zzteuran, zztkuran), then the stems
    and codes. The step keeps the concepts and the first :data:`CANDIDATE_LOANS` loanword
    tokens of a long text ahead of its stems, so its token limit cuts stems, not the only
    keys that cross languages."""
    toks = [t for t in search_text.split() if not t.startswith(("zzf", "zzk"))]
    concepts_ = [t for t in toks if t.startswith("zzc")]
    loans = [f"zzt{lang}{t[4:]}" for t in toks if t.startswith("zzt")
             for lang in "erk" if lang != t[3]]
    rest = [t for t in toks if not t.startswith(("zzc", "zzt"))]
    return list(dict.fromkeys(concepts_ + loans[:CANDIDATE_LOANS] + rest
                              + loans[CANDIDATE_LOANS:]))


def ranked_offers(r: TechRequest, *, limit: int = KEEP,
                  candidates: int = 100) -> list[tuple[Offer, float, list[dict]]]:
    """Published offers of other organisations, best first, for request ``r``."""
    req = with_words(request_features(r), r)
    ids = search.candidates("offers", _tokens(req, r.search_text or ""), state="published",
                            limit=candidates, exclude_org=r.organization_id)
    return _rank(Offer, Offer.trl, ids, limit, lambda other, **kw: score(req, other, **kw))


def ranked_requests(o: Offer, *, limit: int = KEEP,
                    candidates: int = 100) -> list[tuple[TechRequest, float, list[dict]]]:
    """Open requests of other organisations, best first, for offer ``o``."""
    off = with_words(offer_features(o), o)
    ids = search.candidates("tech_requests", _tokens(off, o.search_text or ""), state="open",
                            limit=candidates, exclude_org=o.organization_id)
    return _rank(TechRequest, TechRequest.trl_min, ids, limit,
                 lambda other, **kw: score(other, off, **kw))


def _rank(model, trl_column, ids: list[int], limit: int, pair) -> list:
    """Score the candidates from the few columns the score reads; load the best as records."""
    if not ids:
        return []
    rows = db.session.execute(select(model.id, model.search_text, model.field, trl_column,
                                     model.region).where(model.id.in_(ids))).all()
    scored = []
    for rid, text, field_, trl, region in rows:
        f = features_of(text or "", field=field_, trl=trl, region=region)
        s, _ = pair(f, explain=False)
        if s >= MIN_SCORE:
            scored.append((rid, s, f))
    scored.sort(key=lambda x: (-x[1], -x[0]))
    scored = scored[:limit]
    records = {rec.id: rec for rec in db.session.scalars(
        select(model).where(model.id.in_([x[0] for x in scored]))).unique()}
    # the reasons of the kept ones name the words as written in both texts
    return [(records[rid], s, pair(with_words(f, records[rid]))[1]) for rid, s, f in scored]


def recompute_for_request(r: TechRequest) -> list[Match]:
    """Replace the stored matches of request ``r`` (none unless it is open)."""
    old = {m.offer_id for m in db.session.scalars(select(Match).where(Match.request_id == r.id))}
    db.session.execute(delete(Match).where(Match.request_id == r.id))
    if r.state != "open":
        return []
    now = utcnow()
    out = [Match(offer_id=o.id, request_id=r.id, score=s, reasons=reasons, computed_at=now)
           for o, s, reasons in ranked_offers(r)]
    db.session.add_all(out)
    db.session.flush()
    _notify_new(out, old, by_offer=False)
    return out


def recompute_for_offer(o: Offer) -> list[Match]:
    """Replace the stored matches of offer ``o`` (none unless it is published)."""
    old = {m.request_id for m in db.session.scalars(select(Match).where(Match.offer_id == o.id))}
    db.session.execute(delete(Match).where(Match.offer_id == o.id))
    if o.state != "published":
        return []
    now = utcnow()
    out = [Match(offer_id=o.id, request_id=r.id, score=s, reasons=reasons, computed_at=now)
           for r, s, reasons in ranked_requests(o)]
    db.session.add_all(out)
    db.session.flush()
    _notify_new(out, old, by_offer=True)
    return out


#: strong new matches notified per recomputation (the best ones; the rest are on the page)
NOTIFY_AT_MOST = 3


def _notify_new(matches: Sequence[Match], old: set[int], *, by_offer: bool) -> None:
    """Tell the partners and legal staff of both sides of the best strong new matches, once."""
    from ..auth.models import Role, User
    from ..notifications import notify
    fresh = [m for m in matches if m.score >= STRONG
             and (m.request_id if by_offer else m.offer_id) not in old][:NOTIFY_AT_MOST]
    if not fresh:
        return
    pairs = [(db.session.get(Offer, m.offer_id), db.session.get(TechRequest, m.request_id))
             for m in fresh]
    orgs = {o.organization_id for o, _ in pairs} | {r.organization_id for _, r in pairs}
    people: dict[int, list[int]] = {}
    for uid, org in db.session.execute(select(User.id, User.organization_id).where(
            User.organization_id.in_(orgs), User.role.in_([Role.legal, Role.partner]))):
        people.setdefault(org, []).append(uid)
    for offer, req in pairs:
        users = people.get(offer.organization_id, []) + people.get(req.organization_id, [])
        if users:
            notify(users, "match", N_("New match: %(offer)s for %(request)s"),
                   {"offer": offer.title, "request": req.title},
                   f"/requests/{req.id}/matches", record_type="request", record_id=req.id,
                   key=f"match-{offer.id}-{req.id}")
