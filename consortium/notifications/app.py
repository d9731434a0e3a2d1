"""Wiring notifications into the app: mail, pages, the header badge, sending after commit."""
from __future__ import annotations

import logging

from flask import Flask, g, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..extensions import mail
from . import hooks as _hooks  # noqa: F401  (registers the step listener)
from . import invitations as _invitations  # noqa: F401  (registers the step listener)
from . import jobs as _jobs  # noqa: F401  (registers the periodic jobs)
from .mail import deliver
from .services import CHANNEL_LABELS, KINDS, OUTBOX_KEY, preferences, unread_count
from .views import api, bp

log = logging.getLogger("consortium.mail")
#: ``flask.g`` key of the mails the request's commits wrote
_COMMITTED = "consortium_outbox_committed"


@event.listens_for(Session, "after_commit")
def _mails_committed(session: Session) -> None:
    written = session.info.pop(OUTBOX_KEY, None)
    if written and has_app_context():
        ids = [inspect(m).identity[0] for m in written if inspect(m).identity]
        g.setdefault(_COMMITTED, []).extend(ids)


@event.listens_for(Session, "after_rollback")
def _mails_rolled_back(session: Session) -> None:
    session.info.pop(OUTBOX_KEY, None)  # a rolled-back step sends nothing


def init_app(app: Flask) -> None:
    mail.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(api)

    @app.context_processor
    def _notifications():
        def unread() -> int:
            if not (has_request_context() and current_user.is_authenticated):
                return 0
            return unread_count(current_user.id)

        def prefs() -> dict:
            return preferences(current_user.id)
        return {"unread_notifications": unread, "notification_kinds": KINDS,
                "notification_channels": CHANNEL_LABELS, "notification_preferences_of": prefs}

    @app.teardown_request
    def _send_after_commit(_exc) -> None:
        """Best effort: try the mails this request committed right away (the delivery job
        sends whatever this does not)."""
        ids = g.pop(_COMMITTED, None)
        if not ids or not app.config.get("SMTP_URL"):
            return
        try:
            deliver(ids=ids)
        except Exception:  # never fail a request that already committed
            log.exception("sending after commit failed; the delivery job will retry")
