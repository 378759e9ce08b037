"""``manage.py restore <archive>``: put a backup back (see apps/core/backup.py).

The archive is verified first; nothing changes if it does not match its manifest, comes from
another database vendor or from a newer Waypoint. Stop the web server and workers first.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.core import backup


class Command(BaseCommand):
    help = "Restore the database and the media directory from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A waypoint-backup-….tar.gz made by manage.py backup.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (for scripts)."
        )

    def handle(self, *args, archive, yes=False, **options):
        def confirm(manifest):
            if yes:
                return True
            counts = manifest["counts"]
            self.stdout.write(
                f"Backup of {manifest['created_at']}: {counts['rows']} rows in "
                f"{counts['tables']} tables, {counts['media_files']} media files.\n"
                "This REPLACES the current database and media directory."
            )
            if not sys.stdin.isatty():
                raise backup.BackupError("Not asking without a terminal: add --yes to restore.")
            try:
                return input("Type 'yes' to restore: ").strip().lower() == "yes"
            except EOFError:
                return False

        try:
            manifest = backup.restore(Path(archive), confirm=confirm)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: {counts['rows']} rows, "
            f"{counts['media_files']} media files. Run `manage.py migrate` if this Waypoint "
            "is newer than the backup."
        )
