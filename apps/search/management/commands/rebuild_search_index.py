from django.core.management.base import BaseCommand

from apps.core.models import Region
from apps.search.services import rebuild


class Command(BaseCommand):
    help = "Index every published item again, in every language its region offers."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="Only this region (its slug).")

    def handle(self, *args, **options):
        region = Region.objects.get(slug=options["region"]) if options["region"] else None
        count = rebuild(region)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"The search index holds {count} passages."))
