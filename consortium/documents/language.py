"""Documents in Kazakh, Russian and English: dates, amounts in words and labels per language.

A document's context is built once, in Python, with language-neutral values where a value
reads differently in each language: a date (:class:`LocalDate`) or a label produced in
Python (:class:`Label`: an organisation's kind, a licence type...). Both are strings that
read as English, so every existing template and test sees what it saw before;
:func:`localize` turns them into the words of one language just before that language's
template is rendered (for a kk|ru pair, once per column).

Amounts are printed by the templates; the ``in_words`` filter writes one in words in the
document's language (``doc.language``) with the currency's name declined::

    {{ license.upfront_fee }} {{ license.currency }} ({{ license.upfront_fee|in_words(license.currency) }})

gives "1 000 001.50 KZT (one million and one tenge 50 tiyn)", "(бір миллион бір теңге 50
тиын)" or "(один миллион один тенге 50 тиынов)". The amount may carry its currency code
("1 234.50 KZT", as the benefit-plan documents format amounts): then no argument is needed.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date
from jinja2 import pass_context
from num2words import num2words

#: the document languages, in the order the interface offers them
LANGUAGES = ("kk", "ru", "en")
#: Word's language tags (w:lang) per document language
WORD_TAGS = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}
#: num2words' code for each language (it calls Kazakh "kz")
_NUM2WORDS = {"kk": "kz", "ru": "ru", "en": "en"}
#: the names of the languages, in each language (for the controlling-text clause)
LANGUAGE_NAMES = {
    "kk": {"kk": "қазақ", "ru": "орыс", "en": "ағылшын"},
    "ru": {"kk": "казахском", "ru": "русском", "en": "английском"},
    "en": {"kk": "Kazakh", "ru": "Russian", "en": "English"},
}

# -- currencies --------------------------------------------------------------------------------
#: per currency and language: (major unit forms, minor unit forms, minor unit feminine in ru).
#: Russian has three forms (1 / 2–4 / 5+, as "рубль, рубля, рублей"); Kazakh nouns do not
#: change after a numeral (one form); English singular and plural.
CURRENCIES: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "KZT": {"kk": (("теңге",), ("тиын",)),
            "ru": (("тенге", "тенге", "тенге"), ("тиын", "тиына", "тиынов")),
            "en": (("tenge", "tenge"), ("tiyn", "tiyn"))},
    "USD": {"kk": (("АҚШ доллары",), ("цент",)),
            "ru": (("доллар США", "доллара США", "долларов США"), ("цент", "цента", "центов")),
            "en": (("US dollar", "US dollars"), ("cent", "cents"))},
    "EUR": {"kk": (("еуро",), ("цент",)),
            "ru": (("евро", "евро", "евро"), ("цент", "цента", "центов")),
            "en": (("euro", "euros"), ("cent", "cents"))},
    "RUB": {"kk": (("Ресей рублі",), ("тиын",)),
            "ru": (("российский рубль", "российских рубля", "российских рублей"),
                   ("копейка", "копейки", "копеек")),
            "en": (("Russian rouble", "Russian roubles"), ("kopeck", "kopecks"))},
    "GBP": {"kk": (("фунт стерлинг",), ("пенс",)),
            "ru": (("фунт стерлингов", "фунта стерлингов", "фунтов стерлингов"),
                   ("пенс", "пенса", "пенсов")),
            "en": (("pound sterling", "pounds sterling"), ("penny", "pence"))},
    "CNY": {"kk": (("юань",), ("фэнь",)),
            "ru": (("юань", "юаня", "юаней"), ("фэнь", "фэня", "фэней")),
            "en": (("yuan", "yuan"), ("fen", "fen"))},
    "UZS": {"kk": (("өзбек сомы",), ("тийин",)),
            "ru": (("узбекский сум", "узбекских сума", "узбекских сумов"),
                   ("тийин", "тийина", "тийинов")),
            "en": (("Uzbek som", "Uzbek som"), ("tiyin", "tiyin"))},
    "KGS": {"kk": (("қырғыз сомы",), ("тыйын",)),
            "ru": (("киргизский сом", "киргизских сома", "киргизских сомов"),
                   ("тыйын", "тыйына", "тыйынов")),
            "en": (("Kyrgyz som", "Kyrgyz som"), ("tyiyn", "tyiyn"))},
}
def _russian_form(number: int, forms: tuple[str, ...]) -> str:
    if number % 10 == 1 and number % 100 != 11:
        return forms[0]
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return forms[1]
    return forms[2]


def unit_name(number: int, forms: tuple[str, ...], language: str) -> str:
    """The form of a currency unit that goes after ``number`` in ``language``."""
    if language == "ru":
        return _russian_form(number, forms)
    if language == "en":
        return forms[0] if number == 1 else forms[1]
    return forms[0]


def cardinal(number: int, language: str) -> str:
    """``number`` in words (num2words' cardinal) in ``language``."""
    return num2words(number, lang=_NUM2WORDS[language])


_AMOUNT = re.compile(r"^\s*(-?[\d\s\u00a0\u202f]+(?:[.,]\d+)?)\s*([A-Z]{3})?\s*$")


def parse_amount(value: Any) -> tuple[Decimal, str | None]:
    """An amount as the context holds it ("1 234 567.50", "1 234.50 KZT", a Decimal) and
    the currency code it carries, if any."""
    if isinstance(value, (Decimal, int)):
        return Decimal(value), None
    match = _AMOUNT.match(str(value))
    if not match:
        raise ValueError(f"not an amount: {value!r}")
    digits = re.sub(r"[\s\u00a0\u202f]", "", match.group(1)).replace(",", ".")
    try:
        return Decimal(digits), match.group(2)
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None


def amount_in_words(value: Any, currency: str | None = None, language: str = "en") -> str:
    """The amount in words with the currency declined: the major units in words, the minor
    units in figures, as Kazakh and Russian contracts write them ("бір миллион бір теңге 50
    тиын", "один миллион один тенге 50 тиынов", "one million and one tenge 50 tiyn").
    An unknown currency is written by its code after the words."""
    amount, carried = parse_amount(value)
    code = (currency or carried or "").upper()
    negative = amount < 0
    amount = abs(amount).quantize(Decimal("0.01"))
    major = int(amount)
    minor = int((amount - major) * 100)
    words = cardinal(major, language)
    forms = CURRENCIES.get(code, {}).get(language)
    if forms is None:
        text = f"{words} {code}".strip()
        if minor:
            text += f" {minor:02d}/100"
    else:
        major_forms, minor_forms = forms
        text = f"{words} {unit_name(major, major_forms, language)} " \
               f"{minor:02d} {unit_name(minor, minor_forms, language)}"
    if negative:
        text = {"kk": "минус ", "ru": "минус ", "en": "minus "}[language] + text
    return text


@pass_context
def in_words_filter(context, value: Any, currency: str | None = None) -> str:
    """Jinja filter ``in_words``: ``value`` in words in the document's language; "" for an
    empty amount."""
    if value is None or str(value).strip() == "":
        return ""
    doc = context.get("doc") or {}
    language = doc.get("language", "en") if isinstance(doc, dict) else "en"
    return amount_in_words(value, currency, language if language in LANGUAGES else "en")


# -- dates ------------------------------------------------------------------------------------

def date_in(value: dt.date, language: str) -> str:
    """"2026 жылғы 1 желтоқсан", "1 декабря 2026 г.", "1 December 2026"."""
    if language == "kk":
        return f"{value.year} жылғы {value.day} {format_date(value, 'MMMM', locale='kk')}"
    if language == "ru":
        return format_date(value, "d MMMM y 'г.'", locale="ru")
    return format_date(value, "d MMMM y", locale="en_GB")


class Localized(str):
    """A context string that reads differently in each document language; as a str it is
    the English (what every English template and test sees)."""

    def in_language(self, language: str) -> str:  # pragma: no cover - overridden
        return str(self)


class LocalDate(Localized):
    """A date: "1 December 2026", "2026 жылғы 1 желтоқсан", "1 декабря 2026 г."."""

    date: dt.date

    def __new__(cls, value: dt.date) -> LocalDate:
        obj = super().__new__(cls, date_in(value, "en"))
        obj.date = value
        return obj

    def __reduce__(self):        # copies and pickles keep the date
        return (LocalDate, (self.date,))

    def in_language(self, language: str) -> str:
        return date_in(self.date, language)


#: labels produced in Python that documents print (organisation kinds), per language
LABELS: dict[str, dict[str, str]] = {
    "university": {"kk": "университет", "ru": "университет"},
    "research institute": {"kk": "ғылыми-зерттеу институты",
                           "ru": "научно-исследовательский институт"},
    "enterprise": {"kk": "кәсіпорын", "ru": "предприятие"},
    "government body": {"kk": "мемлекеттік орган", "ru": "государственный орган"},
    "fund": {"kk": "қор", "ru": "фонд"},
    "exclusive": {"kk": "айрықша", "ru": "исключительная"},
    "non-exclusive": {"kk": "айрықша емес", "ru": "неисключительная"},
    "option": {"kk": "опцион", "ru": "опцион"},
}


class Amount(Localized):
    """An amount in figures: "1 234 567.50" in English, "1 234 567,50" in Kazakh and Russian
    (the decimal comma of both languages; the thousands stay plain spaces)."""

    def in_language(self, language: str) -> str:
        return str(self).replace(".", ",") if language in ("kk", "ru") else str(self)


class Label(Localized):
    """An English label with its Kazakh and Russian (from :data:`LABELS`, else the
    interface catalogue through flask_babel in that locale)."""

    def in_language(self, language: str) -> str:
        english = str(self)
        if language == "en" or not english:
            return english
        known = LABELS.get(english.lower(), {}).get(language)
        if known:
            return known
        try:
            from flask_babel import force_locale, gettext
            with force_locale(language):
                return gettext(english)
        except RuntimeError:      # outside an application: the English
            return english


def localize(value: Any, language: str) -> Any:
    """``value`` (a context, recursively) with every :class:`Localized` string in
    ``language``; English leaves the context as it is."""
    if language == "en":
        return value
    if isinstance(value, Localized):
        return value.in_language(language)
    if isinstance(value, dict):
        return {k: localize(v, language) for k, v in value.items()}
    if isinstance(value, list):
        return [localize(v, language) for v in value]
    if isinstance(value, tuple):
        return tuple(localize(v, language) for v in value)
    return value
