"""XLIFF 1.2 and PO: round trips, and broken files that change nothing."""

import polib
import pytest
from lxml import etree

from apps.translation import exchange, services
from apps.translation.exchange.xliff import XLIFF_NS
from apps.translation.models import CoverageState
from tests.translation.test_translations import states

XLIFF = {"x": XLIFF_NS}


def fill_xliff(data: bytes, texts: dict[str, str]) -> bytes:
    root = etree.fromstring(data)
    for unit in root.iterfind(".//x:trans-unit", XLIFF):
        field = unit.get("id").rsplit("/", 1)[1]
        if field in texts:
            unit.find("x:target", XLIFF).text = texts[field]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


ARABIC = {"title": "تسجيل السكن", "summary": "هكذا تسجل سكنك.", "body": "## موعد\nاحجز موعدًا."}


def test_xliff_round_trip(publish_article, people, region):
    article = publish_article()
    exported = exchange.export_xliff([article], language="ar", region=region)

    root = etree.fromstring(exported)
    file_element = root.find("x:file", XLIFF)
    assert (file_element.get("source-language"), file_element.get("target-language")) == (
        "de",
        "ar",
    )
    assert root.find(".//x:trans-unit/x:source", XLIFF).text == "Wohnung anmelden"

    result = exchange.import_file(
        fill_xliff(exported, ARABIC), region=region, user=people["region_admin"]
    )

    assert result.ok, result.problems
    assert services.translation_of(article, "ar").draft["title"] == "تسجيل السكن"
    assert states(article, "ar") == {"ar": CoverageState.TRANSLATED}


def test_po_round_trip(publish_article, people, region):
    article = publish_article()
    catalogue = polib.pofile(exchange.export_po([article], language="uk", region=region).decode())
    for entry in catalogue:
        entry.msgstr = {"title": "Реєстрація", "summary": "Коротко.", "body": "Текст."}[
            entry.msgctxt.rsplit("/", 1)[1]
        ]

    result = exchange.import_file(str(catalogue).encode(), region=region, user=people["translator"])

    assert result.ok, result.problems
    assert services.translation_of(article, "uk").draft == {
        "title": "Реєстрація",
        "summary": "Коротко.",
        "body": "Текст.",
        "image_alt": "",
    }


def test_imported_titles_are_kept_on_one_line(publish_article, people, region):
    article = publish_article()
    catalogue = polib.pofile(exchange.export_po([article], language="uk", region=region).decode())
    for entry in catalogue:
        entry.msgstr = {"title": "Реєстрація\nза адресою\u202e", "summary": "Рядок\nдва."}.get(
            entry.msgctxt.rsplit("/", 1)[1], "Текст."
        )
    exported = exchange.export_xliff([article], language="ar", region=region)

    po_result = exchange.import_file(
        str(catalogue).encode(), region=region, user=people["translator"]
    )
    xliff_result = exchange.import_file(
        fill_xliff(exported, {**ARABIC, "title": "تسجيل\r\nالسكن"}),
        region=region,
        user=people["translator"],
    )

    assert po_result.ok and xliff_result.ok, (po_result.problems, xliff_result.problems)
    draft = services.translation_of(article, "uk").draft
    assert draft["title"] == "Реєстрація за адресою"
    assert draft["summary"] == "Рядок\nдва."  # longer texts keep their lines
    assert services.translation_of(article, "ar").draft["title"] == "تسجيل السكن"


def test_a_translation_of_an_older_original_is_outdated_on_import(
    publish_article, people, region, revise
):
    article = publish_article()
    exported = exchange.export_xliff([article], language="ar", region=region)
    revise(article, title="Neuer Titel")

    assert exchange.import_file(
        fill_xliff(exported, ARABIC), region=region, user=people["region_admin"]
    ).ok

    assert states(article, "ar") == {"ar": CoverageState.OUTDATED}


def test_broken_xml_is_rejected_with_its_line(publish_article, people, region):
    publish_article()

    result = exchange.import_file(
        b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>',
        region=region,
        user=people["region_admin"],
    )

    assert not result.ok
    assert result.problems[0].line == 4
    assert "not valid XML" in result.problems[0].message


