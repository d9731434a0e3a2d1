"""Matchmaking: a score for an offer and a request, with its reasons in words.

The score is one function of the two sides' features (:func:`score`), used by the app and by
the judged evaluation in ``bench/matching``. Candidates come first from the concepts
the two sides share, ranked by their part of the score with the field and the readiness
(:func:`concept_candidates`, over the postings :func:`write_postings` keeps), then from
full-text search (:func:`.search.candidates`: stems, loanwords, field and code tokens, for
pairs that share words but no concept); each is scored here. Matches are stored per pair and recomputed when either side is published or
changed (:func:`recompute_for_offer`, :func:`recompute_for_request`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext
from sqlalchemy import case, delete, event, func, insert, inspect, literal, select
from sqlalchemy.orm import Session

from workflows.errors import N_

from ..db import utcnow
from ..extensions import db
from ..glossary import CONCEPT_WEIGHTS, CONCEPTS
from ..stemming import shown_words
from . import search
from .models import Match, Offer, OfferConcept, RequestConcept, TechRequest

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


# -- the candidate step's concepts ------------------------------------------------------------
#: how many candidates full-text search adds to those the shared concepts rank, for pairs that
#: share words but no concept (a share of the concepts' number)
WORD_CANDIDATES = 0.5
#: (posting model, the state a record is matchable in, its readiness column) by record model
_POSTED: dict[type, tuple[type, str, Any]] = {
    Offer: (OfferConcept, "published", Offer.trl),
    TechRequest: (RequestConcept, "open", TechRequest.trl_min)}
#: the columns whose change rewrites a record's postings
_POSTED_COLUMNS = ("search_text", "state", "organization_id", "field", "trl", "trl_min")


def _norm(f: Features, *, offer: bool) -> float:
    """A side's share of the concept part's denominator in :func:`score`."""
    if offer:
        return max(0.5, _weight(f.concepts, f.secondary)) ** (1 - REQUEST_SHARE)
    return (_weight(f.concepts, f.secondary) or 1.0) ** REQUEST_SHARE


def postings(f: Features, *, offer: bool) -> list[tuple[str, float]]:
    """Each concept of one side with its weight in :func:`score`'s concept part, over that
    side's share of the denominator: summed over the concepts two records share (each times
    :data:`SECONDARY_WEIGHT` where the other side names it only in its secondary texts) and
    divided by the other side's share, it is the score's concept part (before its cap at 1)."""
    norm = _norm(f, offer=offer)
    return [(c, CONCEPT_WEIGHTS.get(c, 1.0) * SECONDARY_WEIGHT ** (c in f.secondary) / norm)
            for c in sorted(f.concepts)]


def concept_candidates(model: type, f: Features, *, offer: bool, exclude_org: int | None,
                       limit: int) -> list[int]:
    """Ids of up to ``limit`` matchable ``model`` records (offers for a request's features
    ``f``, requests for an offer's: ``offer`` says which side ``f`` is) that share a concept
    with ``f``, best first by what :func:`score` gives for the shared concepts, the field and
    the readiness: the records the score would rank first among all that share a concept, so
    that thousands of offers sharing a request's broad concepts do not crowd out the right
    one (an index range per concept of ``f``, summed; no record is read)."""
    if not f.concepts:
        return []
    posting = _POSTED[model][0]
    secondary = sorted(f.concepts & f.secondary)
    factor = (case((posting.concept.in_(secondary), SECONDARY_WEIGHT), else_=1.0)
              if secondary else literal(1.0))
    concept = func.sum(posting.weight * factor) * (WEIGHTS["concepts"] / _norm(f, offer=offer))
    field_ = (case((posting.field == f.field, WEIGHTS["field"]), else_=0.0)
              if f.field else literal(0.0))
    if f.trl is None:
        readiness: Any = literal(0.5 * WEIGHTS["readiness"])
    else:
        # an offer at least as ready as the request needs; one level short counts less
        enough, short = ((posting.trl <= f.trl, posting.trl == f.trl + 1) if offer
                         else (posting.trl >= f.trl, posting.trl == f.trl - 1))
        readiness = case((posting.trl.is_(None), 0.5 * WEIGHTS["readiness"]),
                         (enough, WEIGHTS["readiness"]),
                         (short, READINESS_ONE_SHORT * WEIGHTS["readiness"]), else_=0.0)
    stmt = (select(posting.record_id)
            .where(posting.concept.in_(sorted(f.concepts)),
                   posting.organization_id != (exclude_org if exclude_org is not None else -1))
            .group_by(posting.record_id, posting.field, posting.trl)
            .order_by((concept + field_ + readiness).desc(), posting.record_id.desc())
            .limit(limit))
    return list(db.session.scalars(stmt))


def _posting_rows(model: type, rows: Iterable[tuple]) -> tuple[list[int], list[dict]]:
    """The ids and the postings of ``rows`` (id, search text, field, readiness,
    organisation, state): none for a record that is not matchable."""
    _posting, matchable, _trl = _POSTED[model]
    ids: list[int] = []
    out: list[dict] = []
    for rid, text, field_, trl, org, state in rows:
        ids.append(rid)
        if state != matchable:
            continue
        f = features_of(text or "", field=field_, trl=trl, region=None)
        out += [{"concept": c, "record_id": rid, "weight": w, "organization_id": org,
                 "field": field_, "trl": trl} for c, w in postings(f, offer=model is Offer)]
    return ids, out


def _write(connection, model: type, rows: Iterable[tuple]) -> None:
    posting = _POSTED[model][0]
    ids, values = _posting_rows(model, rows)
    if ids:
        connection.execute(delete(posting).where(posting.record_id.in_(ids)))
    if values:
        connection.execute(insert(posting), values)


def write_postings(records: Iterable[Offer | TechRequest], connection=None) -> None:
    """Write the concept postings of ``records`` again from their stored search text (a
    record that is not matchable loses its postings)."""
    connection = connection if connection is not None else db.session.connection()
    for model in (Offer, TechRequest):
        trl = _POSTED[model][2].key
        _write(connection, model, [
            (r.id, r.search_text, r.field, getattr(r, trl), r.organization_id, r.state)
            for r in records if isinstance(r, model)])


def rebuild_postings(batch: int = 2000,
                     each_batch: Callable[[], AbstractContextManager] = nullcontext) -> int:
    """Write the postings of every offer and request again (after a bulk load, or when the
    text pipeline changed); ``each_batch`` as in :func:`.search.reindex_all`. Returns how
    many records were read."""
    n = 0
    for model, (_posting, _state, trl) in _POSTED.items():
        last = 0
        while True:
            with each_batch():
                rows = db.session.execute(
                    select(model.id, model.search_text, model.field, trl,
                           model.organization_id, model.state)
                    .where(model.id > last).order_by(model.id).limit(batch)).all()
                _write(db.session.connection(), model, rows)
            if not rows:
                break
            n += len(rows)
            last = rows[-1][0]
    return n


@event.listens_for(Session, "after_flush")
def _keep_postings(session: Session, _context) -> None:
    """Offers and requests whose text, state, organisation, field or readiness the flush
    wrote get their postings again (deleted ones lose them by the foreign key's cascade)."""
    due = [o for o in (*session.new, *session.dirty) if isinstance(o, (Offer, TechRequest))
           and (o in session.new or any(
               inspect(o).attrs[c].history.has_changes()
               for c in _POSTED_COLUMNS if c in inspect(o).attrs))]
    if due:
        write_postings(due, session.connection())


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
    ids = candidate_ids(Offer, req, r.search_text, offer=False, exclude_org=r.organization_id,
                      limit=candidates)
    return _rank(Offer, Offer.trl, ids, limit, lambda other, **kw: score(req, other, **kw))


def ranked_requests(o: Offer, *, limit: int = KEEP,
                    candidates: int = 100) -> list[tuple[TechRequest, float, list[dict]]]:
    """Open requests of other organisations, best first, for offer ``o``."""
    off = with_words(offer_features(o), o)
    ids = candidate_ids(TechRequest, off, o.search_text, offer=True,
                      exclude_org=o.organization_id, limit=candidates)
    return _rank(TechRequest, TechRequest.trl_min, ids, limit,
                 lambda other, **kw: score(other, off, **kw))


def candidate_ids(model: type, f: Features, search_text: str | None, *, offer: bool,
                exclude_org: int | None, limit: int) -> list[int]:
    """The records worth scoring for one side's features ``f``: the best ``limit`` by their
    shared concepts (:func:`concept_candidates`), then those found by their words
    (:func:`.search.candidates`): up to ``limit`` in all, and at least
    :data:`WORD_CANDIDATES` of ``limit`` more."""
    ids = concept_candidates(model, f, offer=offer, exclude_org=exclude_org, limit=limit)
    more = max(limit - len(ids), int(limit * WORD_CANDIDATES))
    table, state = ("offers", "published") if model is Offer else ("tech_requests", "open")
    tokens = _tokens(f, search_text or "")
    if ids:  # the concepts found theirs: the words look for the rest
        tokens = [t for t in tokens if not t.startswith("zzc")]
    words = search.candidates(table, tokens, state=state, limit=len(ids) + more,
                              exclude_org=exclude_org)
    seen = set(ids)
    return ids + [i for i in words if i not in seen][:more]


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
