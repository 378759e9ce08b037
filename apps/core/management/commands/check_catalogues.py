from django.core.management.base import BaseCommand, CommandError

from apps.core.catalogues import problems


class Command(BaseCommand):
    help = "Fail if any of the eleven UI catalogues has an untranslated or fuzzy entry."

    def handle(self, *args, **options):
        found = problems()
        for problem in found:
            self.stderr.write(str(problem))
        if found:
            raise CommandError(f"{len(found)} catalogue problem(s).")
        self.stdout.write("All catalogues complete.")
