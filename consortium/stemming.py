"""The text pipeline every search uses: words, stems and the concepts of the field's glossary.

Text is cut into words, each word is stemmed in its language (Snowball through PyStemmer for
Russian and English, :func:`kazakh_stem` for Kazakh, which Snowball lacks), and every
glossary term found (:mod:`consortium.glossary`) adds its concept token, so that a Russian
request finds an English offer. The catalogue's matching (``consortium.catalogue.search``) and
the record lists' search (:mod:`consortium.search`) both index and query through it.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import Stemmer

from . import translit
from .glossary import CONCEPTS
from .glossary_fields import FORMS

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_KK_LETTERS = set("әғқңөұүһі")
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")

STOPWORDS = frozenset("""
a an and are as at be by for from in into is it of on or that the this to with we our
need needs want looking solution problem company use using which can not no than
и в во на с со по для от до из к о об что как это мы нам наш нужно нужен нужна не но или а
при без под над также который которые есть быть
және мен үшін бен пен да де бұл біз бізге біздің керек емес немесе онда осы сол
""".split())

#: Kazakh endings by the place they take in a word: root, derivation, plural, possessive,
#: case, then the adjectival -ғы/-гі that follows a locative (қаладағы). Each has a rank in
#: that order (0: a verbal ending, after which the verb's stem stays as it is); stripping
#: from the end, an ending of a lower rank than the last one stripped is in order, one of the
#: same or a higher rank cannot be an ending there (a case cannot come before a possessive:
#: қорғасын "lead" is not қор + ға + сын) and is part of the root unless a long stem stays.
_KK_RANK = {
    **dict.fromkeys("ғы гі қы кі".split(), 5),
    **dict.fromkeys("""ның нің дың дің тың тің ға ге қа ке на не да де та те нда нде дан ден
                       тан тен нан нен ды ді ты ті ны ні мен бен пен ын ін""".split(), 4),
    **dict.fromkeys("ы і сы сі сын сін ым ім мыз міз ыңыз іңіз".split(), 3),
    **dict.fromkeys("лар лер дар дер тар тер".split(), 2),
    **dict.fromkeys("лық лік дық дік тық тік шы ші".split(), 1),
    # the verbal noun -у (сұрыптау "sorting" is the verb сұрыпта-, not the noun сұрып
    # "variety" + -та), the converb -ып and the participle -ған: a verb's stem stays
    **dict.fromkeys("ып іп у ю ған ген қан кен".split(), 0),
}
#: Kazakh endings, longest first: plural, case and a few verbal suffixes (a stem of at
#: least three letters stays) ...
_KK_SUFFIXES = sorted("""
лар лер дар дер тар тер ның нің дың дің тың тің ға ге қа ке на не да де та те нда нде
дан ден тан тен нан нен ды ді ты ті ны ні мен бен пен ған ген
қан кен
""".split(), key=len, reverse=True)
#: ... the derivational -лық/-лік (a stem of at least four letters stays: қалдық "waste" is
#: not қал "city, stay" + дық) ...
_KK_DERIVED = sorted("лық лік дық дік тық тік".split(), key=len, reverse=True)
#: ... and possessive and verbal endings, which short roots end with too (a stem of at least
#: four letters stays: тұқым is not тұқ + ым)
_KK_SHORT = sorted("""
ы і сы сі ын ін ым ім мыз міз ыңыз іңіз шы ші ғы гі қы кі ып іп у ю
""".split(), key=len, reverse=True)
#: the possessive -сы/-сі (and -сын/-сін with the accusative) after a vowel, where it is
#: almost always that ending: a stem of three letters stays (ауасы, энергиясын, желісін)
_KK_POSS_AFTER_VOWEL = ("сын", "сін", "сы", "сі")
#: verbal endings of the present tense and the participle (арттырады, анықтайтын); a word
#: that has one keeps the verb's stem (at least four letters), without stripping further
_KK_VERBAL = sorted("ады еді атын етін йтын йтін".split(), key=len, reverse=True)
_KK_VOWELS = set("аәеиоөұүыіэюяу")
#: an ending out of order (see ``_KK_RANK``) is stripped only when a stem of this many
#: letters stays (шегірткелер: шегіртке + лер, then шегірт as шегіртке is stemmed)
_KK_OUT_OF_ORDER_KEEP = 4
#: vowel harmony: an ending's vowel is back after a stem whose last vowel is back and front
#: after a front one (гектар is not гек + тар, цистерна not цистер + на); и, у, ю, э say
#: nothing (in loanwords either may follow), and the instrumental -мен/-бен/-пен has one form
_KK_BACK = frozenset("аоұыя")
_KK_FRONT = frozenset("әеөүі")
_KK_NO_HARMONY = frozenset({"мен", "бен", "пен"})


def _kk_harmony(vowels: str) -> str | None:
    for ch in reversed(vowels):
        if ch in _KK_BACK:
            return "back"
        if ch in _KK_FRONT:
            return "front"
        if ch in _KK_VOWELS:
            return None
    return None

_stemmers = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}


def _kk_strip(word: str, suffix: str, keep: int, last: int) -> bool:
    """Whether ``suffix`` can be stripped off ``word`` after an ending of rank ``last``: a
    stem of ``keep`` letters with a vowel stays, and the ending is in order or a long stem
    stays."""
    rest = word[: -len(suffix)]
    if not word.endswith(suffix) or len(rest) < keep or not _KK_VOWELS & set(rest):
        return False
    if last == 0:
        return False  # a verb's stem stays
    ending, root = _kk_harmony(suffix), _kk_harmony(rest)
    if ending and root and ending != root and suffix not in _KK_NO_HARMONY:
        return False  # out of harmony: part of the root
    return _KK_RANK[suffix] < last or len(rest) >= max(keep, _KK_OUT_OF_ORDER_KEEP)


@functools.lru_cache(maxsize=65536)
def kazakh_endings(word: str) -> tuple[str, tuple[int, ...]]:
    """The stem of a Kazakh word and the ranks (``_KK_RANK``) of the endings stripped off
    it, last first (the verbal endings of ``_KK_VERBAL`` count as 0)."""
    for suffix in _KK_VERBAL:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)], (0,)
    ranks: list[int] = []
    last = 6  # nothing stripped yet
    changed = True
    while changed and len(word) > 3:
        changed = False
        for suffixes, keep in ((_KK_SUFFIXES, 3), (_KK_DERIVED, 4), (_KK_SHORT, 4)):
            if suffixes is _KK_SHORT:
                for suffix in _KK_POSS_AFTER_VOWEL:
                    n = len(word) - len(suffix)
                    if n >= 1 and word[n - 1] in _KK_VOWELS and _kk_strip(word, suffix, 3, last):
                        word, last = word[:n], _KK_RANK[suffix]
                        changed = True
                        break
                if changed:
                    break
            for suffix in suffixes:
                if _kk_strip(word, suffix, keep, last):
                    word, last = word[: -len(suffix)], _KK_RANK[suffix]
                    changed = True
                    break
            if changed:
                break
        if changed:
            ranks.append(last)
    return word, tuple(ranks)


def kazakh_stem(word: str) -> str:
    """Strip Kazakh endings (several, agglutinated), keeping a stem of three letters (four
    before a possessive or verbal ending, three before a possessive after a vowel), in the
    order endings take (``_KK_RANK``) and in vowel harmony with the stem: what precedes a
    verbal ending stays, an ending out of order is stripped only when four letters stay."""
    return kazakh_endings(word)[0]


def _lang_of(word: str, hint: str | None) -> str:
    if not _CYRILLIC.search(word):
        return "en"
    if hint == "kk" or _KK_LETTERS & set(word):
        return "kk"
    return "ru"


def stem(word: str, hint: str | None = None) -> str:
    lang = _lang_of(word, hint)
    if lang == "kk":
        return kazakh_stem(word)
    if word.isdigit():
        return word
    return _stemmers[lang].stemWord(word)


def words(text: str | None) -> list[str]:
    return [w for w in _WORD.findall((text or "").lower()) if w not in STOPWORDS]


def stems(text: str | None, hint: str | None = None) -> list[str]:
    """The stems of ``text``'s words, in order (stop words dropped)."""
    return [stem(w.replace("ё", "е"), hint) for w in words(text)]


