"""'My route' on the demo town: every paper's giver comes before who asks for it, the answers
narrow the route, and the page works for any answer in any language, without a cookie."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.demo.services import load_demo
from apps.routes import ordering, rules
from apps.routes.queries import route


@pytest.fixture(scope="module")
def town(django_db_blocker, django_db_setup):
    with django_db_blocker.unblock(), transaction.atomic():
        region, _accounts = load_demo(parts={"procedures", "events"})
        yield region
        transaction.set_rollback(True)


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="/\w+/step-by-step/([-\w]+)/">', html)


def test_every_paper_is_given_before_it_is_asked_for(town, db):
    planned = route(town, "en", rules.Answers())
    order = [item.procedure.slug for item in planned.items]
    assert len(order) == 10 and order[0] == "anmeldung"  # the registration certificate
    for item in planned.items:
        needs = ordering.needed_by_every_way(
            list(item.procedure.steps.all()),
            lambda step: [document.pk for document in step.documents.all()],
        )
        for later in planned.items[order.index(item.procedure.slug) + 1 :]:
            given = {document.pk for document in later.procedure.produces.all()}
            assert not needs & given, (
                f"{item.procedure.slug} needs a paper of {later.procedure.slug}"
            )
    permit = next(item for item in planned.items if item.procedure.slug == "aufenthaltstitel")
    assert {giver.procedure.slug for giver in permit.givers} >= {"anmeldung", "krankenversicherung"}
    assert not planned.has_circle


def test_the_answers_narrow_the_route(town, db):
    student = rules.Answers(
        situation="student", children=False, looking_for_work=False, german="good"
    )
    slugs = [item.procedure.slug for item in route(town, "en", student).items]
    assert slugs == ["anmeldung", "krankenversicherung", "aufenthaltstitel", "bankkonto"]
    family = rules.Answers(situation="family-member", children=True)
    planned = route(town, "en", family)
    assert {"schulanmeldung", "kindergeld"} <= {item.procedure.slug for item in planned.items}
    course = next(item for item in planned.items if item.procedure.slug == "integrationskurs")
    assert course.courses and course.courses[0].event.childcare  # with children: childcare first


def test_the_page_in_arabic_without_a_cookie(town, db):
    client = Client()
    page = client.get("/ar/my-route/", {"situation": "refugee", "children": "yes", "show": "1"})
    html = page.content.decode()
    assert page.status_code == 200 and not page.cookies
    assert '<html lang="ar" dir="rtl">' in html
    assert (
        titles(html)[0] == "anmeldung" and 'id="situation-refugee" value="refugee" checked' in html
    )
    empty = client.get("/ar/my-route/").content.decode()
    assert "route-heading" not in empty  # the questions first


@pytest.mark.parametrize(
    "query",
    [
        {"situation": "x" * 5000},
        {"situation": "\x00", "german": "B2", "children": "1"},
        {"work": "<script>alert(1)</script>", "show": "1"},
        {"situation": ["refugee", "student"], "show": ""},
    ],
)
def test_any_answer_gets_a_page(town, db, query):
    page = Client().get("/en/my-route/", query)
    assert page.status_code == 200 and b"<script>alert" not in page.content


def test_the_route_costs_the_same_queries_for_any_answers(town, db):
    def queries(query) -> int:
        with CaptureQueriesContext(connection) as captured:
            Client().get("/en/my-route/", query)
        return len(captured)

    assert queries({"show": "1"}) == queries({"situation": "student", "german": "good"})
