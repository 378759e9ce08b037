"""Titles and names are one line of visible text, whatever people type or import."""

from __future__ import annotations

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from apps.core import text
from apps.core.forms import TopicForm
from apps.statistics.forms import DatasetForm

ZWNJ = "\u200c"  # Dari and Urdu need it inside words


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Deutschkurs\r\nfür Frauen", "Deutschkurs für Frauen"),
        ("  Nähcafé\t(neu)\n", "Nähcafé (neu)"),
        ("Kurs\x00\x07\x1b[31m", "Kurs[31m"),
        ("\u202eevil\u202c Kurs", "evil Kurs"),
        ("Zeile\u2028zwei\u2029drei\x85vier", "Zeile zwei drei vier"),
        (f"می{ZWNJ}خواهم", f"می{ZWNJ}خواهم"),
        ("\u200fدورة اللغة\u200f", "\u200fدورة اللغة\u200f"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_titles_become_one_clean_line(typed, kept):
    assert text.clean_title(typed) == kept


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200f\u200e\u202e", "\ufeff\u2060", "\u3164", "\x01\x02", "\u0301", ZWNJ],
)
def test_titles_without_anything_visible_are_refused(invisible):
    with pytest.raises(ValidationError) as error:
        text.clean_title(invisible)
    assert error.value.code == "invisible"


VISIBLE_OR_NOT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.characters(min_codepoint=0, max_codepoint=0x20),
        st.sampled_from(sorted(text.LINE_BREAKS | text.DIRECTION_CONTROLS | {ZWNJ, "\u200b"})),
    ),
    max_size=40,
)


def _visible(chars: str) -> list[str]:
    return [char for char in chars if text.has_visible_text(char)]


@given(VISIBLE_OR_NOT)
def test_the_title_cleaner_keeps_every_visible_character_on_one_line(typed):
    try:
        cleaned = text.clean_title(typed)
    except ValidationError:
        assert not text.has_visible_text(typed)
        assert typed.strip()
        return
    assert _visible(cleaned) == _visible(typed)
    assert cleaned == cleaned.strip()
    assert len(cleaned.splitlines()) <= 1
    assert "  " not in cleaned
    assert not any(unicodedata.category(char) in ("Cc", "Cs") for char in cleaned)
    assert not set(cleaned) & text.DIRECTION_CONTROLS
    assert text.clean_title(cleaned) == cleaned  # cleaning twice changes nothing
    assert cleaned == "" or text.has_visible_text(cleaned)


def test_editorial_forms_clean_titles_and_refuse_invisible_ones(region):
    values = {"description": "", "source": "Amt", "licence": "cc-by-4.0"}

    form = DatasetForm({**values, "title": "Einwohner\r\nnach Bezirk"}, region=region)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Einwohner nach Bezirk"

    form = DatasetForm({**values, "title": "\u202e\u200b\u200f"}, region=region)
    assert not form.is_valid()
    assert form.errors["title"] == [str(text.INVISIBLE_ONLY)]


def test_per_language_names_are_cleaned_too(region):
    form = TopicForm(
        {
            "name_de": "Arbeit\nund Beruf",
            "name_ar": "\u200f\u200b",
            "slug": "work",
            "position": 1,
            "icon": "daily-life",
        },
        region=region,
    )

    assert not form.is_valid()
    assert form.cleaned_data["name_de"] == "Arbeit und Beruf"
    assert list(form.errors) == ["name_ar"]


def test_longer_texts_keep_their_lines_but_lose_control_characters():
    assert text.without_control_characters("Zeile 1\r\nZeile\x00 2\x1b\n\t- Punkt\n") == (
        "Zeile 1\nZeile 2\n\t- Punkt"
    )
