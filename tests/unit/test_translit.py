"""Loanwords across scripts (consortium.translit) and their tokens in the search pipeline."""
from consortium import stemming, translit
from consortium.catalogue import matching


def test_loanwords_meet_across_scripts():
    pairs = [("уран", "uranium"), ("мембраны", "membrane"), ("мембранасы", "membrane"),
             ("катализатора", "catalysts"), ("полимерный", "polymer"), ("сенсоры", "sensors"),
             ("хромит", "chromite"), ("флотации", "flotation"), ("каталитический", "catalytic")]
    for cyr, lat in pairs:
        assert translit.loan_key(cyr) is not None, cyr
        assert translit.loan_key(cyr) == translit.loan_key(lat), (cyr, lat)


def test_different_words_stay_apart():
    assert translit.loan_key("компост") != translit.loan_key("композит")
    assert translit.loan_key("уран") != translit.loan_key("урожай")


def test_short_generic_and_non_words_have_no_key():
    for word in ("газ", "oil", "2026", "технология", "technology", "система", "system",
                 "Казахстан", "Kazakhstan"):
        assert translit.loan_key(word) is None, word


def test_index_text_tags_loanwords_not_covered_by_the_glossary():
    # scandium is no glossary term (vanadium became one with the fields' vocabulary)
    ru = stemming.index_text(["Извлечение скандия из шлаков"], language="ru", field=None)
    en = stemming.index_text(["Scandium recovery from slags"], language="en", field=None)
    assert "zztrskand" in ru.split() and "zzteskand" in en.split()
    # uranium is a glossary concept: its concept token, no loanword token
    assert "zzcuranium" in stemming.index_text(["урана"], language="ru", field=None).split()
    # a word a glossary term covers gets its concept, not a loanword token
    poly = stemming.index_text(["полимер"], language="ru", field=None)
    assert not [t for t in poly.split() if t.startswith("zzt")]


def test_a_loanword_shared_across_languages_counts_in_the_score():
    def feats(text, lang):
        return matching.features_of(stemming.index_text([text], language=lang, field=None),
                                    field=None, trl=None, region=None)
    req = feats("Извлечение скандия", "ru")
    with_loan = matching.score(req, feats("Scandium recovery", "en"))
    without = matching.score(req, feats("Wheat harvest", "en"))
    assert with_loan[0] > without[0]
    assert any(r["code"] == "shared_terms" for r in with_loan[1])
    # the same loanword in the same language is a shared stem, not counted twice
    assert matching._cross_loans({"ruran"}, {"ruran"}) == set()
    assert matching._cross_loans({"ruran"}, {"euran"}) == {"uran"}
    # the candidate step looks for the word in the other languages
    toks = matching._tokens(req, stemming.index_text(["скандия"], language="ru", field=None))
    assert "zzteskand" in toks and "zztkskand" in toks and "zztrskand" not in toks


def test_shared_terms_name_the_words_as_written():
    def feats(text, lang):
        f = matching.features_of(stemming.index_text([text], language=lang, field=None),
                                 field=None, trl=None, region=None)
        f.shown = stemming.shown_words([text], language=lang)
        return f
    req = feats("Извлечение скандия из шлаков", "ru")
    _, reasons = matching.score(req, feats("Scandium recovery from residues", "en"))
    terms = next(r["params"]["terms"] for r in reasons if r["code"] == "shared_terms")
    # the offer's word and the request's, not the Latin key
    assert terms == "Scandium (скандия)" and "skand" not in terms
    _, reasons = matching.score(feats("Flotation of Copper ores", "en"),
                                feats("Copper ores", "en"))
    # a shared stem is shown as the offer writes it
    assert "Copper" in next(r["params"]["terms"] for r in reasons
                            if r["code"] == "shared_terms")


def test_candidate_tokens_keep_loanwords_ahead_of_the_stems_of_a_long_text():
    long_text = " ".join(["пшеница засуха урожай"] * 5 + [f"слово{n}" for n in range(60)]
                         + ["скандия"])
    text = stemming.index_text([long_text], language="ru", field=None)
    toks = matching._tokens(matching.features_of(text, field=None, trl=None, region=None),
                            text)
    non_concepts = [t for t in toks if not t.startswith("zzc")]
    # the candidate step keeps the first 40 tokens that are not concepts
    assert "zzteskand" in non_concepts[:40]
    assert toks.index("zzcwheat") < toks.index("zzteskand")
