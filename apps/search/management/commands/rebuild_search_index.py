from django.core.management.base import BaseCommand

from apps.core.models import Region
from apps.search.services import embed_all, embeddings_postponed, rebuild


class Command(BaseCommand):
    help = (
        "Index every published item again, in every language its region offers, and embed the "
        "passages that have no vector yet for the assistant (about 40 texts a second)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", help="Only this region (its slug).")
        parser.add_argument(
            "--keywords-only",
            action="store_true",
            help="Leave the assistant's vectors as they are (fast; the assistant then answers "
            "new texts from their keywords only).",
        )

    def handle(self, *args, **options):
        region = Region.objects.get(slug=options["region"]) if options["region"] else None
        with embeddings_postponed():  # embedded below in large batches, each text once
            count = rebuild(region)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"The search index holds {count} passages."))
        if not options["keywords_only"]:
            embedded = embed_all(region)
            if options["verbosity"]:
                self.stdout.write(
                    self.style.SUCCESS(f"The assistant's vectors are complete ({embedded} new).")
                )
