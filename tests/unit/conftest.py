"""Unit tests need no app and no database."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _clean():
    """Overrides tests/conftest.py's table wipe: unit tests touch no database (nor the app)."""
    yield
