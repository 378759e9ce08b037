"""Property-based: marking never changes the visible text and never produces unsafe HTML."""

import re

import nh3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.core.richtext import render_markdown
from apps.glossary.matching import explain

WORDS = {
    "de": [
        "Kita",
        "Termin",
        "Agentur für Arbeit",
        "Arbeit",
        "die",
        "und",
        "Meldebescheinigungen",
        "Straße",
        "ß",
    ],
    "ar": ["شهادة التسجيل", "موعد", "و", "بِموعد", "المواعيد", "في", "الـ", "ّ"],
    "ru": ["справка о регистрации", "термин", "и", "Справки", "в"],
    "zh-hans": ["居留许可", "申请", "申请人", "您", "需要", "。"],
}
NOISE = st.sampled_from(
    [
        "<",
        ">",
        "&",
        '"',
        "'",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "**",
        "\n\n",
        "- ",
        " ",
        "`code`",
    ]
)


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", nh3.clean(str(html), tags=set())).strip()


def texts(language: str):
    return st.lists(
        st.one_of(st.sampled_from(WORDS[language]), NOISE, st.text(max_size=6)), max_size=30
    ).map(" ".join)


@st.composite
def language_and_text(draw):
    language = draw(st.sampled_from(sorted(WORDS)))
    return language, draw(texts(language))


def publish_vocabulary(publish_term):
    publish_term(
        "Kita",
        ar=("موعد", "وقت.", ""),
        ru=("термин", "время.", "термина"),
        zh_hans=("申请", "请求。", ""),
    )
    publish_term(
        "Agentur für Arbeit",
        variants="Agenturen für Arbeit",
        ar=("شهادة التسجيل", "ورقة.", ""),
        ru=("справка о регистрации", "бумага.", "справки о регистрации"),
        zh_hans=("居留许可", "证件。", ""),
    )
    publish_term("Arbeit")
    publish_term("Meldebescheinigung", variants="Meldebescheinigungen")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sample=language_and_text())
def test_marking_keeps_the_visible_text_and_the_html_safe(region, publish_term, sample):
    if not hasattr(region, "_vocabulary"):
        publish_vocabulary(publish_term)
        region._vocabulary = True
    language, text = sample
    html = render_markdown(text)

    result = explain(html, region=region, text_language=language, reader_language="uk")

    assert visible(result.html) == visible(html)
    marked = str(result.html)
    assert "<script" not in marked
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", marked, re.IGNORECASE)
    assert not re.search(r"\son\w+=", marked)


ALL_WORDS = [word for words in WORDS.values() for word in words]


@given(st.text(max_size=60) | st.lists(st.sampled_from(ALL_WORDS)).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_the_quick_normalisation_is_the_character_by_character_one(text):
    """Texts are folded in one call when no character changes length; the result must be what
    folding each character gives, down to where each character came from."""
    from apps.glossary.words import normalise, normalise_by_character

    folded, positions = normalise(text)
    expected, expected_positions = normalise_by_character(text)
    assert folded == expected
    assert list(positions) == expected_positions
