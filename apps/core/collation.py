"""Alphabetical order as each language's readers expect it: ICU collation (PyICU, CLDR rules).

Code points put Dari's پ and ک after و and Urdu's ٹ ڈ ڑ ہ ے at the very end; German files Ä
under A, Spanish has its own Ñ, Ukrainian its Ґ Є І Ї, Chinese is ordered by pinyin. Every
alphabetical list a reader sees is ordered here — in Python (:func:`sort_key`) or in SQL
(:func:`sql_order`, so that the API can paginate in the same order) — and A–Z indexes take
their letters from :func:`index_letter`.

The database orders with the same ICU rules: PostgreSQL through collations created by
``apps/core/migrations/0003_collations.py`` (its ICU is the system's, like PyICU's), SQLite
through collations of the same names registered on each connection (:func:`register_sqlite`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

import icu
from django.conf import settings
from django.db.models import Expression, F, Value
from django.db.models.functions import Coalesce, Collate, Lower, NullIf
from modeltranslation.utils import build_localized_fieldname

from apps.core import languages

T = TypeVar("T")

#: Django language code → ICU locale where they differ. Dari is ordered like Persian: CLDR's
#: ``fa_AF`` collation imports Pashto's, which puts ه before و, unlike the Dari alphabet.
_ICU_LOCALES = {"zh-hans": "zh", "fa-af": "fa"}

_local = threading.local()  # ICU collators are not shared between threads


def icu_locale(code: str) -> str:
    code = languages.base(code)
    return _ICU_LOCALES.get(code, code.replace("-", "_"))


def collator(code: str) -> icu.Collator:
    """The collator of language ``code`` (one per thread)."""
    collators = getattr(_local, "collators", None)
    if collators is None:
        collators = _local.collators = {}
    if code not in collators:
        collators[code] = icu.Collator.createInstance(icu.Locale(icu_locale(code)))
    return collators[code]


def sort_key(code: str) -> Callable[[str], bytes]:
    """A key for ``sorted()`` that orders texts as readers of ``code`` expect."""
    return collator(code).getSortKey


def sorted_by(items: Iterable[T], text: Callable[[T], str], code: str) -> list[T]:
    """``items`` in the alphabetical order of ``text(item)`` for readers of ``code``."""
    key = sort_key(code)
    return sorted(items, key=lambda item: key(text(item)))


_NORMAL_BUCKET = 0  # ICU's U_ALPHAINDEX_NORMAL: not before, between or after the alphabet


@cache
def _alphabetic_index(code: str):
    return icu.AlphabeticIndex(icu.Locale(icu_locale(code))).buildImmutableIndex()


def index_letter(word: str, code: str) -> str:
    """The letter a word is filed under in an A–Z index of language ``code``: Ä under A in
    German, Ñ on its own in Spanish, پ on its own in Dari, 银行 under Y in Chinese; ``#`` for
    a word that begins with no letter of the language's alphabet."""
    index = _alphabetic_index(code)
    label, kind = index.getBucket(index.getBucketIndex(word.strip()))
    return label if kind == _NORMAL_BUCKET else "#"


def letter_order(code: str) -> Callable[[str], tuple]:
    """A key that orders index letters (``#`` last)."""
    key = sort_key(code)
    return lambda letter: (letter == "#", key(letter))


# --- in SQL ---------------------------------------------------------------------------------


def collation_name(code: str) -> str:
    """An easy-language variant is ordered as its base language (one collation for both)."""
    return f"waypoint-{languages.base(code)}"


def sql_order(expression: Expression, code: str) -> Expression:
    """``expression`` (text) as an ORDER BY key in the alphabetical order of ``code``."""
    return Collate(Lower(expression), collation_name(code))


def translated_field_order(field: str, code: str) -> Expression:
    """An ORDER BY key for a modeltranslation field as readers of ``code`` see it (their
    column, else the fallback languages'), in their alphabetical order."""
    columns = [code, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES]
    shown = Coalesce(
        *(NullIf(F(build_localized_fieldname(field, column)), Value("")) for column in columns),
        Value(""),
    )
    return sql_order(shown, code)


def register_sqlite(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: SQLite learns the collations PostgreSQL has."""
    if connection.vendor != "sqlite":
        return
    for language in languages.PRIMARY:
        connection.connection.create_collation(
            collation_name(language.code), _compare(language.code)
        )


def _compare(code: str) -> Callable[[str, str], int]:
    def compare(left: str, right: str) -> int:
        return collator(code).compare(left or "", right or "")

    return compare
