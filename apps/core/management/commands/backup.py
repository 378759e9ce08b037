"""``manage.py backup <dir>``: one archive of the database and the media (see apps/core/backup.py).

``manage.py backup --check`` backs up into a temporary directory, restores into a scratch
database and media directory, and compares row counts and media checksums.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.core import backup


class Command(BaseCommand):
    help = "Back up the database and the media directory into one archive in <dir>."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="Directory to write the archive into.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Round-trip check: back up, restore into a scratch database, compare.",
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="Afterwards delete all but the N newest archives in <dir>.",
        )

    def handle(self, *args, directory=None, check=False, keep=None, **options):
        if check:
            return self.round_trip()
        if not directory:
            raise CommandError("Give the directory to write the archive into (or --check).")
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        try:
            archive, manifest = backup.create_backup(Path(directory))
        except (backup.BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        counts = manifest["counts"]
        self.stdout.write(
            f"{archive}: {manifest['database_vendor']} database, {counts['tables']} tables, "
            f"{counts['rows']} rows, {counts['media_files']} media files."
        )
        if keep:
            for old in backup.prune(Path(directory), keep):
                self.stdout.write(f"Deleted old backup {old}")

    def round_trip(self):
        try:
            manifest, comparison = backup.round_trip_check()
        except (backup.BackupError, OSError) as error:
            raise CommandError(f"Round-trip check failed: {error}") from error
        if not comparison.ok:
            for line in comparison.lines():
                self.stderr.write(line)
            raise CommandError(f"Round-trip check failed: {len(comparison.lines())} difference(s).")
        counts = manifest["counts"]
        self.stdout.write(
            f"Round-trip check passed: {counts['tables']} tables ({counts['rows']} rows) and "
            f"{counts['media_files']} media files restored identically."
        )
