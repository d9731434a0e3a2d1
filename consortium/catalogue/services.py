"""Offers and requests as workflow records; the public catalogue; expressions of interest."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, null, or_, select, union_all

from workflows import OFFER, REQUEST
from workflows.errors import N_, Joined, Text
from workflows.readiness import wording

from ..auth.models import Role, User
from ..disclosures.models import Disclosure
from ..errors import Conflict, Forbidden, Invalid, NotFound, check_version
from ..extensions import db
from ..licensing.models import OWNED_STATES, License
from ..search import mark_indexed, reindex_all
from ..validation import parse, valid_id
from ..workflow import REGISTRY, Hooks, RecordType, register, visibility
from . import matching, search
from .models import (
    IP_STATUS_LABELS,
    CatalogueCount,
    Interest,
    Match,
    Offer,
    TechRequest,
    slug_of,
)
from .schemas import BUDGET_ORDER, OfferCreate, OfferUpdate, RequestCreate, RequestUpdate
from .taxonomy import FIELD_LABELS, STAGE_KEYS, STAGES


# -- who sees what -------------------------------------------------------------------------------
@visibility("offer", Offer)
def visible_offers(stmt: Select, user) -> Select:
    """A published offer is public; a draft or withdrawn one only to its organisation."""
    if user.role == Role.admin:
        return stmt.where(Offer.state == "published")
    return stmt.where(or_(Offer.state == "published",
                          Offer.organization_id == user.organization_id))


@visibility("request", TechRequest)
def visible_requests(stmt: Select, user) -> Select:
    """An open request to the whole network (any signed-in user); a draft or closed one only
    to its organisation."""
    if user.role == Role.admin:
        return stmt.where(TechRequest.state == "open")
    return stmt.where(or_(TechRequest.state == "open",
                          TechRequest.organization_id == user.organization_id))


# -- offers --------------------------------------------------------------------------------------
_OFFER_FIELDS = ("title", "summary", "kind", "field", "keywords", "sector_codes",
                 "science_codes", "trl", "language", "region", "disclosure_id")


def _disclosure_for(user: User, disclosure_id: int | None) -> Disclosure | None:
    if disclosure_id is None:
        return None
    d = db.session.get(Disclosure, disclosure_id)
    if d is None or d.organization_id != user.organization_id:
        raise Invalid({"disclosure_id": N_("no such invention of your organisation")})
    return d


def _apply(record, data, sent: set[str], names: tuple[str, ...],
           required: tuple[str, ...]) -> None:
    for name in names:
        if name in sent:
            value = getattr(data, name)
            if value is None and name in required:
                raise Invalid({name: N_("required")})
            if value is None and name in ("keywords", "sector_codes", "science_codes"):
                value = []
            setattr(record, name, value)


def create_offer(user: User, payload: Any) -> Offer:
    Offer.check_create(user)
    data = parse(OfferCreate, payload)
    d = _disclosure_for(user, data.disclosure_id)
    o = Offer(organization_id=user.organization_id, created_by_id=user.id, state=OFFER.initial,
              keywords=[], sector_codes=[], science_codes=[], language="en",
              confirmed_public=False, ip_status="none")
    _apply(o, data, data.model_fields_set, _OFFER_FIELDS, ("title", "summary", "kind"))
    if d is not None and o.trl is None:
        o.trl = d.trl
    if d is not None and not o.field and d.field in FIELD_LABELS:
        o.field = d.field
    o.disclosure = d
    o.refresh_derived()
    db.session.add(o)
    db.session.flush()
    return o


def update_offer(o: Offer, user: User, payload: Any) -> Offer:
    o.check_editor(user)
    data = parse(OfferUpdate, payload)
    check_version(o, data.version, N_("This offer changed since you loaded it (your version "
                                      "%(yours)s, now %(current)s). Reload it and try again."))
    o.check_editable()
    sent = data.model_fields_set
    if "disclosure_id" in sent:
        o.disclosure = _disclosure_for(user, data.disclosure_id)
    _apply(o, data, sent, _OFFER_FIELDS, ("title", "summary", "kind", "language"))
    if o.state == "published":
        # what the public sees changes now: the same checks as at publication
        problems = o.publish_problems()
        if problems:
            raise Invalid({"summary": Joined(problems)})
        if data.confirm_public and user.role == Role.legal:
            o.confirmed_public = True
        copied = None if o.confirmed_public else o.confidential_copy()
        if copied:
            raise Invalid({"summary": Text(N_("repeats the confidential disclosure "
                                              "(“%(fragment)s”): rewrite it, or let legal "
                                              "staff confirm that this text is public"),
                                           fragment=copied)})
    o.refresh_derived()
    db.session.flush()
    if o.state == "published":
        matching.recompute_for_offer(o)
    return o


def search_offers(user: User, *, state: str | None = None, q: str | None = None,
                  page: int = 1, per_page: int = 50) -> tuple[list[Offer], int]:
    return _search(Offer, "offers", visible_offers, user, state=state, q=q, page=page,
                   per_page=per_page)


def _search(model, table: str, visible, user, *, state, q, page, per_page):
    stmt = visible(select(model), user)
    if state:
        stmt = stmt.where(model.state == state)
    if q:
        expression = search.match_expression(search.query_groups(q))
        if expression is None:
            return [], 0
        stmt = stmt.where(model.id.in_(search.filter_ids(table, expression)))
    total = db.session.scalar(stmt.with_only_columns(func.count(model.id)).order_by(None))
    items = db.session.scalars(stmt.order_by(model.id.desc()).offset((page - 1) * per_page)
                               .limit(per_page)).unique().all()
    return list(items), total or 0


def public_offer(o: Offer) -> dict:
    """An offer as the public catalogue shows it: only the fields written to be public."""
    return {
        "id": o.id, "number": o.display_number, "title": o.title, "summary": o.summary,
        "kind": o.kind, "field": o.field, "keywords": list(o.keywords or []),
        "sector_codes": list(o.sector_codes or []),
        "science_codes": list(o.science_codes or []),
        "trl": o.trl, "trl_wording": wording("trl", o.trl), "stage": o.stage_key,
        "stage_label": STAGES[o.stage_key][1] if o.stage_key else None,
        "ip_status": o.ip_status, "ip_status_label": IP_STATUS_LABELS[o.ip_status],
        "ip_numbers": o.ip_numbers, "language": o.language, "region": o.region,
        "organization": {"id": o.organization_id, "name": o.organization.name},
        "published_at": o.published_at.isoformat() if o.published_at else None,
        "slug": o.slug,
    }


def offer_dict(o: Offer) -> dict:
    out = public_offer(o)
    out.update({"state": o.state, "version": o.version, "disclosure_id": o.disclosure_id,
                "organization_id": o.organization_id, "confirmed_public": o.confirmed_public,
                "created_at": o.created_at.isoformat(), "updated_at": o.updated_at.isoformat()})
    return out


offer_hooks = Hooks()


@offer_hooks.after("publish", "withdraw")
def _offer_changed(o: Offer, outcome, user) -> None:
    matching.recompute_for_offer(o)


OFFER_RECORD = register(RecordType(
    name="offer", collection="offers", model=Offer, context=lambda o, _p: {},
    key=lambda o: o.display_number, visible=visible_offers, endpoint="offers.show",
    create=create_offer, update=update_offer, search=search_offers, serialize=offer_dict,
    hooks=offer_hooks, create_schema=OfferCreate, update_schema=OfferUpdate,
    describe=lambda o: f"{o.display_number} — {o.title}"))


# -- requests ------------------------------------------------------------------------------------
_REQUEST_FIELDS = ("title", "problem", "context_makes", "context_fails", "context_tried",
                   "success_criteria", "field", "keywords", "sector_codes", "science_codes",
                   "trl_min", "budget_min", "budget_max", "currency", "region", "deadline",
                   "language")


def _request_errors(r: TechRequest) -> dict[str, str]:
    """What the request's fields say together, once each field is valid on its own (the
    schema said that): the budget's bounds in order, and, for an open request, what it must
    keep to stay published (each problem under the field it is about)."""
    errors: dict[str, str] = {}
    if r.budget_min is not None and r.budget_max is not None and r.budget_max < r.budget_min:
        errors["budget_max"] = BUDGET_ORDER
    if r.state == "open":
        problems = r.publish_problems()
        if problems:
            errors["problem"] = Joined(problems)
    return errors


def _default_currency(r: TechRequest) -> None:
    if (r.budget_min is not None or r.budget_max is not None) and not r.currency:
        r.currency = "KZT"


def create_request(user: User, payload: Any) -> TechRequest:
    TechRequest.check_create(user)
    data = parse(RequestCreate, payload)
    r = TechRequest(organization_id=user.organization_id, created_by_id=user.id,
                    state=REQUEST.initial, keywords=[], sector_codes=[], science_codes=[],
                    language="ru")
    _apply(r, data, data.model_fields_set, _REQUEST_FIELDS, ("title", "problem"))
    errors = _request_errors(r)
    if errors:
        raise Invalid(errors)
    _default_currency(r)
    r.refresh_derived()
    db.session.add(r)
    db.session.flush()
    return r


def update_request(r: TechRequest, user: User, payload: Any) -> TechRequest:
    r.check_editor(user)
    # the deadline it has may stay, even once passed; a new one is today or later
    data = parse(RequestUpdate, payload, context={"deadline": r.deadline})
    check_version(r, data.version, N_("This request changed since you loaded it (your "
                                      "version %(yours)s, now %(current)s). Reload it and "
                                      "try again."))
    r.check_editable()
    _apply(r, data, data.model_fields_set, _REQUEST_FIELDS, ("title", "problem", "language"))
    errors = _request_errors(r)
    if errors:
        raise Invalid(errors)
    _default_currency(r)
    r.refresh_derived()
    db.session.flush()
    if r.state == "open":
        matching.recompute_for_request(r)
    return r


def search_requests(user: User, *, state: str | None = None, q: str | None = None,
                    page: int = 1, per_page: int = 50) -> tuple[list[TechRequest], int]:
    return _search(TechRequest, "tech_requests", visible_requests, user, state=state, q=q,
                   page=page, per_page=per_page)


def _money(v: Decimal | None) -> str | None:
    return f"{v:.2f}" if v is not None else None


def request_dict(r: TechRequest) -> dict:
    return {
        "id": r.id, "number": r.display_number, "state": r.state, "version": r.version,
        "title": r.title, "problem": r.problem, "context_makes": r.context_makes,
        "context_fails": r.context_fails, "context_tried": r.context_tried,
        "success_criteria": r.success_criteria, "field": r.field,
        "keywords": list(r.keywords or []), "sector_codes": list(r.sector_codes or []),
        "science_codes": list(r.science_codes or []), "trl_min": r.trl_min,
        "trl_min_wording": wording("trl", r.trl_min), "budget_min": _money(r.budget_min),
        "budget_max": _money(r.budget_max), "currency": r.currency, "region": r.region,
        "deadline": r.deadline.isoformat() if r.deadline else None, "language": r.language,
        "organization_id": r.organization_id,
        "organization": {"id": r.organization_id, "name": r.organization.name},
        "published_at": r.published_at.isoformat() if r.published_at else None,
        "created_at": r.created_at.isoformat(), "updated_at": r.updated_at.isoformat(),
    }


request_hooks = Hooks()


@request_hooks.after("publish", "close")
def _request_changed(r: TechRequest, outcome, user) -> None:
    matching.recompute_for_request(r)


REQUEST_RECORD = register(RecordType(
    name="request", collection="requests", model=TechRequest, context=lambda r, _p: {},
    key=lambda r: r.display_number, visible=visible_requests,
    endpoint="requests.show", create=create_request, update=update_request,
    search=search_requests, serialize=request_dict, hooks=request_hooks,
    create_schema=RequestCreate, update_schema=RequestUpdate,
    describe=lambda r: f"{r.display_number} — {r.title}"))


# -- the public catalogue ------------------------------------------------------------------------
def _query_groups(text: str) -> list[list[str]]:
    """A visitor's words as :func:`search.query_groups`, each word's group also holding what
    its Kazakh stem gives: the catalogue does not know the language of the words typed, and a
    Cyrillic word's stem (and concept) as the Russian stemmer gives it is not the one a
    Kazakh offer stores (бидай: бида, тамшылатып). Only the query changes: every stored text
    stays as its language's stemmer wrote it."""
    groups = search.query_groups(text)
    kazakh = search.query_groups(text, "kk")
    # both are one group a word, the same words (stemming never drops or merges a word)
    return [list(dict.fromkeys(g + k)) for g, k in zip(groups, kazakh, strict=True)]


