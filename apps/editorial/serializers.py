"""What every per-language content API shares: texts from the reader's language version.

A serializer inherits :class:`ReaderVersionSerializer` and declares its texts with
:class:`VersionText`; the language version of each item is worked out once per response, by
:mod:`apps.translation.reader`. (This module stays here until the workspace kit moves.)
"""

from __future__ import annotations

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.speech.api import ReadAloudSerializer, read_aloud_of
from apps.speech.scripts import is_spoken
from apps.translation.reader import LanguageVersion, language_version


class ReaderVersionSerializer(serializers.ModelSerializer):
    language = serializers.SerializerMethodField(help_text="Language the texts are in.")
    is_fallback = serializers.SerializerMethodField(
        help_text="Not yet translated into the requested language: the texts are the original."
    )
    read_aloud = serializers.SerializerMethodField(
        help_text="The texts read aloud: audio per speed and where each section starts."
    )

    def get_field_names(self, declared_fields, info) -> list[str]:
        # Every content type that is read aloud says where its audio is, in every API.
        names = list(super().get_field_names(declared_fields, info))
        if is_spoken(self.Meta.model) and "read_aloud" not in names:
            names.append("read_aloud")
        return names

    def version(self, item) -> LanguageVersion:
        cache = self.context.setdefault("_versions", {})
        key = (type(item).__name__, item.pk)
        if key not in cache:
            cache[key] = language_version(item, get_language())
        return cache[key]

    def get_language(self, item) -> str:
        return self.version(item).language.code

    def get_is_fallback(self, item) -> bool:
        return self.version(item).is_fallback

    @extend_schema_field(ReadAloudSerializer(allow_null=True))
    def get_read_aloud(self, item) -> dict | None:
        return read_aloud_of(self, item)


@extend_schema_field(OpenApiTypes.STR)
class VersionText(serializers.Field):
    """One text of the item in the reader's language version (Markdown for Markdown fields)."""

    def __init__(self, text: str = "", **kwargs):
        self.text = text
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item) -> str:
        return self.parent.version(item).texts[self.text or self.field_name]
