"""Signing in and out of the web pages, changing one's password."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..db import unit_of_work
from ..errors import Invalid, TooManyAttempts, translated
from ..extensions import login_manager
from ..throttle import check_login_allowed, forget_login_failures, record_login_failure
from ..web.helpers import message_of, safe_next
from .forms import LoginForm, PasswordForm
from .services import (
    authenticate,
    change_password,
    end_all_sessions,
    end_web_session,
    start_web_session,
    user_for_web_session,
)

bp = Blueprint("auth", __name__)
login_manager.login_view = "auth.login"
login_manager.login_message = None

#: the key of the session cookie naming the server-side session (see ``WebSession``)
SESSION_KEY = "sid"


@login_manager.user_loader
def _load_user(user_id: str):
    """The signed-in user, only while the server-side session the cookie names still exists."""
    try:
        uid = int(user_id)
    except ValueError:
        return None
    return user_for_web_session(uid, session.get(SESSION_KEY))


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            check_login_allowed(form.email.data, request.remote_addr)
        except TooManyAttempts as err:
            flash(message_of(err), "error")
            return render_template("auth/login.html", form=form), 429, {
                "Retry-After": str(err.retry_after or 1)}
        with unit_of_work():
            user = authenticate(form.email.data, form.password.data)
            if user is None:
                record_login_failure(form.email.data, request.remote_addr)
            else:
                forget_login_failures(form.email.data, request.remote_addr)
                sid = start_web_session(user)
        if user is None:
            flash(_("Wrong e-mail or password."), "error")
        else:
            login_user(user)
            session[SESSION_KEY] = sid
            return redirect(safe_next(request.args.get("next"), url_for("web.inbox")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    with unit_of_work():
        end_web_session(session.pop(SESSION_KEY, None))
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/logout/everywhere")
@login_required
def logout_everywhere():
    """End every session of this user: all browsers, and every API token."""
    with unit_of_work():
        end_all_sessions(current_user._get_current_object())
    session.pop(SESSION_KEY, None)
    logout_user()
    flash(_("You have signed out on every device, and your API tokens were revoked."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Who I am, changing my password, and signing out everywhere."""
    form = PasswordForm()
    errors: dict[str, str] = {}
    status = 200
    if form.validate_on_submit():
        try:
            with unit_of_work():
                change_password(current_user._get_current_object(),
                                form.current_password.data or "", form.new_password.data or "",
                                form.confirm_password.data or "",
                                keep=session.get(SESSION_KEY))
        except Invalid as err:
            errors = {k: translated(v) for k, v in err.fields.items()}
            status = 422
        else:
            flash(_("Your password was changed. You were signed out everywhere else, and "
                    "your API tokens were revoked."), "info")
            return redirect(url_for("auth.account"))
    elif form.errors:
        errors = {k: "; ".join(v) for k, v in form.errors.items()}
        status = 422
    return render_template("auth/account.html", form=form, errors=errors), status