def catalogue(*, q: str | None = None, stage: str | None = None, field: str | None = None,
              sector: str | None = None, keyword: str | None = None, trl_min: int | None = None,
              page: int = 1, per_page: int = 20) -> dict:
    """Published offers for everyone, with the count per stage under the other filters.

    Without words the counts are read from :class:`.CatalogueCount` (a few rows kept in step
    by triggers) and the page walks the ``(state, stage_key, id)`` index; with words both
    are computed over the rows the full-text index finds, never over every offer."""
    where = [Offer.state == "published"]
    if field in FIELD_LABELS:
        where.append(Offer.field == field)
    if trl_min is not None:
        where.append(Offer.trl >= trl_min)
    groups = _query_groups(q) if q else []
    if keyword:
        groups += _query_groups(keyword)
    if sector:
        groups += [search.code_tokens("s", [sector])[-1:]] if search.code_tokens("s", [sector]) \
            else [["zzsnone"]]
    expression = search.match_expression(groups) if groups else None
    by_stage = stage if stage in STAGE_KEYS else None
    offset = (page - 1) * per_page
    items: list[Offer] = []
    ids: list[int] = []
    if groups and expression is None:
        counts: dict = {}
    elif expression is not None:
        cond, params = ["t.state = 'published'"], {}
        if field in FIELD_LABELS:
            cond.append("t.field = :field")
            params["field"] = field
        if trl_min is not None:
            cond.append("t.trl >= :trl_min")
            params["trl_min"] = trl_min
        m = search.matched_cte("offers", expression, ["stage_key"], " AND ".join(cond),
                               **params)
        # one statement: the count per stage, then the page's ids (one index search)
        page_ids = select(m.c.id)
        if by_stage:
            page_ids = page_ids.where(m.c.stage_key == by_stage)
        page_ids = page_ids.order_by(m.c.id.desc()).offset(offset).limit(per_page).subquery()
        rows = db.session.execute(union_all(
            select(m.c.stage_key, func.count().label("n"), null().label("id"))
            .group_by(m.c.stage_key),
            select(null(), null(), page_ids.c.id))).all()
        counts = {k: n for k, n, _ in rows if n is not None}
        ids = sorted((i for _, n, i in rows if n is None), reverse=True)
    else:
        cond = []
        if field in FIELD_LABELS:
            cond.append(CatalogueCount.field == field)
        if trl_min is not None:
            cond.append(CatalogueCount.trl >= trl_min)
        counts = {k or None: int(n) for k, n in db.session.execute(
            select(CatalogueCount.stage_key, func.sum(CatalogueCount.n)).where(*cond)
            .group_by(CatalogueCount.stage_key)).all()}
        if by_stage:
            where.append(Offer.stage_key == by_stage)
        # newest first by id: the (state, stage_key, id) index walks it, no sort of every row
        items = list(db.session.scalars(select(Offer).where(*where).order_by(Offer.id.desc())
                                        .offset(offset).limit(per_page)).unique())
    if ids:
        loaded = {o.id: o for o in db.session.scalars(
            select(Offer).where(Offer.id.in_(ids))).unique()}
        items = [loaded[i] for i in ids if i in loaded]
    total = counts.get(by_stage, 0) if by_stage else sum(counts.values())
    return {"items": items, "total": total, "page": page,
            "per_page": per_page,
            "stages": [{"stage": k, "label": STAGES[k][1], "count": counts.get(k, 0)}
                       for k in STAGE_KEYS]}


