"""Search ranks by meaning as well as by words, as the assistant does: a question in one script
finds a text that exists only in another, and what the model merely finds "a bit alike" is never
listed for gibberish. (The demo town's cases are in test_evaluation.)"""

from __future__ import annotations

from apps.search.models import Outcome
from apps.search.queries import search
from tests.search.test_assistant import broadcasting_fee, counselling

__all__ = ["broadcasting_fee", "counselling"]  # fixtures shared with the assistant's tests


#: "Monthly fee for television and radio" — no word in common with the German article.
TV_FEE_IN_RUSSIAN = "ежемесячный взнос за телевидение и радио"


def test_a_text_that_shares_no_word_with_the_search_is_found_by_meaning(region, broadcasting_fee):
    results = search(region, "ru", TV_FEE_IN_RUSSIAN)
    first = results.results[0]
    assert first.title == "Der Rundfunkbeitrag"
    assert first.is_fallback and first.language.code == "de"
    # Counted as found, and reported to the city as a search its words could not answer.
    assert results.total == results.related == 1
    assert results.outcome == Outcome.POOR


def test_gibberish_finds_nothing_not_even_the_nearest_name(region, registration, counselling):
    for typed in ("qwzx vvkj plomb", "xqzvw blorf"):
        results = search(region, "fa-af", typed)
        assert (results.total, results.results, results.outcome) == (0, [], Outcome.NOTHING)
