"""Easy German in the translation workflow: a target like any language, written by people, with
writing help in the editor."""

import polib
import pytest
from django.urls import reverse
from lxml import etree

from apps.articles.models import Article
from apps.editorial import services as editorial_services
from apps.translation import easy_language, exchange, services
from apps.translation.models import CoverageState
from apps.translation.queries import coverage_rows, translation_targets, translator_queue
from tests.translation.test_exchange import XLIFF, fill_xliff

EASY = {
    "title": "Wohnung anmelden",
    "summary": "So melden Sie Ihre Wohnung an.",
    "body": "## Termin\nSie brauchen einen Termin.",
}


def states(article, *codes):
    return dict(coverage_rows(Article.objects.filter(pk=article.pk), list(codes))[0].states)


@pytest.fixture
def easy_translator(people, authority):
    from tests.conftest import make_member

    return make_member(authority, "translator", "easy@example.org", languages=["de-easy"])


def test_easy_german_is_a_target_with_its_own_state_and_outdated_by_fingerprint(
    publish_article, people, region, revise, translate_item
):
    article = publish_article()
    assert "de-easy" in translation_targets(region)
    assert states(article, "de-easy") == {"de-easy": CoverageState.MISSING}
    assert any(entry.language == "de-easy" for entry in translator_queue(region, ["de-easy"]))

    translate_item(article, "de-easy", EASY)
    assert states(article, "de-easy") == {"de-easy": CoverageState.PUBLISHED}

    revise(article, body="## Termin\nBuchen Sie online einen Termin.")
    assert states(article, "de-easy") == {"de-easy": CoverageState.OUTDATED}


def test_easy_german_goes_out_and_comes_back_as_xliff_and_po(publish_article, people, region):
    article = publish_article()

    exported = exchange.export_xliff([article], language="de-easy", region=region)
    file_element = etree.fromstring(exported).find("x:file", XLIFF)
    assert file_element.get("target-language") == "de-easy"
    result = exchange.import_file(
        fill_xliff(exported, EASY), region=region, user=people["region_admin"]
    )
    assert result.ok, result.problems
    assert services.translation_of(article, "de-easy").draft["title"] == "Wohnung anmelden"

    catalogue = polib.pofile(
        exchange.export_po([article], language="de-easy", region=region).decode()
    )
    assert catalogue.metadata["Language"] in ("de-easy", "de_Easy")


def test_no_machine_drafts_for_easy_language(publish_article, people, region):
    article = publish_article()

    with pytest.raises(editorial_services.WorkflowError, match="written by people"):
        services.request_machine_translation(
            article, languages=["de-easy"], user=people["region_admin"]
        )
    missing = services.languages_without_translation(article, translation_targets(region))
    assert "de-easy" not in missing and "ar" in missing


def test_the_editor_flags_what_breaks_the_rules_and_checking_saves_nothing(
    client, people, publish_article, easy_translator
):
    article = publish_article()
    address = reverse(
        "authority:translation_edit",
        kwargs={"type": "articles.article", "pk": article.pk, "language": "de-easy"},
    )
    client.force_login(easy_translator)

    page = client.get(address).content.decode()
    assert "Writing help for easy language" in page
    assert "Netzwerk Leichte Sprache" in page
    assert 'value="check"' in page

    checked = client.post(
        address,
        {
            "title": "Wohnung anmelden",
            "summary": "Die Anmeldung wird vom Bürgeramt bestätigt.",
            "body": "Sie haben zwei Wochen Zeit für die Meldebescheinigung.",
            "base_version": "",
            "action": "check",
        },
    )
    html = checked.content.decode()
    assert checked.status_code == 200
    assert (
        'writing-help__mark--passive" title="Passive voice">wird vom Bürgeramt bestätigt</mark>'
        in html
    )
    assert 'writing-help__mark--number-word" title="Number written as a word">zwei</mark>' in html
    assert 'writing-help__mark--long-word" title="Long word">Meldebescheinigung</mark>' in html
    assert services.translation_of(article, "de-easy") is None  # nothing saved

    saved = client.post(address, {**EASY, "base_version": "", "action": "save"})
    assert saved.status_code == 302
    assert services.translation_of(article, "de-easy").draft["title"] == "Wohnung anmelden"


def test_other_targets_get_no_writing_help(client, people, publish_article):
    article = publish_article()
    client.force_login(people["translator"])
    page = client.get(
        reverse(
            "authority:translation_edit",
            kwargs={"type": "articles.article", "pk": article.pk, "language": "ar"},
        )
    ).content.decode()
    assert "Writing help" not in page and 'value="check"' not in page


@pytest.mark.parametrize(
    ("text", "rule", "flagged"),
    [
        ("Ihr Antrag wird vom Amt geprüft.", easy_language.PASSIVE, ["wird vom Amt geprüft"]),
        ("Die Daten wurden angemeldet.", easy_language.PASSIVE, ["wurden angemeldet"]),
        ("Sie haben drei Wochen Zeit.", easy_language.NUMBER_WORD, ["drei"]),
        ("Es kostet fünfundzwanzig Euro.", easy_language.NUMBER_WORD, ["fünfundzwanzig"]),
        ("Zeigen Sie die Krankenversicherungskarte.", easy_language.LONG_WORD,
         ["Krankenversicherungskarte"]),
        ("Your form is checked by the office.", easy_language.PASSIVE, ["is checked"]),
        ("You have three weeks.", easy_language.NUMBER_WORD, ["three"]),
    ],
)  # fmt: skip
def test_each_rule_finds_its_words(text, rule, flagged):
    code = "en" if text.startswith(("Your", "You")) else "de-easy"
    found = [f.text for f in easy_language.check(text, code).findings if f.rule is rule]
    assert found == flagged


@pytest.mark.parametrize(
    "text",
    [
        "Sie haben 3 Wochen Zeit.",  # digits
        "Das Amt prüft Ihren Antrag.",  # active
        "Zeigen Sie die Kranken-Versicherungs-Karte.",  # split with hyphens
        "Sie gehen gegen 10 Uhr zum Amt.",  # "gegen" is no participle
    ],
)
def test_easy_sentences_pass(text):
    assert easy_language.check(text, "de-easy").findings == ()


def test_long_sentences_are_flagged_whole_and_links_are_not_words():
    text = (
        "Wenn Sie in eine Wohnung in Musterstadt einziehen, müssen Sie Ihre Adresse innerhalb "
        "von zwei Wochen beim Bürgeramt anmelden und einen Termin buchen.\n"
        "Mehr lesen Sie [hier](https://musterstadt.example/buergeramt-terminvereinbarung)."
    )
    help_ = easy_language.check(text, "de-easy")

    long_sentences = [f for f in help_.findings if f.rule is easy_language.LONG_SENTENCE]
    assert len(long_sentences) == 1 and long_sentences[0].text.startswith("Wenn Sie")
    assert all("terminvereinbarung" not in f.text for f in help_.findings)
    # The number inside the long sentence is marked inside the sentence's mark.
    assert '<mark class="writing-help__mark writing-help__mark--long-sentence"' in help_.marked
    assert "</mark> Wochen" in help_.marked


def test_marked_preview_escapes_the_text():
    marked = easy_language.check("<script>alert(1)</script> drei", "de-easy").marked
    assert "<script>" not in marked and "&lt;script&gt;" in marked