def reindex_catalogue(batch: int = 500,
                      each_batch: Callable[[], AbstractContextManager] = nullcontext
                      ) -> tuple[int, int]:
    """Write the search text of every offer and request again from the current text pipeline
    (after an upgrade that changed it), and the concept postings matchmaking ranks its
    candidates by, and recompute the matches of every open request from
    it; returns (offers and requests indexed, open requests matched). ``each_batch``: as in
    :func:`search.reindex_all`."""
    indexed = reindex_all((Offer, TechRequest), batch, write=lambda r: r.refresh_derived(),
                          each_batch=each_batch)
    # a text the pipeline left as it was keeps postings that its weights may have changed
    matching.rebuild_postings(batch, each_batch)
    matched = 0
    last = 0
    while True:
        with each_batch():
            open_requests = db.session.scalars(
                select(TechRequest).where(TechRequest.id > last, TechRequest.state == "open")
                .order_by(TechRequest.id).limit(batch)).all()
            for r in open_requests:
                matching.recompute_for_request(r)
        if not open_requests:
            break
        matched += len(open_requests)
        last = open_requests[-1].id
    return indexed, matched


def reindex_everything(batch: int = 500,
                       each_batch: Callable[[], AbstractContextManager] = nullcontext
                       ) -> tuple[int, int, int]:
    """Index every searchable record again with the current text pipeline (the record types
    of the registry, then the catalogue with its matches) and record that it did; returns
    (records, offers and requests, open requests matched)."""
    lists = [rt.model for rt in REGISTRY.values()
             if hasattr(rt.model, "search_parts") and rt.model not in (Offer, TechRequest)]
    records = reindex_all(lists, batch, each_batch=each_batch)
    offers_requests, matched = reindex_catalogue(batch, each_batch)
    with each_batch():
        mark_indexed()
    return records, offers_requests, matched


