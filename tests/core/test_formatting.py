"""Dates and times as each language writes them (CLDR through Babel), on every page."""

import datetime as dt
import zoneinfo

import pytest

from apps.core import formatting, languages

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
EVENING = dt.datetime(2026, 12, 7, 18, 30, tzinfo=BERLIN)


def test_urdu_times_use_urdu_words_for_the_time_of_day():
    text = formatting.date_time(EVENING, "ur")

    assert "AM" not in text and "PM" not in text
    assert "شام" in text  # evening


@pytest.mark.parametrize("code", ["ar", "fa-af", "ur"])
def test_right_to_left_languages_use_no_latin_comma(code):
    assert "," not in formatting.date_time(EVENING, code)
    assert "," not in formatting.date_long(EVENING, code)


def test_dari_months_are_the_afghan_ones_everywhere():
    assert "دسمبر" in formatting.date_long(EVENING, "fa-af")
    assert "دسمبر" in formatting.month_year(EVENING.date(), "fa-af")
    assert "دسامبر" not in formatting.date_time(EVENING, "fa-af")  # the Iranian name


@pytest.mark.parametrize("code", languages.CODES)
def test_every_language_gets_a_date(code):
    assert "2026" in formatting.date_long(EVENING, code)
    assert formatting.month_year(EVENING.date(), code)
    assert formatting.date_time_short(EVENING, code)


@pytest.mark.parametrize("code", languages.CODES)
def test_the_outdated_notice_ends_with_one_full_stop(
    client, code, publish_article, translate, revise
):
    article = publish_article()
    translate(article, code if code != "de" else "en")
    revise(article, body="Neu.")
    shown = code if code != "de" else "en"

    html = client.get(f"/{shown}/information/{article.slug}/").content.decode()

    notice = html.split('<p class="language-notice" role="note">')[1].split("<a ")[0]
    assert ".." not in notice and "\u0964\u0964" not in notice
