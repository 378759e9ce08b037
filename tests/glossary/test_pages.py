"""The glossary for migrants, terms explained in articles, and the glossary API."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.glossary import add_many_terms


def test_terms_in_an_article_link_to_explanations_that_work_without_javascript(
    client, publish_term, publish_article
):
    publish_term(
        "Meldebescheinigung",
        "Das Papier über Ihre Adresse.",
        variants="Meldebescheinigungen",
        ar=("شهادة التسجيل", "ورقة تثبت عنوانكم.", ""),
    )
    article = publish_article(
        body="Nach der Anmeldung bekommen Sie die Meldebescheinigung. Die Meldebescheinigung ist wichtig."
    )

    html = client.get(f"/ar/information/{article.slug}/").content.decode()

    # The text is German (not translated yet); the explanation is Arabic with the German word.
    assert html.count('class="term"') == 1
    assert 'href="#body-meldebescheinigung"' in html
    assert '<div class="glossary-note" id="body-meldebescheinigung">' in html
    assert (
        '<dt lang="ar" dir="rtl"><a href="/ar/glossary/meldebescheinigung/">شهادة التسجيل</a>'
        in html
    )
    assert '<span class="original-term" lang="de" dir="ltr">(Meldebescheinigung)</span>' in html
    assert "ورقة تثبت عنوانكم." in html


def test_article_page_query_count_does_not_grow_with_the_glossary(
    client, publish_term, publish_article
):
    from apps.glossary.models import Term

    publish_term("Kita")
    article = publish_article(body="Die Kita. " * 100)
    client.get(f"/de/information/{article.slug}/")  # warm
    with CaptureQueriesContext(connection) as before:
        client.get(f"/de/information/{article.slug}/")
    first = Term.objects.get()
    add_many_terms(first, 200)
    with CaptureQueriesContext(connection) as after:
        client.get(f"/de/information/{article.slug}/")
    assert len(after) == len(before)


def test_index_groups_by_script_and_letter_and_shows_the_original(client, publish_term):
    publish_term(
        "Kita",
        ar=("روضة", "رعاية.", ""),
        ru=("детский сад", "уход.", ""),
        zh_hans=("幼儿园", "照顾。", ""),
    )
    publish_term("Termin", show_original=False, ru=("приём", "встреча.", ""))
    publish_term("Antrag")

    russian = client.get("/ru/glossary/").content.decode()
    assert ">детский сад</a>" in russian
    assert '<span class="original-term" lang="de" dir="ltr">(Kita)</span>' in russian
    assert "(Termin)" not in russian  # not shown beside where it does not matter
    assert ">Antrag</a>" in russian  # untranslated: the German word, under Latin

    chinese = client.get("/zh-hans/glossary/").content.decode()
    assert 'href="#letter-' in chinese and ">Y</a>" in chinese  # 幼儿园 → yòu'éryuán


def test_glossary_search_finds_variants_and_originals(client, publish_term):
    publish_term(
        "Meldebescheinigung",
        variants="Meldebescheinigungen",
        uk=("довідка про реєстрацію", "папір.", "довідки про реєстрацію"),
    )
    publish_term("Kita")

    found = client.get("/uk/glossary/", {"q": "Meldebesch"}).content.decode()

    assert "довідка про реєстрацію" in found
    assert ">Kita</a>" not in found


def test_term_page_shows_related_terms_and_where_the_word_is_used(
    client, publish_term, publish_article, people
):
    from apps.editorial import services

    kita = publish_term("Kita")
    termin = publish_term("Termin")
    latest = services.latest_revision(kita)
    services.save_draft(
        kita,
        data={**latest.data, "related": [termin.pk]},
        author=people["editor"],
        base_number=latest.number,
    )
    services.submit_for_review(kita, user=people["editor"])
    services.publish(kita, user=people["reviewer"])
    publish_article(title="Plätze in der Kita", body="Einen Platz in der Kita beantragen.")
    publish_article(title="Anderes", body="Nichts davon.")

    html = client.get("/de/glossary/kita/").content.decode()

    assert "<h1>Kita" in html
    assert 'href="/de/glossary/termin/"' in html
    assert "Plätze in der Kita" in html
    assert "Anderes" not in html


def test_glossary_api_per_language(client, publish_term):
    publish_term("Kita", variants="Kitas", ar=("روضة", "رعاية الأطفال.", "روضات"))

    data = client.get("/api/v1/glossary/", {"lang": "ar"}).json()["results"][0]

    assert data["term"] == "روضة"
    assert data["variants"] == ["روضات"]
    assert data["original"] == "Kita"
    assert data["language"] == "ar" and data["is_fallback"] is False


def test_api_clients_get_marked_content_on_request(client, publish_term, publish_article):
    publish_term("Kita", ar=("روضة", "رعاية الأطفال.", ""))
    article = publish_article(body="Die Kita ist offen.")

    plain = client.get(f"/api/v1/articles/{article.slug}/").json()
    explained = client.get(
        f"/api/v1/articles/{article.slug}/", {"lang": "ar", "explain": "terms"}
    ).json()

    assert plain["explained"] is None
    assert 'data-term="body-kita"' in explained["explained"]["body_html"]
    assert explained["explained"]["terms"][0]["term"] == "روضة"
    assert explained["explained"]["terms"][0]["original"] == "Kita"


def test_editors_see_where_a_term_occurs(client, people, publish_term, publish_article):
    term = publish_term("Kita")
    publish_article(title="Kita-Platz finden", body="So finden Sie eine Kita.")
    client.force_login(people["editor"])

    html = client.get(f"/en/authority/content/glossary.term/{term.pk}/").content.decode()

    assert "Where this word appears" in html
    assert "Kita-Platz finden" in html


def test_term_page_query_count_does_not_grow_with_related_terms(client, publish_term, people):
    from apps.editorial import services

    def relate(term, others) -> None:
        latest = services.latest_revision(term)
        services.save_draft(
            term,
            data={**latest.data, "related": [other.pk for other in others]},
            author=people["editor"],
            base_number=latest.number,
        )
        services.submit_for_review(term, user=people["editor"])
        services.publish(term, user=people["reviewer"])

    def queries(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    few, many = publish_term("Kita"), publish_term("Termin")
    relate(few, [publish_term("Hort")])
    relate(many, [publish_term(f"Wort{n}") for n in range(5)])

    assert queries("/ar/glossary/termin/") == queries("/ar/glossary/kita/")


def test_the_api_and_the_term_page_name_the_same_related_terms(client, publish_term, people):
    """Both read the glossary's one query: an archived related term is on neither."""
    from apps.editorial import services
    from apps.editorial.models import ItemStatus
    from apps.glossary.models import Term

    kita, hort, old = publish_term("Kita"), publish_term("Hort"), publish_term("Krippe")
    latest = services.latest_revision(kita)
    services.save_draft(
        kita,
        data={**latest.data, "related": [hort.pk, old.pk]},
        author=people["editor"],
        base_number=latest.number,
    )
    services.submit_for_review(kita, user=people["editor"])
    services.publish(kita, user=people["reviewer"])
    Term.objects.filter(pk=old.pk).update(status=ItemStatus.ARCHIVED)

    page = client.get("/de/glossary/kita/").context["related"]
    listed = client.get("/api/v1/glossary/", {"lang": "de"}).json()["results"]
    detail = client.get("/api/v1/glossary/kita/", {"lang": "de"}).json()

    assert [term.slug for term, _ in page] == ["hort"]
    assert next(item for item in listed if item["slug"] == "kita")["related"] == ["hort"]
    assert detail["related"] == ["hort"]
