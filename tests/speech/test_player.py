"""The "Listen" player on every content page, for editors on the item page, and in the API."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.speech.models import Speed
from tests.speech.conftest import recording_of, step


@pytest.fixture
def pages(publish_article, publish_term, publish_procedure, publish_place, publish_document,
          make_event):  # fmt: skip
    """One published item of each kind with a public page, and that page's address."""
    return {
        "article": (publish_article(title="Abfall trennen", body="Gelb und blau."), "information"),
        "term": (publish_term("Meldebescheinigung"), "glossary"),
        "procedure": (publish_procedure("Wohnung anmelden"), "step-by-step"),
        "place": (publish_place("Bürgeramt Mitte"), "places"),
        "document": (publish_document("Reisepass", slug="reisepass"), "documents"),
        "event": (make_event(title="Deutschkurs"), "events"),
    }


@pytest.mark.parametrize("kind", ["article", "term", "procedure", "place", "document", "event"])
def test_every_content_page_has_a_player_that_works_without_javascript(client, pages, kind, record):
    item, path = pages[kind]
    record(item)
    recording = recording_of(item, "de")

    html = client.get(f"/de/{path}/{item.slug}/").content.decode()

    player = html[html.index("data-read-aloud=") :]
    # The browser's own controls and a download, until the script takes over.
    assert (
        f'<audio class="read-aloud__audio" controls preload="none" src="/media/{recording.key}"'
        in player
    )
    assert f'href="/media/{recording.key}" download' in player
    assert "data-read-aloud-controls" in player and "js/read-aloud.js" in player
    assert "Anhören" in player
    # Each section can be listened from, also without the script (a media fragment).
    assert f'href="/media/{recording.key}#t=0.0"' in player


