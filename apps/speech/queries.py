"""Reads of read-aloud: the player of a page, its data for the API, the states for editors.

A page asks once per item (one query, whatever the number of sections); an API list asks once
for all its items. A recording is offered only if it was made from the texts the page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db.models import Max

from apps.core import languages, read_models
from apps.editorial.models import EditorialContent
from apps.speech.engine import get_engine
from apps.speech.kinds import SpokenKind, kind_for
from apps.speech.models import SPEEDS, Recording, Speed
from apps.speech.scripts import Script, script_for
from apps.translation.reader import LanguageVersion

READY, PREPARING, UNAVAILABLE, OFF = "ready", "preparing", "unavailable", "off"


@dataclass(frozen=True)
class PlayerSection:
    key: str
    heading: str  # "Step 3" in the reader's language, "" for the item's own texts
    title: str
    language: languages.Language
    start: float  # seconds
    end: float


@dataclass(frozen=True)
class AudioFile:
    speed: Speed
    url: str
    size: int
    duration: float  # seconds
    starts: list[float]  # where each section starts, in seconds
    ends: list[float]

    @property
    def label(self) -> str:
        return str(self.speed.label)


@dataclass(frozen=True)
class Player:
    """What a page shows of read-aloud. ``state`` is ready, preparing (the audio is being
    made), unavailable (this server cannot speak) or off (the region offers none)."""

    state: str
    language: languages.Language | None = None
    files: list[AudioFile] = field(default_factory=list)
    sections: list[PlayerSection] = field(default_factory=list)

    @property
    def normal(self) -> AudioFile | None:
        return next((file for file in self.files if file.speed == Speed.NORMAL), None)

    @property
    def is_ready(self) -> bool:
        return self.state == READY


def _content_type(item_or_model) -> ContentType:
    return ContentType.objects.get_for_model(item_or_model)


def _player(kind: SpokenKind, item, script: Script, code: str, rows: Iterable[Recording]) -> Player:
    """The player of ``item`` for a reader of ``code``, who is shown ``script``."""
    if not item.region.reads_aloud(code):
        return Player(OFF)
    fingerprint = script.fingerprint
    current = {row.speed: row for row in rows if row.text_fingerprint == fingerprint}
    normal = current.get(Speed.NORMAL)
    if normal is None:
        return Player(PREPARING if get_engine().available() else UNAVAILABLE)
    files = [
        AudioFile(
            speed=speed,
            url=default_storage.url(current[speed].key),
            size=current[speed].size,
            duration=current[speed].duration_ms / 1000,
            starts=[section["start"] / 1000 for section in current[speed].sections],
            ends=[section["end"] / 1000 for section in current[speed].sections],
        )
        for speed in SPEEDS
        if speed in current and len(current[speed].sections) == len(normal.sections)
    ]
    sections = [
        PlayerSection(
            key=section["key"],
            heading=kind.heading(section["part"], section["number"]),
            title=section["title"],
            language=languages.get(section["language"]),
            start=section["start"] / 1000,
            end=section["end"] / 1000,
        )
        for section in normal.sections
    ]
    return Player(READY, languages.get(script.language), files, sections)


def player(item: EditorialContent, version: LanguageVersion) -> Player | None:
    """The read-aloud player of ``item`` as shown in ``version``; None for items that are not
    read aloud. Kept until the content changes (a recording that became ready is a change):
    one query the first time."""
    if kind_for(type(item)) is None:
        return None
    return read_models.kept(
        "read-aloud-player",
        (item._meta.label, item.pk, version.requested.code, version.language.code),
        lambda: _recorded_player(item, version),
    )


def _recorded_player(item: EditorialContent, version: LanguageVersion) -> Player | None:
    kind = kind_for(type(item))
    code = version.requested.code
    rows = Recording.objects.filter(
        content_type=_content_type(item), object_id=item.pk, language=code
    )
    return _player(kind, item, script_for(item, version), code, rows)


def players(items: list, code: str) -> dict[int, Player]:
    """The players of many items of one type for readers of ``code`` (one query), by item id:
    a list of articles in the API, the organisations page. Reads only what ``items`` have
    loaded (their region, translations and parts)."""
    kind = kind_for(type(items[0])) if items else None
    if kind is None:
        return {}
    rows: dict[int, list[Recording]] = {}
    for row in Recording.objects.filter(
        content_type=_content_type(items[0]),
        object_id__in=[item.pk for item in items],
        language=code,
    ):
        rows.setdefault(row.object_id, []).append(row)
    return {
        item.pk: _player(kind, item, kind.script(item, code), code, rows.get(item.pk, []))
        for item in items
    }


def as_data(player: Player | None) -> dict | None:
    """A player for the API: the audio of each speed and the sections with their times."""
    if player is None:
        return None
    return {
        "state": player.state,
        "language": player.language.code if player.language else None,
        "files": [
            {
                "speed": file.speed.value,
                "url": file.url,
                "type": "audio/ogg; codecs=opus",
                "size": file.size,
                "duration": file.duration,
                "section_starts": file.starts,
                "section_ends": file.ends,
            }
            for file in player.files
        ],
        "sections": [
            {
                "key": section.key,
                "heading": section.heading,
                "title": section.title,
                "language": section.language.code,
                "start": section.start,
                "end": section.end,
            }
            for section in player.sections
        ],
    }


def last_recorded() -> str:
    """Changes whenever any recording is made: part of API validators (ETags)."""
    latest = Recording.objects.aggregate(latest=Max("created_at"))["latest"]
    return latest.isoformat() if latest else ""


def states(item) -> list[tuple[languages.Language, str]]:
    """For editors: per language of the region, whether readers can listen to ``item`` (a
    published content item, an active organisation)."""
    kind = kind_for(type(item))
    if kind is None or not kind.is_live(item):
        return []
    codes = [code for code in languages.CODES if item.region.enables(code)]
    rows: dict[str, list[Recording]] = {}
    for row in Recording.objects.filter(content_type=_content_type(item), object_id=item.pk):
        rows.setdefault(row.language, []).append(row)
    item = kind.live().get(pk=item.pk)
    return [
        (
            languages.get(code),
            _player(kind, item, kind.script(item, code), code, rows.get(code, [])).state,
        )
        for code in codes
    ]
