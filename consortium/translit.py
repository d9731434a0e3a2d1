"""Loanwords across scripts: a Latin key for a Cyrillic or Latin stem.

Technical loanwords look alike in Russian, Kazakh and English once Cyrillic is written in
Latin letters and the usual endings are made equal: уран/uranium, мембрана/membrane,
катализатор/catalyst, полимер/polymer, сенсор/sensor. :func:`loan_key` gives such a word's
key (a rule-based transliteration, the spelling variants c/k, y/i, z/s, ph/f, x/ks, double
letters made single, a final -s dropped, the suffixes -ция/-tion, -ия/-y, -ический/-ic, -изм/-ism stripped, and
the first :data:`KEY_LEN` letters kept). The search pipeline indexes the key of each word
that no glossary concept covers (:func:`consortium.stemming.index_text`), tagged with the
word's language, and the matching counts a key shared by two different languages.
"""
from __future__ import annotations

import functools
import re

#: letters of a key kept: long enough to tell words apart, short enough that катализатор
#: and catalyst (katali-) or полимерный and polymer (polime-) meet
KEY_LEN = 7
#: shorter keys are too ambiguous (a 4-letter key must be a whole word: уран, uranium)
MIN_LEN = 4

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
    # Kazakh letters
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i",
}

#: endings made equal, longest first, applied to the transliterated or Latin word
#: (Russian -ция and English -tion both end as -ts/-t + vowel; -ический/-ical/-ic; -ия/-y)
_SUFFIXES = [
    ("icheskii", ""), ("icheskaia", ""), ("icheskoe", ""), ("ichesk", ""), ("ically", ""),
    ("ical", ""), ("tsiia", ""), ("tsii", ""), ("tsia", ""), ("tsi", ""), ("tion", ""),
    ("sion", "s"), ("iia", ""), ("ium", ""), ("izm", ""), ("ism", ""), ("ic", ""),
]

#: generic loanwords that every field uses: sharing them says nothing about the problem
#: (their keys are computed below, so the list is written as plain words)
_GENERIC_WORDS = """
технология technology система system метод method процесс process продукт product проект
project модуль module контроль control эффективность efficiency оптимизация optimisation
optimization анализ analysis автоматизация automation тип type модель model ресурс resource
компания company промышленность industry industrial стандарт standard норматив регион region
инновация innovation информация information цифровой digital комплекс complex формат format
параметр parameter качество зона zone период period профиль profile минимум minimum максимум
maximum база basis электрический electric electrical электроэнергия мониторинг monitoring
температура temperature минута minute оператор operator тест test импорт import экспорт export
результат result риск risk концепция concept энергия energy лаборатория laboratory материал
material станция station платформа platform конструкция construction термин term аппарат
стоп stop cost стоимость резерв reserve клиент client
Казахстан Kazakhstan казахский Kazakh қазақ Мангистау Mangystau Сарысу
""".split()


def _latin(word: str) -> str:
    return "".join(_CYR.get(ch, ch) for ch in word)


def _key(stem: str) -> str | None:
    if not stem or stem.isdigit():
        return None
    w = _latin(stem.lower())
    if not w.isalpha() or not w.isascii():
        return None
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= MIN_LEN:
            w = w[: -len(suffix)] + repl
            break
    # spelling variants of the same sounds
    w = (w.replace("ph", "f").replace("kh", "k").replace("ch", "k").replace("x", "ks")
         .replace("c", "k").replace("q", "k").replace("z", "s").replace("y", "i")
         .replace("j", "i").replace("w", "v").replace("h", ""))
    if w.endswith("s") and not w.endswith("ss") and len(w) > MIN_LEN:
        w = w[:-1]  # an English plural (биогаз and biogas alike end as bioga)
    w = re.sub(r"(.)\1+", r"\1", w)
    w = w.rstrip("aeiou") if len(w.rstrip("aeiou")) >= MIN_LEN else w
    if len(w) < MIN_LEN:
        return None
    return w[:KEY_LEN]


GENERIC = frozenset(k for k in map(_key, _GENERIC_WORDS) if k)


@functools.lru_cache(maxsize=65536)
def loan_key(stem: str) -> str | None:
    """The loanword key of a word or stem (Cyrillic or Latin), or None when it is too short
    or a generic word."""
    key = _key(stem)
    return None if key is None or key in GENERIC else key


def token(key: str, lang: str) -> str:
    """The index token of a key in a language (``zzt`` + e/r/k + key)."""
    return f"zzt{lang[0]}{key}"
