"""Search finds published content in the reader's language — the same tests on SQLite FTS5 and
on PostgreSQL full-text search (CI), whichever database the suite runs on."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.editorial import services
from apps.search.models import Passage
from apps.search.queries import search
from tests.procedures.conftest import step


def test_a_procedure_is_found_with_the_step_that_matches(registration, region):
    results = search(region, "en", "certificate")
    assert [r.title for r in results.results] == ["Register your address"]
    found = results.results[0]
    assert found.heading == "Book an appointment at the Citizens' Office"
    assert found.url.endswith("/en/step-by-step/" + registration.slug + "/#step-visit")
    assert "<mark>certificate</mark>" in found.excerpt
    assert results.total == 1 and results.kinds == [("procedure", "Procedures", 1)]


def test_inflected_forms_are_found(registration, find):
    assert find("en", "registering") == ["Register your address"]
    assert find("de", "Formulare") == ["Wohnsitz anmelden"]


def test_readers_get_their_language_or_the_original_with_a_notice(registration, region):
    arabic = search(region, "ar", "Meldebescheinigung").results
    assert [r.title for r in arabic] == ["Wohnsitz anmelden"]
    assert arabic[0].is_fallback and arabic[0].language.code == "de"
    english = search(region, "en", "certificate").results
    assert not english[0].is_fallback and english[0].language.code == "en"


def test_german_words_typed_by_people_who_do_not_write_german(registration, find):
    for typed in ("Meldebescheinigung", "anmeldung", "buergeramt", "Burgeramt", "Bürgeramt"):
        assert find("en", typed) == ["Register your address"], typed


def test_typing_mistakes_are_corrected(registration, region):
    results = search(region, "en", "apointment")
    assert results.corrections == {"apointment": "appointment"}
    assert [r.title for r in results.results] == ["Register your address"]
    assert search(region, "en", "Meldebescheinigng").results


def test_chinese_is_segmented_when_indexing_and_searching(registration, find):
    assert find("zh-hans", "登记") == ["住址登记"]
    assert find("zh-hans", "我想登记住址") == ["住址登记"]
    assert find("zh-hans", "市民服务局") == ["住址登记"]


def test_arabic_script_variants_and_joiners_are_one(registration, find):
    # Typed on an Arabic keyboard (ي, ك) and without the zero-width non-joiner of می‌گیرید.
    assert find("fa-af", "ثبت آدرس") == ["ثبت آدرس"]
    assert find("fa-af", "شهروندان") == ["ثبت آدرس"]
    assert find("fa-af", "فورم ثبت را پر كنيد") == ["ثبت آدرس"]
    assert find("fa-af", "میگیرید") == ["ثبت آدرس"]


def test_what_is_not_published_is_not_found(registration, people, find, committed):
    with committed():
        services.archive(registration, user=people["reviewer"])
    assert find("en", "appointment") == []
    assert not Passage.objects.filter(object_id=registration.pk, kind="procedure").exists()


def test_a_new_version_replaces_the_old_one(registration, people, find, committed):
    latest = services.latest_revision(registration)
    data = dict(latest.data, steps=[step("visit", "Zum Amt gehen", "Ausweis mitbringen.")])
    with committed():
        services.save_draft(registration, data=data, author=people["editor"],
                            base_number=latest.number)  # fmt: skip
        services.submit_for_review(registration, user=people["editor"])
        services.publish(registration, user=people["reviewer"])
    assert find("de", "Ausweis") == ["Wohnsitz anmelden"]
    assert find("de", "Formular") == []


def test_filters_by_kind_and_topic(registration, publish_term, taxonomy, region, committed):
    with committed():
        publish_term("Meldebescheinigung", "Ein Papier vom Bürgeramt.")
    everything = search(region, "de", "Bürgeramt")
    assert everything.total == 2
    assert dict((k, n) for k, _label, n in everything.kinds) == {"procedure": 1, "term": 1}
    only_terms = search(region, "de", "Bürgeramt", kind="term")
    assert [r.title for r in only_terms.results] == ["Meldebescheinigung"]
    assert search(region, "de", "Bürgeramt", topic="housing").total == 0
    assert search(region, "de", "Bürgeramt", kind="nonsense").total == 2


def test_searching_never_reads_the_content_tables(registration, region):
    search(region, "zh-hans", "登记")  # load the Chinese dictionary first
    with CaptureQueriesContext(connection) as queries:
        search(region, "en", "apointment form")
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "procedures_" not in tables and "translation_" not in tables
    assert "search_passage" in tables


def test_the_index_can_be_rebuilt(registration, find):
    Passage.objects.all().delete()
    assert find("en", "appointment") == []
    call_command("rebuild_search_index", verbosity=0)
    assert find("en", "appointment") == ["Register your address"]


def test_bad_input_gets_a_clear_message_never_an_error(registration, region):
    assert search(region, "en", "").query.problem
    assert "too long" in search(region, "en", "a" * 5000).query.problem
    assert search(region, "en", "!!! ???").query.problem
    control = search(region, "en", "appoint\x00ment\x07")
    assert control.query.notices and not control.query.problem
    mixed = search(region, "en", "jоbcenter appointment")  # a Cyrillic о in it
    assert mixed.query.notices and [r.title for r in mixed.results] == ["Register your address"]
