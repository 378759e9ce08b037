"""Which procedures belong on a person's route: their answers to a few optional questions, and
the rules an editor set per procedure (its life situations and its ``route_conditions``).

Every question can be skipped, and a skipped question rules nothing out: a person who says
nothing sees every procedure that might concern them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from apps.procedures.models import RouteCondition

GERMAN_LEVELS = ("none", "basic", "good")
_YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True)
class Answers:
    situation: str = ""  # a life situation (UserType slug) of the region, or unknown
    children: bool | None = None  # children of school age
    looking_for_work: bool | None = None
    german: str = ""  # one of GERMAN_LEVELS, or unknown
    district: str = ""  # one of the region's districts, or unknown; rules nothing in or out

    @classmethod
    def from_values(cls, values, situations, districts=()) -> Answers:
        """From a form or a query string. A value that is not one of the choices counts as not
        answered (the form shows the question again), never as an error page."""

        def yes_no(name: str) -> bool | None:
            return _YES_NO.get(str(values.get(name, "")))

        situation = str(values.get("situation", ""))
        german = str(values.get("german", ""))
        district = str(values.get("district", ""))
        return cls(
            situation=situation if situation in set(situations) else "",
            children=yes_no("children"),
            looking_for_work=yes_no("work"),
            german=german if german in GERMAN_LEVELS else "",
            district=district if district in set(districts) else "",
        )

    def as_values(self) -> dict[str, str]:
        """The answers as the form's values (what is not answered is left out)."""

        def said(value: bool | None) -> str:
            return {True: "yes", False: "no"}.get(value, "")

        values = {
            "situation": self.situation,
            "children": said(self.children),
            "work": said(self.looking_for_work),
            "german": self.german,
            "district": self.district,
        }
        return {name: value for name, value in values.items() if value}

    @property
    def given(self) -> bool:
        return bool(self.as_values())


def rules_out(answers: Answers, condition: str) -> bool:
    """Whether the answers say for sure that ``condition`` does not hold."""
    if condition == RouteCondition.CHILDREN:
        return answers.children is False
    if condition == RouteCondition.LOOKING_FOR_WORK:
        return answers.looking_for_work is False
    if condition == RouteCondition.LEARNING_GERMAN:
        return answers.german == "good"
    return False  # a condition this version does not know rules nothing out


def applies(answers: Answers, *, situations: set[str], conditions: list[str]) -> bool:
    """A procedure for ``situations`` (none: for everybody) with ``conditions``."""
    if answers.situation and situations and answers.situation not in situations:
        return False
    return not any(rules_out(answers, condition) for condition in conditions or [])


def described(answers: Answers, region) -> list[tuple[str, str]]:
    """The answers as a person reads them (question, answer), in the active language: what a
    counsellor sees when the person shared them."""
    yes_no = {True: _("Yes"), False: _("No")}
    levels = {"none": _("Not yet"), "basic": _("A little"), "good": _("Well (level B1 or better)")}
    situation = region.user_types.filter(slug=answers.situation).first()
    rows = [
        (_("Your situation"), situation.name if situation else ""),
        (_("Do you have children of school age?"), yes_no.get(answers.children, "")),
        (_("Are you looking for work?"), yes_no.get(answers.looking_for_work, "")),
        (_("How well do you speak German?"), levels.get(answers.german, "")),
    ]
    if region.districts:
        rows.append((_("Where do you live?"), answers.district))
    unsaid = _("I would rather not say")
    return [(question, answer or unsaid) for question, answer in rows]
