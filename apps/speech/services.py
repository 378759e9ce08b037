"""Writes of read-aloud: making the recordings of items, and forgetting them.

Called by the Celery tasks (after publication), by ``manage.py generate_speech`` and by the demo.
A recording is made only when its texts changed; identical audio is stored once and shared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.utils import timezone

from apps.core import languages
from apps.core.models import Region
from apps.glossary.matching import glossary_for
from apps.speech.engine import Engine, SpeechUnavailable, SynthesisFailed, get_engine
from apps.speech.kinds import SpokenKind, kind_for, spoken_kinds
from apps.speech.models import RATES, SPEEDS, Recording, Speed
from apps.speech.scripts import Script, spoken
from apps.speech.text import Finder

logger = logging.getLogger(__name__)

STORAGE_PREFIX = "speech"
#: The normal speed first: it is what the player starts with.
RECORDING_ORDER = (Speed.NORMAL, *(speed for speed in SPEEDS if speed != Speed.NORMAL))
#: A file younger than this is never removed as an orphan: its recording may be being saved.
ORPHAN_GRACE = dt.timedelta(hours=1)


@dataclass
class Outcome:
    """What a run did, for logs and the management command."""

    made: int = 0  # synthesised
    shared: int = 0  # the same audio existed already (another language, another item)
    kept: int = 0  # already current
    failed: int = 0

    def add(self, other: Outcome) -> None:
        for name in ("made", "shared", "kept", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def __str__(self) -> str:
        return (
            f"{self.made} made, {self.shared} shared, {self.kept} already current, "
            f"{self.failed} failed"
        )


def spoken_models() -> list[type]:
    return [kind.model for kind in spoken_kinds()]


def items_to_record(model: type):
    """The items of ``model`` readers are offered (published content, active organisations),
    with all they need to be read, in few queries."""
    kind = kind_for(model)
    return kind.live() if kind is not None else model.objects.none()


def glossary_finder(region) -> Finder:
    """Finds the region's glossary words in the source language, in a text of any language."""
    glossary = glossary_for(region)
    source = region.source_language
    return lambda text: [(start, stop) for start, stop, _term in glossary.find(text, source)]


def forget(item) -> int:
    """Drop an item's recordings (it was archived); its files go as orphans."""
    content_type = ContentType.objects.get_for_model(item)
    return Recording.objects.filter(content_type=content_type, object_id=item.pk).delete()[0]


class _Recorder:
    """Records one item: each language's script is worked out once, each spoken text once."""

    def __init__(self, kind: SpokenKind, item, engine: Engine, *, force: bool):
        self.kind, self.item, self.engine, self.force = kind, item, engine, force
        self.content_type = ContentType.objects.get_for_model(item)
        self.existing = {
            (row.language, row.speed): row
            for row in Recording.objects.filter(content_type=self.content_type, object_id=item.pk)
        }
        self.scripts: dict[str, Script] = {}
        self.spoken: dict[str, list] = {}
        self._finder: Finder | None = None

    def script(self, code: str) -> Script:
        if code not in self.scripts:
            self.scripts[code] = self.kind.script(self.item, code)
        return self.scripts[code]

    def spoken_for(self, script: Script) -> list:
        if script.fingerprint not in self.spoken:
            if self._finder is None:
                self._finder = glossary_finder(self.item.region)
            self.spoken[script.fingerprint] = spoken(
                self.item, script, finder=self._finder, heading_of=self.kind.heading
            )
        return self.spoken[script.fingerprint]

    def record(self, code: str, speed: Speed, outcome: Outcome) -> None:
        script = self.script(code)
        current = self.existing.get((code, speed))
        if (
            current is not None
            and current.text_fingerprint == script.fingerprint
            and not self.force
            and default_storage.exists(current.key)
        ):
            outcome.kept += 1
            return
        sections = self.spoken_for(script)
        if not sections:
            if current is not None:
                current.delete()
            return
        voice = self.engine.voice(script.language)
        key = file_key(self.engine, sections, voice=voice, speed=speed)
        same = Recording.objects.filter(key=key).first()
        if same is not None and not self.force and default_storage.exists(key):
            bounds = [(part["start"], part["end"]) for part in same.sections]
            duration, size = same.duration_ms, same.size
            outcome.shared += 1
        else:
            try:
                audio = self.engine.render([section for _, section in sections], rate=RATES[speed])
            except SynthesisFailed:
                logger.exception("Read-aloud: %s in %s could not be recorded", self.item, code)
                outcome.failed += 1
                return
            key = _store(key, audio.data)
            bounds, duration, size = audio.bounds, audio.duration_ms, len(audio.data)
            outcome.made += 1
        values = {
            "text_fingerprint": script.fingerprint,
            "key": key,
            "voice": voice,
            "duration_ms": duration,
            "size": size,
            "sections": [
                {
                    "key": section.key,
                    "part": section.part,
                    "number": section.number,
                    "title": section.title,
                    "language": section.language,
                    "start": start,
                    "end": end,
                }
                for (section, _spoken), (start, end) in zip(sections, bounds, strict=True)
            ],
        }
        identity = {"content_type": self.content_type, "object_id": self.item.pk}
        try:
            Recording.objects.update_or_create(
                **identity, language=code, speed=speed, defaults=values
            )
        except IntegrityError:  # another worker recorded it at the same moment: theirs stands
            logger.info("Read-aloud: %s in %s was recorded twice at once", self.item, code)


