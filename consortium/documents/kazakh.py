"""Kazakh dates in the case the sentence needs.

A Kazakh template writes a date value ("2029 жылғы 31 желтоқсан", nominative) where Russian
would write "до 31 декабря 2029 г." and English "until 31 December 2029"; Kazakh marks the
relation on the month itself: "31 желтоқсанға дейін" (dative before *дейін*), "15 тамызда
жасалған" (locative before a participle such as *жасалған*, *берілген*), "1 қаңтардан
бастап" (ablative before *бастап*). The value cannot know which, so the rendered Kazakh text
is corrected where a date is followed, in the same run, by one of those words.
"""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODY_PART = "word/document.xml"

#: month (nominative) -> (dative, locative, ablative)
MONTHS = {
    "қаңтар": ("қаңтарға", "қаңтарда", "қаңтардан"),
    "ақпан": ("ақпанға", "ақпанда", "ақпаннан"),
    "наурыз": ("наурызға", "наурызда", "наурыздан"),
    "сәуір": ("сәуірге", "сәуірде", "сәуірден"),
    "мамыр": ("мамырға", "мамырда", "мамырдан"),
    "маусым": ("маусымға", "маусымда", "маусымнан"),
    "шілде": ("шілдеге", "шілдеде", "шілдеден"),
    "тамыз": ("тамызға", "тамызда", "тамыздан"),
    "қыркүйек": ("қыркүйекке", "қыркүйекте", "қыркүйектен"),
    "қазан": ("қазанға", "қазанда", "қазаннан"),
    "қараша": ("қарашаға", "қарашада", "қарашадан"),
    "желтоқсан": ("желтоқсанға", "желтоқсанда", "желтоқсаннан"),
}
#: the word after the date -> the case it governs (0 dative, 1 locative, 2 ablative)
GOVERNS = {"дейін": 0, "бастап": 2,
           "жасалған": 1, "жасалды": 1, "берілген": 1, "аяқталған": 1, "қол": 1,
           "өткізілген": 1, "өтетін": 1, "қабылданған": 1, "тіркелген": 1, "мына": 1,
           "немесе": 1, "күшіне": 1}

_DATE = re.compile(r"(\d{4} жылғы \d{1,2}) (" + "|".join(MONTHS) + r")(?= (" +
                   "|".join(GOVERNS) + r")\b)")


def decline(text: str) -> str:
    """``text`` with each date followed by a word of :data:`GOVERNS` in that word's case."""
    return _DATE.sub(lambda m: f"{m.group(1)} {MONTHS[m.group(2)][GOVERNS[m.group(3)]]}",
                     text)


def decline_dates(docx: bytes) -> bytes:
    """The rendered Kazakh ``docx`` with :func:`decline` applied to each text run."""
    with zipfile.ZipFile(io.BytesIO(docx)) as src:
        root = etree.fromstring(src.read(BODY_PART))
        changed = False
        for t in root.iter(f"{{{W}}}t"):
            if t.text and "жылғы" in t.text:
                new = decline(t.text)
                if new != t.text:
                    t.text, changed = new, True
        if not changed:
            return docx
        body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, body if info.filename == BODY_PART
                             else src.read(info.filename))
    return out.getvalue()