def public_offer_or_404(offer_id: Any) -> Offer:
    o = db.session.get(Offer, offer_id) if valid_id(offer_id) else None
    if o is None or o.state != "published":
        raise NotFound(N_("No such offer in the catalogue."))
    return o


def sitemap_offers() -> list[tuple[int, str, Any]]:
    # three columns, not 50,000 records with their organisations
    return [(i, slug_of(title), updated) for i, title, updated in db.session.execute(
        select(Offer.id, Offer.title, Offer.updated_at).where(Offer.state == "published")
        .order_by(Offer.id).limit(50000))]


# -- matches and interest -----------------------------------------------------------------------
def matches_of_request(r: TechRequest, limit: int = 10) -> list[Match]:
    return list(db.session.scalars(
        select(Match).join(Offer, Offer.id == Match.offer_id)
        .where(Match.request_id == r.id, Offer.state == "published")
        .order_by(Match.score.desc(), Match.offer_id.desc()).limit(limit)).unique())


def matches_of_offer(o: Offer, user: User, limit: int = 10) -> list[Match]:
    return list(db.session.scalars(
        select(Match).join(TechRequest, TechRequest.id == Match.request_id)
        .where(Match.offer_id == o.id, TechRequest.state == "open")
        .order_by(Match.score.desc(), Match.request_id.desc()).limit(limit)).unique())


