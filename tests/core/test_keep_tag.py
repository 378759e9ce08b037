"""{% keep %}: a piece of a page rendered once per content version, language, region and what
else it names (issue 18)."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from apps.core import page_cache


def render(source: str, **context) -> str:
    return Template("{% load kept %}" + source).render(Context(context))


def test_a_kept_piece_is_rendered_once_per_content_version(outside_transactions):
    piece = '{% keep "piece" %}{{ word }}{% endkeep %}'
    assert render(piece, word="Anmeldung") == "Anmeldung"
    assert render(piece, word="changed") == "Anmeldung"  # kept

    page_cache.CONTENT.renew()  # a change was committed

    assert render(piece, word="changed") == "changed"


def test_what_a_piece_depends_on_and_the_language_each_get_their_own(outside_transactions):
    piece = '{% keep "menu" path %}{{ path }} {{ word }}{% endkeep %}'
    assert render(piece, path="/de/", word="a") == "/de/ a"
    assert render(piece, path="/ar/", word="b") == "/ar/ b"
    with translation.override("ar"):
        assert render(piece, path="/de/", word="c") == "/de/ c"
    assert render(piece, path="/de/", word="d") == "/de/ a"


def test_a_piece_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        render("{% keep %}x{% endkeep %}")


def test_nothing_is_kept_when_read_models_are_off(settings):
    settings.READ_MODEL_SECONDS = 0
    piece = '{% keep "piece" %}{{ word }}{% endkeep %}'
    assert render(piece, word="a") == "a"
    assert render(piece, word="b") == "b"