def test_a_procedure_is_read_step_by_step_in_urdu_right_to_left(
    client, publish_procedure, translate_item, record
):
    procedure = publish_procedure(
        "Wohnung anmelden", steps=[step("termin", "Termin buchen"), step("gehen", "Hingehen")]
    )
    translate_item(
        procedure,
        "ur",
        {
            "title": "پتے کا اندراج",
            "summary": "سب کے لیے۔",
            "body": "یہ **لازمی** ہے۔",
            "steps.termin.title": "اپائنٹمنٹ بک کریں",
            "steps.termin.body": "بیورگرآمٹ (Bürgeramt) میں۔",
            "steps.gehen.title": "وہاں جائیں",
            "steps.gehen.body": "اپنا پاسپورٹ لائیں۔",
        },
    )
    record(procedure, speeds=list(Speed))

    html = client.get("/ur/step-by-step/wohnung-anmelden/").content.decode()

    player = html[
        html.index('<section class="read-aloud') : html.index(
            "</section>", html.index('<section class="read-aloud')
        )
    ]
    assert 'lang="ur" dir="rtl"' in player
    # Sections: the procedure itself, then each step, named as the page names them, in Urdu.
    labels = re.findall(r'data-read-aloud-section="\d+">(.*?)</a>', player)
    assert labels[0] == '<span lang="ur" dir="rtl">پتے کا اندراج</span>'
    assert labels[1].startswith("مرحلہ 1: ") and "اپائنٹمنٹ بک کریں" in labels[1]
    assert labels[2].startswith("مرحلہ 2: ")
    # Every speed, with the times of each section for the script.
    data = json.loads(
        re.search(r'id="read-aloud-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert set(data["files"]) == {"slower", "normal", "faster"}
    slower, faster = data["files"]["slower"], data["files"]["faster"]
    assert slower["starts"][2] > data["files"]["normal"]["starts"][2] > faster["starts"][2] > 0
    assert [section["key"] for section in data["sections"]] == [
        "main",
        "steps.termin",
        "steps.gehen",
    ]
    # The page marks each step so that the one being read can be highlighted.
    assert 'data-read-aloud-key="steps.gehen"' in html
    assert recording_of(procedure, "ur").voice == "ur"


def test_a_reader_shown_the_original_hears_the_original_voice(client, publish_article, record):
    article = publish_article(title="Abfall trennen", body="Gelb und blau.")
    record(article, only=["uk"])

    html = client.get("/uk/information/abfall-trennen/").content.decode()

    assert recording_of(article, "uk").voice == "de"
    assert "/media/speech/de/normal/" in html
    # The player speaks Ukrainian; the sections it lists are marked as German.
    assert 'class="read-aloud no-print" lang="uk" dir="ltr"' in html
    assert '<span lang="de" dir="ltr">Abfall trennen</span>' in html


def test_the_player_costs_one_query_whatever_the_number_of_sections(
    client, publish_procedure, record, region
):
    small = publish_procedure("Klein", steps=[step("a", "Eins")])
    large = publish_procedure("Gross", steps=[step(f"s{n}", f"Schritt {n}") for n in range(6)])
    record(small)
    record(large)

    def queries(url: str) -> int:
        client.get(url)  # warm caches (glossary, content types)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    with_player = queries("/de/step-by-step/gross/")
    assert 'data-read-aloud-section="6"' in client.get("/de/step-by-step/gross/").content.decode()
    assert queries("/de/step-by-step/klein/") == with_player
    region.read_aloud_off = ["de"]
    region.save()
    assert queries("/de/step-by-step/gross/") == with_player - 1


def test_editors_see_per_language_whether_the_audio_is_ready(
    client, people, publish_article, record, region
):
    article = publish_article(title="Abfall trennen", body="Gelb und blau.")
    record(article, only=["de", "ar"])
    region.read_aloud_off = ["ur"]
    region.save()
    client.force_login(people["editor"])

    html = client.get(
        reverse("authority:content_detail", kwargs={"type": "articles.article", "pk": article.pk})
    ).content.decode()

    section = html[html.index('id="read-aloud-heading"') :]
    names = {"Deutsch": "de", "العربية": "ar", "Українська": "uk", "اردو": "ur"}
    rows = {
        names.get(name, name): state
        for name, state in re.findall(
            r'<th scope="row" lang="[\w-]+">(.*?)</th>\s*<td>(.*?)</td>', section
        )
    }
    assert "Ready" in rows["de"] and "Ready" in rows["ar"]
    assert "Being prepared" in rows["uk"]
    assert "Switched off" in rows["ur"]


def test_the_api_gives_the_audio_and_its_sections(
    client, publish_article, publish_procedure, record
):
    article = publish_article(title="Abfall trennen", body="Gelb und blau.")
    other = publish_article(title="Strom sparen", body="Licht aus.")
    procedure = publish_procedure("Wohnung anmelden", steps=[step("a", "Termin buchen")])
    for item in (article, other, procedure):
        record(item, only=["ar"])

    detail = client.get("/api/v1/articles/abfall-trennen/?lang=ar").json()["read_aloud"]
    assert detail["state"] == "ready" and detail["language"] == "de"
    normal = next(file for file in detail["files"] if file["speed"] == "normal")
    assert normal["url"] == f"/media/{recording_of(article, 'ar').key}"
    assert normal["type"] == "audio/ogg; codecs=opus" and normal["duration"] > 0
    assert [section["key"] for section in detail["sections"]] == ["main"]

    steps = client.get("/api/v1/procedures/wohnung-anmelden/?lang=ar").json()["read_aloud"]
    assert [section["heading"] for section in steps["sections"]] == ["", "الخطوة 1"]

    # A list reads the players of all its items at once.
    with CaptureQueriesContext(connection) as two:
        listed = client.get("/api/v1/articles/?lang=ar").json()["results"]
    assert {entry["read_aloud"]["state"] for entry in listed} == {"ready"}
    publish_article(title="Neu", body="Noch nicht vorgelesen.")
    with CaptureQueriesContext(connection) as three:
        listed = client.get("/api/v1/articles/?lang=ar").json()["results"]
    assert len(three) == len(two)
    assert sorted(entry["read_aloud"]["state"] for entry in listed) == [
        "preparing",
        "ready",
        "ready",
    ]


def test_media_are_served_in_parts_so_that_players_can_seek(
    client, publish_article, record, settings
):
    article = publish_article(title="Abfall trennen", body="Gelb und blau.")
    record(article)
    url = f"/media/{recording_of(article, 'de').key}"

    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "audio/ogg"
    size = int(whole["Content-Length"])
    part = client.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 100-199/{size}"
    assert len(part.content) == 100
    assert client.get(url, HTTP_RANGE=f"bytes={size}-").status_code == 416
    assert client.get("/media/../portal/settings/__init__.py").status_code == 404
    settings.SERVE_MEDIA = False
    assert client.get(url).status_code == 404
