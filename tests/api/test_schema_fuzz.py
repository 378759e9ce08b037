"""The OpenAPI document tells the truth: Schemathesis sends every operation of /api/v1/ requests
made from the schema itself, to the WSGI application (no server), anonymously and with a staff
token, over the demo town, and checks that no answer is a server error and that each answer is
what the schema says it is (content type, headers, body).

Bounded and derandomised (the same cases every run), so that it stays a normal, repeatable test
of the suite: about a minute on one core."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode

from apps.accounts.models import Membership, Organisation, Role, User
from apps.articles.models import Article
from apps.core.models import Topic, UserType
from apps.demo.services import load_demo
from apps.events.models import Event
from apps.glossary.models import Term
from apps.places.models import Place
from apps.procedures.models import Document, Procedure
from apps.statistics.models import Chart, Dashboard, Dataset
from tests.openapi import CHECKS, PLAIN

#: Cases per operation and caller: requests the schema allows, and requests it does not (which
#: must be refused without a server error, with a 4xx the schema describes if it names one).
EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 5}


@pytest.fixture
def demo(db, settings):
    """The demo town, and a staff member of its city office with every authority role."""
    settings.EVENT_REGISTRATION_RATE = "100000/h"  # registrations are fuzzed too
    region, _accounts = load_demo()
    authority = Organisation.objects.get(region=region, slug="integration-office")
    staff = User.objects.create_user("fuzz-staff@example.org", "fuzz-staff-password")
    for role in (Role.REGION_ADMIN, Role.EDITOR, Role.REVIEWER, Role.STATISTICS_MANAGER):
        Membership.objects.create(user=staff, organisation=authority, role=role)
    Membership.objects.create(
        user=staff, organisation=authority, role=Role.TRANSLATOR, languages=["ar", "uk"]
    )
    token, _ = Token.objects.get_or_create(user=staff)
    return region, token.key


def known_path_values(region) -> dict[str, dict[str, list]]:
    """Identifiers that exist, so that details are answered with content, not only with 404."""

    def slugs(model) -> list[str]:
        return list(model.objects.values_list("slug", flat=True)[:20])

    def ids(model) -> list[int]:
        return list(model.objects.values_list("pk", flat=True)[:20])

    procedures = [f"procedures.procedure/{pk}" for pk in ids(Procedure)]
    return {
        "/api/v1/articles/{slug}/": {"slug": slugs(Article)},
        "/api/v1/charts/{slug}/": {"slug": slugs(Chart)},
        "/api/v1/dashboards/{slug}/": {"slug": slugs(Dashboard)},
        "/api/v1/datasets/{slug}/": {"slug": slugs(Dataset)},
        "/api/v1/documents/{slug}/": {"slug": slugs(Document)},
        "/api/v1/events/{slug}/": {"slug": slugs(Event)},
        "/api/v1/events/{slug}/registrations/": {"slug": slugs(Event)},
        "/api/v1/glossary/{slug}/": {"slug": slugs(Term)},
        "/api/v1/places/{slug}/": {"slug": slugs(Place)},
        "/api/v1/procedures/{slug}/": {"slug": slugs(Procedure)},
        "/api/v1/regions/{slug}/": {"slug": [region.slug]},
        "/api/v1/organisations/{id}/": {"id": ids(Organisation)},
        "/api/v1/topics/{id}/": {"id": ids(Topic)},
        "/api/v1/user-types/{id}/": {"id": ids(UserType)},
        "/api/v1/editorial/items/{type}/{id}/": {"type+id": procedures},
        "/api/v1/editorial/items/{type}/{id}/compare/": {"type+id": procedures},
    }


def cases(operation, known: dict[str, list], mode: GenerationMode):
    """Cases from the schema alone and, where the path names something, cases about things
    that exist."""
    generated = operation.as_strategy(mode)
    if not known or not all(known.values()):
        return generated
    if "type+id" in known:  # the editorial item routes: a type and one of its ids
        pairs = [value.split("/") for value in known["type+id"]]
        fixed = st.sampled_from([{"type": kind, "id": int(pk)} for kind, pk in pairs])
    else:
        fixed = st.fixed_dictionaries(
            {name: st.sampled_from(values) for name, values in known.items()}
        )
    return st.one_of(
        generated,
        fixed.flatmap(lambda values: operation.as_strategy(mode, path_parameters=values)),
    )


def fuzz(strategy, headers: dict, examples: int) -> None:
    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


def test_every_operation_answers_as_documented(demo, api_schema):
    region, token = demo
    known = known_path_values(region)
    failures = []
    callers = (("anonymous", {}), ("staff", {"Authorization": f"Token {token}"}))
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode, examples in EXAMPLES.items():
            strategy = cases(operation, known.get(operation.path, {}), mode)
            for who, headers in callers:
                try:
                    fuzz(strategy, {**PLAIN, **headers}, examples)
                except Unsatisfiable:
                    assert mode == GenerationMode.NEGATIVE  # nothing to get wrong (no input)
                except (AssertionError, BaseExceptionGroup) as error:  # all reported below
                    failures.append(f"{operation.label} ({who}, {mode.value}): {error}")
    assert not failures, "\n\n".join(failures)
