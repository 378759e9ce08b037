"""Two people editing one item: what only one of them changed is kept from each; a field both
changed is never overwritten until the second person has seen it and chosen."""

import pytest

from apps.editorial import services
from apps.editorial.merge import Resolution
from apps.procedures.models import Procedure
from tests.conftest import article_data
from tests.procedures.conftest import procedure_data, publish_procedure, step

__all__ = ["publish_procedure"]  # the fixture


def save(item, person, base: int, resolution=None, **texts):
    return services.save_revision(
        item, data=article_data(**texts), author=person, base_number=base, resolution=resolution
    )


def test_edits_of_different_fields_are_both_kept(publish_article, people):
    article = publish_article(title="Wohnung anmelden", summary="So geht das.")
    save(article, people["region_admin"], 1, title="Wohnsitz anmelden", summary="So geht das.")

    saved = save(article, people["editor"], 1, title="Wohnung anmelden", summary="Kurz erklärt.")

    assert saved.created and saved.revision.number == 3
    assert saved.revision.data["title"] == "Wohnsitz anmelden"  # theirs, untouched by me
    assert saved.revision.data["summary"] == "Kurz erklärt."  # mine
    assert [field.name for field in saved.merge.taken] == ["title"]


def test_a_field_both_changed_is_never_overwritten_unseen(publish_article, people):
    article = publish_article(title="Wohnung anmelden", summary="So geht das.")
    save(article, people["region_admin"], 1, title="Titel von Aylin", summary="So geht das.")

    with pytest.raises(services.EditConflict) as first:
        save(article, people["editor"], 1, title="Mein Titel", summary="Meine Zusammenfassung.")
    assert [field.name for field in first.value.merge.conflicts] == ["title"]
    assert first.value.merge.data["summary"] == "Meine Zusammenfassung."

    # Saving again on the same start, without choosing, still refuses.
    for resolution in (None, Resolution(seen=2), Resolution(seen=2, choices={"title": "?"})):
        with pytest.raises(services.EditConflict):
            save(article, people["editor"], 1, resolution, title="Mein Titel")
    assert services.latest_revision(article).number == 2

    kept = save(
        article, people["editor"], 1, Resolution(seen=2, choices={"title": "theirs"}),
        title="Mein Titel", summary="Meine Zusammenfassung.",
    )  # fmt: skip
    assert kept.revision.data["title"] == "Titel von Aylin"
    assert kept.revision.data["summary"] == "Meine Zusammenfassung."


def test_choices_made_against_an_older_revision_do_not_count(publish_article, people):
    article = publish_article(title="Eins")
    save(article, people["region_admin"], 1, title="Zwei")
    save(article, people["region_admin"], 2, title="Drei")  # saved again after the conflict

    with pytest.raises(services.EditConflict) as again:
        save(article, people["editor"], 1, Resolution(seen=2, choices={"title": "mine"}),
             title="Mein Titel")  # fmt: skip

    assert again.value.latest.number == 3
    assert services.latest_revision(article).data["title"] == "Drei"


def test_keeping_mine_after_seeing_theirs(publish_article, people):
    article = publish_article(title="Eins")
    save(article, people["region_admin"], 1, title="Zwei")

    kept = save(
        article, people["editor"], 1, Resolution(seen=2, choices={"title": "mine"}), title="Mein"
    )

    assert kept.revision.data["title"] == "Mein"


def test_steps_changed_by_two_people_are_merged_row_by_row(publish_procedure, people):
    procedure = publish_procedure(
        steps=[step("a", "Termin buchen"), step("b", "Hingehen"), step("c", "Abholen")]
    )
    services.save_draft(
        procedure, author=people["region_admin"], base_number=1,
        data=procedure_data(steps=[step("b", "Hingehen"), step("a", "Termin online buchen"),
                                   step("c", "Abholen")]),
    )  # fmt: skip

    saved = services.save_revision(
        procedure, author=people["editor"], base_number=1,
        data=procedure_data(steps=[step("a", "Termin buchen"), step("b", "Pünktlich hingehen"),
                                   step("c", "Abholen"), step("d", "Bezahlen")]),
    )  # fmt: skip

    rows = [(row["uid"], row["title"]) for row in saved.revision.data["steps"]]
    assert rows == [
        ("b", "Pünktlich hingehen"), ("a", "Termin online buchen"), ("c", "Abholen"),
        ("d", "Bezahlen"),
    ]  # fmt: skip


def test_a_step_changed_by_one_and_removed_by_the_other_is_a_conflict(publish_procedure, people):
    procedure = publish_procedure(steps=[step("a", "Termin buchen"), step("b", "Hingehen")])
    services.save_draft(
        procedure, author=people["region_admin"], base_number=1,
        data=procedure_data(steps=[step("a", "Termin buchen")]),
    )  # fmt: skip

    with pytest.raises(services.EditConflict) as conflict:
        services.save_revision(
            procedure, author=people["editor"], base_number=1,
            data=procedure_data(steps=[step("a", "Termin buchen"), step("b", "Früh hingehen")]),
        )  # fmt: skip

    assert [field.name for field in conflict.value.merge.conflicts] == ["steps"]
    report = conflict.value.merge.report["conflicts"][0]
    assert report.label == str(Procedure.parts[0].model_class._meta.verbose_name_plural)


def test_saving_an_unchanged_text_makes_no_revision(publish_article, people):
    article = publish_article(body="Zeile eins\nZeile zwei")

    saved = save(article, people["editor"], 1, body="Zeile eins\r\nZeile zwei")

    assert not saved.created
    assert article.revisions.count() == 1
