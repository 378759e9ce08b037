"""Planning figures from routes: counts over the people who agreed only, small ones hidden."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from apps.migrant_accounts.models import MigrantAccount, ProcedureProgress
from apps.routes.models import RoutePlan
from apps.routes.planning import NOT_STARTED, ON_ROUTE, RoutePlanning
from apps.statistics.planning import months_from


def person(region, number: int, *, counted: bool, answers=None, started=None) -> MigrantAccount:
    account = MigrantAccount.objects.create(
        region=region, email=f"p{number}@example.org", language="ar",
        last_active_on=timezone.localdate(),
    )  # fmt: skip
    RoutePlan.objects.create(
        account=account, answers=answers or {}, counted_for_planning=counted,
        created_at=started or timezone.now(),
    )  # fmt: skip
    return account


def route_counts(region, code):
    return RoutePlanning(region, code).counts()


def test_only_people_who_agreed_are_counted_and_small_counts_hidden(
    client, region, people, registration_procedure
):
    counted = [person(region, number, counted=True) for number in range(7)]
    person(region, 99, counted=False)
    person(region, 98, counted=True, answers={"situation": "nobody-like-this"})  # unknown: all
    ProcedureProgress.objects.create(
        account=counted[0], procedure=registration_procedure, ticks=["step:termin"]
    )
    (row,) = route_counts(region, "en")
    assert row.on_route.value == 8 and row.not_started.value == 7

    RoutePlan.objects.filter(account__in=counted[:5]).update(counted_for_planning=False)
    (row,) = route_counts(region, "en")
    assert row.on_route.value is None and row.on_route.hidden == "small"  # 3 people

    client.force_login(people["statistics_manager"])
    answer = client.get("/en/authority/statistics/planning/")
    page = answer.content.decode()
    assert answer.status_code == 200 and "<h1>Planning figures" in page, page[:3000]
    assert "Procedures on people's routes" in page and "Wohnung anmelden" in page
    assert "&lt;5" in page


def test_the_person_chooses_to_be_counted(client, region, registration_procedure):
    from tests.migrant_accounts.conftest import sign_in

    sign_in(client, "amina@example.org", code="ar")
    token = client.get("/ar/my-route/") and client.cookies["csrftoken"].value
    client.post("/ar/my-route/share/", {"action": "planning", "counted": "1"},
                headers={"X-CSRFToken": token})  # fmt: skip
    assert RoutePlan.objects.get().counted_for_planning
    client.post("/ar/my-route/share/", {"action": "planning"}, headers={"X-CSRFToken": token})
    assert not RoutePlan.objects.get().counted_for_planning


def test_one_procedure_per_month_and_district(client, region, people, registration_procedure):
    region.districts = ["Altstadt", "Nordstadt"]
    region.save()
    this_month = timezone.localdate().replace(day=1)
    last_month = months_from(this_month - dt.timedelta(days=1), 1)[0]
    in_altstadt = [
        person(region, number, counted=True, answers={"district": "Altstadt"})
        for number in range(6)
    ]
    for number in range(6, 8):
        person(region, number, counted=True, answers={"district": "Nordstadt"})
    person(region, 8, counted=True, answers={"district": "Somewhere else"})  # not a district
    person(region, 9, counted=False, answers={"district": "Altstadt"})
    earlier = dt.datetime.combine(last_month, dt.time(12), region.zone)
    for number in range(10, 15):
        person(region, number, counted=True, answers={"district": "Altstadt"}, started=earlier)
    ProcedureProgress.objects.create(
        account=in_altstadt[0], procedure=registration_procedure, ticks=["step:termin"]
    )
    planning = RoutePlanning(region, "en")
    ((procedure, _version),) = planning.procedures

    table = planning.breakdown(procedure, months=[last_month, this_month], count=NOT_STARTED)
    assert table.columns == ["Altstadt", "Nordstadt", ""]
    earlier_row, this_row = table.rows
    assert [cell.value for cell in earlier_row.figures] == [5, 0, 0]
    assert earlier_row.total.value == 5
    assert this_row.figures[0].value == 5  # six people there, one started
    assert this_row.figures[1].hidden == "small" and this_row.figures[2].hidden == "small"
    # A total that includes a hidden figure is hidden too: it would give the figure away.
    assert this_row.total.value is None and this_row.total.hidden == "protects"
    assert table.totals[0].value == 10 and table.total.value is None

    everyone = planning.breakdown(procedure, months=[this_month], count=ON_ROUTE)
    assert everyone.rows[0].figures[0].value == 6

    client.force_login(people["statistics_manager"])
    page = client.get(
        "/en/authority/statistics/planning/", {"procedure": procedure.slug, "count": NOT_STARTED}
    ).content.decode()
    assert "People who have it on their route and have not started it" in page
    assert '<th scope="col" class="number"><span lang="de" dir="auto">Nordstadt</span></th>' in page
    assert "District not given" in page and "&lt;5" in page and "×" in page


def test_a_procedure_that_is_not_published_is_a_form_error(client, region, people):
    client.force_login(people["statistics_manager"])
    answer = client.get("/en/authority/statistics/planning/", {"procedure": "nothing-like-it"})
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()


def test_the_district_is_asked_only_where_the_region_lists_some(client, region):
    assert 'name="district"' not in client.get("/en/my-route/").content.decode()
    region.districts = ["Altstadt", "Nordstadt"]
    region.save()
    page = client.get("/en/my-route/", {"district": "Nordstadt", "show": "1"}).content.decode()
    assert '<option lang="de" dir="auto" selected>Nordstadt</option>' in page
    # A district the region does not list is not an answer (the question is asked again).
    page = client.get("/en/my-route/", {"district": "<b>x</b>", "show": "1"}).content.decode()
    assert " selected>" not in page.split('name="district"')[1].split("</select>")[0]
