"""How heavy and how fast is a procedure page (PRODUCT.md §7: under 100 KB of transfer on a
first visit, a fixed number of queries)?

Loads the demo town into a throw-away database, then for every demo procedure in a few
languages measures: the HTML and the static files the page loads (raw and gzip, as nginx sends
them), the SQL queries, and the server time of a warm render (median).

    make bench
    .venv/bin/python bench/procedure_page.py --languages de ar zh-hans
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--languages", nargs="+", default=["de", "ar", "zh-hans", "ur"])
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()

    from coverage_matrix import setup_django

    setup_django(os.environ.get("BENCH_DATABASE_URL"))
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.demo.services import load_demo
    from apps.procedures.models import Procedure

    load_demo()
    client = Client()
    page_cache_seconds = settings.PAGE_CACHE_SECONDS
    # The render is what is measured; the page cache's hits are timed apart (last column).
    settings.PAGE_CACHE_SECONDS = 0
    rows = []
    for code in arguments.languages:
        for slug in Procedure.objects.order_by("slug").values_list("slug", flat=True):
            url = f"/{code}/step-by-step/{slug}/"
            html = client.get(url).content  # warms the glossary and caches
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            query_count = len(queries.captured_queries)
            times = []
            for _ in range(arguments.repeat):
                start = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            settings.PAGE_CACHE_SECONDS = page_cache_seconds or 60
            client.get(url)  # kept
            kept = []
            for _ in range(arguments.repeat):
                start = time.perf_counter()
                client.get(url)
                kept.append((time.perf_counter() - start) * 1000)
            settings.PAGE_CACHE_SECONDS = 0
            assets = sorted(set(ASSET.findall(html.decode())))
            asset_bytes = [
                Path(finders.find(path.removeprefix(settings.STATIC_URL))).read_bytes()
                for path in assets
            ]
            rows.append(
                (
                    url,
                    len(html),
                    len(gzip.compress(html)),
                    sum(len(gzip.compress(data)) for data in asset_bytes),
                    query_count,
                    statistics.median(times),
                    statistics.median(kept),
                )
            )
    print(
        f"{'page':45} {'HTML':>8} {'gzip':>7} {'+assets gz':>10} {'queries':>7} {'ms':>6} "
        f"{'kept ms':>7}"
    )
    for url, raw, zipped, assets, queries, ms, kept_ms in rows:
        print(
            f"{url:45} {raw:8,} {zipped:7,} {zipped + assets:10,} {queries:7} {ms:6.1f} "
            f"{kept_ms:7.2f}"
        )
    worst = max(rows, key=lambda row: row[2] + row[3])
    print(
        f"\nheaviest first visit: {worst[0]} — {(worst[2] + worst[3]) / 1024:.1f} KB gzip "
        f"(HTML {worst[2] / 1024:.1f} KB + CSS/JS {worst[3] / 1024:.1f} KB); "
        f"queries per page: {sorted({row[4] for row in rows})}"
    )


if __name__ == "__main__":
    main()
