"""NGOs suggest tips on steps; the city approves them; migrants read them with the NGO's name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.procedures.models import Tip, TipStatus
from tests.procedures.conftest import step


@pytest.fixture
def procedure(publish_procedure):
    return publish_procedure(
        "Aufenthaltstitel beantragen",
        steps=[step("termin", "Termin bei der Ausländerbehörde")],
    )


def suggest(client, ngo, step_row, **texts):
    return client.post(
        reverse("ngo:tip_create", kwargs={"org": ngo.slug}),
        {"step": step_row.pk, "language": "en", **{f"text_{k}": v for k, v in texts.items()}},
    )


def test_a_tip_shows_on_the_step_only_once_approved(client, people, ngo, procedure):
    step_row = procedure.steps.get()
    client.force_login(people["ngo_member"])
    response = suggest(
        client, ngo, step_row,
        en="Our volunteers can come with you.", ar="متطوعونا يمكن أن يرافقوكم.",
    )  # fmt: skip
    assert response.status_code == 302
    tip = Tip.objects.get()
    assert tip.status == TipStatus.PENDING
    assert (
        "Our volunteers"
        not in client.get("/en/step-by-step/aufenthaltstitel-beantragen/").content.decode()
    )

    client.force_login(people["reviewer"])
    queue = client.get(reverse("authority:tips")).content.decode()
    assert "Our volunteers can come with you." in queue and "Helping Hands" in queue
    review = reverse("authority:tip_review", kwargs={"pk": tip.pk})
    # Not written in German: the city approves it with its German text, the original.
    refused = client.post(review, {"decision": "approve"}, follow=True).content.decode()
    assert "Give the tip&#x27;s text in Deutsch" in refused
    client.post(review, {"decision": "approve", "original": "Unsere Ehrenamtlichen begleiten Sie."})

    english = client.get("/en/step-by-step/aufenthaltstitel-beantragen/").content.decode()
    arabic = client.get("/ar/step-by-step/aufenthaltstitel-beantragen/").content.decode()
    german = client.get("/de/step-by-step/aufenthaltstitel-beantragen/").content.decode()
    ukrainian = client.get("/uk/step-by-step/aufenthaltstitel-beantragen/").content.decode()
    assert "Tip from Helping Hands" in english
    assert '<p lang="en" dir="ltr">Our volunteers can come with you.</p>' in english
    assert '<p lang="ar" dir="rtl">متطوعونا يمكن أن يرافقوكم.</p>' in arabic
    assert '<p lang="de" dir="ltr">Unsere Ehrenamtlichen begleiten Sie.</p>' in german
    # Nobody translated it into Ukrainian yet: the original, marked as such.
    assert '<p lang="de" dir="ltr">Unsere Ehrenamtlichen begleiten Sie.</p>' in ukrainian
    assert "tip__language" in ukrainian and "tip__language" not in english


def test_rejecting_needs_a_reason_the_ngo_then_reads(client, people, ngo, procedure):
    client.force_login(people["ngo_admin"])
    suggest(client, ngo, procedure.steps.get(), en="Call us.")
    tip = Tip.objects.get()
    client.force_login(people["reviewer"])
    review = reverse("authority:tip_review", kwargs={"pk": tip.pk})

    client.post(review, {"decision": "reject", "comment": ""})
    tip.refresh_from_db()
    assert tip.status == TipStatus.PENDING

    client.post(review, {"decision": "reject", "comment": "Please add your phone number."})
    tip.refresh_from_db()
    assert tip.status == TipStatus.REJECTED

    client.force_login(people["ngo_admin"])
    mine = client.get(reverse("ngo:tips", kwargs={"org": ngo.slug})).content.decode()
    assert "Please add your phone number." in mine


def test_changing_an_approved_tip_needs_approval_again(client, people, ngo, procedure):
    client.force_login(people["ngo_admin"])
    suggest(client, ngo, procedure.steps.get(), en="Call us.")
    tip = Tip.objects.get()
    client.force_login(people["reviewer"])
    client.post(
        reverse("authority:tip_review", kwargs={"pk": tip.pk}),
        {"decision": "approve", "original": "Rufen Sie uns an."},
    )
    tip.refresh_from_db()
    assert tip.status == TipStatus.APPROVED

    client.force_login(people["ngo_admin"])
    client.post(
        reverse("ngo:tip_edit", kwargs={"org": ngo.slug, "pk": tip.pk}),
        {"language": "en", "text_en": "Call us on 0301."},
    )

    tip.refresh_from_db()
    assert tip.status == TipStatus.PENDING
    assert (
        "0301" not in client.get("/en/step-by-step/aufenthaltstitel-beantragen/").content.decode()
    )


def test_a_tip_must_be_written_in_the_language_chosen(client, people, ngo, procedure):
    client.force_login(people["ngo_admin"])

    response = suggest(client, ngo, procedure.steps.get(), ar="اتصلوا بنا.")

    assert "Write the tip at least in the language you chose." in response.content.decode()
    assert not Tip.objects.exists()


def test_ngos_touch_only_their_own_tips(client, people, ngo, other_ngo, procedure):
    client.force_login(people["ngo_admin"])
    suggest(client, ngo, procedure.steps.get(), en="Call us.")
    tip = Tip.objects.get()

    client.force_login(people["other_ngo_admin"])
    assert (
        "Call us."
        not in client.get(reverse("ngo:tips", kwargs={"org": other_ngo.slug})).content.decode()
    )
    edit = client.post(
        reverse("ngo:tip_edit", kwargs={"org": other_ngo.slug, "pk": tip.pk}),
        {"language": "en", "text_en": "Hijacked"},
    )
    withdraw = client.post(reverse("ngo:tip_withdraw", kwargs={"org": ngo.slug, "pk": tip.pk}))

    assert edit.status_code == 404 and withdraw.status_code == 403
    tip.refresh_from_db()
    assert tip.text_en == "Call us."


def test_ngos_cannot_review_tips(client, people, ngo, procedure):
    client.force_login(people["ngo_admin"])
    suggest(client, ngo, procedure.steps.get(), en="Call us.")
    tip = Tip.objects.get()

    response = client.post(
        reverse("authority:tip_review", kwargs={"pk": tip.pk}), {"decision": "approve"}
    )

    assert response.status_code == 403
    tip.refresh_from_db()
    assert tip.status == TipStatus.PENDING
