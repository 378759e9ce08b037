"""Planning figures from routes: counts over the people who agreed only, small ones hidden."""

from __future__ import annotations

from django.utils import timezone

from apps.migrant_accounts.models import MigrantAccount, ProcedureProgress
from apps.routes.models import RoutePlan
from apps.routes.planning import route_counts


def person(region, number: int, *, counted: bool, answers=None) -> MigrantAccount:
    account = MigrantAccount.objects.create(
        region=region, email=f"p{number}@example.org", language="ar",
        last_active_on=timezone.localdate(),
    )  # fmt: skip
    RoutePlan.objects.create(account=account, answers=answers or {}, counted_for_planning=counted)
    return account


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
