"""The A–Z index: each language's alphabet, headings in the reader's language, one label each."""

import re

from django.utils import translation

from apps.glossary import queries


def test_dari_index_follows_the_dari_alphabet(region, publish_term):
    for word, dari in [("Arbeit", "کار"), ("Geld", "پول"), ("Bank", "بانک"), ("Sport", "ورزش")]:
        publish_term(word, fa_af=(dari, "توضیح.", ""))

    (arabic_script,) = queries.glossary_index(region, "fa-af")

    assert [letter.letter for letter in arabic_script.letters] == ["ب", "پ", "ک", "و"]


def test_urdu_index_puts_its_own_letters_in_place(region, publish_term):
    for word, urdu in [
        ("Steuer", "ٹیکس"),
        ("Post", "ڈاک"),
        ("Krankenhaus", "ہسپتال"),
        ("Arbeit", "کام"),
        ("Hilfe", "مدد"),
    ]:
        publish_term(word, ur=(urdu, "وضاحت۔", ""))

    (arabic_script,) = queries.glossary_index(region, "ur")

    assert [letter.letter for letter in arabic_script.letters] == ["ٹ", "ڈ", "ک", "م", "ہ"]


def test_script_headings_and_navigation_labels_are_in_the_readers_language(client, publish_term):
    publish_term("Kita", zh_hans=("幼儿园", "照顾孩子。", ""))
    publish_term("Antrag")  # not translated: shown in German, in the Latin part

    html = client.get("/zh-hans/glossary/").content.decode()

    with translation.override("zh-hans"):
        latin = str(queries.SCRIPT_NAMES["Latin"])
        chinese = str(queries.SCRIPT_NAMES["Chinese"])
    assert latin != "Latin letters" and chinese != "Chinese characters, by pinyin"
    assert f'class="visually-hidden">{latin}</h2>' in html
    assert f'class="visually-hidden">{chinese}</h2>' in html
    labels = re.findall(r'<nav aria-label="([^"]+)"><ul class="az-nav">', html)
    assert len(labels) == 2 and len(set(labels)) == 2
    for word in ("Latin", "Arabic", "Cyrillic", "Chinese"):
        assert f">{word}<" not in html
