"""The order of a route: papers first, circles broken, alternatives and optional steps never
holding a procedure back."""

from __future__ import annotations

from types import SimpleNamespace

from apps.routes import ordering, rules


def steps(*specs):
    """(connector, optional, papers) per step."""
    return [
        SimpleNamespace(connector=connector, optional=optional, papers=papers)
        for connector, optional, papers in specs
    ]


def needed(*specs) -> set[int]:
    return ordering.needed_by_every_way(steps(*specs), lambda step: step.papers)


def test_a_paper_counts_only_if_every_way_asks_for_it():
    assert needed(("then", False, [1, 2]), ("then", False, [3])) == {1, 2, 3}
    assert needed(("then", False, [1, 2]), ("or", False, [2, 4])) == {2}  # alternatives
    assert needed(("then", False, [1]), ("and", False, [5])) == {1, 5}  # together
    assert needed(("then", True, [7]), ("then", False, [8])) == {8}  # optional
    assert needed() == set()


def test_the_giver_of_a_paper_comes_before_who_asks_for_it():
    result = ordering.order(
        ["bank", "permit", "address"],
        needs={"bank": {10}, "permit": {10}, "address": set()},
        gives={"address": {10}},
    )
    assert result.order == ["address", "bank", "permit"]
    assert result.givers["bank"] == {"address": {10}} and not result.broken


def test_a_chain_is_followed_whatever_the_usual_order():
    keys = ["d", "c", "b", "a"]
    result = ordering.order(
        keys, needs={"b": {1}, "c": {2}, "d": {3}}, gives={"a": {1}, "b": {2}, "c": {3}}
    )
    assert result.order == ["a", "b", "c", "d"]


def test_a_circle_is_broken_and_nothing_is_lost():
    result = ordering.order(
        ["x", "y", "z"], needs={"x": {2}, "y": {1}, "z": {1, 2}}, gives={"x": {1}, "y": {2}}
    )
    assert sorted(result.order) == ["x", "y", "z"] and result.order[-1] == "z"
    assert len(result.broken) == 1


def test_what_some_ways_ask_for_decides_between_free_procedures():
    result = ordering.order(
        ["course", "address"], needs={}, gives={"address": {1}}, may_need={"course": {1}}
    )
    assert result.order == ["address", "course"]
    assert result.givers["course"] == {"address": {1}}


def test_skipped_questions_rule_nothing_out():
    nothing = rules.Answers()
    assert rules.applies(nothing, situations={"student"}, conditions=["children"])
    student = rules.Answers(situation="student", children=False, german="good")
    assert not rules.applies(student, situations={"refugee"}, conditions=[])
    assert rules.applies(student, situations=set(), conditions=[])  # for everybody
    assert not rules.applies(student, situations=set(), conditions=["children"])
    assert not rules.applies(student, situations=set(), conditions=["learning_german"])
    assert rules.applies(student, situations=set(), conditions=["looking_for_work"])  # unsaid
    assert rules.applies(student, situations=set(), conditions=["made_up"])


def test_answers_that_are_not_choices_count_as_not_given():
    answers = rules.Answers.from_values(
        {"situation": "king", "children": "perhaps", "work": ["yes"], "german": "<b>"},
        ["refugee"],
    )
    assert answers == rules.Answers() and not answers.given
    said = rules.Answers.from_values({"situation": "refugee", "children": "no"}, ["refugee"])
    assert said.as_values() == {"situation": "refugee", "children": "no"}