def file_key(engine: Engine, sections: list, *, voice: str, speed: Speed) -> str:
    """Where the audio is stored: the fingerprint of all that is spoken and how, the voice and
    the speed. Changed text, voice, speed or engine means a new file, never a changed one."""
    spoken_runs = [
        [[run.language, run.text] for run in paragraph]
        for _section, spoken_section in sections
        for paragraph in spoken_section.paragraphs
    ]
    bounds = [len(spoken_section.paragraphs) for _section, spoken_section in sections]
    payload = json.dumps(
        [engine.identity(), voice, RATES[speed], bounds, spoken_runs], ensure_ascii=False
    )
    digest = hashlib.sha256(payload.encode()).hexdigest()
    return f"{STORAGE_PREFIX}/{voice}/{speed}/{digest}.opus"


def _store(key: str, data: bytes) -> str:
    """Save under ``key`` (replacing a file that was there); the name actually used."""
    if default_storage.exists(key):
        default_storage.delete(key)
    return default_storage.save(key, ContentFile(data))


def record_item(
    item,
    *,
    only: Iterable[str] | None = None,
    speeds: Iterable[Speed] = RECORDING_ORDER,
    force: bool = False,
    engine: Engine | None = None,
) -> Outcome:
    """Give readers of every language the region reads aloud (or of ``only`` these) current
    recordings of ``item`` at each of ``speeds``: the normal speed in every language first, so
    that what most people play is ready soonest. ``force`` makes every file again."""
    outcome = Outcome()
    kind = kind_for(type(item))
    if kind is None or not kind.is_live(item):
        forget(item)
        return outcome
    engine = engine or get_engine()
    if not engine.available():
        logger.warning("Read-aloud: espeak-ng or opusenc is not installed; nothing recorded.")
        return outcome
    region = item.region
    wanted = set(only) if only is not None else None
    codes = [
        code
        for code in languages.CODES
        if region.reads_aloud(code) and (wanted is None or code in wanted)
    ]
    recorder = _Recorder(kind, item, engine, force=force)
    try:
        for speed in speeds:
            for code in codes:
                recorder.record(code, speed, outcome)
    except SpeechUnavailable:
        logger.warning("Read-aloud: the speech programs went missing while recording %s.", item)
    return outcome


def record_region(region, *, only: Iterable[str] | None = None, force: bool = False) -> Outcome:
    """Record every item of ``region`` that is read aloud (see :func:`record_item`): every
    item at the normal speed first, then the other speeds."""
    outcome = Outcome()
    engine = get_engine()
    for speed in RECORDING_ORDER:
        for kind in spoken_kinds():
            for item in kind.live().filter(region=region):
                outcome.add(
                    record_item(item, only=only, speeds=[speed], force=force, engine=engine)
                )
    return outcome


def remove_orphans(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Drop recordings nobody can be offered any more (item gone, unpublished or inactive,
    language no longer read aloud), then the files no recording uses. Returns (recordings,
    files)."""
    removed = 0
    by_type = Recording.objects.values_list("content_type_id", flat=True).distinct()
    for content_type_id in list(by_type):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        rows = Recording.objects.filter(content_type_id=content_type_id)
        kind = kind_for(model) if model is not None else None
        if kind is None:
            removed += rows.delete()[0]
            continue
        published = kind.model.objects.filter(pk__in=kind.live().values("pk"))
        removed += rows.exclude(object_id__in=published.values("pk")).delete()[0]
        for region in Region.objects.filter(pk__in=published.values("region_id")):
            off = [code for code in languages.CODES if not region.reads_aloud(code)]
            if off:
                removed += rows.filter(
                    object_id__in=published.filter(region=region).values("pk"), language__in=off
                ).delete()[0]
    return removed, _remove_unused_files(now or timezone.now())


def _remove_unused_files(now: dt.datetime) -> int:
    used = set(Recording.objects.values_list("key", flat=True))
    removed = 0
    for name in _stored_files(STORAGE_PREFIX):
        if name in used:
            continue
        if now - default_storage.get_modified_time(name) < ORPHAN_GRACE:
            continue
        default_storage.delete(name)
        removed += 1
    return removed


def _stored_files(directory: str) -> list[str]:
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return []
    found = [f"{directory}/{name}" for name in files]
    for child in directories:
        found += _stored_files(f"{directory}/{child}")
    return found