def _script(word: str, hint: str | None) -> str:
    """The language a glossary term must be of to match ``word``: en for Latin words, kk
    or ru for Cyrillic ones when the text's language or the letters say so, "cyr" (either)
    when nothing does."""
    if not _CYRILLIC.search(word):
        return "en"
    if hint == "kk" or _KK_LETTERS & set(word):
        return "kk"
    return "ru" if hint == "ru" else "cyr"


def _scripts(text: str | None, hint: str | None = None) -> list[str]:
    return [_script(w, hint) for w in words(text)]


def _fits(term_lang: str, script: str) -> bool:
    return term_lang == script or (script == "cyr" and term_lang in ("ru", "kk"))


def concept_token(key: str) -> str:
    return "zzc" + key.replace("_", "")


#: a one-word glossary term whose stem is this short (or shorter) matches only words that
#: begin with the term, with another one-word term of its concept that stems the same or
#: with one of their listed case forms (``glossary_fields.FORMS``): other words merely stem
#: the same (Russian мёд and медь, семей and семя, урала and уран), more often the shorter
#: the stem. So does a one-word Kazakh term off which the stemmer takes a possessive or a
#: case ending: a term is written in its dictionary form, which has none, so that ending is
#: part of its root (қорғасын "lead" is not қорға- "protect" + -сын). A term of several
#: words has the others to tell it apart.
SHORT_STEM = 3
#: the rank (``_KK_RANK``) from which a Kazakh ending is a possessive or a case
_KK_INFLECTION = 3


