"""The eleven languages Waypoint speaks, declared once.

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
    """Teach Django about Dari, which it does not know (it would report ``fa-af`` as Persian)."""
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


def is_supported(code: str) -> bool:
    return code in BY_CODE
