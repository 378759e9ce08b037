"""What a person typed, made into a query — or a clear reason why it cannot be one.

Nothing typed can cause an error: empty or overlong input, control characters and words mixing
scripts each get a message the page shows (in the reader's language), and the query is made of
what remains.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from apps.search.stopwords import stopwords
from apps.search.text import fold, is_chinese, light_stem, mixes_scripts, stem, words

MAX_LENGTH = 200
MAX_TERMS = 12

EMPTY = _("Type a word or a question, for example “register address”.")
TOO_LONG = _("That is too long to search for. Please use a few words (at most %(limit)d letters).")
UNREADABLE = _("We could not read any words in your search. Please type letters or numbers.")
CONTROL_LEFT_OUT = _("Some characters that cannot be searched for were left out.")
SCRIPTS_SPLIT = _("Some words mixed different alphabets; we searched for their parts separately.")


@dataclass(frozen=True)
class Term:
    """One word of a query: as folded (for the original's words and the vocabulary), and its
    stem for the reader's language (where the database does not stem itself)."""

    word: str
    stem: str
    prefix: bool  # also matches longer words that start with it
    source_stem: str = ""  # its stem in the original's language (anmeldung → anmeld)


@dataclass
class Query:
    code: str
    text: str = ""  # what was typed, cleaned, to show back in the search field
    terms: list[Term] = field(default_factory=list)
    problem: str = ""  # why there is nothing to search for
    notices: list[str] = field(default_factory=list)
    source: str = "de"  # the language the originals are written in

    @property
    def normalised(self) -> str:
        """The query as content gaps count it: folded words in order, numbers left out."""
        return " ".join(term.word for term in self.terms if not term.word.isdigit())[:MAX_LENGTH]


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\t\n\r"


def make_term(word: str, code: str, source: str) -> Term:
    stemmed = stem(word, code)
    long_enough = len(word) >= 2 if is_chinese(word) else len(stemmed) >= 4
    return Term(word, stemmed, long_enough, stem(word, source) if source != code else stemmed)


def parse(raw: str | None, code: str, source: str = "de", *, limit: int = MAX_LENGTH) -> Query:
    """``raw`` (what someone typed, at most ``limit`` characters) as a query for readers of
    ``code`` of texts originally written in ``source``."""
    raw = raw or ""
    if len(raw) > limit:
        return Query(code, raw[:limit], problem=str(TOO_LONG) % {"limit": limit})
    query = Query(code, source=source)
    cleaned = "".join(" " if _is_control(char) else char for char in raw)
    if cleaned != raw:
        query.notices.append(str(CONTROL_LEFT_OUT))
    query.text = re.sub(r"\s+", " ", cleaned).strip()
    if not query.text:
        query.problem = str(EMPTY if not raw.strip() else UNREADABLE)
        return query
    folded = fold(query.text, code)
    found = words(folded)
    if mixes_scripts(folded):
        query.notices.append(str(SCRIPTS_SPLIT))
    if not found:
        query.problem = str(UNREADABLE)
        return query
    ignored = stopwords(code)
    meaningful = [word for word in found if word not in ignored] or found
    seen: set[str] = set()
    for word in meaningful:
        if word not in seen and len(query.terms) < MAX_TERMS:
            seen.add(word)
            query.terms.append(make_term(word, code, source))
    return query


def with_corrections(query: Query, corrections: dict[str, str]) -> Query:
    """``query`` with the corrected spelling of mistyped words searched for as well."""
    extra = [make_term(word, query.code, query.source) for word in corrections.values()]
    terms = [*query.terms, *extra]
    return Query(query.code, query.text, terms, query.problem, query.notices, query.source)


def simple_prefix(term: Term, code: str) -> str:
    """What a database that does not stem (PostgreSQL's ``simple``) should look for as a
    prefix: the word with its inflection ending cut (Ukrainian, Dari, Urdu)."""
    return light_stem(term.word, code)
