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
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from apps.core.counters import count_up
from apps.search.chunking import SEARCHED_MODELS, Chunked, chunk, is_searchable
from apps.search.embeddings import from_bytes, get_embedder, to_bytes
from apps.search.engines import Engine, get_engine
from apps.search.models import (
    AnswerFeedback,
    Gap,
    HandledGap,
    Kind,
    Outcome,
    Passage,
    Vector,
    Word,
)
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
        passage.embedding_key = _embedding_key(passage)
        passage.fingerprint = _fingerprint(passage)
        passage.words = f"{passage.title} {heading} {piece.text} {chunked.source_title} {original}"
        passages.append(passage)
    return passages


_FINGERPRINTED = (
    "language", "kind", "position", "anchor", "title", "heading", "text", "url", "text_language",
    "is_fallback", "is_machine", "is_outdated", "topics", "boost", "shown_from", "expires_at",
    "ts_config", "terms_title", "terms_text", "terms_source_title", "terms_source",
    "embedding_key",
)  # fmt: skip


def _fingerprint(passage: Passage) -> str:
    values = "\x1f".join(str(getattr(passage, name)) for name in _FINGERPRINTED)
    return hashlib.sha256(values.encode()).hexdigest()


#: What the model reads of a passage, at most: its name and the start of its text say what it is
#: about, and the cost of embedding grows faster than the length.
EMBEDDED_CHARACTERS = 800


def embedding_text(passage: Passage) -> str:
    """What the embedding model reads of a passage: the item's name, the step or section, the
    text (without the separators put between Chinese words for the keyword engines)."""
    parts = [passage.title, passage.heading, passage.text.replace("\u200b", "")]
    return "\n".join(part for part in parts if part)[:EMBEDDED_CHARACTERS]


def _embedding_key(passage: Passage) -> str:
    return hashlib.sha256(embedding_text(passage).encode()).hexdigest()


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
    if not _embedding_postponed():
        embed(new)
    return True


# --- embeddings, for the assistant ------------------------------------------------------------

_state = threading.local()


@contextmanager
def embeddings_postponed() -> Iterator[None]:
    """Index without embedding while loading many items at once (the demo); run
    :func:`embed_all` afterwards. Keyword search works meanwhile; the assistant answers from
    keywords alone until the vectors are there."""
    _state.postponed = getattr(_state, "postponed", 0) + 1
    try:
        yield
    finally:
        _state.postponed -= 1


def _embedding_postponed() -> bool:
    return bool(getattr(_state, "postponed", 0))


def embed(passages: Iterable[Passage], *, batch: int = 32) -> int:
    """Store the vectors the passages lack (one per distinct text, whatever the language of
    the passage that holds it); returns how many texts were embedded."""
    embedder = get_embedder()
    texts = {p.embedding_key: embedding_text(p) for p in passages if p.embedding_key}
    known = set()
    keys = list(texts)
    for start in range(0, len(keys), 500):
        known |= set(
            Vector.objects.filter(
                model=embedder.name, key__in=keys[start : start + 500]
            ).values_list("key", flat=True)
        )
    # Texts of like length in one batch: the model pads a batch to its longest text.
    missing = sorted((key for key in keys if key not in known), key=lambda k: len(texts[k]))
    for start in range(0, len(missing), batch):
        chunk_keys = missing[start : start + batch]
        vectors = embedder.passages([texts[key] for key in chunk_keys])
        Vector.objects.bulk_create(
            [
                Vector(model=embedder.name, key=key, vector=to_bytes(vector))
                for key, vector in zip(chunk_keys, vectors, strict=True)
            ],
            ignore_conflicts=True,  # embedded at the same moment by another worker
        )
    return len(missing)


def embed_all(region=None) -> int:
    """Embed every passage (of ``region``) that has no vector yet, and forget the vectors no
    passage uses any more; returns how many texts were embedded."""
    passages = Passage.objects.all() if region is None else Passage.objects.filter(region=region)
    embedded = 0
    for start in range(0, passages.count(), 2000):
        page = passages.order_by("pk").only("title", "heading", "text", "embedding_key")
        embedded += embed(page[start : start + 2000])
    forget_unused_vectors()
    return embedded


def forget_unused_vectors() -> int:
    used = Passage.objects.values("embedding_key")
    deleted, _by_model = Vector.objects.exclude(key__in=used).delete()
    return deleted


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
    """Drop the passages of an item that is being deleted, and the vectors only they used."""
    passages = Passage.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    )
    keys = set(passages.values_list("embedding_key", flat=True))
    passages.delete()
    still_used = Passage.objects.filter(embedding_key__in=keys).values("embedding_key")
    Vector.objects.filter(key__in=keys).exclude(key__in=still_used).delete()


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
    if not _embedding_postponed():
        forget_unused_vectors()
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
    count_up(Gap, **key)


def record_unanswered(region, code: str, normalised: str) -> None:
    """Count a question the assistant had no good answer for (anonymously, like searches)."""
    record_search(region, code, normalised, Outcome.UNANSWERED)


def record_feedback(region, code: str, normalised: str, *, helpful: bool) -> None:
    """Count a "Did this help?" answer; a question whose answer did not help is a gap."""
    key = {"region": region, "language": code, "day": timezone.localdate(), "helpful": helpful}
    count_up(AnswerFeedback, **key)
    if not helpful:
        record_search(region, code, normalised, Outcome.UNHELPFUL)


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
    AnswerFeedback.objects.filter(day__lt=cutoff).delete()
    return deleted


# --- vectors kept with the demo ----------------------------------------------------------------


def export_vectors(path, region) -> int:
    """Write the vectors of ``region``'s passages to ``path`` (numpy, float16: half the size,
    the same ranking), so that a fresh install of the same content need not embed it again."""
    import numpy as np

    embedder = get_embedder()
    keys = set(Passage.objects.filter(region=region).values_list("embedding_key", flat=True))
    rows = sorted(
        Vector.objects.filter(model=embedder.name, key__in=keys).values_list("key", "vector")
    )
    np.savez_compressed(
        path,
        model=np.array(embedder.name),
        keys=np.array([key for key, _vector in rows], dtype="S64"),
        vectors=np.vstack([from_bytes(bytes(v)) for _key, v in rows]).astype(np.float16),
    )
    return len(rows)


def import_vectors(path) -> int:
    """Store the vectors of ``path`` that the database lacks, if they are of the configured
    model; returns how many were added."""
    import numpy as np

    embedder = get_embedder()
    try:
        stored = np.load(path)
    except OSError:
        return 0
    if str(stored["model"]) != embedder.name:
        return 0
    keys = [key.decode() for key in stored["keys"]]
    known = set(Vector.objects.filter(model=embedder.name).values_list("key", flat=True))
    new = [
        Vector(model=embedder.name, key=key, vector=to_bytes(vector.astype("float32")))
        for key, vector in zip(keys, stored["vectors"], strict=True)
        if key not in known
    ]
    Vector.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    return len(new)