def test_one_bad_unit_changes_nothing_at_all(publish_article, people, region):
    good, bad = publish_article(title="Gut"), publish_article(title="Schlecht")
    exported = exchange.export_xliff([good, bad], language="ar", region=region)
    root = etree.fromstring(fill_xliff(exported, ARABIC))
    # Make the second item's title far too long.
    units = [
        unit
        for unit in root.iterfind(".//x:trans-unit", XLIFF)
        if unit.get("id").endswith(f"/{bad.pk}/title")
    ]
    units[0].find("x:target", XLIFF).text = "x" * 500
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    result = exchange.import_file(data, region=region, user=people["region_admin"])

    assert not result.ok
    assert "at most 150 characters" in result.problems[0].message
    assert result.problems[0].line > 1
    assert services.translation_of(good, "ar") is None
    assert services.translation_of(bad, "ar") is None


def test_missing_required_translation_is_reported(publish_article, people, region):
    article = publish_article()
    data = fill_xliff(
        exchange.export_xliff([article], language="ar", region=region), {"title": "عنوان"}
    )

    result = exchange.import_file(data, region=region, user=people["region_admin"])

    assert [problem.message for problem in result.problems] == [
        f"{article}: the field “summary” is not translated.",
        f"{article}: the field “text” is not translated.",
    ]


def test_browser_work_after_the_export_is_not_overwritten(publish_article, people, region):
    article = publish_article()
    exported = exchange.export_xliff([article], language="ar", region=region)
    services.save_translation(
        article,
        language="ar",
        texts={"title": "من المتصفح"},
        user=people["region_admin"],
        base_version=None,
        done=False,
    )

    result = exchange.import_file(
        fill_xliff(exported, ARABIC), region=region, user=people["region_admin"]
    )

    assert not result.ok
    assert "changed after the file was exported" in result.problems[0].message
    assert services.translation_of(article, "ar").draft["title"] == "من المتصفح"


def test_translators_import_only_their_languages(publish_article, people, region):
    article = publish_article()
    data = fill_xliff(
        exchange.export_xliff([article], language="zh-hans", region=region),
        {"title": "登记", "summary": "摘要", "body": "正文"},
    )

    result = exchange.import_file(data, region=region, user=people["translator"])

    assert [problem.message for problem in result.problems] == [
        "You may not translate into this language."
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="2.0"/>',
            "not an XLIFF 1.2 file",
        ),
        (
            b'msgid ""\nmsgstr ""\n"Language: ar\\n"\n\nmsgctxt "nonsense"\nmsgid "a"\nmsgstr "b"\n',
            "not exported by Waypoint",
        ),
        (b"\xff\xfe garbage", "not UTF-8"),
    ],
)
def test_foreign_files_are_explained(publish_article, people, region, data, expected):
    publish_article()

    result = exchange.import_file(data, region=region, user=people["region_admin"])

    assert expected in result.problems[0].message


def test_entities_are_not_expanded(publish_article, people, region):
    data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="articles.article/1" target-language="ar"><body><trans-unit id="articles.article/1/title"><source>a</source><target>&e;</target></trans-unit></body></file></xliff>'

    result = exchange.import_file(data, region=region, user=people["region_admin"])

    assert not result.ok
    assert "root:" not in " ".join(problem.message for problem in result.problems)


