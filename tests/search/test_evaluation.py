"""Search and the assistant find what newcomers mean in the demo town: the hand-written questions of
bench/search_eval.json (eleven languages, everyday phrasings, German words from letters) keep a
floor well above chance (about 1 in 70 for three guesses among the demo's items), so that a
change that makes search worse fails here. bench/search_eval.py reports the figures."""

from __future__ import annotations

import pytest

from apps.search.evaluation import asked, evaluate, load_questions, searched

#: top-3 floors, in every language and over all questions
FLOORS = {"search": (0.75, 0.85), "assistant": (0.85, 0.95)}


@pytest.mark.parametrize(("name", "finder"), [("search", searched), ("assistant", asked)])
def test_the_evaluation_questions_find_what_they_should(db, demo, name, finder):
    questions = load_questions()
    assert set(questions) == set(demo.enabled_languages)
    assert all(len(questions_asked) >= 8 for questions_asked in questions.values())

    per_language, overall = FLOORS[name]
    scores = evaluate(demo, questions, finder)
    low = {
        code: (score.rate(score.top3), score.misses)
        for code, score in scores.items()
        if score.rate(score.top3) < per_language
    }
    assert low == {}
    hits = sum(score.top3 for score in scores.values())
    assert hits / sum(score.questions for score in scores.values()) >= overall
