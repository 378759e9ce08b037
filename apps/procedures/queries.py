"""Reads of procedures and documents for migrants."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from apps.editorial.models import ItemStatus
from apps.editorial.presentation import with_reader_translation
from apps.procedures.models import Document


def documents_for_reader(region, code: str, *, topic: str = "") -> QuerySet[Document]:
    documents = Document.objects.filter(region=region, status=ItemStatus.PUBLISHED)
    if topic:
        documents = documents.filter(Q(topics__slug=topic) | Q(topics__parent__slug=topic))
    return with_reader_translation(documents.distinct().select_related("region"), code)