def test_checking_an_import_costs_the_same_queries_for_one_item_or_many(
    region, people, publish_article
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.translation import services

    def checked(count: int) -> int:
        articles = [publish_article(title=f"Text {count}-{n}") for n in range(count)]
        exported = exchange.export_xliff(articles, language="ar", region=region)
        data = exported.replace(
            b'<target state="needs-translation"></target>', b"<target>ar</target>"
        )
        for article in articles:  # changed in the browser after the export: every item is refused
            services.save_translation(
                article, language="ar", texts={"title": "x"}, user=people["translator"],
                base_version=None, done=False,
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            result = exchange.import_file(data, region=region, user=people["translator"])
        assert len(result.problems) == count
        return len(queries)

    checked(1)  # the translator's roles are loaded once and then known
    assert checked(4) == checked(1)


def test_a_unit_of_an_unknown_content_type_is_reported(publish_article, people, region):
    article = publish_article()
    exported = fill_xliff(exchange.export_xliff([article], language="ar", region=region), ARABIC)

    result = exchange.import_file(
        exported.replace(b"articles.article/", b"nothing.here/"),
        region=region,
        user=people["region_admin"],
    )

    assert not result.ok
    assert "Unknown content type “nothing.here”." in [p.message for p in result.problems]
    assert services.translation_of(article, "ar") is None


def outdated_article(publish_article, translate, revise):
    """An article translated into Arabic, whose original changed since."""
    article = publish_article()
    translate(article, "ar", **ARABIC)
    revise(article, title="Wohnung ummelden")
    assert states(article, "ar") == {"ar": CoverageState.OUTDATED}
    return article


def test_reimporting_an_untouched_xliff_export_keeps_outdated(
    publish_article, translate, revise, people, region
):
    article = outdated_article(publish_article, translate, revise)
    version = services.translation_of(article, "ar").version
    exported = exchange.export_xliff([article], language="ar", region=region)
    targets = etree.fromstring(exported).iterfind(".//x:target", XLIFF)
    assert {target.get("state") for target in targets} == {"needs-review-translation"}

    result = exchange.import_file(exported, region=region, user=people["region_admin"])

    assert result.ok and result.items == []
    assert states(article, "ar") == {"ar": CoverageState.OUTDATED}
    assert services.translation_of(article, "ar").version == version


def test_reimporting_an_untouched_po_export_keeps_outdated(
    publish_article, translate, revise, people, region
):
    article = outdated_article(publish_article, translate, revise)
    exported = exchange.export_po([article], language="ar", region=region)
    assert all("fuzzy" in entry.flags for entry in polib.pofile(exported.decode()))

    assert exchange.import_file(exported, region=region, user=people["region_admin"]).ok

    assert states(article, "ar") == {"ar": CoverageState.OUTDATED}


def test_a_translator_confirms_an_outdated_translation_by_its_state(
    publish_article, translate, revise, people, region
):
    article = outdated_article(publish_article, translate, revise)
    exported = exchange.export_xliff([article], language="ar", region=region)
    root = etree.fromstring(exported)
    for target in root.iterfind(".//x:target", XLIFF):
        target.set("state", "translated")  # "still right": the text stays as it was

    result = exchange.import_file(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8"),
        region=region,
        user=people["region_admin"],
    )

    assert result.ok and result.items == [article]
    assert states(article, "ar") == {"ar": CoverageState.TRANSLATED}


def test_an_unchanged_published_translation_is_left_alone(
    publish_article, translate, people, region
):
    article = publish_article()
    translate(article, "ar", **ARABIC)
    exported = exchange.export_xliff([article], language="ar", region=region)
    assert b'state="final"' in exported

    assert exchange.import_file(exported, region=region, user=people["region_admin"]).ok

    assert states(article, "ar") == {"ar": CoverageState.PUBLISHED}


def test_exported_files_have_no_carriage_returns(publish_article, region):
    article = publish_article(body="Zeile eins\nZeile zwei")
    type(article).objects.filter(pk=article.pk).update(body_de="Zeile eins\r\nZeile zwei")
    article.refresh_from_db()

    xliff_file = exchange.export_xliff([article], language="ar", region=region)
    po_file = exchange.export_po([article], language="ar", region=region)

    assert b"&#13;" not in xliff_file and b"\r" not in xliff_file
    assert b"\\r" not in po_file and b"\r" not in po_file


def test_an_export_of_nothing_is_refused_not_an_empty_file(region):
    with pytest.raises(exchange.NothingToExport):
        exchange.export_xliff([], language="ar", region=region)
    with pytest.raises(exchange.NothingToExport):
        exchange.export_po([], language="ar", region=region)


@pytest.mark.parametrize(
    ("markup", "refused"),
    [
        ('<g id="1">تسجيل</g> السكن', "<g>"),
        ('تسجيل <x id="1"/>السكن', "<x>"),
        ('<mrk mtype="seg" mid="1">تسجيل السكن</mrk>', ""),
    ],
)
def test_inline_markup_is_kept_or_refused_never_dropped(
    publish_article, people, region, markup, refused
):
    article = publish_article()
    exported = fill_xliff(
        exchange.export_xliff([article], language="ar", region=region),
        {"title": "TITLE", "summary": ARABIC["summary"], "body": ARABIC["body"]},
    )
    data = exported.replace(b"TITLE", markup.encode())

    result = exchange.import_file(data, region=region, user=people["region_admin"])

    if refused:
        assert not result.ok
        assert f"inline code {refused}" in result.problems[0].message
        assert result.problems[0].line > 1
        assert services.translation_of(article, "ar") is None
    else:
        assert result.ok, result.problems
        assert services.translation_of(article, "ar").draft["title"] == "تسجيل السكن"
