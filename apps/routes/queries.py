"""A person's route, read for a reader of one language: the procedures that apply to their
answers, in the order the papers require, each with what it costs and takes, which procedure
before it gives it a paper, and the upcoming courses and the organisations that help with it.
A fixed number of queries, whatever the number of procedures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from apps.accounts.models import Organisation
from apps.editorial.models import ItemStatus
from apps.events import queries as event_queries
from apps.events.models import Event
from apps.procedures import services as procedure_services
from apps.procedures.models import Document, Procedure, Step
from apps.routes import changes as changes_module
from apps.routes import ordering, rules
from apps.routes.changes import Changes
from apps.translation.reader import LanguageVersion, language_version, with_reader_translation

COURSES_PER_PROCEDURE = 3


@dataclass
class Giver:
    """A procedure earlier on the route that gives this one papers it needs."""

    procedure: Procedure
    version: LanguageVersion
    documents: list[tuple[Document, LanguageVersion]]


@dataclass
class RouteItem:
    procedure: Procedure
    version: LanguageVersion
    totals: procedure_services.Totals
    steps: int
    givers: list[Giver] = field(default_factory=list)
    courses: list[event_queries.Card] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    done: int | None = None  # ticked steps, when the account keeps them
    date: dt.date | None = None  # the person's own date for it, if they set one


@dataclass
class Route:
    answers: rules.Answers
    items: list[RouteItem]
    totals: procedure_services.Totals
    #: Papers that ask for each other in a circle: the order says where to start anyway.
    has_circle: bool = False
    #: Procedures the person removed, and those they could add: (procedure, version).
    removed: list = field(default_factory=list)
    addable: list = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    @property
    def slugs(self) -> list[str]:
        return [item.procedure.slug for item in self.items]


def combined(totals: list[procedure_services.Totals]) -> procedure_services.Totals:
    """What several procedures cost and take together, as ranges."""
    costs: dict[str, procedure_services.Range] = {}
    minutes = None
    for each in totals:
        for currency, cost in each.costs.items():
            costs[currency] = costs[currency] + cost if currency in costs else cost
        if each.minutes is not None:
            minutes = each.minutes if minutes is None else minutes + each.minutes
    return procedure_services.Totals(costs=costs, minutes=minutes)


def published_procedures(region, code: str) -> list[Procedure]:
    """Every published procedure with what routes need of it (steps, papers, situations)."""
    steps = (
        Step.objects.order_by("position")
        .select_related("place")
        .prefetch_related(Prefetch("documents", queryset=Document.objects.only("pk")))
    )
    return list(
        with_reader_translation(
            Procedure.objects.filter(region=region, status=ItemStatus.PUBLISHED), code
        )
        .select_related("region")
        .prefetch_related(
            Prefetch("steps", queryset=steps),
            Prefetch("produces", queryset=Document.objects.only("pk")),
            "user_types",
            "topics",
        )
        .order_by("pk")
    )


def on_route(procedure: Procedure, answers: rules.Answers, changes: Changes) -> bool:
    """Whether the procedure is on the route: the person added it, or their answers bring it
    and they did not remove it. (``procedure.user_types`` prefetched.)"""
    if procedure.slug in changes.removed:
        return False
    return procedure.slug in changes.added or rules.applies(
        answers,
        situations={user_type.slug for user_type in procedure.user_types.all()},
        conditions=procedure.route_conditions,
    )


def route(
    region,
    code: str,
    answers: rules.Answers,
    *,
    ticks: dict | None = None,
    changes: Changes | None = None,
) -> Route:
    """The route for ``answers`` with the person's ``changes`` (procedures added and removed,
    their order and dates); ``ticks`` (procedure slug → ticked keys) from the account."""
    changes = changes or Changes()
    procedures = published_procedures(region, code)
    found = [procedure for procedure in procedures if on_route(procedure, answers, changes)]
    by_pk = {procedure.pk: procedure for procedure in found}
    versions = {procedure.pk: language_version(procedure, code) for procedure in found}
    usual = sorted(by_pk, key=lambda pk: versions[pk].texts["title"].casefold())

    def papers_of(step) -> list[int]:
        return [document.pk for document in step.documents.all()]

    sorted_route = ordering.order(
        usual,
        needs={
            pk: ordering.needed_by_every_way(list(by_pk[pk].steps.all()), papers_of) for pk in usual
        },
        gives={pk: {document.pk for document in by_pk[pk].produces.all()} for pk in usual},
        may_need={
            pk: ordering.asked_for_anywhere(list(by_pk[pk].steps.all()), papers_of) for pk in usual
        },
    )
    documents = _documents(region, code, sorted_route.givers)
    courses = _courses(region, code, answers, found)
    organisations = _organisations(region, found, courses)
    ticks = ticks or {}
    items = []
    slug_of = {pk: by_pk[pk].slug for pk in by_pk}
    pk_of = {slug: pk for pk, slug in slug_of.items()}
    in_order = changes_module.arranged([slug_of[pk] for pk in sorted_route.order], changes)
    for pk in (pk_of[slug] for slug in in_order):
        procedure = by_pk[pk]
        steps = list(procedure.steps.all())
        ticked = ticks.get(procedure.slug)
        items.append(
            RouteItem(
                procedure=procedure,
                version=versions[pk],
                totals=procedure_services.totals(steps),
                steps=len(steps),
                givers=[
                    Giver(
                        by_pk[giver],
                        versions[giver],
                        [documents[paper] for paper in sorted(papers) if paper in documents],
                    )
                    for giver, papers in sorted_route.givers[pk].items()
                ],
                courses=courses.get(pk, []),
                organisations=organisations.get(pk, []),
                done=None
                if ticked is None
                else min(sum(tick.startswith("step:") for tick in ticked), len(steps)),
                date=dt.date.fromisoformat(changes.dates[procedure.slug])
                if procedure.slug in changes.dates
                else None,
            )
        )
    others = sorted(
        (
            (procedure, language_version(procedure, code))
            for procedure in procedures
            if procedure.pk not in by_pk
        ),
        key=lambda pair: pair[1].texts["title"].casefold(),
    )
    return Route(
        answers=answers,
        items=items,
        totals=combined([item.totals for item in items]),
        has_circle=bool(sorted_route.broken),
        removed=[pair for pair in others if pair[0].slug in changes.removed],
        addable=[pair for pair in others if pair[0].slug not in changes.removed],
        changes=changes,
    )


def route_of_account(account, code: str, answers: rules.Answers, plan) -> Route:
    """A signed-in person's route: for ``answers``, with what they changed (``plan``, may be
    None) and what they ticked."""
    from apps.migrant_accounts.services import ticks_by_procedure

    return route(
        account.region,
        code,
        answers,
        ticks=ticks_by_procedure(account),
        changes=Changes.from_plan(plan),
    )


def _documents(region, code: str, givers: dict) -> dict[int, tuple[Document, LanguageVersion]]:
    ids = {
        paper for per_giver in givers.values() for papers in per_giver.values() for paper in papers
    }
    documents = with_reader_translation(
        Document.objects.filter(region=region, pk__in=ids, status=ItemStatus.PUBLISHED), code
    ).select_related("region")
    return {document.pk: (document, language_version(document, code)) for document in documents}


def _courses(region, code: str, answers: rules.Answers, procedures: list[Procedure]) -> dict:
    """Upcoming courses and events on each procedure's topics, for the person's situation; with
    children, those with childcare first."""
    cards = event_queries.cards(
        event_queries.dates_for_reader(
            region,
            code,
            event_queries.Filters(user_type=answers.situation),
            event_queries.window(region.zone),
        )
    )
    topics_of_event: dict[int, set[int]] = {}
    for event_id, topic_id in Event.topics.through.objects.filter(
        event_id__in=[card.event.pk for card in cards]
    ).values_list("event_id", "topic_id"):
        topics_of_event.setdefault(event_id, set()).add(topic_id)
    if answers.children:
        cards = sorted(cards, key=lambda card: not card.event.childcare)  # stable: dates stay
    courses = {}
    for procedure in procedures:
        topics = {topic.pk for topic in procedure.topics.all()}
        matching = [card for card in cards if topics_of_event.get(card.event.pk, set()) & topics]
        courses[procedure.pk] = matching[:COURSES_PER_PROCEDURE]
    return courses


def _organisations(region, procedures: list[Procedure], courses: dict) -> dict:
    """The organisations that help with each procedure: where its steps happen, and who runs
    its courses."""
    wanted: dict[int, list[int]] = {}
    for procedure in procedures:
        ids = [step.place.organisation_id for step in procedure.steps.all() if step.place]
        ids += [card.event.organisation_id for card in courses.get(procedure.pk, [])]
        wanted[procedure.pk] = list(dict.fromkeys(pk for pk in ids if pk))
    known = Organisation.objects.filter(region=region, is_active=True).in_bulk(
        {pk for ids in wanted.values() for pk in ids}
    )
    return {pk: [known[o] for o in ids if o in known] for pk, ids in wanted.items()}
