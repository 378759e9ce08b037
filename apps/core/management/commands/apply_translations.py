"""Write translations of UI strings into the catalogues from one JSON file.

After ``make messages`` extracts new strings, a translator (or a helper) writes a file such as::

    {"Save for offline": {"de": "Offline speichern", "ar": "...", ...},
     "%(count)s result": {"de": ["%(count)s Treffer", "%(count)s Treffer"], ...}}

(a list for the plural forms of a ``msgid_plural`` entry; an entry with a context —
``pgettext``, ``{% translate "By" context "…" %}`` — is keyed ``"<context>\u0004<msgid>"`` as
in compiled catalogues) and this command puts each text into
``locale/<lang>/LC_MESSAGES/django.po``, clearing "fuzzy", then compiles (and re-wraps the
files as GNU gettext does, where it is installed). Entries it cannot
place are listed, so nothing is lost silently.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError

from apps.core.catalogues import catalogue_path, compile_all


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid


class Command(BaseCommand):
    help = "Apply translations of UI strings from a JSON file to the .po catalogues."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            wanted: dict[str, dict[str, str | list[str]]] = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        by_language: dict[str, dict[str, str | list[str]]] = {}
        for msgid, texts in wanted.items():
            for code, text in texts.items():
                by_language.setdefault(code, {})[msgid] = text
        missing = []
        for code, texts in sorted(by_language.items()):
            path = catalogue_path(code)
            catalogue = polib.pofile(str(path))
            entries = {_key(entry): entry for entry in catalogue if not entry.obsolete}
            for msgid, text in texts.items():
                entry = entries.get(msgid)
                if entry is None:
                    missing.append(f"{code}: {msgid[:60]!r}")
                    continue
                if entry.msgid_plural:
                    forms = text if isinstance(text, list) else [text]
                    count = len(entry.msgstr_plural) or 2
                    entry.msgstr_plural = {
                        index: forms[min(index, len(forms) - 1)] for index in range(count)
                    }
                else:
                    entry.msgstr = text if isinstance(text, str) else text[0]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = None
            catalogue.save(str(path))
            if shutil.which("msgcat"):
                # polib wraps long lines its own way; GNU's wrapping keeps diffs to what changed.
                subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)  # noqa: S603, S607
        compile_all()
        for line in missing:
            self.stderr.write(f"not in the catalogue (run `make messages`): {line}")
        self.stdout.write(f"Applied translations for {len(by_language)} languages.")
