"""The UI's gettext catalogues: compiled and checked in pure Python (polib).

GNU gettext is needed only to *extract* new strings (makemessages); compiling and checking work
on any machine, so `make run` never depends on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import to_locale

from apps.core import languages

# Python %-format placeholders and {{ var }}-style names that must survive translation.
PLACEHOLDER = re.compile(r"%\([a-zA-Z_]+\)[sdf]|%(?:\.\d)?[sdf]")


@dataclass(frozen=True)
class Problem:
    language: str
    msgid: str
    issue: str

    def __str__(self) -> str:
        return f"{self.language}: {self.issue}: {self.msgid[:60]!r}"


def catalogue_path(code: str, domain: str = "django") -> Path:
    return Path(settings.LOCALE_PATHS[0]) / to_locale(code) / "LC_MESSAGES" / f"{domain}.po"


def compile_all() -> list[Path]:
    written = []
    for code in languages.PRIMARY_CODES:
        po_path = catalogue_path(code)
        if po_path.exists():
            mo_path = po_path.with_suffix(".mo")
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


def problems() -> list[Problem]:
    """Every missing catalogue, untranslated or fuzzy entry, and lost placeholder."""
    found: list[Problem] = []
    for code in languages.PRIMARY_CODES:
        path = catalogue_path(code)
        if not path.exists():
            found.append(Problem(code, "", "catalogue missing"))
            continue
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                found.append(Problem(code, entry.msgid, "fuzzy"))
                continue
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            )
            if not all(text.strip() for text in translations):
                found.append(Problem(code, entry.msgid, "untranslated"))
                continue
            expected = sorted(PLACEHOLDER.findall(entry.msgid))
            for text in translations:
                # Plural forms may drop a number placeholder (e.g. "one" written out).
                if sorted(PLACEHOLDER.findall(text)) != expected and not entry.msgid_plural:
                    found.append(Problem(code, entry.msgid, "placeholders differ"))
                    break
    return found
