"""What the authority sees of "Was this page helpful?": per item and language the answers and
the share that found the page helpful, the least helpful pages first, and the comments to
triage."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from apps.core import languages
from apps.feedback.models import PageComment, PageRating
from apps.search.models import Kind, Passage

MIN_ANSWERS = 3  # fewer answers say little; such pages are listed after the others


@dataclass
class ItemLink:
    kind: str
    title: str
    url: str
    language: languages.Language  # of the title

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


@dataclass
class PageRow:
    item: ItemLink | None  # None: no longer published
    language: languages.Language  # the readers'
    helpful: int
    not_helpful: int
    open_comments: int

    @property
    def answers(self) -> int:
        return self.helpful + self.not_helpful

    @property
    def helpful_percent(self) -> int:
        return round(100 * self.helpful / self.answers) if self.answers else 0

    @property
    def sort_key(self) -> tuple:
        """Least helpful first: the share of "no" with one answer of each added (a page with one
        "no" is not worse than a page with forty "no" of fifty), then the most "no"."""
        unhelpful = (self.not_helpful + 1) / (self.answers + 2)
        return (self.answers < MIN_ANSWERS, -unhelpful, -self.not_helpful)


@dataclass
class CommentRow:
    comment: PageComment
    item: ItemLink | None
    language: languages.Language


def _items(region, keys: set[tuple[int, int, str]]) -> dict[tuple[int, int, str], ItemLink]:
    """The title and address of each (content type, object, reader language), as search shows
    them (the index holds what each language's readers see)."""
    if not keys:
        return {}
    object_ids = {object_id for _ct, object_id, _code in keys}
    passages = Passage.objects.filter(region=region, position=0, object_id__in=object_ids).only(
        "content_type_id", "object_id", "language", "kind", "title", "url", "text_language"
    )
    return {
        key: ItemLink(p.kind, p.title, p.url, languages.get(p.text_language))
        for p in passages
        if (key := (p.content_type_id, p.object_id, p.language)) in keys
    }


def page_rows(region, *, language: str = "") -> list[PageRow]:
    """Every rated page of ``region`` per reader language (or one), least helpful first."""
    ratings = PageRating.objects.filter(region=region)
    comments = PageComment.objects.filter(region=region, done_at__isnull=True)
    if language:
        ratings, comments = ratings.filter(language=language), comments.filter(language=language)
    fields = ("content_type_id", "object_id", "language")
    totals = ratings.values(*fields).annotate(
        yes=Sum("count", filter=Q(helpful=True), default=0),
        no=Sum("count", filter=Q(helpful=False), default=0),
    )
    open_counts = {
        (row["content_type_id"], row["object_id"], row["language"]): row["open"]
        for row in comments.values(*fields).annotate(open=Count("id"))
    }
    keyed = {(row["content_type_id"], row["object_id"], row["language"]): row for row in totals}
    items = _items(region, set(keyed) | set(open_counts))
    rows = [
        PageRow(
            item=items.get(key),
            language=languages.get(key[2]),
            helpful=keyed[key]["yes"] if key in keyed else 0,
            not_helpful=keyed[key]["no"] if key in keyed else 0,
            open_comments=open_counts.get(key, 0),
        )
        for key in set(keyed) | set(open_counts)
    ]
    return sorted(rows, key=lambda row: (*row.sort_key, row.item.title if row.item else ""))


def comment_rows(region, *, language: str = "", done: bool = False) -> list[CommentRow]:
    """The comments to triage (or those done), newest first."""
    comments = PageComment.objects.filter(region=region, done_at__isnull=not done)
    if language:
        comments = comments.filter(language=language)
    comments = list(comments.select_related("done_by").order_by("-day", "-id")[:200])
    items = _items(region, {(c.content_type_id, c.object_id, c.language) for c in comments})
    rows = []
    for comment in comments:
        item = items.get((comment.content_type_id, comment.object_id, comment.language))
        rows.append(CommentRow(comment, item, languages.get(comment.language)))
    return rows


def totals(region, *, language: str = "") -> dict[str, int]:
    """All answers of the region (or of one language): helpful and not."""
    ratings = PageRating.objects.filter(region=region)
    if language:
        ratings = ratings.filter(language=language)
    found = ratings.aggregate(
        yes=Sum("count", filter=Q(helpful=True), default=0),
        no=Sum("count", filter=Q(helpful=False), default=0),
    )
    return {"helpful": found["yes"], "not_helpful": found["no"]}
