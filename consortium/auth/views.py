"""Signing in and out of the web pages."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user

from ..db import unit_of_work
from ..extensions import db, login_manager
from ..throttle import check_login_allowed, record_login_failure
from ..web.helpers import safe_next
from .forms import LoginForm
from .models import User
from .services import authenticate

bp = Blueprint("auth", __name__)
login_manager.login_view = "auth.login"
login_manager.login_message = None


@login_manager.user_loader
def _load_user(user_id: str):
    try:
        return db.session.get(User, int(user_id))
    except ValueError:
        return None


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        check_login_allowed(form.email.data, request.remote_addr)
        with unit_of_work():
            user = authenticate(form.email.data, form.password.data)
            if user is None:
                record_login_failure(form.email.data, request.remote_addr)
        if user is None:
            flash(_("Wrong e-mail or password."), "error")
        else:
            login_user(user)
            return redirect(safe_next(request.args.get("next"), url_for("web.inbox")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))
