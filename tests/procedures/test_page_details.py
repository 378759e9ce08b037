"""Details of the procedure page and its checklist a newcomer tripped over (issue 19)."""

import re

from lxml import html as lxml_html

from tests.procedures.conftest import step


def test_a_procedure_is_described_by_its_summary(client, publish_procedure):
    procedure = publish_procedure("Wohnung anmelden")

    html = client.get(f"/de/step-by-step/{procedure.slug}/").content.decode()

    assert f'<meta name="description" content="{procedure.summary_de}">' in html


def test_the_checklists_address_stays_left_to_right_in_right_to_left_pages(
    client, publish_procedure
):
    procedure = publish_procedure("Wohnung anmelden")

    html = client.get(f"/ur/step-by-step/{procedure.slug}/checklist/").content.decode()

    assert re.search(
        r'<bdi dir="ltr">http://testserver/ur/step-by-step/[\w-]+/checklist/</bdi>', html
    )


def test_glossary_notes_are_a_valid_definition_list(client, publish_term, publish_procedure):
    publish_term("Termin", "Eine feste Zeit.")
    procedure = publish_procedure(
        "Wohnung anmelden",
        steps=[
            step("a", "Erstens", "Buchen Sie einen Termin."),
            step("b", "Zweitens", "Der Termin ist wichtig."),
        ],
    )

    page = client.get(f"/de/step-by-step/{procedure.slug}/").content.decode()

    notes = lxml_html.fromstring(page).xpath("//section[@class='glossary-notes']/dl")[0]
    for group in notes:
        assert group.tag == "div"
        assert [child.tag for child in group] == ["dt", "dd"]  # nothing else inside the div
    # The second mention's link still finds its note.
    anchors = re.findall(r'<a class="term" href="#([\w-]+)"', page)
    assert len(anchors) == 2
    for anchor in anchors:
        assert f'id="{anchor}"' in page


def test_tips_are_not_landmarks(client, publish_procedure):
    procedure = publish_procedure("Wohnung anmelden")

    page = client.get(f"/de/step-by-step/{procedure.slug}/").content.decode()

    assert "<aside" not in page
