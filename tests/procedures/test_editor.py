"""Editors write procedures and their steps in the authority workspace."""

from __future__ import annotations

from django.urls import reverse

from apps.editorial import services
from apps.procedures.models import Procedure

TYPE = "procedures.procedure"


def url(name, **kwargs):
    return reverse(f"authority:{name}", kwargs=kwargs)


def management(total: int, initial: int = 0) -> dict:
    return {
        "steps-TOTAL_FORMS": str(total),
        "steps-INITIAL_FORMS": str(initial),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "60",
    }


def step_fields(index: int, title: str, order: int, **extra) -> dict:
    fields = {
        "uid": "",
        "title": title,
        "body": f"So geht {title}." if title else "",
        "connector": "then",
        "currency": "EUR",
        "ORDER": str(order),
        **extra,
    }
    return {f"steps-{index}-{name}": value for name, value in fields.items()}


def procedure_post(*steps: dict, **overrides) -> dict:
    data = {
        "title": "Wohnung anmelden",
        "summary": "Für alle, die umziehen.",
        "body": "Das ist Pflicht.",
        **management(len(steps)),
        **overrides,
    }
    for fields in steps:
        data.update(fields)
    return data


def test_the_editor_writes_a_procedure_with_steps_in_the_order_chosen(client, people):
    client.force_login(people["editor"])
    page = client.get(url("content_create", type=TYPE)).content.decode()
    assert 'name="steps-0-title"' in page  # one empty step to start with
    assert "Move up" in page  # the labels the reorder buttons get

    response = client.post(
        url("content_create", type=TYPE),
        procedure_post(
            step_fields(
                0, "Zum Amt gehen", 2, cost="10.50", duration_value="30", duration_unit="minutes"
            ),
            step_fields(1, "Termin buchen", 1),
            step_fields(2, "", 3),  # the empty extra step is ignored
        ),
    )

    assert response.status_code == 302, response.content.decode()
    procedure = Procedure.objects.get()
    assert response["Location"] == url("content_detail", type=TYPE, pk=procedure.pk)
    steps = services.latest_revision(procedure).data["steps"]
    assert [row["title"] for row in steps] == ["Termin buchen", "Zum Amt gehen"]
    assert steps[1]["cost"] == "10.50" and steps[1]["duration_unit"] == "minutes"
    assert all(len(row["uid"]) == 12 for row in steps)
    detail = client.get(response["Location"]).content.decode()
    assert "<ins>Termin buchen</ins>" in detail  # reviewers see each step's text


def test_editing_keeps_each_steps_identity_and_removes_what_is_ticked(
    client, people, publish_procedure
):
    from tests.procedures.conftest import step

    procedure = publish_procedure(steps=[step("a", "Termin buchen"), step("b", "Hingehen")])
    client.force_login(people["editor"])
    form = client.get(url("content_edit", type=TYPE, pk=procedure.pk)).content.decode()
    assert 'name="steps-0-uid" value="a"' in form

    client.post(
        url("content_edit", type=TYPE, pk=procedure.pk),
        {
            **procedure_post(
                step_fields(0, "Termin buchen", 2, uid="a"),
                step_fields(1, "Hingehen", 1, uid="b", DELETE="on"),
                step_fields(2, "Neu", 1),
            ),
            **management(3, initial=2),
            "base_revision": services.latest_revision(procedure).number,
        },
    )

    steps = services.latest_revision(procedure).data["steps"]
    assert [(row["uid"] if row["uid"] == "a" else "new", row["title"]) for row in steps] == [
        ("new", "Neu"),
        ("a", "Termin buchen"),
    ]


def test_mistakes_in_steps_are_explained_and_nothing_is_lost(client, people):
    client.force_login(people["editor"])

    response = client.post(
        url("content_create", type=TYPE),
        procedure_post(
            step_fields(0, "Online beantragen", 1, connector="or", duration_value="3"),
            step_fields(1, "Bezahlen", 2, cost="-5", currency="eur"),
        ),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not Procedure.objects.exists()
    assert "Give both a number and a unit, or neither." in page
    assert "Use a three-letter code such as EUR." in page
    assert "Online beantragen" in page and "Bezahlen" in page  # the editor's text is kept


def test_the_first_step_cannot_be_an_alternative(client, people):
    client.force_login(people["editor"])

    response = client.post(
        url("content_create", type=TYPE),
        procedure_post(step_fields(0, "Online beantragen", 1, connector="or")),
    )

    assert "there is no step before it" in response.content.decode()
    assert not Procedure.objects.exists()


def test_a_procedure_needs_a_step(client, people):
    client.force_login(people["editor"])

    response = client.post(url("content_create", type=TYPE), procedure_post())

    assert "A procedure needs at least one step." in response.content.decode()


def test_a_place_is_edited_with_opening_hours_per_day(client, people):
    from apps.places.models import Place

    client.force_login(people["editor"])
    data = {
        "name": "Bürgeramt",
        "street": "Rathausplatz 1",
        "postcode": "12345",
        "city": "Teststadt",
        "hours_0": "8:00-12:00, 14.00–18:00",
        "hours_4": "08:00–10:00",
    }

    wrong = client.post(url("content_create", type="places.place"), {**data, "hours_2": "9-12"})
    assert "is not a time range" in wrong.content.decode()
    client.post(url("content_create", type="places.place"), data)

    place = Place.objects.get()
    assert services.latest_revision(place).data["opening_hours"] == [
        {"day": 0, "opens": "08:00", "closes": "12:00"},
        {"day": 0, "opens": "14:00", "closes": "18:00"},
        {"day": 4, "opens": "08:00", "closes": "10:00"},
    ]
    form = client.get(url("content_edit", type="places.place", pk=place.pk)).content.decode()
    assert 'value="08:00–12:00, 14:00–18:00"' in form
