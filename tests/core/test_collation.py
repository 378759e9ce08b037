"""Alphabetical order in each language's own alphabet, in Python and in SQL alike."""

import pytest
from django.db import connection

from apps.core import collation
from apps.core.models import Topic
from tests.conftest import translated

DARI = list("ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی".replace(" ", ""))
URDU = list(
    "ا ب پ ت ٹ ث ج چ ح خ د ڈ ذ ر ڑ ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ہ ھ ی ے".replace(" ", "")
)


@pytest.mark.parametrize(("code", "alphabet"), [("fa-af", DARI), ("ur", URDU)])
def test_dari_and_urdu_letters_follow_their_alphabet_not_code_points(code, alphabet):
    shuffled = sorted(alphabet)  # by code point: پ and ک after و, ٹ ڈ ڑ ہ ے at the end
    assert shuffled != alphabet

    assert collation.sorted_by(shuffled, str, code) == alphabet


@pytest.mark.parametrize(
    ("code", "words", "expected"),
    [
        (
            "de",
            ["Zoll", "Ärger", "Anmeldung", "Öl", "Ofen"],
            ["Anmeldung", "Ärger", "Ofen", "Öl", "Zoll"],
        ),
        ("es", ["ñandú", "oro", "nube"], ["nube", "ñandú", "oro"]),
        (
            "uk",
            ["їжа", "іспит", "ґанок", "гроші", "євро", "життя"],
            ["гроші", "ґанок", "євро", "життя", "іспит", "їжа"],
        ),
        ("zh-hans", ["银行", "居留许可", "幼儿园", "保险"], ["保险", "居留许可", "银行", "幼儿园"]),
    ],
)
def test_other_languages_sort_as_their_readers_expect(code, words, expected):
    assert collation.sorted_by(words, str, code) == expected


@pytest.mark.parametrize(
    ("word", "code", "letter"),
    [
        ("Ärger", "de", "A"),
        ("Ñandú", "es", "Ñ"),
        ("Їжа", "uk", "Ї"),
        ("پول", "fa-af", "پ"),
        ("ٹیکس", "ur", "ٹ"),
        ("ہسپتال", "ur", "ہ"),
        ("إقامة", "ar", "ا"),
        ("银行", "zh-hans", "Y"),
        ("123", "de", "#"),
    ],
)
def test_index_letters_are_the_languages_own(word, code, letter):
    assert collation.index_letter(word, code) == letter


@pytest.mark.django_db
def test_the_database_orders_with_the_same_alphabet(region):
    names = ["ورزش", "کار", "پول", "بانک"]  # code point order would put پ and ک after و
    for position, name in enumerate(names):
        Topic.objects.create(region=region, slug=f"t{position}", **translated(name={"fa-af": name}))

    ordered = Topic.objects.order_by(collation.sql_order("name_fa_af", "fa-af"))

    assert [topic.name_fa_af for topic in ordered] == ["بانک", "پول", "کار", "ورزش"]
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_organisations_are_listed_in_the_readers_alphabet(region):
    from apps.accounts.models import Organisation, OrganisationKind
    from apps.places.queries import organisations_for_reader

    for slug, name in [("z", "Zentrum"), ("a", "Ärztehaus"), ("b", "Beratung")]:
        Organisation.objects.create(
            region=region, slug=slug, kind=OrganisationKind.NGO, **translated(name={"de": name})
        )

    rows = organisations_for_reader(region, "de")

    assert [row.organisation.slug for row in rows] == ["a", "b", "z"]  # Ä with A, not after Z
