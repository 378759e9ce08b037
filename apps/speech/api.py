"""Read-aloud in the public API: every per-language item that is read aloud says where its audio
is and where each section starts (``read_aloud``), in the same language as its texts.

The field is added by :class:`apps.editorial.serializers.ReaderVersionSerializer`, the base of
the per-language content APIs; a list asks for the players of all its items in one query.
"""

from __future__ import annotations

from django.utils.translation import get_language
from rest_framework import serializers

from apps.speech import queries
from apps.speech.scripts import is_spoken


class AudioFileSerializer(serializers.Serializer):
    speed = serializers.ChoiceField(choices=["slower", "normal", "faster"])
    url = serializers.CharField(help_text="Ogg/Opus audio (a path on this site).")
    type = serializers.CharField(help_text='"audio/ogg; codecs=opus"')
    size = serializers.IntegerField(help_text="Bytes.")
    duration = serializers.FloatField(help_text="Seconds.")
    section_starts = serializers.ListField(child=serializers.FloatField())
    section_ends = serializers.ListField(child=serializers.FloatField())


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text='"main", or "<part>.<uid>" (e.g. a procedure step).')
    heading = serializers.CharField(
        help_text='E.g. "Step 3" in the requested language; "" for the item\'s own texts.'
    )
    title = serializers.CharField()
    language = serializers.CharField(help_text="Language the section is read in.")
    start = serializers.FloatField(help_text="Seconds, at the normal speed.")
    end = serializers.FloatField()


class ReadAloudSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=[queries.READY, queries.PREPARING, queries.UNAVAILABLE, queries.OFF],
        help_text="ready; preparing (being recorded); unavailable (no speech on this server); "
        "off (the region offers no read-aloud in this language).",
    )
    language = serializers.CharField(allow_null=True, help_text="Language of the main text.")
    files = AudioFileSerializer(many=True)
    sections = SectionSerializer(many=True)


def read_aloud_of(serializer: serializers.Serializer, item) -> dict | None:
    """The ``read_aloud`` value of ``item`` as ``serializer`` shows it: null for content that
    is not read aloud. The players of all items of a list are read at once."""
    if not is_spoken(type(item)):
        return None
    players = serializer.context.setdefault("_read_aloud", {})
    key = (type(item), item.pk)
    if key not in players:
        siblings = [item]
        parent = serializer.parent
        if isinstance(parent, serializers.ListSerializer) and isinstance(parent.instance, list):
            siblings = [other for other in parent.instance if type(other) is type(item)]
        code = get_language()
        for pk, player in queries.players(siblings, code).items():
            players[(type(item), pk)] = player
    return queries.as_data(players.get(key))


def read_aloud_data(item, version) -> dict | None:
    """``read_aloud`` of one item shown in ``version`` (a detail built without a serializer)."""
    return queries.as_data(queries.player(item, version))
