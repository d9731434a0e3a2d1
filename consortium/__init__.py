"""Consortium: a Flask application and workflow engine for technology transfer."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from workflows.errors import WorkflowError

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """The application factory: configuration, extensions, blueprints, error handlers, CLI."""
    app = Flask(__name__, instance_path=os.environ.get("CONSORTIUM_INSTANCE_DIR")
                or str(ROOT / "instance"), template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"))
    from .validation import InputRequest
    app.request_class = InputRequest  # cleaned form fields and query strings, bounded JSON
    from .config import from_environment
    app.config.update(from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)

    from .db import configure_sqlite, defer_reads
    from .extensions import babel, csrf, db, login_manager, migrate
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_locale)
    login_manager.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
        defer_reads(app)

    _register_models()
    from .api.catalogue import bp as catalogue_api_bp
    from .api.views import bp as api_bp
    from .auth.views import bp as auth_bp
    from .benefits.views import bp as benefits_bp
    from .catalogue.views import bp as catalogue_bp
    from .catalogue.views import offers_bp, requests_bp
    from .consortia.views import bp as consortia_bp
    from .disclosures.views import bp as disclosures_bp
    from .documents.views import bp as documents_bp
    from .licensing.views import bp as licensing_bp
    from .web.views import bp as web_bp
    for bp in (api_bp, auth_bp, benefits_bp, consortia_bp, disclosures_bp, documents_bp,
               licensing_bp, web_bp,
               catalogue_api_bp, catalogue_bp, offers_bp, requests_bp):
        app.register_blueprint(bp)
    from .admin.views import bp as admin_bp
    app.register_blueprint(admin_bp)
    from .organizations.views import bp as organizations_bp
    app.register_blueprint(organizations_bp)
    from .api.docket import bp as docket_api_bp
    from .attachments.views import bp as attachments_bp
    from .docket.views import bp as docket_bp
    for bp in (attachments_bp, docket_bp, docket_api_bp):
        app.register_blueprint(bp)
    from .api.assembly import api_bp as assembly_api_bp
    from .consortia.assembly_views import bp as assembly_bp
    app.register_blueprint(assembly_bp)
    app.register_blueprint(assembly_api_bp)
    from .templates_admin.api import bp as templates_api_bp
    from .templates_admin.views import bp as templates_admin_bp
    app.register_blueprint(templates_api_bp)
    app.register_blueprint(templates_admin_bp)
    from .api.admin_ops import bp as admin_api_bp
    app.register_blueprint(admin_api_bp)

    _register_errors(app)
    from .cli import register as register_cli
    register_cli(app)
    from .scheduler import init_app as init_scheduler
    init_scheduler(app)
    from .notifications.app import init_app as init_notifications
    init_notifications(app)
    from .web.helpers import register_template_helpers
    register_template_helpers(app)
    from .web.stacking import init_app as init_stacking
    init_stacking(app)
    from .web.meanwhile import init_app as init_meanwhile
    init_meanwhile(app)
    _security_headers(app)
    return app


def _register_models() -> None:
    # Importing registers every table with the metadata and every record type with the engine.
    from . import search as _search  # noqa: F401  (keeps every record's search text)
    from .attachments import services as _att  # noqa: F401
    from .audit import models as _a  # noqa: F401
    from .auth import models as _u  # noqa: F401
    from .benefits import services as _b  # noqa: F401
    from .catalogue import services as _cat  # noqa: F401
    from .consortia import services as _c  # noqa: F401
    from .disclosures import services as _d  # noqa: F401
    from .docket import services as _docket  # noqa: F401
    from .documents import models as _doc  # noqa: F401
    from .documents import versions as _tv  # noqa: F401
    from .licensing import services as _lic  # noqa: F401
    from .notifications import models as _n  # noqa: F401
    from .organizations import models as _o  # noqa: F401
    from .scheduler import jobs as _sched_jobs  # noqa: F401  (signing requests that expire)
    from .scheduler import models as _sched  # noqa: F401
    from .throttle import LoginFailure as _lf  # noqa: F401


def _locale():
    """The language chosen with the switcher, else the browser's best match, else English."""
    from flask import current_app, session
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or "en"


def _register_errors(app: Flask) -> None:
    from .api.support import handle_app_error, handle_http_error
    from .web.helpers import web_app_error, web_http_error

    def is_api() -> bool:
        return request.path.startswith("/api/")

    @app.errorhandler(WorkflowError)
    def _app_error(err: WorkflowError):
        from flask import make_response
        resp = make_response(handle_app_error(err) if is_api() else web_app_error(err))
        if getattr(err, "retry_after", None):  # 429: when the client may try again
            resp.headers["Retry-After"] = str(err.retry_after)
        return resp

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException):
        return handle_http_error(err) if is_api() else web_http_error(err)


def _ncalayer_source(url: str) -> str:
    """``NCALAYER_URL`` as a CSP source (scheme, host and port), or ValueError."""
    from urllib.parse import urlsplit
    parts = urlsplit(url.strip())
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise ValueError(f"NCALAYER_URL must be a ws:// or wss:// URL, not {url!r}")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


def _content_security_policy(ncalayer_url: str) -> str:
    # connect-src: the page's own fetches, and NCALayer on the user's computer (the signing
    # page's EDS button talks to it over a WebSocket)
    from .config import NCALAYER_URL
    sources = dict.fromkeys(["'self'", _ncalayer_source(NCALAYER_URL),
                             _ncalayer_source(ncalayer_url)])
    return ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            f"connect-src {' '.join(sources)}; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")


def _security_headers(app: Flask) -> None:
    from .config import NCALAYER_URL
    csp = _content_security_policy(app.config.get("NCALAYER_URL") or NCALAYER_URL)

    @app.after_request
    def _headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("Content-Security-Policy", csp)
        if request.endpoint != "static":
            # pages, API answers and downloads hold personal and contract data: no cache
            # (browser, proxy or back button) may keep them once the user has signed out
            resp.headers["Cache-Control"] = "no-store"
            resp.headers["Pragma"] = "no-cache"
        return resp
