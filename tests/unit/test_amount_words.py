"""Amounts in words in Kazakh, Russian and English parse back to the figure; currencies are
declined; dates read as each language writes them.

The parser below is written from the languages' number words, independently of num2words
(which writes the words): it reads the words back to a number, so a wrong word, a missing
scale or a wrong order fails the test rather than being compared with itself.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from consortium.documents.language import amount_in_words, date_in, parse_amount

UNITS = {
    "en": {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
           "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
           "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90},
    "ru": {"ноль": 0, "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "три": 3,
           "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
           "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
           "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
           "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
           "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
           "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300,
           "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
           "восемьсот": 800, "девятьсот": 900},
    "kk": {"нөл": 0, "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6,
           "жеті": 7, "сегіз": 8, "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30,
           "қырық": 40, "елу": 50, "алпыс": 60, "жетпіс": 70, "сексен": 80, "тоқсан": 90},
}
HUNDRED = {"en": {"hundred"}, "ru": set(), "kk": {"жүз"}}
SCALES = {
    "en": {"thousand": 10**3, "million": 10**6, "billion": 10**9},
    "ru": {"тысяча": 10**3, "тысячи": 10**3, "тысяч": 10**3, "миллион": 10**6,
           "миллиона": 10**6, "миллионов": 10**6, "миллиард": 10**9, "миллиарда": 10**9,
           "миллиардов": 10**9},
    "kk": {"мың": 10**3, "миллион": 10**6, "миллиард": 10**9},
}
FILLER = {"en": {"and"}, "ru": set(), "kk": set()}


def parse_words(text: str, language: str) -> tuple[int, str]:
    """The number the leading number words of ``text`` say, and the rest of the text."""
    tokens = re.split(r"[\s,\-]+", text.strip())
    total = current = 0
    used = 0
    for token in tokens:
        if token in UNITS[language]:
            current += UNITS[language][token]
        elif token in HUNDRED[language]:
            current = (current or 1) * 100
        elif token in SCALES[language]:
            total += (current or 1) * SCALES[language][token]
            current = 0
        elif token in FILLER[language]:
            pass
        else:
            break
        used += 1
    assert used, f"no number words in {text!r}"
    return total + current, " ".join(tokens[used:])


def parse_amount_words(text: str, language: str) -> Decimal:
    """"один миллион один тенге 50 тиынов" -> Decimal("1000001.50")."""
    major, rest = parse_words(text, language)
    minor = re.search(r"\b(\d{2})\b", rest)
    assert minor, f"no minor units in {text!r}"
    return Decimal(major) + Decimal(minor.group(1)) / 100


AMOUNTS = ["0", "1", "2", "5", "11", "12", "21", "22", "100", "101", "111", "215.05",
           "1000", "1001", "2000", "5000", "21000", "100000", "999999.99", "1000000",
           "1000001.50", "2345678.09", "123456789.10", "1000000000"]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("figure", AMOUNTS)
def test_amount_in_words_parses_back_to_the_figure(language, figure):
    words = amount_in_words(figure, "KZT", language)
    assert parse_amount_words(words, language) == Decimal(figure), words


@pytest.mark.parametrize("currency", ["KZT", "USD", "EUR", "RUB"])
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_main_currency_parses_back(currency, language):
    words = amount_in_words("1 000 001.50", currency, language)
    assert parse_amount_words(words, language) == Decimal("1000001.50"), words


def test_the_example_amounts_read_as_a_lawyer_writes_them():
    assert amount_in_words("1 000 001.50", "KZT", "kk") == "бір миллион бір теңге 50 тиын"
    assert amount_in_words("1 000 001.50", "KZT", "ru") == \
        "один миллион один тенге 50 тиынов"
    assert amount_in_words("1 000 001.50", "KZT", "en") == \
        "one million and one tenge 50 tiyn"
    # the amount may carry its currency, as the benefit-plan documents format it
    assert amount_in_words("25 000 000.00 KZT", None, "kk") == \
        "жиырма бес миллион теңге 00 тиын"


@pytest.mark.parametrize("number,rub,kop,usd", [
    (1, "российский рубль", "копейка", "доллар США"),
    (2, "российских рубля", "копейки", "доллара США"),
    (4, "российских рубля", "копейки", "доллара США"),
    (5, "российских рублей", "копеек", "долларов США"),
    (11, "российских рублей", "копеек", "долларов США"),
    (12, "российских рублей", "копеек", "долларов США"),
    (21, "российский рубль", "копейка", "доллар США"),
    (22, "российских рубля", "копейки", "доллара США"),
    (25, "российских рублей", "копеек", "долларов США"),
])
def test_russian_currency_names_are_declined(number, rub, kop, usd):
    rubles = amount_in_words(f"{number}.{number:02d}", "RUB", "ru")
    assert rubles.endswith(f"{rub} {number:02d} {kop}"), rubles
    dollars = amount_in_words(f"{number}.00", "USD", "ru")
    assert f" {usd} 00 центов" in dollars, dollars
    # tenge is indeclinable in Russian; tiyn is declined
    tenge = amount_in_words(f"{number}.{number:02d}", "KZT", "ru")
    assert " тенге " in tenge


def test_kazakh_and_english_currency_forms():
    assert amount_in_words("2.01", "USD", "kk") == "екі АҚШ доллары 01 цент"
    assert amount_in_words("1.01", "USD", "en") == "one US dollar 01 cent"
    assert amount_in_words("2.02", "EUR", "en") == "two euros 02 cents"
    # an unknown currency is written by its code
    assert amount_in_words("3", "XAU", "en") == "three XAU"


def test_amounts_are_read_from_the_context_forms():
    assert parse_amount("1 234 567.50") == (Decimal("1234567.50"), None)
    assert parse_amount("1\u00a0234.50 KZT") == (Decimal("1234.50"), "KZT")
    with pytest.raises(ValueError):
        parse_amount("twelve")


def test_dates_in_each_language():
    day = dt.date(2026, 12, 1)
    assert date_in(day, "kk") == "2026 жылғы 1 желтоқсан"
    assert date_in(day, "ru") == "1 декабря 2026 г."
    assert date_in(day, "en") == "1 December 2026"
