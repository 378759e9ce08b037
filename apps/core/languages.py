"""The eleven languages Waypoint speaks, and their easy-language variants, declared once.

An easy-language variant (*Einfache Sprache*) is a target language of its own in the
translation workflow, with its own URL prefix and columns, but it *is* its base language for
everything that reads or speaks text: ``lang`` attributes, glossary matching, search, read-aloud
and the assistant all use :attr:`Language.base`. A region may enable the variants of its source
language only. Adding easy English later is one more line below (and ``makemigrations``).

This module is imported by the settings, so it must not import Django models or anything that
needs configured settings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # Django language code, also the URL prefix
    name: str  # English name, for logs and operators
    name_local: str  # what a speaker calls their language; shown in every language switcher
    bidi: bool  # written right to left
    script: str  # ISO 15924 script, used to group A–Z indexes and pick fonts
    variant_of: str = ""  # the language this is an easy-language variant of ("" if none)

    @property
    def base(self) -> str:
        """The language the text is written in, as far as language tools care."""
        return self.variant_of or self.code

    @property
    def tag(self) -> str:
        """What HTML's ``lang`` and ``hreflang`` say: easy German is German."""
        return self.base

    @property
    def is_variant(self) -> bool:
        return bool(self.variant_of)

    @property
    def dir(self) -> str:
        """The HTML ``dir`` of text in this language."""
        return "rtl" if self.bidi else "ltr"


LANGUAGES: tuple[Language, ...] = (
    Language("ar", "Arabic", "العربية", True, "Arab"),
    Language("zh-hans", "Chinese (Simplified)", "简体中文", False, "Hans"),
    Language("fa-af", "Dari", "دری", True, "Arab"),
    Language("nl", "Dutch", "Nederlands", False, "Latn"),
    Language("en", "English", "English", False, "Latn"),
    Language("de", "German", "Deutsch", False, "Latn"),
    Language("de-easy", "German (easy language)", "Deutsch – einfach", False, "Latn", "de"),
    Language("it", "Italian", "Italiano", False, "Latn"),
    Language("ru", "Russian", "Русский", False, "Cyrl"),
    Language("es", "Spanish", "Español", False, "Latn"),
    Language("uk", "Ukrainian", "Українська", False, "Cyrl"),
    Language("ur", "Urdu", "اردو", True, "Arab"),
)

BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)

# The (code, name) pairs Django's LANGUAGES setting expects. Names are native on purpose: a
# language is always offered under the name its readers recognise.
DJANGO_LANGUAGES: list[tuple[str, str]] = [(lang.code, lang.name_local) for lang in LANGUAGES]


def register_lang_info() -> None:
    """Teach Django about Dari, which it does not know (it would report ``fa-af`` as Persian),
    and about the easy-language variants."""
    from django.conf.locale import LANG_INFO

    for language in LANGUAGES:
        info = LANG_INFO.setdefault(language.code, {})
        info.update(
            code=language.code,
            name=language.name,
            name_local=language.name_local,
            bidi=language.bidi,
        )


def get(code: str) -> Language:
    return BY_CODE[code]


def base(code: str) -> str:
    """The language tools' language for ``code``: a variant's base, else ``code`` itself."""
    language = BY_CODE.get(code)
    return language.base if language else code


def tag(code: str) -> str:
    """The ``lang`` attribute for a text in ``code``."""
    return base(code)


#: The eleven languages of their own (no variants): UI catalogues, voices, search configs.
PRIMARY: tuple[Language, ...] = tuple(lang for lang in LANGUAGES if not lang.is_variant)
PRIMARY_CODES: tuple[str, ...] = tuple(lang.code for lang in PRIMARY)
#: Choices for what people speak (courses, counselling): nobody *speaks* a variant apart.
PRIMARY_CHOICES: list[tuple[str, str]] = [(lang.code, lang.name_local) for lang in PRIMARY]


def is_supported(code: str) -> bool:
    return code in BY_CODE
