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


def test_a_term_of_a_short_stem_matches_its_own_forms_only():
    # Russian мёд "honey" and медь "copper" both stem to мед, семей "families" and семя
    # "seed" to сем, Урала "of the Ural" and уран "uranium" to ура
    assert stemming.stem("мёд".replace("ё", "е")) == stemming.stem("медь") == "мед"
    assert "copper" not in _concepts("мёд с пасеки", "ru")
    assert "copper" in _concepts("извлечение меди", "ru")        # a listed case form
    assert "seed" not in _concepts("треть семей пчёл", "ru")
    assert "seed" in _concepts("нет семян", "ru")
    assert "uranium" not in _concepts("рыбоводное хозяйство в дельте Урала", "ru")
    assert "uranium" in _concepts("добыча урана", "ru")         # уран + an ending
    # a term that only adds endings needs no list (мыс + -тың, газ + -а)
    assert "copper" in _concepts("мыстың өндірісі", "kk")
    assert "gas" in _concepts("утилизация попутного газа", "ru")


def test_a_kazakh_term_keeps_what_only_looks_like_an_ending():
    # қорғасын "lead" stems like қорғау "protection" and қорлар "reserves"; written in its
    # dictionary form, its -сын is part of the root
    assert stemming.kazakh_stem("қорғасын") == stemming.kazakh_stem("қорғасынның") == "қорға"
    assert "basemetals" in _concepts("мырыш пен қорғасын", "kk")
    assert "basemetals" in _concepts("қорғасынның мөлшері", "kk")
    assert "basemetals" not in _concepts("катодтық қорғау", "kk")
    assert "basemetals" not in _concepts("шаңнан қорғайтын жабын", "kk")
    assert "basemetals" not in _concepts("қорлар қайта бағаланады", "kk")


def test_kazakh_endings_are_stripped_in_their_order_and_in_harmony():
    # the verbal noun -у keeps the verb's stem: сұрыпта- "sort" is not сұрып "variety"
    # + locative -та, ұнтақта- "grind" not ұнтақ "powder"
    assert stemming.kazakh_stem("сұрыптау") == stemming.kazakh_stem("сұрыптауды") == "сұрыпта"
    assert stemming.kazakh_stem("сұрыптары") == "сұрып"
    assert stemming.kazakh_stem("ұнтақтау") == "ұнтақта"
    assert stemming.kazakh_stem("ұнтақ") == "ұнтақ"
    assert "cropbreeding" not in _concepts("тұрмыстық қалдықтарды сұрыптау", "kk")
    assert "cropbreeding" in _concepts("бидай сұрыптары", "kk")
    # an ending out of harmony with the stem is part of the root
    assert stemming.kazakh_stem("гектар") == stemming.kazakh_stem("гектарына") == "гектар"
    assert stemming.kazakh_stem("учаскелерді") == "учаске"
    # the instrumental has one form whatever the stem's vowels
    assert stemming.kazakh_stem("мұнаймен") == "мұнай"
    # an ending out of order (a case before a plural) is stripped when a long stem stays,
    # so that a root that ends like one stems the same inflected or not
    assert stemming.kazakh_stem("шегірткелер") == stemming.kazakh_stem("шегіртке")
    assert stemming.kazakh_stem("кендерді") == "кен"
