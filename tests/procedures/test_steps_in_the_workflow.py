"""Steps are revised, reviewed and translated with their procedure (editorial "parts")."""

from __future__ import annotations

import pytest
from lxml import etree

from apps.editorial import services
from apps.editorial.diff import diff_data
from apps.procedures.models import Procedure
from apps.translation import exchange
from apps.translation import services as translation_services
from apps.translation.exchange.xliff import XLIFF_NS
from apps.translation.queries import coverage_rows
from apps.translation.reader import part_texts
from tests.procedures.conftest import part_key, procedure_data, procedure_texts, step


def test_publishing_creates_the_steps_in_order(publish_procedure):
    procedure = publish_procedure(
        steps=[step("b", "Formular ausfüllen"), step("a", "Termin buchen", connector="and")]
    )

    steps = list(procedure.steps.all())
    assert [(s.uid, s.position, s.title_de, s.connector) for s in steps] == [
        ("b", 0, "Formular ausfüllen", "then"),
        ("a", 1, "Termin buchen", "and"),
    ]


def test_a_draft_changes_nothing_migrants_see_until_it_is_published(publish_procedure, people):
    procedure = publish_procedure(steps=[step("a", "Termin buchen")])
    latest = services.latest_revision(procedure)

    services.save_draft(
        procedure,
        data=procedure_data(steps=[step("a", "Termin buchen"), step("b", "Hingehen")]),
        author=people["editor"],
        base_number=latest.number,
    )

    assert [s.uid for s in procedure.steps.all()] == ["a"]


def test_a_translation_covers_every_step_and_goes_live_with_them(publish_procedure, translate_item):
    procedure = publish_procedure(steps=[step("a", "Termin buchen"), step("b", "Hingehen")])
    keys = [unit.key for unit in procedure.text_units()]
    assert keys == [
        "title", "summary", "body",
        "steps.a.title", "steps.a.body", "steps.b.title", "steps.b.body",
    ]  # fmt: skip

    translate_item(procedure, "ar", procedure_texts(procedure, "ar"))

    first = procedure.steps.get(uid="a")
    assert first.title_ar == "[ar] steps.a.title"
    assert part_texts(first, Procedure.parts[0], "ar", "de") == (
        {"title": "[ar] steps.a.title", "body": "[ar] steps.a.body"},
        "ar",
    )


def test_a_translation_missing_a_step_title_is_not_done(publish_procedure, people):
    procedure = publish_procedure(steps=[step("a", "Termin buchen")])
    texts = procedure_texts(procedure, "uk")
    texts[part_key("steps", "a", "title")] = ""

    with pytest.raises(services.WorkflowError):
        translation_services.save_translation(
            procedure, language="uk", texts=texts, user=people["translator"],
            base_version=None, done=True,
        )  # fmt: skip


def test_reordering_steps_keeps_translations_current(
    publish_procedure, translate_item, revise_procedure
):
    procedure = publish_procedure(steps=[step("a", "Termin buchen"), step("b", "Hingehen")])
    translate_item(procedure, "ar", procedure_texts(procedure, "ar"))

    revise_procedure(
        procedure, procedure_data(steps=[step("b", "Hingehen"), step("a", "Termin buchen")])
    )

    assert [s.uid for s in procedure.steps.all()] == ["b", "a"]
    assert procedure.steps.get(uid="a").title_ar == "[ar] steps.a.title"
    assert coverage_rows([procedure], ["ar"])[0].states == [("ar", "published")]


def test_a_new_step_outdates_translations_and_shows_in_the_original_meanwhile(
    publish_procedure, translate_item, revise_procedure
):
    procedure = publish_procedure(steps=[step("a", "Termin buchen")])
    translate_item(procedure, "ar", procedure_texts(procedure, "ar"))

    revise_procedure(
        procedure,
        procedure_data(steps=[step("a", "Termin buchen"), step("n", "Karte abholen")]),
    )

    assert coverage_rows([procedure], ["ar"])[0].states == [("ar", "outdated")]
    new = procedure.steps.get(uid="n")
    assert part_texts(new, Procedure.parts[0], "ar", "de") == (
        {"title": "Karte abholen", "body": "So geht Karte abholen."},
        "de",
    )


