"""Procedures: what a list of steps adds up to, and the NGO tip workflow."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import languages
from apps.editorial.fingerprints import texts_fingerprint
from apps.editorial.models import localized
from apps.editorial.services import WorkflowError, audit
from apps.procedures.models import Connector, DurationUnit, Step, Tip, TipStatus
from apps.translation import services as translation_services

MINUTES = {
    DurationUnit.MINUTES: 1,
    DurationUnit.HOURS: 60,
    DurationUnit.DAYS: 60 * 24,
    DurationUnit.WEEKS: 60 * 24 * 7,
    DurationUnit.MONTHS: 60 * 24 * 30,
}


@dataclass(frozen=True)
class Range:
    low: Decimal | int
    high: Decimal | int

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.high + other.high)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Totals:
    """What the whole procedure costs (per currency) and takes, as ranges: alternatives ("or")
    and optional steps make the cheapest and the dearest way differ."""

    costs: dict[str, Range]  # currency → range; empty when no step has a cost
    minutes: Range | None  # None when no step has a duration

    @property
    def is_free(self) -> bool:
        return bool(self.costs) and all(cost.high == 0 for cost in self.costs.values())


def step_groups(steps: list[Step]) -> list[list[list[Step]]]:
    """Numbered groups, each a list of alternatives, each a list of steps done together."""
    groups: list[list[list[Step]]] = []
    for step in steps:
        if not groups or step.connector == Connector.THEN:
            groups.append([[step]])
        elif step.connector == Connector.OR:
            groups[-1].append([step])
        else:
            groups[-1][-1].append(step)
    return groups


def _total(steps: list[Step], value) -> Range | None:
    """Cheapest and dearest way through ``steps`` for one measure: ``value(step)`` is a Range
    or None."""
    if not any(value(step) is not None for step in steps):
        return None
    total = Range(0, 0)
    nothing = Range(0, 0)
    for alternatives in step_groups(steps):
        ways = []
        for together in alternatives:
            low = sum((value(step) or nothing).low for step in together if not step.optional)
            high = sum((value(step) or nothing).high for step in together)
            ways.append(Range(low, high))
        total = total + Range(min(way.low for way in ways), max(way.high for way in ways))
    return total


def step_cost(step: Step) -> Range | None:
    if step.cost is None:
        return None
    return Range(step.cost, step.cost_max if step.cost_max is not None else step.cost)


def step_minutes(step: Step) -> Range | None:
    if step.duration_value is None or not step.duration_unit:
        return None
    minutes = step.duration_value * MINUTES[step.duration_unit]
    return Range(minutes, minutes)


def totals(steps: list[Step]) -> Totals:
    costs = {}
    for currency in dict.fromkeys(step.currency for step in steps):
        cost = _total(
            steps, lambda step, c=currency: step_cost(step) if step.currency == c else None
        )
        if cost is not None:
            costs[currency] = cost
    minutes = _total(steps, step_minutes)
    return Totals(costs=costs, minutes=minutes)


# --- NGO tips ----------------------------------------------------------------------------------


def _write_texts(tip: Tip, language: str, texts: dict[str, str]) -> None:
    """The organisation's own versions, from ``texts``; the chosen language must be written.

    A language the organisation leaves empty that it had written is cleared; a version the
    city's translators made is left alone unless the organisation writes that language itself.
    """
    region = tip.step.procedure.region
    texts = {code: (text or "").strip() for code, text in texts.items() if region.enables(code)}
    if not texts.get(language):
        raise WorkflowError(_("Write the tip at least in the language you chose."))
    written = [code for code in languages.CODES if texts.get(code)]
    for code in languages.CODES:
        if code in written or code in (tip.written_in or []):
            setattr(tip, localized("text", code), texts.get(code, ""))
    tip.language, tip.written_in, tip.region = language, written, region


@transaction.atomic
def suggest_tip(*, step: Step, organisation, author, language: str, texts: dict[str, str]) -> Tip:
    """An NGO suggests a tip; it waits for an authority's approval."""
    tip = Tip(step=step, organisation=organisation, author=author)
    _write_texts(tip, language, texts)
    tip.save()
    return tip


@transaction.atomic
def change_tip(tip: Tip, *, user, language: str, texts: dict[str, str]) -> Tip:
    """An NGO changes its tip: it is reviewed again before it shows."""
    tip = Tip.objects.select_for_update().select_related("step__procedure__region").get(pk=tip.pk)
    before = set(tip.written_in or [])
    _write_texts(tip, language, texts)
    # A language the organisation no longer writes loses its version (it was the NGO's own):
    # it goes to the translators like any missing language.
    tip.translations.filter(language__in=before - set(tip.written_in)).delete()
    tip.author = user
    tip.status, tip.review_comment = TipStatus.PENDING, ""
    tip.reviewed_by = tip.reviewed_at = None
    tip.save()
    return tip


@transaction.atomic
def review_tip(
    tip: Tip, *, user, approve: bool, comment: str = "", original: str | None = None
) -> Tip:
    """Approve or reject a waiting tip. Approving publishes it from its text in the region's
    language (``original``, when the reviewer writes or corrects it; else the organisation's),
    and the tip enters the translation workflow (:func:`_publish_tip`)."""
    tip = Tip.objects.select_for_update().select_related("region").get(pk=tip.pk)
    if tip.status != TipStatus.PENDING:
        raise WorkflowError(_("This tip was already reviewed."))
    if not approve and not comment.strip():
        raise WorkflowError(_("Say why, so the organisation can improve the tip."))
    tip.review_comment = comment.strip()
    tip.reviewed_by, tip.reviewed_at = user, timezone.now()
    if approve:
        _publish_tip(tip, user, original)
    else:
        tip.status = TipStatus.REJECTED
        tip.save()
    return tip


def _publish_tip(tip: Tip, user, original: str | None) -> None:
    source = tip.region.source_language
    if original is not None and original.strip():
        setattr(tip, localized("text", source), original.strip())
    text = tip.text_in(source)
    if not text:
        raise WorkflowError(
            _(
                "Give the tip's text in %(language)s: it is what the city publishes and what "
                "translators translate."
            )
            % {"language": languages.get(source).name_local}
        )
    new_fingerprint = texts_fingerprint(Tip, {"text": text})
    now = tip.reviewed_at
    if new_fingerprint != tip.source_fingerprint:
        tip.source_fingerprint, tip.source_changed_at = new_fingerprint, now
    tip.status = TipStatus.APPROVED
    tip.published_at = now
    tip.first_published_at = tip.first_published_at or now
    tip.save()
    # What the organisation wrote in other languages is published as its own translation;
    # the city's translators do the rest (and what they did before is outdated if it changed).
    for code in tip.written_in or []:
        if code != source and tip.region.enables(code):
            translation_services.publish_own_version(
                tip, language=code, texts={"text": tip.text_in(code)}, author=tip.author, user=user
            )
    audit(tip, user, "published")


def withdraw_tip(tip: Tip) -> None:
    tip.delete()
