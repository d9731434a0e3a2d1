"""The glossary's terms meet only words of their own language, everyday words that mean
something else are not terms, and the fields' further terminology is in (issue 18)."""
from __future__ import annotations

from consortium import stemming
from consortium.glossary import CONCEPT_WEIGHTS, CONCEPTS


def _concepts(text: str, lang: str | None) -> set[str]:
    return {t[3:] for t in stemming.index_text([text], language=lang, field=None).split()
            if t.startswith("zzc")}


def test_a_term_matches_words_of_its_own_language_only():
    # Russian мало stems to мал, which is Kazakh мал "livestock"
    assert "livestock" not in _concepts("мало кто ведёт дневник", "ru")
    assert "livestock" in _concepts("мал шаруашылығы", "kk")
    # with no language given, a Cyrillic word may be either
    assert "livestock" in _concepts("мал", None)


def test_kazakh_derivational_endings_keep_a_root_of_four_letters():
    assert stemming.kazakh_stem("қалдықтар") == "қалдық"
    assert stemming.kazakh_stem("қала") != stemming.kazakh_stem("қалдықтар")
    assert "tailings" not in _concepts("қаладағы тұрмыстық қалдықтар", "kk")
    assert "tailings" in _concepts("байыту қалдықтары қоймасы", "kk")


def test_everyday_words_are_not_terms_and_the_fields_terms_are():
    assert "solar" not in _concepts("күн сайын", "kk")          # every day, not the sun
    assert "solar" in _concepts("күн электр станциясы", "kk")
    assert "wound" not in _concepts("the boilers burn more coal", "en")
    assert "irrigation" not in _concepts("watering the roads", "en")
    assert "watercut" in _concepts("обводненность скважин выросла", "ru")
    assert "artificiallift" in _concepts("electric submersible pump failures", "en")
    assert {"oxide_ore", "mastitis", "grid_losses"} <= set(CONCEPTS)
    assert CONCEPT_WEIGHTS["water"] < CONCEPT_WEIGHTS["desalination"]


def test_kazakh_possessive_after_a_vowel_and_verbal_endings_are_stripped():
    # энергия + possessive -сы + accusative -н; ауа + -сы + locative -нда + -ғы
    assert stemming.kazakh_stem("энергиясын") == stemming.kazakh_stem("энергия")
    assert stemming.kazakh_stem("ауасындағы") == "ауа"
    # present tense and participle keep the verb's stem, a noun's accusative stays a noun
    assert stemming.kazakh_stem("арттырады") == "арттыр"
    assert stemming.kazakh_stem("анықтайтын") == "анықта"
    assert stemming.kazakh_stem("мұнайды") == "мұнай"
    assert stemming.kazakh_stem("тұқым") == "тұқым"


def test_a_concept_only_the_background_names_is_marked():
    text = stemming.index_text(["Flotation recovery fell", "We make copper concentrate"],
                               language="en", field=None, secondary=(1,))
    toks = set(text.split())
    assert {"zzcoreflotation", "zzccopper"} <= toks       # both still found by search
    assert "zzkcopper" in toks and "zzkoreflotation" not in toks
