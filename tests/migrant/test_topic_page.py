"""A topic from the home page shows everything on it: procedures first, then information,
courses and events, and the organisations that help."""

from apps.places.models import Place
from tests.procedures.conftest import step


def test_home_topic_cards_lead_to_the_topic_page(client, taxonomy):
    html = client.get("/en/").content.decode()

    assert 'href="/en/topics/housing/"' in html
    assert 'href="/en/topics/social-housing/"' in html  # a subtopic


def test_the_topic_page_shows_procedures_first_then_articles_events_organisations(
    client,
    taxonomy,
    publish_procedure,
    publish_place,
    publish_article,
    make_event,
    ngo,
    other_ngo,
    people,
):
    housing = taxonomy["housing"]
    office = publish_place("Wohnungsamt")
    Place.objects.filter(pk=office.pk).update(organisation=other_ngo)  # run by another org
    publish_procedure(
        "Wohnberechtigungsschein beantragen",
        topics=[housing.pk],
        steps=[step("a", "Antrag abgeben", place=office.pk)],
    )
    publish_procedure("Kindergeld beantragen")  # another topic
    publish_article(title="Weihnachtsschließung", topics=[housing.pk])
    make_event(title="Mietrecht-Beratung", topics=[housing.pk], rrule="FREQ=WEEKLY;COUNT=6")
    make_event(title="Kochabend", rrule="")

    response = client.get("/de/topics/housing/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Wohnberechtigungsschein beantragen" in html
    assert "Kindergeld beantragen" not in html and "Kochabend" not in html
    order = [
        html.index(text)
        for text in (
            'id="topic-procedures"',
            "Wohnberechtigungsschein beantragen",
            'id="topic-articles"',
            "Weihnachtsschließung",
            'id="topic-events"',
            "Mietrecht-Beratung",
            'id="topic-organisations"',
        )
    ]
    assert order == sorted(order)
    organisations = html[html.index('id="topic-organisations"') :]
    assert "Helping Hands" in organisations  # runs the course
    assert "Other NGO" in organisations  # a step happens at its place
    assert html.count("Mietrecht-Beratung</a>") == 1  # one card for the weekly course


def test_a_parent_topic_includes_its_subtopics_and_an_unknown_topic_is_404(
    client, taxonomy, publish_procedure
):
    from apps.core.models import Topic

    social = Topic.objects.get(slug="social-housing")
    publish_procedure("Sozialwohnung finden", topics=[social.pk])

    assert "Sozialwohnung finden" in client.get("/de/topics/housing/").content.decode()
    assert client.get("/de/topics/nothing-here/").status_code == 404


def test_the_topic_page_shows_what_the_api_gives_for_the_topic(client, taxonomy, publish_procedure):
    housing = taxonomy["housing"]
    for title in ("Zulassung", "Anmeldung"):
        publish_procedure(title, topics=[housing.pk])

    page = client.get("/de/topics/housing/").context["page"]
    api = client.get("/api/v1/procedures/", {"lang": "de", "topic": "housing"}).json()["results"]

    (procedures,) = [section for section in page.sections if section.kind == "procedures"]
    assert [version.texts["title"] for _, version in procedures.items] == [
        item["title"] for item in api
    ]
