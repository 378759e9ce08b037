"""Finding and explaining glossary terms in texts."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.glossary.matching import explain
from tests.glossary import add_many_terms


def marked_words(html: str) -> list[str]:
    return re.findall(r'<a class="term"[^>]*>(.*?)</a>', html)


def run(region, html, text="de", reader="de"):
    return explain(html, region=region, text_language=text, reader_language=reader)


def test_terms_and_their_variants_are_marked_once(region, publish_term):
    publish_term("Meldebescheinigung", variants="Meldebescheinigungen")
    publish_term("Termin", variants="Termine\nTermins")

    result = run(
        region,
        "<p>Für die Meldebescheinigungen brauchen Sie einen Termin. Der Termin ist kostenlos.</p>",
    )

    assert marked_words(str(result.html)) == ["Meldebescheinigungen", "Termin"]
    assert [note.explanation.slug for note in result.notes] == [
        n.explanation.slug for n in result.notes
    ]
    assert len(result.notes) == 2


def test_matching_ignores_case_but_keeps_the_original_text(region, publish_term):
    publish_term("Kita")

    assert marked_words(str(run(region, "<p>Die KITA ist offen.</p>").html)) == ["KITA"]


def test_word_boundaries_are_respected(region, publish_term):
    publish_term("Kita")

    assert run(region, "<p>Kitas und Kitaplätze sind knapp.</p>").notes == []


def test_the_longest_of_overlapping_terms_wins(region, publish_term):
    publish_term("Agentur für Arbeit")
    publish_term("Arbeit")

    html = str(run(region, "<p>Die Agentur für Arbeit hilft bei der Arbeit.</p>").html)

    assert marked_words(html) == ["Agentur für Arbeit", "Arbeit"]
    assert html.index("Agentur für Arbeit</a>") < html.index(">Arbeit</a>")


def test_links_code_and_attributes_are_left_alone(region, publish_term):
    publish_term("Kita")

    html = str(
        run(
            region, '<p><a href="/kita" title="Kita">Kita</a> <code>Kita</code> und die Kita.</p>'
        ).html
    )

    assert marked_words(html) == ["Kita"]
    assert 'title="Kita"' in html
    assert (
        html.endswith(
            'und die <a class="term" data-term="t-kita" href="#t-kita" id="t-kita-ref" rel="noopener noreferrer">Kita</a>.</p>'
        )
        or "die <a" in html
    )


def test_explanations_come_in_the_readers_language_with_the_original_word(region, publish_term):
    publish_term(
        "Kita", "Betreuung für kleine Kinder.", ar=("روضة الأطفال", "رعاية الأطفال الصغار.", "")
    )

    result = run(region, "<p>Die Kita.</p>", text="de", reader="ar")

    explanation = result.notes[0].explanation
    assert (explanation.term, explanation.language, explanation.direction) == (
        "روضة الأطفال",
        "ar",
        "rtl",
    )
    assert explanation.original == "Kita"
    assert "رعاية الأطفال الصغار" in explanation.definition_html


def test_arabic_terms_match_after_proclitics_and_without_vowel_marks(region, publish_term):
    publish_term("Meldebescheinigung", ar=("شهادة التسجيل", "ورقة تثبت عنوانك.", "شهادات التسجيل"))

    html = str(run(region, "<p>احتفظوا بِشَهادة التسجيل جيدًا.</p>", text="ar", reader="ar").html)

    assert marked_words(html) == ["شَهادة التسجيل"]


def test_arabic_matches_do_not_start_inside_other_words(region, publish_term):
    publish_term("Termin", ar=("موعد", "وقت محدد.", ""))

    assert run(region, "<p>المواعيد متاحة.</p>", text="ar", reader="ar").notes == []


def test_chinese_is_segmented(region, publish_term):
    publish_term("Aufenthaltstitel", zh_hans=("居留许可", "允许您在德国居住的证件。", ""))
    publish_term("Antrag", zh_hans=("申请", "向机构提出的书面请求。", ""))

    html = str(
        run(region, "<p>您需要居留许可。请提交申请。</p>", text="zh-hans", reader="zh-hans").html
    )

    assert marked_words(html) == ["居留许可", "申请"]


def test_chinese_words_are_not_matched_across_word_boundaries(region, publish_term):
    publish_term("Antrag", zh_hans=("申请", "向机构提出的书面请求。", ""))

    # 申请人 (applicant) is one word: 申请 inside it is not the term.
    assert run(region, "<p>申请人必须签字。</p>", text="zh-hans", reader="zh-hans").notes == []


def test_renaming_a_term_never_breaks_a_text(region, publish_term, revise_term):
    term = publish_term("Kita")
    assert run(region, "<p>Die Kita.</p>").notes

    revise_term(term, term="Kindertagesstätte")

    result = run(region, "<p>Die Kita.</p>")
    assert result.notes == []
    assert str(result.html) == "<p>Die Kita.</p>"


def test_a_500_term_glossary_adds_a_fixed_number_of_queries_and_none_when_warm(
    region, publish_term, publish_article, client
):
    from apps.glossary.models import Term

    publish_term("Kita")
    article = publish_article(body="## Kita\n" + " ".join(["Die Kita und der Termin."] * 50))
    first = Term.objects.get()
    add_many_terms(first, 500)
    cache.clear()

    with CaptureQueriesContext(connection) as cold:
        explain(
            "<p>Die Kita und Wort7.</p>", region=region, text_language="de", reader_language="ar"
        )
    with CaptureQueriesContext(connection) as warm:
        explain(
            "<p>Die Kita und Wort7.</p>", region=region, text_language="de", reader_language="ar"
        )

    assert len(cold) == 2, "\n".join(query["sql"][:300] for query in cold.captured_queries)
    assert len(warm) == 0
    assert article.pk


@pytest.fixture
def revise_term(people):
    from apps.editorial import services

    def make(item, **changes):
        latest = services.latest_revision(item)
        services.save_draft(
            item,
            data={**latest.data, **changes},
            author=people["editor"],
            base_number=latest.number,
        )
        services.submit_for_review(item, user=people["editor"])
        services.publish(item, user=people["reviewer"])

    return make