def _needs_word(word: str, stem_: str, lang: str) -> bool:
    """Whether a one-word glossary term ``word`` (stem ``stem_``) matches only words that
    begin with it (or its listed forms): see :data:`SHORT_STEM`."""
    if len(stem_) <= SHORT_STEM:
        return True
    return lang == "kk" and any(r >= _KK_INFLECTION for r in kazakh_endings(word)[1])


def _plain(word: str) -> str:
    return word.replace("ё", "е")


@functools.cache
def _glossary_index() -> dict[str, list[tuple[tuple[str, ...], str, str,
                                             tuple[str, ...] | None]]]:
    """First stem -> [(stems of a term, concept key, the term's language, the words a
    one-word term's word must begin with, or None)], longest terms first."""
    index: dict[str, list] = {}
    # (concept, language, stem) -> the concept's one-word terms of that stem and their
    # listed case forms, as written
    forms: dict[tuple[str, str, str], set[str]] = {}
    terms_of: list[tuple[tuple[str, ...], tuple[str, ...], str, str]] = []
    for key, langs in CONCEPTS.items():
        for lang, terms in langs.items():
            for term in terms:
                seq = tuple(stems(term, lang))
                plain = tuple(_plain(w) for w in words(term))
                if not seq:
                    continue
                terms_of.append((seq, plain, key, lang))
                if len(seq) == 1:
                    forms.setdefault((key, lang, seq[0]), set()).update(
                        [plain[0]] + [_plain(f) for f in FORMS.get(plain[0], ())])
    for seq, plain, key, lang in terms_of:
        need = (tuple(sorted(forms[key, lang, seq[0]]))
                if len(seq) == 1 and _needs_word(plain[0], seq[0], lang) else None)
        index.setdefault(seq[0], []).append((seq, key, lang, need))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def _matches(seq: Sequence[str], scripts: Sequence[str] | None,
             plain: Sequence[str] | None = None):
    """(position, length, concept key) of every glossary term in the stem sequence ``seq``;
    with ``scripts`` (:func:`_scripts` of the same text) a term matches only words of its
    language, so that Russian мало (stem мал) is not Kazakh мал "livestock"; with ``plain``
    (:func:`words` of the same text) a one-word term of a short stem (or a Kazakh one with
    what looks like an ending) matches only words that begin with it or a listed form of it
    (:data:`SHORT_STEM`)."""
    index = _glossary_index()
    for i, s in enumerate(seq):
        for term, key, lang, need in index.get(s, ()):
            if tuple(seq[i:i + len(term)]) == term and (
                    scripts is None or _fits(lang, scripts[i])) and (
                    need is None or plain is None
                    or any(_plain(plain[i]).startswith(w) for w in need)):
                yield i, len(term), key


def concepts(seq: Sequence[str], scripts: Sequence[str] | None = None,
             plain: Sequence[str] | None = None) -> list[str]:
    """The concept keys of the glossary terms found in the stem sequence ``seq`` (of the
    words ``plain``, when given: see :func:`_matches`)."""
    found: list[str] = []
    for _i, _n, key in _matches(seq, scripts, plain):
        if key not in found:
            found.append(key)
    return found


