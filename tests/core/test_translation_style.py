"""Each language reads as one voice: the choices in ``locale/<lang>/STYLE.md`` hold for the UI
catalogue and the demo content alike (a reviewer fluent in the languages found them mixed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "apps" / "demo" / "data"
LOCALES = {"fa-af": "fa_AF", "it": "it", "ar": "ar"}
HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")


def catalogue_texts(code: str) -> list[str]:
    catalogue = polib.pofile(str(ROOT / "locale" / LOCALES[code] / "LC_MESSAGES" / "django.po"))
    texts = []
    for entry in catalogue:
        texts += list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    return texts


def demo_texts(code: str) -> list[str]:
    """Every text of the demo data in ``code``: under its key, or in its overlay file."""
    found: list[str] = []

    def walk(value, mine: bool) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, mine or key == code)
        elif isinstance(value, list):
            for item in value:
                walk(item, mine)
        elif isinstance(value, str) and mine:
            found.append(value)

    for path in sorted(DATA.rglob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.stem == code)
    return found


def offending(texts: list[str], pattern: re.Pattern) -> list[str]:
    return [match.group(0) for text in texts for match in pattern.finditer(HARAKAT.sub("", text))]


@pytest.mark.parametrize("source", [catalogue_texts, demo_texts])
def test_dari_uses_afghan_forms_and_one_kind_of_digits(source):
    texts = source("fa-af")
    assert texts
    assert offending(texts, re.compile("[۰-۹٠-٩]")) == []  # digits are 0-9 throughout
    iranian = re.compile("پیش‌نویس|سازمان|آپارتمان|مؤسسه|شماره تیلفون")
    assert offending(texts, iranian) == []


def test_dari_calls_the_ground_floor_one_thing():
    places = json.loads((DATA / "places.json").read_text(encoding="utf-8"))["places"]
    dari = json.loads((DATA / "places" / "fa-af.json").read_text(encoding="utf-8"))
    for place in places:
        german, text = place["directions"]["de"], dari[place["slug"]]["directions"]
        if "Erdgeschoss" in german:
            assert "منزل همکف" in text and "منزل اول" not in text, place["slug"]


@pytest.mark.parametrize("source", [catalogue_texts, demo_texts])
def test_italian_addresses_the_reader_as_lei(source):
    texts = source("it")
    plural = re.compile(
        r"\b(?:voi|vostr[oaie]|Iscrivetevi|Portate|Chiedete|Scegliete|Scrivete|Indicate"
        r"|Lasciate|Provate|Riprovate|Conservate|potete|siete)\b"
        # nor "tu" in a sentence (labels such as "Cerca" or "Salva" are labels, not address)
        r"|\b(?:Scegli|Correggi|Carica (?:un|prima|qui)|Scrivi un anno|puoi|devi|tuo|tua|tuoi|tue)\b"
    )
    assert offending(texts, plural) == []


@pytest.mark.parametrize("source", [catalogue_texts, demo_texts])
def test_arabic_addresses_the_reader_in_the_singular(source):
    texts = source("ar")
    # You (plural), your (plural), and plural verbs of the reader: "you get", "bring!", "you were".
    word = "[\u0621-\u064a]"
    plural = re.compile(
        rf"(?<!{word})(?:أنتم|{word}{{2,}}كم|[وفس]?ت{word}+ون|[وف]?(?:أحضروا|احجزوا|اسألوا"
        rf"|سجلوا|خذوا|اتصلوا|قدموا|احتفظوا)|كنتم)(?!{word})"
    )
    allowed = {"وكم", "تلفزيون", "والتلفزيون", "تكون", "تتكون", "وتكون"}  # singular, or nouns
    found = [word for word in offending(texts, plural) if word not in allowed]
    assert found == []