def licensable(offer: Offer) -> bool:
    """A licence inquiry may be opened on ``offer`` now: the institution owns its invention."""
    return offer.disclosure is not None and offer.disclosure.state in OWNED_STATES


def express_interest(user: User, offer: Offer, payload: Any) -> Interest:
    """An enterprise's partner (or legal staff) is interested in a published offer: a licence
    inquiry on its invention, or, for a service or equipment (``"propose": "consortium"``), a
    draft joint R&D consortium of both organisations, linked to the offer and the request."""
    if user.role not in (Role.partner, Role.legal) or user.organization_id is None:
        raise Forbidden(N_("Interest in an offer is expressed by an organisation's partner or "
                           "legal staff."))
    if offer.state != "published":
        raise Conflict("not_published", N_("This offer is not published."))
    if offer.organization_id == user.organization_id:
        raise Invalid({"offer_id": N_("this is your own organisation's offer")})
    if not isinstance(payload, dict):
        raise Invalid({"body": N_("must be a JSON object")})
    message = payload.get("message")
    if not isinstance(message, str) or not message.strip():
        raise Invalid({"message": N_("say what you would like to do with this technology")})
    if len(message) > 4000:
        raise Invalid({"message": Text(N_("must be at most %(n)s characters"), n=4000)})
    req = None
    rid = payload.get("request_id")
    if rid is not None:
        req = db.session.get(TechRequest, rid) if valid_id(rid) else None
        if req is None or req.organization_id != user.organization_id:
            raise Invalid({"request_id": N_("no such request of your organisation")})
    propose = payload.get("propose", "licence")
    if propose not in ("licence", "consortium"):
        raise Invalid({"propose": Text(N_("must be one of: %(values)s"),
                                       values="licence, consortium")})
    d = offer.disclosure
    if propose == "licence" and not licensable(offer):
        if d is None:
            propose = "consortium"  # a service or equipment: a joint project is what fits
        else:
            raise Invalid({"propose": N_("the invention behind this offer cannot be licensed "
                                         "yet; propose a joint R&D consortium")})
    _not_twice(user, offer, d if propose == "licence" else None)
    interest = Interest(offer_id=offer.id, request_id=req.id if req else None,
                        organization_id=user.organization_id, user_id=user.id,
                        message=message.strip())
    if propose == "licence":
        lic = License(disclosure_id=d.id, licensor_organization_id=offer.organization_id,
                      licensee_organization_id=user.organization_id, created_by_id=user.id,
                      state="inquiry", license_type="non_exclusive", territory=["KZ"],
                      currency="KZT", milestones=[], offer_id=offer.id,
                      request_id=req.id if req else None,
                      # what it came from and the enterprise's words, in no language of ours
                      notes=(f"{offer.display_number} “{offer.title}”" + (
                          f" — {req.display_number} “{req.title}”" if req else "")
                          + f"\n{message.strip()}")[:4000])
        db.session.add(lic)
        db.session.flush()
        lic.reg_number = f"LIC-{lic.created_at.year}-{lic.id:05d}"
        interest.license_id = lic.id
    else:
        interest.consortium_id = _consortium_proposal(user, offer, req, message.strip()).id
    db.session.add(interest)
    db.session.flush()
    _tell_the_offerer(user, offer, interest)
    return interest