def loan_tokens(plain: Sequence[str], seq: Sequence[str],
                scripts: Sequence[str]) -> list[str]:
    """The loanword tokens (:mod:`consortium.translit`) of the words no glossary term
    covers, tagged with the word's language (e, r or k; a Cyrillic word of no known
    language counts as Russian)."""
    covered: set[int] = set()
    for i, n, _key in _matches(seq, scripts, plain):
        covered.update(range(i, i + n))
    out: list[str] = []
    for i, w in enumerate(plain):
        if i in covered:
            continue
        key = translit.loan_key(w)
        if key:
            tok = translit.token(key, "ru" if scripts[i] == "cyr" else scripts[i])
            if tok not in out:
                out.append(tok)
    return out


def shown_words(parts: Iterable[str | None], *, language: str | None) -> dict[str, str]:
    """The words as written for the reasons of a match: each stem of ``parts`` and each
    loanword token (``zzt`` + language letter + key, as :func:`index_text` writes it) -> the
    first word of the text that gave it."""
    out: dict[str, str] = {}
    for part in parts:
        written = [w for w in _WORD.findall(part or "") if w.lower() not in STOPWORDS]
        plain = words(part)
        seq = stems(part, language)
        scripts = _scripts(part, language)
        for n, w in enumerate(plain):
            shown = written[n] if n < len(written) and written[n].lower() == w else w
            out.setdefault(seq[n], shown)
            key = translit.loan_key(w)
            if key:
                lang = "ru" if scripts[n] == "cyr" else scripts[n]
                out.setdefault(translit.token(key, lang), shown)
    return out


def code_tokens(prefix: str, codes: Iterable[str] | None) -> list[str]:
    """Tokens for each level of hierarchical codes (OKED 01.11 -> 01, 011, 0111)."""
    out: list[str] = []
    for code in codes or ():
        digits = re.sub(r"\D", "", code)
        for n in range(2, len(digits) + 1):
            token = f"zz{prefix}{digits[:n]}"
            if token not in out:
                out.append(token)
    return out


def secondary_token(key: str) -> str:
    """The token marking a concept that only a record's secondary texts name (``zzk``)."""
    return "zzk" + key.replace("_", "")


def index_text(parts: Iterable[str | None], *, language: str | None, field: str | None,
               sector_codes: Iterable[str] | None = (),
               science_codes: Iterable[str] | None = (),
               secondary: Iterable[int] = ()) -> str:
    """The ``search_text`` of a record: stems, concept tokens, field and code tokens.

    ``secondary`` are the positions in ``parts`` of texts that say what a record is about
    less than its headline does (an offer's summary beside its title and keywords, the
    background of a request: what the company makes): a concept found only there gets a
    :func:`secondary_token` besides its concept token, and the matching counts it less."""
    seq: list[str] = []
    scripts: list[str] = []
    plain: list[str] = []
    core_seq: list[str] = []
    core_scripts: list[str] = []
    core_plain: list[str] = []
    background = set(secondary)
    for n, part in enumerate(parts):
        part_seq, part_scripts = stems(part, language), _scripts(part, language)
        seq.extend(part_seq)
        scripts.extend(part_scripts)
        plain.extend(words(part))
        if n not in background:
            core_seq.extend(part_seq)
            core_scripts.extend(part_scripts)
            core_plain.extend(words(part))
    found = concepts(seq, scripts, plain)
    tokens = seq + [concept_token(k) for k in found]
    if background:
        core = set(concepts(core_seq, core_scripts, core_plain))
        tokens += [secondary_token(k) for k in found if k not in core]
    tokens += loan_tokens(plain, seq, scripts)
    if field:
        tokens.append("zzf" + field.replace("_", ""))
    tokens += code_tokens("s", sector_codes) + code_tokens("g", science_codes)
    return " ".join(tokens)


def query_groups(q: str | None, language: str | None = None) -> list[list[str]]:
    """A searcher's words as groups of alternatives (the stem, and the concept of a glossary
    term it is part of); a record matches when it has one token of every group."""
    seq = stems(q, language)
    groups = [[s] for s in seq]
    for i, n, key in _matches(seq, _scripts(q, language), words(q)):
        for g in groups[i:i + n]:
            if concept_token(key) not in g:
                g.append(concept_token(key))
    return groups[:12]
