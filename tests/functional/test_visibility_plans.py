"""Who sees what is one query per list or record page (``workflow.visibility``); on SQLite,
which plans without statistics, each of its parts must be read through an index that the
user narrows, never the whole of a table that grows with the platform."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

#: a read of every document of a record type: the part "records the user must sign a
#: document of" went through the (record_type, ...) index, 10 ms at 100,000 documents
_EVERY_DOCUMENT_OF_A_TYPE = re.compile(r"documents USING (COVERING )?INDEX ix_documents_record "
                                       r"\(record_type=\?\)")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("role", ["researcher", "legal", "partner", "admin"])
def test_the_signers_part_of_visibility_reads_the_signers_few_documents(app, make_user, role):
    from consortium.auth.models import User
    from consortium.extensions import db
    from consortium.workflow import REGISTRY
    user_id = make_user(role).id
    with app.app_context():
        user = db.session.get(User, user_id)
        for name, rt in REGISTRY.items():
            model = rt.model
            for stmt in (rt.visible(select(model.id).where(model.id == 1), user),
                         rt.visible(select(model.id).order_by(model.id.desc()).limit(20), user)):
                sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
                plan = [row[3] for row in db.session.execute(
                    db.text("EXPLAIN QUERY PLAN " + sql)).all()]
                assert not [p for p in plan if _EVERY_DOCUMENT_OF_A_TYPE.search(p)], (
                    name, sql, plan)
                assert any("documents USING INTEGER PRIMARY KEY" in p for p in plan), (
                    name, plan)
