"""``manage.py generate_speech``: (re)make the read-aloud recordings of published content."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.core.models import Region
from apps.speech import services
from apps.speech.engine import get_engine


class Command(BaseCommand):
    help = (
        "Record every published text that is read aloud, in every language, at every speed: "
        "the normal speed of everything first. Only what changed is synthesised again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", help="Only this region (its short name).")
        parser.add_argument(
            "--language", action="append", help="Only this language (may be repeated)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Synthesise every file again (after upgrading espeak-ng, or changing the "
            "glossary, whose words are spoken in the original language's voice).",
        )
        parser.add_argument(
            "--remove-orphans", action="store_true", help="Then remove unused recordings."
        )

    def handle(self, *args, **options):
        if not get_engine().available():
            raise CommandError(
                "espeak-ng or opusenc is not installed (Debian: apt-get install espeak-ng "
                "opus-tools; or set SPEECH_ESPEAK and SPEECH_OPUSENC)."
            )
        regions = Region.objects.all()
        if options["region"]:
            regions = regions.filter(slug=options["region"])
            if not regions:
                raise CommandError(f"No region {options['region']!r}.")
        for region in regions:
            outcome = services.record_region(
                region, only=options["language"], force=options["force"]
            )
            self.stdout.write(f"{region.slug}: {outcome}")
        if options["remove_orphans"]:
            recordings, files = services.remove_orphans()
            self.stdout.write(f"Removed {recordings} unused recordings and {files} files.")
