"""How well search and the assistant find what people mean: the share of questions whose
expected item is the first result (top-1) or among the first three (top-3), per language.

The questions and what each should find are in ``bench/search_eval.json``, written by hand (and
the everyday phrasings of every demo procedure in ``bench/procedure_phrasings.json``);
``bench/search_eval.py`` reports the figures and ``tests/search/test_evaluation.py`` keeps a
floor under them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from apps.search.assistant import ask
from apps.search.queries import search

BENCH = Path(__file__).resolve().parent.parent.parent / "bench"
QUESTIONS = BENCH / "search_eval.json"
#: everyday phrasings of each demo procedure, per language (issue 12)
PHRASINGS = BENCH / "procedure_phrasings.json"


def item_of(kind: str, url: str) -> str:
    """``kind:slug`` of a result, from its link (an organisation's slug is its anchor)."""
    parts = urlsplit(url)
    if kind == "organisation":
        return f"{kind}:{parts.fragment}"
    return f"{kind}:{[piece for piece in parts.path.split('/') if piece][-1]}"


@dataclass
class Score:
    questions: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[tuple[str, list[str]]] = field(default_factory=list)

    def rate(self, hits: int) -> float:
        return hits / self.questions if self.questions else 0.0


def load_questions(path: Path = QUESTIONS) -> dict[str, list[tuple[str, list[str]]]]:
    return {
        code: [(text, expected) for text, expected in questions]
        for code, questions in json.loads(path.read_text("utf-8"))["questions"].items()
    }


def load_phrasings(path: Path = PHRASINGS) -> dict[str, list[tuple[str, list[str]]]]:
    """The phrasings of every procedure as questions per language, each expecting its
    procedure: ``{code: [(text, ["procedure:<slug>"]), ...]}``."""
    questions: dict[str, list[tuple[str, list[str]]]] = {}
    for slug, languages in json.loads(path.read_text("utf-8"))["phrasings"].items():
        for code, texts in languages.items():
            questions.setdefault(code, []).extend((text, [f"procedure:{slug}"]) for text in texts)
    return questions


def searched(region, code: str, text: str) -> list[str]:
    """The first three items the search results page lists."""
    return [item_of(result.kind, result.url) for result in search(region, code, text).results[:3]]


def asked(region, code: str, text: str) -> list[str]:
    """The first three items of the assistant's answer, in its order of relevance."""
    return [item_of(found.kind, found.url) for found in ask(region, code, text).findings[:3]]


def evaluate(
    region, questions: dict[str, list[tuple[str, list[str]]]], finder=searched
) -> dict[str, Score]:
    """Scores per language of ``finder`` (:func:`searched` or :func:`asked`)."""
    scores: dict[str, Score] = {}
    for code, questions_asked in questions.items():
        score = scores.setdefault(code, Score())
        for text, expected in questions_asked:
            found = finder(region, code, text)
            score.questions += 1
            score.top1 += bool(found[:1] and found[0] in expected)
            if any(item in expected for item in found):
                score.top3 += 1
            else:
                score.misses.append((text, found))
    return scores