#: a licence in these states is over: a new inquiry on the same invention may start
_LICENCE_ENDED = ("terminated", "expired", "abandoned", "option_lapsed")


def _not_twice(user: User, offer: Offer, disclosure: Disclosure | None) -> None:
    """A second inquiry of an organisation on the same technology while the first is still
    going (a licence not ended on the offer's invention, however it was opened; a consortium
    proposal from this offer still a draft) is a 409 naming the first one."""
    from ..consortia.models import Consortium
    if disclosure is not None:
        lic = db.session.scalar(select(License).where(
            License.disclosure_id == disclosure.id,
            License.licensee_organization_id == user.organization_id,
            License.state.not_in(_LICENCE_ENDED)).order_by(License.id).limit(1))
        if lic is not None:
            raise Conflict("already_inquired", Text(N_(
                "Your organisation already has %(number)s on the invention behind this offer: "
                "continue there."), number=lic.display_number),
                number=lic.display_number, license_id=lic.id)
        return
    draft = db.session.scalar(select(Consortium).join(
        Interest, Interest.consortium_id == Consortium.id).where(
        Interest.offer_id == offer.id, Interest.organization_id == user.organization_id,
        Consortium.state == "draft").limit(1))
    if draft is not None:
        raise Conflict("already_proposed", Text(N_(
            "Your organisation has already proposed a joint R&D consortium on this offer "
            "(%(number)s): continue there."), number=draft.display_number),
            number=draft.display_number, consortium_id=draft.id)


