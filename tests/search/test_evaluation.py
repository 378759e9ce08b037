"""Search finds what newcomers mean in the demo town: the hand-written questions of
bench/search_eval.json (eleven languages, everyday phrasings, German words from letters) keep a
floor well above chance (about 1 in 70 for three guesses among the demo's items), so that a
change that makes search worse fails here. bench/search_eval.py reports the figures."""

from __future__ import annotations

from django.utils import translation

from apps.demo.services import load_demo
from apps.search import services
from apps.search.evaluation import evaluate, load_questions

FLOOR_PER_LANGUAGE = 0.75  # top-3, in every language
FLOOR_OVERALL = 0.85  # top-3, all questions


def test_the_evaluation_questions_find_what_they_should(db):
    with translation.override("en"):
        region, _accounts = load_demo()
    services.rebuild(region)
    questions = load_questions()
    assert set(questions) == set(region.enabled_languages)
    assert all(len(asked) >= 8 for asked in questions.values())

    scores = evaluate(region, questions)
    low = {
        code: (score.rate(score.top3), score.misses)
        for code, score in scores.items()
        if score.rate(score.top3) < FLOOR_PER_LANGUAGE
    }
    assert low == {}
    hits = sum(score.top3 for score in scores.values())
    assert hits / sum(score.questions for score in scores.values()) >= FLOOR_OVERALL
