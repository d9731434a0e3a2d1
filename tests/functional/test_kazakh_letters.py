"""Kazakh letters (әғқңөұүһі) survive everywhere (issue 17, part 3): in documents, in the
``filename*`` of downloads (RFC 5987), in CSV exports and in e-mail subjects and bodies."""
from __future__ import annotations

import email
import email.header
import email.policy
import io
from urllib.parse import unquote

import docx

from tests.helpers import LicenceJourney

UNIVERSITY = "Әл-Фараби атындағы Қазақ ұлттық университеті"
LETTERS = "әғқңөұүһі"


def test_a_kazakh_document_keeps_its_letters_in_the_file_and_its_name(api, make_org,
                                                                      make_user):
    j = LicenceJourney(api, make_org, make_user, lead_name=UNIVERSITY)
    r = j.legal.patch(f"/organizations/{j.org.id}", json={"document_languages": ["kk"]})
    assert r.status_code == 200
    _record, doc, content = j.produce("license_agreement")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert UNIVERSITY in text
    r = j.legal.get(f"/documents/{doc['id']}/content")
    disposition = r.headers["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition
    name = unquote(disposition.split("filename*=UTF-8''", 1)[1])
    assert name.startswith("Лицензиялық шарт ") and name.endswith(".docx"), name
    # the plain filename= is the ASCII fallback for old clients
    plain = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert plain.isascii() and plain.endswith(".docx")


def test_csv_exports_keep_kazakh_names(api, make_org, make_user, login_as, client):
    j = LicenceJourney(api, make_org, make_user, lead_name=UNIVERSITY)
    j.produce("distribution_statement")
    login_as(j.legal_user)
    r = client.get("/dashboard?csv=distributions")
    assert r.status_code == 200
    assert "charset=utf-8" in r.headers["Content-Type"].lower()
    assert UNIVERSITY in r.data.decode("utf-8")


def test_mail_subjects_and_bodies_keep_kazakh_letters(app):
    """The message the outbox sends (as ``notifications.mail.deliver`` builds it), read back
    as a mail client reads it."""
    from flask_mailman import EmailMultiAlternatives

    from consortium.db import unit_of_work
    from consortium.extensions import db
    from consortium.notifications.models import OutboxMail
    from consortium.notifications.services import outbox
    subject = f"Қол қоюды күтеді: {UNIVERSITY} — лицензиялық шарт"
    body = (f"Құрметті әріптес Әйгерім Нұрланқызы, {UNIVERSITY} өнертабыс туралы "
            "құжаты сіздің қолыңызды күтеді.")
    with app.app_context():
        with unit_of_work():
            mail = outbox("aigerim@example.kz", "kk", subject, body, f"<p>{body}</p>")
            db.session.flush()
            mail_id = mail.id
        db.session.expunge_all()
        row = db.session.get(OutboxMail, mail_id)
        assert row.subject == subject and row.body_text == body
        message = EmailMultiAlternatives(row.subject, row.body_text, "noreply@example.org",
                                         [row.to_address],
                                         headers={"Content-Language": row.language})
        message.attach_alternative(row.body_html, "text/html")
        raw = message.message().as_bytes()
    headers = raw.split(b"\n\n", 1)[0]
    assert headers.isascii() and b"=?utf-8?" in headers.lower()  # encoded (RFC 2047)...
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    # ...and read back letter for letter (RFC 2047 decoding, as mail clients do it)
    decoded = email.header.make_header(email.header.decode_header(
        email.message_from_bytes(raw)["Subject"]))
    assert str(decoded) == subject
    plain = parsed.get_body(preferencelist=("plain",)).get_content()
    assert plain.strip() == body
    html = parsed.get_body(preferencelist=("html",)).get_content()
    assert body in html
    assert set(LETTERS) - set("һ") <= set(subject + body)
