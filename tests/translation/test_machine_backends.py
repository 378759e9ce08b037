"""The LibreTranslate client against a real HTTP server on loopback that speaks LibreTranslate's
API (a small fake, started per test): language codes, splitting within the character limit,
retries with pauses, errors that say why, and drafts that keep structure and glossary terms."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from apps.translation.drafting import machine_texts
from apps.translation.machine import LibreTranslateBackend, MachineTranslationError, OfflineBackend
from tests.translation.fake_libretranslate import LANGUAGES


def client(fake, **options) -> tuple[LibreTranslateBackend, list[float]]:
    pauses: list[float] = []
    options.setdefault("char_limit", fake.char_limit)
    backend = LibreTranslateBackend(
        fake.url, "secret", timeout=5, sleep=pauses.append, pause=0.5, **options
    )
    return backend, pauses


def test_each_text_is_translated_and_language_codes_are_mapped(fake):
    backend, _ = client(fake)

    assert backend.translate(["Hallo", "Welt"], source="de", target="zh-hans") == [
        "<zh-Hans>HALLO",
        "<zh-Hans>WELT",
    ]
    assert fake.received[0]["source"] == "de"


def test_an_older_server_naming_chinese_zh_is_understood(fake):
    fake.languages = [*LANGUAGES[:-1], "zh"]
    backend, _ = client(fake)

    backend.translate(["x"], source="de", target="zh-hans")

    assert fake.received[0]["target"] == "zh"


def test_dari_uses_the_persian_model_and_says_so(fake):
    backend, _ = client(fake)

    backend.translate(["x"], source="de", target="fa-af")

    assert fake.received[0]["target"] == "fa"
    assert backend.note("fa-af") == "persian"
    assert backend.note("ar") == ""


def test_a_language_the_server_does_not_offer_is_reported_without_asking_it(fake):
    fake.languages = ["de", "en"]
    backend, _ = client(fake)

    with pytest.raises(MachineTranslationError) as error:
        backend.translate(["x"], source="de", target="ur")

    assert error.value.reason == "language"
    assert not error.value.transient
    assert fake.received == []


def test_texts_are_packed_and_split_within_the_character_limit(fake):
    backend, _ = client(fake, char_limit=60)
    long_text = " ".join(f"Satz Nummer {n} ist hier." for n in range(12))  # about 290 characters

    result = backend.translate(["kurz", long_text, "auch kurz"], source="de", target="en")

    assert all(sum(len(text) for text in request["q"]) <= 60 for request in fake.received)
    assert len(fake.received) > 4
    assert result[0] == "<en>KURZ"
    assert result[2] == "<en>AUCH KURZ"
    # Every sentence arrived, in order, cut only between sentences.
    sentences = [part.removeprefix("<en>") for part in result[1].split(" <en>")]
    assert " ".join(sentences) == long_text.upper()


def test_a_sentence_longer_than_the_limit_is_cut_at_spaces(fake):
    backend, _ = client(fake, char_limit=50)
    words = "Verwaltungsgebühr " * 10

    result = backend.translate([words.strip()], source="de", target="en")

    assert all(len(request["q"][0]) <= 50 for request in fake.received)
    assert result[0].replace("<en>", "").split() == words.upper().split()


def test_a_busy_or_failing_server_is_asked_again_after_growing_pauses(fake):
    fake.failures = [(503, {}), (502, {})]
    backend, pauses = client(fake, attempts=3)

    assert backend.translate(["Hallo"], source="de", target="uk") == ["<uk>HALLO"]
    assert pauses == [0.5, 1.0]
    assert len(fake.received) == 3


def test_a_server_asking_to_slow_down_is_waited_for_as_long_as_it_asks(fake):
    fake.failures = [(429, {"Retry-After": "7"})]
    backend, pauses = client(fake, attempts=2)

    backend.translate(["Hallo"], source="de", target="uk")

    assert pauses == [7.0]


def test_a_server_that_stays_down_is_a_failure_that_may_pass(fake):
    fake.failures = [(503, {})] * 3
    backend, pauses = client(fake, attempts=3)

    with pytest.raises(MachineTranslationError) as error:
        backend.translate(["Hallo"], source="de", target="uk")

    assert error.value.reason == "unavailable"
    assert error.value.transient
    assert len(pauses) == 2


def test_a_refused_request_is_not_tried_again(fake):
    backend = LibreTranslateBackend(fake.url, "wrong", timeout=5, sleep=lambda s: None)

    with pytest.raises(MachineTranslationError) as error:
        backend.translate(["x"], source="de", target="ar")

    assert error.value.reason == "refused"
    assert not error.value.transient
    assert len(fake.received) == 1


def test_no_server_at_all_is_a_failure_that_may_pass():
    cache.clear()
    backend = LibreTranslateBackend("http://127.0.0.1:9", timeout=2, sleep=lambda s: None)

    with pytest.raises(MachineTranslationError) as error:
        backend.translate(["x"], source="de", target="ar")

    assert error.value.reason == "unavailable"
    assert error.value.transient


def test_only_http_urls_are_accepted():
    with pytest.raises(MachineTranslationError):
        LibreTranslateBackend("file:///etc/passwd")


def test_the_offline_backend_marks_text_and_says_it_does_not_translate():
    backend = OfflineBackend()

    assert backend.translate(["Eins\n\nZwei", ""], source="de", target="uk") == [
        "[uk] Eins\n\n[uk] Zwei",
        "",
    ]
    assert backend.note("uk") == "offline"


# --- drafts through the client: structure, links, placeholders, glossary ------------------------


SOURCE = """# Was Sie brauchen

