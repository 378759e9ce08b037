"""Every kind of content page of the demo town asks "Was this page helpful?" in the reader's
language, with a form that needs no cookie (the page stays cacheable)."""

from __future__ import annotations

import pytest

from apps.search.models import Passage


@pytest.mark.parametrize("kind", ["procedure", "article", "term", "document", "event", "place"])
def test_every_content_page_asks_whether_it_helped(db, demo, client, kind):
    passage = Passage.objects.filter(region=demo, language="ar", kind=kind, position=0).first()
    page = client.get(passage.url)
    html = page.content.decode()
    assert page.status_code == 200 and not page.cookies
    assert 'action="/ar/page-feedback/"' in html
    assert f'name="item" value="{passage.content_type_id}:{passage.object_id}"' in html
    assert "هل كانت هذه الصفحة مفيدة؟" in html  # "Was this page helpful?" in Arabic
