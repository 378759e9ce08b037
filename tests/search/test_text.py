"""Dari words with their endings stacked behind a zero-width non-joiner are searched as the word
itself: a reader asking for «خانه‌ها» (houses) or «ارزان‌تر» (cheaper) meets a text that says
«خانه» or «ارزان», and the other way round."""

from __future__ import annotations

import pytest

from apps.search.text import fold, stem, words


def stems(text: str, code: str = "fa-af") -> list[str]:
    return [stem(word, code) for word in words(fold(text, code))]


@pytest.mark.parametrize(
    ("inflected", "word"),
    [
        ("خانه‌ها", "خانه"),
        ("خانه‌های", "خانه"),
        ("ارزان‌تر", "ارزان"),
        ("ارزان‌ترین", "ارزان"),
        ("شفاخانه‌ها", "شفاخانه"),
    ],
)
def test_dari_plurals_and_comparatives_meet_the_word(inflected, word):
    assert stems(inflected) == stems(word)


def test_dari_words_that_only_end_like_a_comparative_stay_apart():
    assert stems("دفتر") != stems("دف")
    assert stems("بهتر") == ["بهتر"]