Den Pass und die [Meldebescheinigung](https://stadt.example/meldung "Amt").
Termin unter %(phone)s oder per E-Mail an buergeramt@stadt.example.

- Ausweis
- Foto, siehe `foto.pdf`

```
nicht übersetzen
```

| Gebühr | Frist |
|---|---|
| 10 Euro | {{ date }} |"""


def meldebescheinigung(stretch: str):
    start = stretch.find("Meldebescheinigung")
    if start < 0:
        return []
    return [
        (start, start + len("Meldebescheinigung"), "registration certificate (Meldebescheinigung)")
    ]


def test_a_draft_keeps_markdown_links_placeholders_and_glossary_terms(fake):
    backend, _ = client(fake, char_limit=2000)

    draft = machine_texts(
        {"body": SOURCE, "title": "Anmelden"},
        source="de",
        target="en",
        backend=backend,
        terms=meldebescheinigung,
    )

    assert draft["title"] == "<en>ANMELDEN"
    assert draft["body"] == (
        "# <en>WAS SIE BRAUCHEN\n"
        "\n"
        "<en>DEN PASS UND DIE [registration certificate (Meldebescheinigung)]"
        '(https://stadt.example/meldung "Amt"). '
        "TERMIN UNTER %(phone)s ODER PER E-MAIL AN buergeramt@stadt.example.\n"
        "\n"
        "- <en>AUSWEIS\n"
        "- <en>FOTO, SIEHE `foto.pdf`\n"
        "\n"
        "```\n"
        "nicht übersetzen\n"
        "```\n"
        "\n"
        "| <en>GEBÜHR | <en>FRIST |\n"
        "|---|---|\n"
        "| <en>10 EURO | {{ date }} |"
    )
    sent = " ".join(text for request in fake.received for text in request["q"])
    assert "https://" not in sent and "%(phone)s" not in sent and "Meldebescheinigung" not in sent


def test_a_marker_the_machine_dropped_is_put_back_not_lost(fake):
    fake.drop_markers = True
    backend, _ = client(fake, char_limit=2000)

    draft = machine_texts(
        {"body": "Rufen Sie %(phone)s an."}, source="de", target="en", backend=backend
    )

    assert draft["body"] == "<en>RUFEN SIE  AN. %(phone)s"
