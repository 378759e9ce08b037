"""Recordings: the audio of one item for readers of one language, at one speed."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import languages


class Speed(models.TextChoices):
    """How fast the voice speaks. Each speed is its own recording: espeak-ng speaks slower by
    lengthening sounds and pauses, which is easier to follow than audio stretched by a player."""

    NORMAL = "normal", _("Normal")
    SLOWER = "slower", _("Slower")
    FASTER = "faster", _("Faster")


#: Words per minute, per speed (espeak-ng's own default is 175).
RATES = {Speed.SLOWER: 125, Speed.NORMAL: 160, Speed.FASTER: 200}
#: In the order the player offers them; the normal speed is made first.
SPEEDS = (Speed.SLOWER, Speed.NORMAL, Speed.FASTER)


class Recording(models.Model):
    """The audio readers of ``language`` get for an item at one speed.

    ``text_fingerprint`` identifies the texts it was made from (see
    :mod:`apps.speech.scripts`): a page offers it only while it shows the same texts. The file
    is stored under ``key`` — the fingerprint of everything that was spoken, the voice and the
    speed — so identical audio is never made twice (readers of every language that is shown the
    original share one file), and a changed text never overwrites a file someone is playing.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10, choices=languages.DJANGO_LANGUAGES)
    speed = models.CharField(_("speed"), max_length=10, choices=Speed.choices)
    text_fingerprint = models.CharField(max_length=64)
    key = models.CharField(max_length=255, db_index=True)
    voice = models.CharField(max_length=40)
    duration_ms = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    #: [{"key", "part", "number", "title", "language", "start", "end"}], times in milliseconds.
    sections = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "speed"],
                name="one_recording_per_language_and_speed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}/{self.object_id} {self.language} {self.speed}"
