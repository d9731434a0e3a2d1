"""Command-line interface: flask --app consortium orgs|users|demo|audit ..."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from .db import unit_of_work
from .errors import AppError


def _fail(err: AppError) -> None:
    click.echo(f"error: {err}", err=True)
    for field, why in err.fields.items():
        click.echo(f"  {field}: {why}", err=True)
    sys.exit(2)


orgs = AppGroup("orgs", help="Organisations.")
users = AppGroup("users", help="Users.")
demo = AppGroup("demo", help="Demonstration data.")
audit = AppGroup("audit", help="The audit log.")


@orgs.command("create")
@click.argument("name")
@click.option("--kind", required=True,
              type=click.Choice(["university", "research_institute", "enterprise",
                                 "government_body", "fund"]))
@click.option("--country", default="KZ", show_default=True)
@click.option("--bin", "bin_", default=None, help="Business identification number.")
@click.option("--address", default=None)
def orgs_create(name, kind, country, bin_, address):
    """Create an organisation and print its id."""
    from .organizations.services import create_organization
    try:
        with unit_of_work():
            org = create_organization(name, kind, country, bin_, address)
    except AppError as err:
        _fail(err)
    click.echo(org.id)


@users.command("create")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--password", required=True)
@click.option("--role", required=True,
              type=click.Choice(["researcher", "legal", "partner", "admin"]))
@click.option("--org", "org_name", required=True, help="The organisation's exact name.")
@click.option("--title", default=None, help="Job title printed under signatures.")
@click.option("--iin", default=None,
              help="Individual identification number (an EDS certificate must carry it).")
def users_create(email, name, password, role, org_name, title, iin):
    """Create a user and print its id."""
    from sqlalchemy import select

    from .auth.services import create_user
    from .extensions import db
    from .organizations.models import Organization
    org_id = db.session.scalar(select(Organization.id).where(Organization.name == org_name))
    if org_id is None:
        click.echo(f"error: no organisation named {org_name!r}", err=True)
        sys.exit(2)
    try:
        with unit_of_work():
            user = create_user(email, name, password, role, org_id, title, iin)
    except AppError as err:
        _fail(err)
    click.echo(user.id)


@users.command("set-iin")
@click.argument("email")
@click.argument("iin")
def users_set_iin(email, iin):
    """Record a user's IIN (an empty string removes it)."""
    from sqlalchemy import select

    from .auth.models import User
    from .auth.services import set_iin
    from .extensions import db
    try:
        with unit_of_work():
            user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
            if user is None:
                click.echo(f"error: no user with the e-mail {email!r}", err=True)
                sys.exit(2)
            set_iin(user, iin)
    except AppError as err:
        _fail(err)
    click.echo(user.id)


@demo.command("load")
@click.option("--scale", type=click.IntRange(1, 2_000_000), default=None,
              help="Also generate this many disclosures (with organisations, people, consortia, "
                   "events and document rows) for benchmarks.")
def demo_load(scale):
    """Load demo organisations, users and records (idempotent) and print the logins."""
    from .demo import LOGINS, PASSWORD, load
    created = load()
    if scale:
        import time

        from .demo_scale import load_scale
        started = time.perf_counter()
        with unit_of_work():
            counts = load_scale(scale)
        click.echo(f"Generated in {time.perf_counter() - started:.1f} s: " + ", ".join(
            f"{v} {k}" for k, v in counts.items()))
    click.echo("Demo data " + ("loaded." if created else "already present."))
    click.echo(f"Demo logins (password for all: {PASSWORD}):")
    for email, role, org in LOGINS:
        click.echo(f"  {role:<11} {email:<40} {org}")


@audit.command("verify")
def audit_verify():
    """Verify the audit hash chain and the document store; exit 1 naming the first bad item."""
    from .audit.services import verify
    from .documents.services import storage
    result = verify(storage())
    if result["ok"]:
        click.echo(f"OK: {result['events']} events and {result['documents']} documents intact.")
        return
    bad = result["first_bad"]
    click.echo(f"BROKEN: {bad['kind']} {bad['id']}: {bad['reason']} "
               f"(checked {result['events']} events, {result['documents']} documents)", err=True)
    sys.exit(1)


jobs = AppGroup("jobs", help="The scheduler: timed transitions, reminders, notifications.")


@jobs.command("run")
@click.option("--once", is_flag=True, help="Run what is due now and exit.")
@click.option("--now", "now_", default=None, metavar="ISO_DATETIME",
              help="Treat this time as now (for tests and back-filling); implies --once.")
@click.option("--job", "only", multiple=True, metavar="NAME",
              help="Run only this job (repeatable); default: every registered job.")
