"""What a procedure costs and takes in total, with "and", "or" and optional steps."""

from decimal import Decimal

from django.utils import translation

from apps.procedures.models import Step, number_steps
from apps.procedures.services import Range, totals
from apps.procedures.templatetags.procedures import (
    step_cost,
    step_duration,
    total_cost,
    total_duration,
)


def make(
    connector="then", cost=None, optional=False, duration=None, currency="EUR", cost_max=None
) -> Step:
    value, unit = duration or (None, "")
    return Step(
        connector=connector,
        cost=None if cost is None else Decimal(cost),
        cost_max=None if cost_max is None else Decimal(cost_max),
        currency=currency,
        optional=optional,
        duration_value=value,
        duration_unit=unit,
    )


def test_and_and_or_steps_share_the_number_before_them():
    steps = [make(), make("and"), make(), make("or"), make()]

    assert [number for number, _ in number_steps(steps)] == [1, 1, 2, 2, 3]


def test_alternatives_give_the_cheapest_and_the_dearest_way():
    steps = [make(cost="10"), make(cost="100"), make("or", cost="80"), make(cost="5")]

    assert totals(steps).costs == {"EUR": Range(Decimal("95"), Decimal("115"))}


def test_optional_steps_count_only_for_the_dearest_way():
    steps = [make(cost="0"), make(cost="28.80", optional=True)]

    assert totals(steps).costs == {"EUR": Range(Decimal("0"), Decimal("28.80"))}


def test_a_fee_that_depends_on_the_case_widens_the_range():
    steps = [make(cost="100", cost_max="600"), make(cost="13", optional=True)]

    assert totals(steps).costs == {"EUR": Range(Decimal("100"), Decimal("613"))}
    with translation.override("en"):
        assert step_cost(steps[0]) == "€100 to €600, depending on your case"


def test_steps_done_together_add_up():
    steps = [make(cost="10"), make("and", cost="5")]

    assert totals(steps).costs == {"EUR": Range(Decimal("15"), Decimal("15"))}


def test_free_only_when_some_step_says_so():
    assert totals([make(), make()]).costs == {}
    assert totals([make(cost="0"), make()]).is_free


def test_each_currency_is_added_up_on_its_own():
    steps = [make(cost="10"), make(cost="20", currency="CHF")]

    assert totals(steps).costs == {
        "EUR": Range(Decimal("10"), Decimal("10")),
        "CHF": Range(Decimal("20"), Decimal("20")),
    }


def test_totals_read_naturally_in_each_language():
    steps = [
        make(cost="100", duration=(2, "weeks")),
        make("or", cost="13", duration=(30, "minutes")),
    ]

    with translation.override("de"):
        assert total_cost(totals(steps)) == "13\xa0€ bis 100\xa0€, je nach Weg"
        assert step_duration(steps[0]) == "2 Wochen"
    with translation.override("en"):
        assert total_cost(totals(steps)) == "€13 to €100, depending on your way"
        assert total_duration(totals(steps)) == "up to 2 weeks"
    with translation.override("en"):
        assert total_cost(totals([make(cost="0")])) == "free"
        assert total_duration(totals([make(duration=(10, "days"))])) == "about 10 days"


def test_arabic_says_one_and_two_in_words_but_keeps_the_numbers_of_a_range():
    with translation.override("ar"):
        assert step_duration(make(duration=(2, "minutes"))) == "دقيقتان"
        assert step_duration(make(duration=(1, "weeks"))) == "أسبوع واحد"
        assert step_duration(make(duration=(5, "days"))) == "5 أيام"
        ranged = totals([make(duration=(1, "weeks")), make("or", duration=(2, "weeks"))])
        assert total_duration(ranged) == "1–2 أسابيع"
    with translation.override("en"):
        assert total_duration(ranged) == "1–2 weeks"
