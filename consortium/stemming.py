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

from .glossary import CONCEPTS

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

#: Kazakh endings, longest first: plural, case and a few derivational suffixes (a stem of at
#: least three letters stays) ...
_KK_SUFFIXES = sorted("""
лар лер дар дер тар тер ның нің дың дің тың тің ға ге қа ке на не да де та те нда нде
дан ден тан тен нан нен ды ді ты ті ны ні мен бен пен лық лік дық дік тық тік ған ген
қан кен
""".split(), key=len, reverse=True)
#: ... and possessive and verbal endings, which short roots end with too (a stem of at least
#: four letters stays: тұқым is not тұқ + ым)
_KK_SHORT = sorted("""
ы і сы сі ын ін ым ім мыз міз ыңыз іңіз шы ші ғы гі қы кі ып іп у ю
""".split(), key=len, reverse=True)

_stemmers = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}


def kazakh_stem(word: str) -> str:
    """Strip Kazakh endings (several, agglutinated), keeping a stem of three letters (four
    before a possessive or verbal ending)."""
    changed = True
    while changed and len(word) > 3:
        changed = False
        for suffixes, keep in ((_KK_SUFFIXES, 3), (_KK_SHORT, 4)):
            for suffix in suffixes:
                if word.endswith(suffix) and len(word) - len(suffix) >= keep:
                    word = word[: -len(suffix)]
                    changed = True
                    break
            if changed:
                break
    return word


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


def concept_token(key: str) -> str:
    return "zzc" + key.replace("_", "")


@functools.cache
def _glossary_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First stem -> [(stems of a term, concept key)], longest terms first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, langs in CONCEPTS.items():
        for lang, terms in langs.items():
            for term in terms:
                seq = tuple(stems(term, lang))
                if seq:
                    index.setdefault(seq[0], []).append((seq, key))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def concepts(seq: Sequence[str]) -> list[str]:
    """The concept keys of the glossary terms found in the stem sequence ``seq``."""
    index = _glossary_index()
    found: list[str] = []
    for i, s in enumerate(seq):
        for term, key in index.get(s, ()):
            if tuple(seq[i:i + len(term)]) == term and key not in found:
                found.append(key)
    return found


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


def index_text(parts: Iterable[str | None], *, language: str | None, field: str | None,
               sector_codes: Iterable[str] | None = (),
               science_codes: Iterable[str] | None = ()) -> str:
    """The ``search_text`` of a record: stems, concept tokens, field and code tokens."""
    seq: list[str] = []
    for part in parts:
        seq.extend(stems(part, language))
    tokens = seq + [concept_token(k) for k in concepts(seq)]
    if field:
        tokens.append("zzf" + field.replace("_", ""))
    tokens += code_tokens("s", sector_codes) + code_tokens("g", science_codes)
    return " ".join(tokens)


def query_groups(q: str | None, language: str | None = None) -> list[list[str]]:
    """A searcher's words as groups of alternatives (the stem, and the concept of a glossary
    term it is part of); a record matches when it has one token of every group."""
    seq = stems(q, language)
    groups = [[s] for s in seq]
    index = _glossary_index()
    for i, s in enumerate(seq):
        for term, key in index.get(s, ()):
            if tuple(seq[i:i + len(term)]) == term:
                for g in groups[i:i + len(term)]:
                    if concept_token(key) not in g:
                        g.append(concept_token(key))
    return groups[:12]