def jobs_run(once, now_, only):
    """Run the scheduler: each due job once, exactly once across processes and hosts."""
    import datetime as dt

    from .extensions import db
    from .scheduler import run_due, run_forever
    now = None
    if now_:
        try:
            now = dt.datetime.fromisoformat(now_.strip().replace("Z", "+00:00"))
        except ValueError:
            click.echo(f"error: --now must be an ISO 8601 date-time, not {now_!r}", err=True)
            sys.exit(2)
        if now.tzinfo is None:
            now = now.replace(tzinfo=dt.UTC)
    if once or now is not None:
        ran = run_due(now, only=list(only) or None)
        db.session.remove()
        for name, handled in ran.items():
            click.echo(f"{name}: {handled}")
        click.echo(f"Ran {len(ran)} due job(s).")
        return
    from flask import current_app
    click.echo("Scheduler running; Ctrl+C stops it.")
    try:
        run_forever(current_app._get_current_object())
    except (KeyboardInterrupt, SystemExit):
        pass


storage_group = AppGroup("storage", help="The document store.")


@storage_group.command("gc")
@click.option("--min-age", default=3600, show_default=True,
              help="Keep files younger than this many seconds (a transaction may still run).")
@click.option("--dry-run", is_flag=True, help="List what would be removed.")
def storage_gc(min_age, dry_run):
    """Remove stored files that no document refers to."""
    from .documents.services import storage
    from .maintenance import storage_gc as gc
    removed = gc(storage(), min_age, dry_run)
    verb = "Would remove" if dry_run else "Removed"
    click.echo(f"{verb} {len(removed)} unreferenced file(s).")
    for name in removed:
        click.echo(f"  {name}")


@click.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(path_type=Path))
def backup_command(path):
    """Write a consistent snapshot of the database and the documents to PATH (a new folder)."""
    from .documents.services import storage
    from .maintenance import backup
    if path.exists():
        click.echo(f"error: {path} exists; give a new folder", err=True)
        sys.exit(2)
    result = backup(path, storage())
    click.echo(f"Backup of the {result['database']} database and {result['documents']} "
               f"document(s) written to {path}.")


@click.command("restore")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, file_okay=False,
                                        path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask: replace the current database.")
def restore_command(path, yes):
    """Replace the database with the backup in PATH and restore its documents."""
    from .documents.services import storage
    from .maintenance import restore
    if not yes and not click.confirm("This replaces the current database. Continue?"):
        sys.exit(1)
    result = restore(path, storage())
    click.echo(f"Restored the {result['database']} database; {result['documents_copied']} "
               "document file(s) copied. Run `audit verify` to check it.")


templates_group = AppGroup("templates", help="Contract templates.")


@templates_group.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--template", "name", required=True,
              help="The template it is a version of, e.g. license_agreement.")
@click.option("--language", default="en", show_default=True,
              type=click.Choice(["kk", "ru", "en"]),
              help="The language of the file: the samples' dates, labels and amounts in "
                   "words are written in it.")
def templates_check(file, name, language):
    """Check a .docx template version with the rules legal uploads are held to."""
    from .documents import rendering
    from .templates_admin.check import check
    if name not in rendering.manifest():
        click.echo(f"error: no template named {name!r}; one of: "
                   f"{', '.join(rendering.manifest())}", err=True)
        sys.exit(2)
    from sqlalchemy import inspect

    from .extensions import db
    if not inspect(db.engine).has_table("documents"):
        # the sample contexts are made by the app's own context code, which reads the tables
        click.echo("error: the database has no tables yet; run `flask --app consortium db "
                   "upgrade` once, then check again.", err=True)
        sys.exit(2)
    problems = check(file.read_bytes(), name, language)
    if not problems:
        click.echo("OK")
        return
    for p in problems:
        click.echo(f"{p.rule}: {p.message}\n    at: {p.where}")
    click.echo(f"{len(problems)} problem(s).", err=True)
    sys.exit(1)


search_group = AppGroup("search", help="The full-text index of the record lists.")


@search_group.command("reindex")
def search_reindex():
    """Write the search text of every disclosure, consortium, licence and benefit plan, and of
    every technology offer and request with the matches of the open requests (after
    upgrading a database whose records were indexed by an earlier text pipeline; the
    scheduler's ``search_index`` job does the same in the background)."""
    from .catalogue.services import reindex_everything
    from .db import unit_of_work
    n, offers_requests, matched = reindex_everything(each_batch=unit_of_work)
    click.echo(f"Indexed {n} record(s) and {offers_requests} offer(s) and request(s); "
               f"recomputed the matches of {matched} open request(s).")


def register(app: Flask) -> None:
    for group in (orgs, users, demo, audit, jobs, storage_group, templates_group,
                  search_group):
        app.cli.add_command(group)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
