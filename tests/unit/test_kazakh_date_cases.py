"""Kazakh dates take the case the following word governs (dative before "дейін", locative
before a participle, ablative before "бастап"); other dates stay nominative."""
from __future__ import annotations

import pytest

from consortium.documents.kazakh import MONTHS, decline


@pytest.mark.parametrize(("text", "expected"), [
    ("2029 жылғы 31 желтоқсан дейін қолданылады",
     "2029 жылғы 31 желтоқсанға дейін қолданылады"),
    ("2036 жылғы 7 мамыр дейін, немесе", "2036 жылғы 7 мамырға дейін, немесе"),
    ("2026 жылғы 15 тамыз жасалған меморандумда", "2026 жылғы 15 тамызда жасалған меморандумда"),
    ("2027 жылғы 1 маусым берілген", "2027 жылғы 1 маусымда берілген"),
    ("2026 жылғы 23 қараша мына тараптар арасында жасалды",
     "2026 жылғы 23 қарашада мына тараптар арасында жасалды"),
    ("2027 жылғы 1 қаңтар бастап", "2027 жылғы 1 қаңтардан бастап"),
    ("2027 жылғы 1 қыркүйек дейін", "2027 жылғы 1 қыркүйекке дейін"),
    # nominative where nothing governs a case
    ("2026 жылғы 1 желтоқсан", "2026 жылғы 1 желтоқсан"),
    ("берілген күні 2026 жылғы 5 желтоқсан, ведомство", "берілген күні 2026 жылғы 5 желтоқсан, "
     "ведомство"),
    # already declined: unchanged
    ("2027 жылғы 31 қаңтарға дейін", "2027 жылғы 31 қаңтарға дейін"),
])
def test_decline(text, expected):
    assert decline(text) == expected


def test_every_month_has_three_cases():
    assert len(MONTHS) == 12
    assert all(len(set(forms)) == 3 for forms in MONTHS.values())
