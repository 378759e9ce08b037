"""An approved NGO tip is translatable content: coverage, queue, side-by-side editor, XLIFF and
machine drafts; readers get it in their language or, marked, as the original."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.procedures import services as procedure_services
from apps.procedures.models import Tip
from apps.translation import exchange
from apps.translation import services as translation_services
from apps.translation.models import CoverageState, MachineDraft, TranslationStatus
from apps.translation.queries import coverage_rows, translator_queue
from tests.procedures.conftest import step
from tests.translation.test_exchange import fill_xliff

PAGE = "/{}/step-by-step/aufenthaltstitel-beantragen/"
ORIGINAL = "Unsere Ehrenamtlichen begleiten Sie zur Behörde."


@pytest.fixture
def tip(publish_procedure, people, ngo) -> Tip:
    """Written by the NGO in English and Arabic; approved with its German text."""
    procedure = publish_procedure(
        "Aufenthaltstitel beantragen", steps=[step("termin", "Termin bei der Ausländerbehörde")]
    )
    tip = procedure_services.suggest_tip(
        step=procedure.steps.get(), organisation=ngo, author=people["ngo_admin"], language="en",
        texts={"en": "Our volunteers go with you.", "ar": "متطوعونا يرافقونكم."},
    )  # fmt: skip
    return procedure_services.review_tip(
        tip, user=people["reviewer"], approve=True, original=ORIGINAL
    )


def states(tip, *codes):
    return dict(coverage_rows(Tip.objects.filter(pk=tip.pk), list(codes))[0].states)


def test_the_organisations_languages_are_published_and_the_rest_goes_to_translators(tip, region):
    assert states(tip, "en", "ar", "uk", "de-easy") == {
        "en": CoverageState.PUBLISHED,
        "ar": CoverageState.PUBLISHED,
        "uk": CoverageState.MISSING,
        "de-easy": CoverageState.MISSING,
    }
    queued = [(entry.item, entry.language) for entry in translator_queue(region, ["uk", "ar"])]
    assert (tip, "uk") in queued and (tip, "ar") not in queued


def test_a_translator_translates_it_side_by_side_and_readers_get_it(client, tip, people):
    address = reverse(
        "authority:translation_edit",
        kwargs={"type": "procedures.tip", "pk": tip.pk, "language": "uk"},
    )
    client.force_login(people["translator"])
    page = client.get(address).content.decode()
    assert ORIGINAL in page  # the original beside

    client.post(address, {"text": "Наші волонтери підуть з вами.", "action": "done"})
    client.force_login(people["reviewer"])
    client.post(address, {"action": "publish"})

    ukrainian = client.get(PAGE.format("uk")).content.decode()
    assert '<p lang="uk" dir="ltr">Наші волонтери підуть з вами.</p>' in ukrainian
    assert "tip__language" not in ukrainian
    russian = client.get(PAGE.format("ru")).content.decode()
    assert f'<p lang="de" dir="ltr">{ORIGINAL}</p>' in russian and "tip__language" in russian


def test_tips_have_no_workspace_pages_but_the_translation_ones(client, tip, people):
    client.force_login(people["editor"])
    detail = reverse("authority:content_detail", kwargs={"type": "procedures.tip", "pk": tip.pk})
    listing = reverse("authority:content_list", kwargs={"type": "procedures.tip"})
    coverage = client.get(reverse("authority:coverage"), {"type": "procedures.tip"})

    assert client.get(detail).status_code == 404 and client.get(listing).status_code == 404
    assert coverage.status_code == 200 and "Unsere Ehrenamtlichen" in coverage.content.decode()


def test_tips_go_out_and_come_back_as_xliff(tip, region, people):
    exported = exchange.export_xliff([tip], language="uk", region=region)
    assert ORIGINAL.encode() in exported

    result = exchange.import_file(
        fill_xliff(exported, {"text": "Наші волонтери підуть з вами."}),
        region=region,
        user=people["region_admin"],
    )

    assert result.ok, result.problems
    assert states(tip, "uk") == {"uk": CoverageState.TRANSLATED}


def test_city_editors_request_machine_drafts_for_tips(tip, people):
    queued = translation_services.request_machine_translation(
        tip, languages=["ru"], user=people["editor"]
    )

    assert queued == ["ru"]
    assert MachineDraft.objects.get(object_id=tip.pk, language="ru").state == "done"
    assert translation_services.translation_of(tip, "ru").status == TranslationStatus.MACHINE


def test_a_changed_tip_is_approved_again_and_outdates_the_translators_work(
    client, tip, people, ngo, translate_item
):
    translate_item(tip, "uk", {"text": "Наші волонтери підуть з вами."})
    client.force_login(people["ngo_admin"])
    edit = reverse("ngo:tip_edit", kwargs={"org": ngo.slug, "pk": tip.pk})
    form = client.get(edit).content.decode()
    assert "Наші волонтери" not in form  # the city's translation is not the NGO's to change

    client.post(edit, {"language": "en", "text_en": "Our volunteers go with you. Call first."})
    tip.refresh_from_db()
    assert tip.text_uk == "Наші волонтери підуть з вами." and tip.written_in == ["en"]

    procedure_services.review_tip(
        tip, user=people["reviewer"], approve=True, original=ORIGINAL + " Rufen Sie vorher an."
    )

    assert states(tip, "en", "uk", "ar") == {
        "en": CoverageState.PUBLISHED,  # the NGO's own, published with the original
        "uk": CoverageState.OUTDATED,  # the translator's, made from the old original
        "ar": CoverageState.MISSING,  # the NGO took its Arabic back: translators' turn
    }