def test_removing_a_step_removes_it_for_migrants(publish_procedure, revise_procedure):
    procedure = publish_procedure(steps=[step("a", "Termin buchen"), step("b", "Hingehen")])

    revise_procedure(procedure, procedure_data(steps=[step("b", "Hingehen")]))

    assert [s.uid for s in procedure.steps.all()] == ["b"]


def test_reviewers_see_what_changed_in_each_step_and_in_the_order(publish_procedure):
    old = procedure_data(steps=[step("a", "Termin buchen"), step("b", "Hingehen")])
    new = procedure_data(
        steps=[step("b", "Pünktlich hingehen", cost="10.00"), step("a", "Termin buchen")]
    )

    changed = {d.label: d for d in diff_data(Procedure, old, new) if d.changed}

    assert set(changed) == {
        "Step 1 · what to do", "Step 1 · how to do it", "Step 1 · cost", "Order",
    }  # fmt: skip
    assert "<del>Hingehen</del><ins>Pünktlich hingehen</ins>" in changed["Step 1 · what to do"].html


def test_renaming_a_step_is_no_change_of_order(publish_procedure):
    old = procedure_data(steps=[step("a", "Termin buchen"), step("b", "Hingehen")])
    new = procedure_data(
        steps=[step("a", "Online buchen", body="So geht Termin buchen."), step("b", "Hingehen")]
    )

    changed = {d.label for d in diff_data(Procedure, old, new) if d.changed}

    assert changed == {"Step 1 · what to do"}


def _translate_xliff(exported: bytes, translate) -> bytes:
    """Fill every target as a translation tool would: ``translate(unit id, source)``."""
    root = etree.fromstring(exported)
    for unit in root.iter(f"{{{XLIFF_NS}}}trans-unit"):
        source = unit.find(f"{{{XLIFF_NS}}}source").text
        target = unit.find(f"{{{XLIFF_NS}}}target")
        target.text = translate(unit.get("id"), source)
        target.set("state", "translated")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_xliff_carries_steps_there_and_back(publish_procedure, people, region):
    procedure = publish_procedure(steps=[step("a", "Termin buchen")])

    exported = exchange.export_xliff([procedure], language="uk", region=region)
    assert f'id="procedures.procedure/{procedure.pk}/steps.a.title"'.encode() in exported
    assert "<note>Step 1 · what to do</note>".encode() in exported
    translated = _translate_xliff(exported, lambda unit, source: f"УК {source}")

    result = exchange.import_file(translated, region=region, user=people["translator"])

    assert result.ok, result.problems
    assert (
        translation_services.translation_of(procedure, "uk").draft["steps.a.title"]
        == "УК Termin buchen"
    )


def test_an_import_without_a_steps_title_changes_nothing(publish_procedure, people, region):
    procedure = publish_procedure(steps=[step("a", "Termin buchen")])
    exported = exchange.export_xliff([procedure], language="uk", region=region)
    translated = _translate_xliff(
        exported, lambda unit, source: "" if unit.endswith("steps.a.title") else f"УК {source}"
    )

    result = exchange.import_file(translated, region=region, user=people["translator"])

    assert not result.ok
    assert "Step 1 · what to do" in result.problems[0].message
    assert translation_services.translation_of(procedure, "uk") is None


def test_machine_drafts_include_the_steps(publish_procedure, people, region, settings):
    region.publish_machine_translations = True
    region.save()
    procedure = publish_procedure(steps=[step("a", "Termin buchen")])

    translation_services.request_machine_translation(
        procedure, languages=["it"], user=people["editor"]
    )

    draft = translation_services.translation_of(procedure, "it").draft
    assert draft["steps.a.title"]
    assert procedure.steps.get(uid="a").title_it == draft["steps.a.title"]
