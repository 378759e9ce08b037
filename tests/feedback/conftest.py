"""A published article, indexed as publishing indexes it (after the commit), to be rated."""

from __future__ import annotations

import pytest

from tests.search.conftest import committed, demo

__all__ = ["committed", "demo"]  # fixtures shared with the search tests


@pytest.fixture
def tenancy(publish_article, translate, committed):
    """A German article with a published Arabic translation."""
    with committed():
        article = publish_article(
            title="Mietvertrag verstehen",
            summary="Was im Mietvertrag steht und was Sie unterschreiben.",
            body="## Kaution\nDie Kaution ist höchstens drei Monatsmieten.",
        )
        translate(article, "ar", title="فهم عقد الإيجار", summary="ما في العقد", body="الكفالة")
    return article


@pytest.fixture
def item_key(tenancy):
    from django.contrib.contenttypes.models import ContentType

    return f"{ContentType.objects.get_for_model(tenancy).pk}:{tenancy.pk}"
