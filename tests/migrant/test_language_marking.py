"""Every fragment in another language says so: language names, German words in translations;
and Dari browsers that call their language ``prs`` get Dari."""

import pytest


def test_german_words_inside_a_translation_are_marked_as_german(
    client, publish_term, publish_article, translate
):
    publish_term("Meldebescheinigung", ar=("شهادة التسجيل", "ورقة تثبت عنوانكم.", ""))
    article = publish_article(body="Sie bekommen die Meldebescheinigung.")
    translate(article, "ar", body="ستحصل على شهادة التسجيل (Meldebescheinigung) من المكتب.")

    html = client.get(f"/ar/information/{article.slug}/").content.decode()

    assert '(<span lang="de" dir="ltr">Meldebescheinigung</span>)' in html
    # The Arabic word itself is the one explained.
    assert '<a class="term" href="#body-meldebescheinigung"' in html


def test_english_words_that_look_like_german_terms_are_not_marked(
    client, publish_term, publish_article, translate
):
    publish_term("Bank", en=("bank", "A place for money.", ""))
    article = publish_article(body="Gehen Sie zur Bank.")
    translate(article, "en", body="Go to the bank.")

    html = client.get(f"/en/information/{article.slug}/").content.decode()

    assert 'lang="de" dir="ltr">bank' not in html


def test_language_names_in_the_event_filter_carry_their_language(client, region):
    html = client.get("/en/events/").content.decode()

    assert '<option value="ar" lang="ar" dir="rtl">العربية</option>' in html
    assert '<option value="zh-hans" lang="zh-hans" dir="ltr">简体中文</option>' in html


@pytest.mark.parametrize("header", ["prs", "prs-AF,en;q=0.5", "de;q=0.3, prs;q=0.9"])
def test_dari_by_its_iso_code_leads_to_dari(client, region, header):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)

    assert response.status_code == 302
    assert response["Location"].startswith("/fa-af/")
