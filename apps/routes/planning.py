"""Planning figures from routes, without personal data: per procedure, how many people have it
on their route and how many of them have not started it yet — counted only over the people who
ticked the separate consent, and suppressed like every published statistic."""

from __future__ import annotations

from dataclasses import dataclass

from apps.core.models import UserType
from apps.migrant_accounts.models import ProcedureProgress
from apps.routes import queries, rules
from apps.routes.changes import Changes
from apps.routes.models import RoutePlan
from apps.routes.queries import published_procedures
from apps.statistics.services import Figure, figure
from apps.translation.reader import LanguageVersion, language_version


@dataclass(frozen=True)
class RouteCountRow:
    version: LanguageVersion
    on_route: Figure
    not_started: Figure


def route_counts(region, code: str) -> list[RouteCountRow]:
    procedures = published_procedures(region, code)
    situations = list(UserType.objects.filter(region=region).values_list("slug", flat=True))
    plans = [
        (plan.account_id, rules.Answers.from_values(plan.answers or {}, situations),
         Changes.from_plan(plan))
        for plan in RoutePlan.objects.filter(account__region=region, counted_for_planning=True)
    ]  # fmt: skip
    started = {
        (account_id, procedure_id)
        for account_id, procedure_id, ticks in ProcedureProgress.objects.filter(
            account_id__in=[plan[0] for plan in plans]
        ).values_list("account_id", "procedure_id", "ticks")
        if any(tick.startswith("step:") for tick in ticks)
    }
    rows = []
    for procedure in procedures:
        on_route = [
            account_id
            for account_id, answers, changes in plans
            if queries.on_route(procedure, answers, changes)
        ]
        waiting = [a for a in on_route if (a, procedure.pk) not in started]
        rows.append(
            RouteCountRow(
                language_version(procedure, code), figure([len(on_route)]), figure([len(waiting)])
            )
        )
    return sorted(rows, key=lambda row: row.version.texts["title"].casefold())