def _tell_the_offerer(user: User, offer: Offer, interest: Interest) -> None:
    """The offering organisation's legal staff learn of the interest and of what it opened."""
    from ..notifications.services import notify, path_for
    staff = db.session.scalars(select(User.id).where(
        User.organization_id == offer.organization_id, User.role == Role.legal,
        User.active.is_(True))).all()
    if interest.license_id:
        name, rid = "license", interest.license_id
        message = N_("%(organization)s is interested in %(offer)s: licence inquiry "
                     "%(number)s is open")
        number = db.session.get(License, rid).display_number
    else:
        from ..consortia.models import Consortium
        name, rid = "consortium", interest.consortium_id
        message = N_("%(organization)s proposes a joint R&D consortium on %(offer)s: "
                     "draft %(number)s")
        number = db.session.get(Consortium, rid).display_number
    rt = REGISTRY[name]
    notify(staff, "interest", message,
           {"organization": user.organization.name, "offer": offer.title, "number": number,
            "record": number},
           path_for(rt.endpoint, record_id=rid), name, rid)


def _consortium_proposal(user: User, offer: Offer, req: TechRequest | None, message: str):
    from ..consortia.models import Consortium, Member
    # in the parties' own words (the offer, the request, the message), which the agreement
    # prints as the consortium's purpose: no sentence of ours in one language
    purpose = f"“{offer.title}” ({offer.display_number})" + (
        f" — “{req.title}” ({req.display_number})" if req else "") + f". {message}"
    c = Consortium(name=f"{offer.title[:200]} — {user.organization.name[:80]}"[:300],
                   purpose=purpose, lead_organization_id=offer.organization_id,
                   created_by_id=user.id, state="draft", ip_regime="joint_ownership",
                   voting_rule="unanimity", quorum_percent=50)
    c.members = [Member(organization_id=oid, position=n + 1, role=role,
                        contribution_type=kind, contribution_value=Decimal("0"),
                        currency="KZT", contribution_description=desc,
                        share_percent=Decimal("50"), status="active")
                 for n, (oid, role, kind, desc) in enumerate((
                     (offer.organization_id, "lead", "in_kind", offer.title),
                     (user.organization_id, "member", "cash",
                      req.title if req else message[:300])))]
    db.session.add(c)
    db.session.flush()
    return c


def interest_dict(i: Interest) -> dict:
    out: dict[str, Any] = {"id": i.id, "offer_id": i.offer_id, "request_id": i.request_id,
                           "organization_id": i.organization_id, "message": i.message,
                           "created_at": i.created_at.isoformat()}
    if i.license_id:
        from ..licensing.services import to_dict
        lic = db.session.get(License, i.license_id)
        out["license"] = {**to_dict(lic), "offer_id": lic.offer_id,
                          "request_id": lic.request_id}
    if i.consortium_id:
        from ..consortia.models import Consortium
        from ..consortia.services import to_dict as consortium_to_dict
        out["consortium"] = consortium_to_dict(db.session.get(Consortium, i.consortium_id))
    return out


