"""Writes of search: the index of an item, rebuilt whenever what migrants read of it changes;
the anonymous counts of searches that found nothing or little (content gaps).

An item is indexed in every language its region offers: its passages for readers of each (the
reader's language version, or the original where there is none) replace the ones before, in one
transaction; a change that does not alter any passage writes nothing. Items migrants cannot read
(drafts, archived, past events, inactive organisations) have no passages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone

from apps.search.chunking import SEARCHED_MODELS, Chunked, chunk, is_searchable
from apps.search.engines import Engine, get_engine
from apps.search.models import Gap, HandledGap, Kind, Passage, Word
from apps.search.text import fold, is_chinese, pg_config, words

logger = logging.getLogger(__name__)

#: How much a match counts, by kind (procedures are what people come for) and for the item's
#: own passage (0) against its parts (a step, a section).
KIND_BOOST = {
    Kind.PROCEDURE: 1.6,
    Kind.TERM: 1.1,
    Kind.ARTICLE: 1.0,
    Kind.DOCUMENT: 1.0,
    Kind.ORGANISATION: 0.9,
    Kind.EVENT: 0.8,
    Kind.PLACE: 0.8,
}
PART_BOOST = 0.8


def _passages(item: Model, chunked: Chunked, code: str, engine: Engine, ct) -> list[Passage]:
    topics = f"|{'|'.join(chunked.topics)}|" if chunked.topics else ""
    source = item.region.source_language
    source_title = engine.source_terms(chunked.source_title, source)
    passages = []
    for position, piece in enumerate(chunked.pieces):
        heading = piece.heading if position else ""
        original = chunked.source_text if piece.source is None else piece.source
        passage = Passage(
            region_id=item.region_id,
            language=code,
            content_type=ct,
            object_id=item.pk,
            kind=chunked.kind,
            position=position,
            anchor=piece.anchor,
            title=chunked.title[:300],
            heading=heading[:300],
            text=engine.display_text(piece.text, chunked.text_language),
            url=f"{chunked.url}#{piece.anchor}" if piece.anchor else chunked.url,
            text_language=chunked.text_language,
            is_fallback=chunked.is_fallback,
            is_machine=chunked.is_machine,
            is_outdated=chunked.is_outdated,
            topics=topics[:500],
            boost=KIND_BOOST[chunked.kind] * (PART_BOOST if position else 1.0),
            shown_from=chunked.shown_from,
            expires_at=chunked.expires_at,
            ts_config=pg_config(code),
            terms_title=engine.terms(heading or chunked.title, code),
            terms_text=engine.terms(
                f"{piece.text} {chunked.title}" if position else piece.text, code
            ),
            terms_source_title=source_title,
            terms_source=engine.source_terms(original, source) if chunked.source_text else "",
        )
        passage.fingerprint = _fingerprint(passage)
        passage.words = f"{passage.title} {heading} {piece.text} {chunked.source_title} {original}"
        passages.append(passage)
    return passages


_FINGERPRINTED = (
    "language", "kind", "position", "anchor", "title", "heading", "text", "url", "text_language",
    "is_fallback", "is_machine", "is_outdated", "topics", "boost", "shown_from", "expires_at",
    "ts_config", "terms_title", "terms_text", "terms_source_title", "terms_source",
)  # fmt: skip


def _fingerprint(passage: Passage) -> str:
    values = "\x1f".join(str(getattr(passage, name)) for name in _FINGERPRINTED)
    return hashlib.sha256(values.encode()).hexdigest()


def _vocabulary(passages: Iterable[Passage]) -> set[tuple[int, str, str]]:
    found = set()
    for passage in passages:
        text = getattr(passage, "words", f"{passage.title} {passage.heading} {passage.text}")
        for word in words(fold(text, passage.language)):
            if 4 <= len(word) <= 60 and not word.isdigit() and not is_chinese(word):
                found.add((passage.region_id, passage.language, word))
    return found


def _load(model: type[Model], pk: int) -> Model | None:
    queryset = model.objects.select_related("region").filter(pk=pk)
    if model._meta.label_lower != "accounts.organisation":
        queryset = queryset.prefetch_related("translations")
        if hasattr(model, "topics"):
            queryset = queryset.prefetch_related("topics__parent")
        for part in model.parts:
            queryset = queryset.prefetch_related(part.name)
    return queryset.first()


@transaction.atomic
def index_item(model: type[Model], pk: int) -> bool:
    """Bring the passages of one item up to date; True if anything changed."""
    ct = ContentType.objects.get_for_model(model)
    item = _load(model, pk)
    new: list[Passage] = []
    if item is not None and is_searchable(item):
        engine = get_engine()
        for code in item.region.enabled_languages:
            new += _passages(item, chunk(item, code), code, engine, ct)
    old = Passage.objects.filter(content_type=ct, object_id=pk)
    if sorted(p.fingerprint for p in new) == sorted(old.values_list("fingerprint", flat=True)):
        return False
    old.delete()
    Passage.objects.bulk_create(new, batch_size=200)
    _add_words(_vocabulary(new))
    return True


def _add_words(found: set[tuple[int, str, str]]) -> None:
    """Add the words the vocabulary does not have yet."""
    by_language: dict[tuple[int, str], set[str]] = {}
    for region_id, code, word in found:
        by_language.setdefault((region_id, code), set()).add(word)
    new = []
    for (region_id, code), candidates in by_language.items():
        known = set(
            Word.objects.filter(
                region_id=region_id, language=code, word__in=candidates
            ).values_list("word", flat=True)
        )
        new += [Word(region_id=region_id, language=code, word=w) for w in candidates - known]
    Word.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)


def index_by_label(label: str, pk: int) -> bool:
    return index_item(apps.get_model(label), pk)


def forget_item(item: Model) -> None:
    """Drop the passages of an item that is being deleted."""
    Passage.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).delete()


def rebuild(region=None) -> int:
    """Index every searchable item again (of ``region``, or of all regions); forget words no
    passage uses any more. Returns the number of passages."""
    for label in SEARCHED_MODELS:
        model = apps.get_model(label)
        items = model.objects.all() if region is None else model.objects.filter(region=region)
        pks = list(items.values_list("pk", flat=True).order_by("pk"))
        gone = Passage.objects.filter(content_type=ContentType.objects.get_for_model(model))
        if region is not None:
            gone = gone.filter(region=region)
        gone.exclude(object_id__in=pks).delete()
        for pk in pks:
            index_item(model, pk)
    passages = Passage.objects.all() if region is None else Passage.objects.filter(region=region)
    words_ = Word.objects.all() if region is None else Word.objects.filter(region=region)
    with transaction.atomic():
        words_.delete()
        for start in range(0, passages.count(), 1000):
            _add_words(_vocabulary(passages.order_by("pk")[start : start + 1000]))
    return passages.count()


# --- content gaps ---------------------------------------------------------------------------------


def note_search(region, code: str, results) -> None:
    """Count a search as a content gap if it found nothing or little — the first page of an
    unfiltered search only, so that paging or filtering is not counted again."""
    if results.page == 1 and not results.kind and not results.topic:
        record_search(region, code, results.normalised, results.outcome)


def record_search(region, code: str, normalised: str, outcome: str) -> None:
    """Count a search that found nothing or little (``outcome``): the normalised query, the
    language and today's date, nothing else — not who searched, nor from where."""
    if not outcome or not normalised or region is None:
        return
    key = {"region": region, "language": code, "query": normalised[:200]}
    key.update(day=timezone.localdate(), outcome=outcome)
    if Gap.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            Gap.objects.create(**key, count=1)
    except IntegrityError:  # counted at the same moment by another request
        Gap.objects.filter(**key).update(count=F("count") + 1)


def handle_gap(region, *, language: str, query: str, item: Model) -> HandledGap:
    """Mark a gap as handled by ``item``: searches for it show the item first from now on."""
    gap, _created = HandledGap.objects.update_or_create(
        region=region,
        language=language,
        query=query,
        defaults={"content_type": ContentType.objects.get_for_model(item), "object_id": item.pk},
    )
    return gap


def reopen_gap(region, *, language: str, query: str) -> None:
    HandledGap.objects.filter(region=region, language=language, query=query).delete()


def forget_old_gaps(*, today=None) -> int:
    """Delete the counts older than the retention period; returns how many rows went."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=settings.SEARCH_GAP_RETENTION_DAYS)
    deleted, _by_model = Gap.objects.filter(day__lt=cutoff).delete()
    return deleted
