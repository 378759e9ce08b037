"""How fast is the translation coverage matrix for thousands of items?

Builds a throw-away database with N published articles × 10 target languages in a realistic
mix of states, then times the SQL-computed matrix three ways: the per-language summary over all
items, one workspace page (100 rows, through the full Django stack), and the full matrix.

    make bench                                   # SQLite, 5,000 items
    DATABASE_URL=postgres://... make bench       # against PostgreSQL (a database it may wipe!)
    .venv/bin/python bench/coverage_matrix.py --items 20000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(database_url: str | None) -> None:
    if not database_url:
        database_url = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("WAYPOINT_INSECURE_DEV_KEY", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp())
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(items: int) -> tuple:
    from django.contrib.contenttypes.models import ContentType

    from apps.accounts.models import Membership, Organisation, User
    from apps.articles.models import Article
    from apps.core import languages
    from apps.core.models import Region
    from apps.editorial.models import ItemStatus
    from apps.translation.models import Translation

    Article.objects.all().delete()
    region, _ = Region.objects.update_or_create(
        slug="bench",
        defaults={
            "name_en": "Bench",
            "is_default": True,
            "source_language": "de",
            "enabled_languages": list(languages.CODES),
        },
    )
    organisation, _ = Organisation.objects.get_or_create(
        region=region, slug="office", defaults={"kind": "authority", "name_en": "Office"}
    )
    user, _ = User.objects.get_or_create(email="bench@example.org")
    Membership.objects.get_or_create(
        user=user, organisation=organisation, role="translator", defaults={"languages": ["ar"]}
    )
    Article.objects.bulk_create(
        [
            Article(
                region=region,
                organisation=organisation,
                slug=f"a{index}",
                status=ItemStatus.PUBLISHED,
                title_de=f"Artikel {index}",
                summary_de="Kurz.",
                body_de="Text.",
                source_fingerprint=f"fp{index}",
            )
            for index in range(items)
        ],
        batch_size=2000,
    )
    content_type = ContentType.objects.get_for_model(Article)
    targets = [code for code in languages.CODES if code != "de"]
    rows = []
    for pk, fingerprint in Article.objects.values_list("pk", "source_fingerprint"):
        for position, code in enumerate(targets):
            kind = (pk + position) % 10
            if kind == 0:
                continue  # missing
            status = {1: "in_progress", 2: "machine", 3: "translated"}.get(kind, "published")
            source = "old" if kind == 9 else fingerprint  # outdated
            rows.append(
                Translation(
                    content_type=content_type,
                    object_id=pk,
                    language=code,
                    status=status,
                    source_fingerprint=source,
                    live_source_fingerprint=source,
                )
            )
    Translation.objects.bulk_create(rows, batch_size=5000)
    from django.db import connection

    if connection.vendor == "postgresql":
        # A live database has statistics (autovacuum keeps them); freshly bulk-loaded tables
        # have none, and PostgreSQL would plan for one row (a nested loop over 5,000 × 50,000).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return region, user, targets


def timed(label: str, function, repeat: int) -> None:
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        durations.append(time.perf_counter() - start)
    median, best = statistics.median(durations) * 1000, min(durations) * 1000
    print(f"{label:<48} median {median:8.1f} ms   best {best:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    setup_django(os.environ.get("BENCH_DATABASE_URL"))

    from django.db import connection
    from django.test import Client

    from apps.articles.models import Article
    from apps.translation import queries

    region, user, targets = populate(arguments.items)
    print(f"{arguments.items} items × {len(targets)} languages on {connection.vendor}")
    items = queries.translated_items(region, Article)
    timed(
        "summary: counts per language and state",
        lambda: queries.coverage_summary(items, targets),
        arguments.repeat,
    )
    timed(
        "full matrix: every item, every language",
        lambda: len(queries.coverage_rows(items, targets)),
        arguments.repeat,
    )
    client = Client()
    client.force_login(user)

    def page() -> None:
        response = client.get("/en/authority/translations/")
        if response.status_code != 200:
            raise RuntimeError(f"coverage page answered {response.status_code}")

    timed("workspace page (100 rows, full Django stack)", page, arguments.repeat)
    timed(
        "one language column for all items",
        lambda: len(queries.coverage_rows(items, ["ar"])),
        arguments.repeat,
    )


if __name__ == "__main__":
    main()