def funnel() -> dict:
    """The conversion funnel: published offers, open requests, matches, interests, the
    inquiries and consortia they opened, and the licences that became active."""
    n = db.session.scalar
    return {
        "offers_by_stage": dict(db.session.execute(
            select(Offer.stage_key, func.count(Offer.id)).where(Offer.state == "published")
            .group_by(Offer.stage_key)).all()),
        "requests_by_field": dict(db.session.execute(
            select(TechRequest.field, func.count(TechRequest.id))
            .where(TechRequest.state == "open").group_by(TechRequest.field)).all()),
        "matches": n(select(func.count(Match.id))) or 0,
        "strong_matches": n(select(func.count(Match.id)).where(
            Match.score >= matching.STRONG)) or 0,
        "interests": n(select(func.count(Interest.id))) or 0,
        "inquiries": n(select(func.count(Interest.id)).where(Interest.license_id.is_not(None))) or 0,
        "consortia": n(select(func.count(Interest.id)).where(
            Interest.consortium_id.is_not(None))) or 0,
        "licences": n(select(func.count(License.id)).where(
            License.offer_id.is_not(None), License.state == "active")) or 0,
    }





# -- dashboard tables (rows of plain values, also served as CSV) --------------------------------
def stage_table(org_id: int) -> list[dict]:
    """The catalogue by stage: published offers of the network and of this organisation."""
    # the network's counts from the few rows kept in step with the offers (no scan of them);
    # this organisation's through the (state, organisation) index
    network = dict(db.session.execute(
        select(CatalogueCount.stage_key, func.sum(CatalogueCount.n))
        .group_by(CatalogueCount.stage_key)).all())
    ours = dict(db.session.execute(
        select(Offer.stage_key, func.count(Offer.id))
        .where(Offer.state == "published", Offer.organization_id == org_id)
        .group_by(Offer.stage_key)).all())
    return [{"stage": STAGES[k][1], "offers": int(network.get(k) or 0),
             "ours": int(ours.get(k) or 0)} for k in STAGE_KEYS]


def requests_by_field_table(org_id: int) -> list[dict]:
    """Open technology requests of the network by field."""
    rows = db.session.execute(select(TechRequest.field, func.count(TechRequest.id))
                              .where(TechRequest.state == "open")
                              .group_by(TechRequest.field)).all()
    return [{"field": FIELD_LABELS.get(f, f or "—"), "requests": n}
            for f, n in sorted(rows, key=lambda r: -r[1])]


def funnel_table(org_id: int) -> list[dict]:
    """From this organisation's published offers to licences: matches, interests, the
    licence inquiries and consortium proposals they opened, the licences now active."""
    mine = select(Offer.id).where(Offer.organization_id == org_id)
    n = db.session.scalar
    return [
        {"step": N_("Published offers"), "count": n(select(func.count(Offer.id)).where(
            Offer.organization_id == org_id, Offer.state == "published")) or 0},
        {"step": N_("Matches with open requests"), "count": n(select(func.count(Match.id)).where(
            Match.offer_id.in_(mine))) or 0},
        {"step": N_("Interests expressed"), "count": n(select(func.count(Interest.id)).where(
            Interest.offer_id.in_(mine))) or 0},
        {"step": N_("Licence inquiries opened"), "count": n(select(func.count(Interest.id)).where(
            Interest.offer_id.in_(mine), Interest.license_id.is_not(None))) or 0},
        {"step": N_("Consortia proposed"), "count": n(select(func.count(Interest.id)).where(
            Interest.offer_id.in_(mine), Interest.consortium_id.is_not(None))) or 0},
        {"step": N_("Licences active"), "count": n(select(func.count(License.id)).where(
            License.offer_id.in_(mine), License.state == "active")) or 0},
    ]
