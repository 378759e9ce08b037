from django.core.management.base import BaseCommand

from apps.core.models import Region
from apps.demo.loaders.data import DATA_DIR
from apps.search.services import embed_all, export_vectors


class Command(BaseCommand):
    help = (
        "Embed the demo region's passages and keep their vectors in apps/demo/data/vectors.npz, "
        "so that a fresh `make run` need not embed them (run after changing demo texts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", default="musterstadt", help="The demo region's slug.")

    def handle(self, *args, **options):
        region = Region.objects.get(slug=options["region"])
        embed_all(region)
        count = export_vectors(DATA_DIR / "vectors.npz", region)
        self.stdout.write(self.style.SUCCESS(f"{count} vectors written."))
