"""A short English word can mean different things: such strings carry a context, and every
language translates each meaning in its own words."""

import pytest
from django.utils import translation

from apps.core import languages

DECIDED = "tip review: who decided on the tip"
AUTHOR = "revision table: who saved the revision"


@pytest.mark.parametrize("code", [code for code in languages.CODES if code != "en"])
def test_who_decided_is_not_translated_as_the_author(code):
    with translation.override(code):
        decided = translation.pgettext(DECIDED, "By")
        author = translation.pgettext(AUTHOR, "By")

    assert decided != "By" and author != "By"
    assert decided != author
