"""The assistant answers a question in the reader's words from the portal's published content,
across languages, says plainly when it has nothing, asks "Did this help?" and counts what it
could not answer — without knowing who asked."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from apps.search import assistant, services
from apps.search.models import AnswerFeedback, Gap, Outcome, Passage, Vector

#: "Where do I pay the television and radio fee every month?" — no word in common with German.
TV_FEE_IN_ARABIC = "من أين أدفع رسوم التلفاز والراديو كل شهر"


@pytest.fixture
def counselling(region, ngo, committed):
    """An NGO that counsels in Dari and Arabic, indexed as publishing would."""
    with committed():
        ngo.name_en = ngo.name_de = "Refugee Counselling Centre"
        ngo.description_de = "Kostenlose Beratung zu Briefen, Wohnung und Arbeit."
        ngo.languages_spoken = ["fa-af", "ar"]
        ngo.save()
    return ngo


@pytest.fixture
def broadcasting_fee(publish_article, committed):
    """An article that exists only in German."""
    with committed():
        return publish_article(
            title="Der Rundfunkbeitrag",
            summary="Jede Wohnung zahlt einen Rundfunkbeitrag für Fernsehen und Radio: 18,36 Euro "
            "im Monat. Wer Bürgergeld bekommt, kann sich befreien lassen.",
            body="Sie bekommen einen Brief vom Beitragsservice.",
        )


def test_a_question_is_answered_with_the_procedure_and_the_steps_that_matter(registration):
    answer = assistant.ask(
        registration.region, "en", "I moved into a flat, where do I get the certificate?"
    )
    procedure = answer.procedures[0]
    assert procedure.title == "Register your address"
    assert procedure.url == "/en/step-by-step/wohnsitz-anmelden/"
    assert "/en/step-by-step/wohnsitz-anmelden/#step-visit" in [p.url for p in procedure.parts]
    assert "<mark>certificate</mark>" in "".join(p.excerpt for p in procedure.parts)


@pytest.mark.parametrize(
    ("code", "question"),
    [
        ("fa-af", "من به یک خانه نو رفتم، آدرس خود را چطور ثبت کنم؟"),
        ("zh-hans", "我搬家了，怎么登记住址？"),
    ],
)
def test_questions_in_other_scripts_find_the_procedure(registration, code, question):
    answer = assistant.ask(registration.region, code, question)
    assert answer.findings[0].url.startswith(f"/{code}/step-by-step/wohnsitz-anmelden/")


def test_a_question_finds_content_that_exists_only_in_german(region, broadcasting_fee):
    """Arabic words share nothing with the German text: only the embedding can find it."""
    answer = assistant.ask(region, "ar", TV_FEE_IN_ARABIC)
    first = answer.findings[0]
    assert first.title == "Der Rundfunkbeitrag"
    assert first.is_fallback and first.language.code == "de"


def test_nothing_good_is_said_plainly_with_who_can_help(region, registration, counselling):
    answer = assistant.ask(region, "fa-af", "qwzx vvkj plomb")
    assert not answer.answered
    assert answer.helpers[0].title == "Refugee Counselling Centre"  # speaks Dari: first
    assert "City Office" not in [helper.title for helper in answer.helpers]


def test_an_editors_answer_to_a_question_comes_first(region, registration, broadcasting_fee):
    question = "register address"
    normalised = assistant.ask(region, "en", question).normalised
    services.handle_gap(region, language="en", query=normalised, item=broadcasting_fee)
    assert assistant.ask(region, "en", question).findings[0].title == "Der Rundfunkbeitrag"


# --- the page -------------------------------------------------------------------------------


def test_every_migrant_page_has_a_question_box(client, registration):
    for url in ("/en/", "/ar/step-by-step/wohnsitz-anmelden/", "/fa-af/glossary/"):
        page = client.get(url).content.decode()
        assert 'action="/' + url.split("/")[1] + '/ask/"' in page, url


def test_the_answer_page_works_without_javascript(client, registration):
    response = client.get("/fa-af/ask/", {"q": "آدرس خود را چطور ثبت کنم"})
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert 'href="/fa-af/step-by-step/wohnsitz-anmelden/"' in page
    assert 'lang="fa-af" dir="rtl"' in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'name="helpful" value="yes"' in page


def test_a_question_without_an_answer_is_counted_anonymously(client, region, counselling):
    page = client.get("/en/ask/", {"q": "Zebra crossings at 3 o'clock?"}).content.decode()
    assert "These organisations can help you" in page and "Refugee Counselling Centre" in page
    gap = Gap.objects.get()
    assert (gap.language, gap.outcome, gap.count) == ("en", Outcome.UNANSWERED, 1)
    assert gap.query.startswith("zebra crossings")


@pytest.mark.parametrize("typed", ["", " ", "x" * 5000, "\x00\x01\x02", "!!!", "jobcenterبرای"])
def test_bad_questions_get_a_clear_message(client, region, typed):
    response = client.get("/uk/ask/", {"q": typed})
    assert response.status_code == 200
    api = client.get("/api/v1/assistant/", {"q": typed, "lang": "uk"})
    assert api.status_code in (200, 400)
    if api.status_code == 400:  # {"detail": "..."}, or per parameter {"q": ["..."]}
        assert all(api.json().values())


def test_a_long_question_is_refused_in_the_readers_language(client, region):
    page = client.get("/de/ask/", {"q": "Wohnung " * 100}).content.decode()
    assert 'role="alert"' in page and "höchstens 500" in page


def test_did_this_help_is_counted_and_a_no_becomes_a_gap(client, registration):
    question = "where do I register my address"
    yes = client.post("/en/ask/feedback/", {"q": question, "helpful": "yes"})
    assert yes.status_code == 302 and "thanks=1" in yes["Location"]
    client.post("/en/ask/feedback/", {"q": question, "helpful": "no"})
    assert sorted(AnswerFeedback.objects.values_list("helpful", "count")) == [
        (False, 1),
        (True, 1),
    ]
    assert Gap.objects.get().outcome == Outcome.UNHELPFUL
    thanked = client.get(yes["Location"]).content.decode()
    assert "Thank you" in thanked and 'name="helpful"' not in thanked


def test_the_answer_page_sets_no_cookie_and_feedback_from_another_site_is_refused(registration):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    answer = browser.get("/en/ask/", {"q": "where do I register my address"})
    assert answer.status_code == 200 and not answer.cookies
    assert 'name="helpful"' in answer.content.decode()

    data = {"q": "where do I register my address", "helpful": "no"}
    refused = browser.post("/en/ask/feedback/", data, headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 403 and not AnswerFeedback.objects.exists()
    sent = browser.post("/en/ask/feedback/", data, headers={"Sec-Fetch-Site": "same-origin"})
    assert sent.status_code == 302 and AnswerFeedback.objects.get().count == 1


def test_feedback_with_a_bad_value_changes_nothing(client, registration):
    assert client.post("/en/ask/feedback/", {"q": "x", "helpful": "maybe"}).status_code == 400
    assert client.get("/en/ask/feedback/").status_code == 405
    assert not AnswerFeedback.objects.exists()


def test_questions_are_rate_limited(client, region, settings):
    settings.ASSISTANT_RATE = "2/m"
    for _ in range(2):
        assert client.get("/en/ask/", {"q": "health insurance"}).status_code == 200
    refused = client.get("/en/ask/", {"q": "health insurance"})
    assert refused.status_code == 429
    assert "wait a minute" in refused.content.decode()
    assert client.get("/en/ask/").status_code == 200  # the empty form is not a question
    api = client.get("/api/v1/assistant/", {"q": "health insurance"})
    assert api.status_code == 429 and "wait a minute" in api.json()["detail"]


# --- the API --------------------------------------------------------------------------------


def test_the_api_answers_in_the_requested_language(client, registration):
    data = client.get(
        "/api/v1/assistant/", {"q": "我搬家了，怎么登记住址？", "lang": "zh-hans"}
    ).json()
    assert data["answered"] is True and data["message"] == ""
    procedure = data["procedures"][0]
    assert procedure["title"] == "住址登记" and procedure["language"] == "zh-hans"
    assert procedure["steps"] and procedure["steps"][0]["url"].startswith(
        "/zh-hans/step-by-step/wohnsitz-anmelden/#step-"
    )


def test_the_api_says_when_it_has_no_answer(client, region, counselling):
    data = client.get("/api/v1/assistant/", {"q": "qwzx vvkj plomb", "lang": "ar"}).json()
    assert data["answered"] is False and data["message"]
    assert data["helpers"][0]["title"] == "Refugee Counselling Centre"


# --- vectors ----------------------------------------------------------------------------------


def test_the_same_text_is_embedded_once(registration):
    keys = set(Passage.objects.values_list("embedding_key", flat=True))
    assert Vector.objects.count() == len(keys)
    assert Passage.objects.count() > len(keys)  # fallback passages share the original's text


def test_postponed_embeddings_are_caught_up(region, publish_article, committed):
    with services.embeddings_postponed(), committed():
        publish_article(title="Mülltrennung", summary="Gelbe Tonne, Papier, Bio.", body="Text")
    assert not Vector.objects.exists()
    assert services.embed_all(region) == Vector.objects.count() > 0
    assert services.embed_all(region) == 0


def test_deleting_an_item_forgets_its_vectors(region, broadcasting_fee):
    passages = Passage.objects.filter(
        content_type=ContentType.objects.get_for_model(broadcasting_fee)
    )
    keys = set(passages.values_list("embedding_key", flat=True))
    assert Vector.objects.filter(key__in=keys).count() == len(keys)
    broadcasting_fee.delete()
    assert not passages.exists()
    assert not Vector.objects.filter(key__in=keys).exists()


def test_vectors_travel_with_the_content(region, broadcasting_fee, tmp_path):
    path = tmp_path / "vectors.npz"
    used = Passage.objects.filter(region=region).values("embedding_key")
    stored = services.export_vectors(path, region)
    assert stored == Vector.objects.filter(key__in=used).count() > 0
    Vector.objects.all().delete()
    assert services.import_vectors(path) == stored
    assert services.import_vectors(path) == 0
    answer = assistant.ask(region, "ar", TV_FEE_IN_ARABIC)
    assert answer.findings[0].title == "Der Rundfunkbeitrag"
