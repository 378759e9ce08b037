"""Reads of the editorial workflow: revisions, review and the audit log. (Translation states are
read by :mod:`apps.translation.queries`.)"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KT

from apps.core import params
from apps.editorial.models import AuditEvent, EditorialContent, Revision, RevisionState
from apps.editorial.registry import editorial_models


def with_latest_revision(queryset: QuerySet) -> QuerySet:
    """Annotate ``latest_number`` and ``latest_state``: the newest revision of each item."""
    newest = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk")
    ).order_by("-number")
    return queryset.annotate(
        latest_number=Subquery(newest.values("number")[:1]),
        latest_state=Subquery(newest.values("state")[:1]),
        latest_title=Subquery(
            newest.annotate(title=KT(f"data__{queryset.model.name_field()}")).values("title")[:1]
        ),
    )


def revisions_of(item: EditorialContent) -> QuerySet[Revision]:
    return item.revisions.select_related("author", "reviewed_by").order_by("-number")


def audit_trail(item: EditorialContent, *, viewer) -> QuerySet[AuditEvent]:
    """The item's audit log as ``viewer`` may read it: entries about access to personal data
    (``item.personal_data_actions``) only for those who may see that data themselves."""
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).select_related("actor")
    if item.personal_data_actions and not viewer.has_perm(item.personal_data_permission, item):
        events = events.exclude(action__in=item.personal_data_actions)
    return events


def items_in_review(region) -> list[tuple[EditorialContent, Revision]]:
    """Items whose newest revision waits for a reviewer, across content types."""
    found = []
    for model in editorial_models():
        content_type = ContentType.objects.get_for_model(model)
        revisions = Revision.objects.filter(
            content_type=content_type, state=RevisionState.IN_REVIEW
        )
        items = with_latest_revision(
            model.objects.filter(
                region=region, pk__in=revisions.values("object_id")
            ).select_related("region")
        ).in_bulk()
        for revision in revisions.filter(object_id__in=items.keys()).select_related("author"):
            found.append((items[revision.object_id], revision))
    return found


def revision_pair(
    item: EditorialContent, a: str | None, b: str | None
) -> tuple[Revision, Revision] | None:
    """Revisions number ``a`` and ``b`` of an item (as given in a URL), or None if the item has
    no such revisions. Values that are no revision numbers at all raise
    :class:`~apps.core.params.InvalidParameter` (a 400 saying so)."""
    numbers = (
        params.positive_number(a, parameter="a"),
        params.positive_number(b, parameter="b"),
    )
    found = {revision.number: revision for revision in item.revisions.filter(number__in=numbers)}
    if not all(number in found for number in numbers):
        return None
    return found[numbers[0]], found[numbers[1]]
