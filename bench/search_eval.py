"""Do search and the assistant find what newcomers mean, and how fast (PRODUCT.md §6,
issue 12)?

Loads the demo town into a throw-away database and indexes it (timed), then asks the
hand-written questions of ``bench/search_eval.json`` in every language and reports top-1 and
top-3 hit rates of search and of the assistant, then the same for the everyday phrasings of
every demo procedure (``bench/procedure_phrasings.json``, issue 12); with ``--scale N`` it also
copies the demo's passages N times over (as a town with N times the content) and reports the
latency of both (median and 90th percentile).

    .venv/bin/python bench/search_eval.py
    .venv/bin/python bench/search_eval.py --scale 10 --misses
    BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/search_eval.py --scale 10
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def scale_index(region, times: int) -> int:
    """Copy every passage ``times - 1`` more times, as other items (the vocabulary stays)."""
    from apps.search.models import Passage

    originals = list(Passage.objects.filter(region=region))
    for copy in range(1, times):
        clones = []
        for passage in originals:
            passage.pk = None
            passage.object_id = passage.object_id + copy * 1_000_000
            clones.append(passage)
        Passage.objects.bulk_create(clones, batch_size=500)
    return Passage.objects.filter(region=region).count()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1, help="content × N for the latency")
    parser.add_argument("--misses", action="store_true", help="list the questions missed")
    arguments = parser.parse_args()

    from coverage_matrix import setup_django

    setup_django(os.environ.get("BENCH_DATABASE_URL"))
    from django.db import connection
    from django.utils import translation

    from apps.demo.services import load_demo
    from apps.search import services
    from apps.search.assistant import ask
    from apps.search.evaluation import (
        asked,
        evaluate,
        load_phrasings,
        load_questions,
        searched,
    )
    from apps.search.queries import search

    with translation.override("en"):
        region, _accounts = load_demo()
    started = time.perf_counter()
    passages = services.rebuild(region)
    built = time.perf_counter() - started
    print(f"{connection.vendor}: index of the demo built in {built:.1f} s ({passages} passages)")

    started = time.perf_counter()
    embedded = services.embed_all(region)
    print(f"assistant: {embedded} texts embedded in {time.perf_counter() - started:.1f} s")

    questions = load_questions()
    for name, finder in (("search", searched), ("assistant", asked)):
        report(name, evaluate(region, questions, finder), arguments.misses)
    phrasings = load_phrasings()
    for name, finder in (("search", searched), ("assistant", asked)):
        title = f"{name}: procedure phrasings"
        report(title, evaluate(region, phrasings, finder), arguments.misses)

    if arguments.scale > 1:
        passages = scale_index(region, arguments.scale)
        print(f"\nindex × {arguments.scale}: {passages} passages")
    for name, run in (("search", search), ("assistant", ask)):
        run(region, "de", "Anmeldung")  # the first question loads the model and the vectors
        timings = []
        for _round in range(3):
            for code, questions_asked in questions.items():
                for text, _expected in questions_asked:
                    started = time.perf_counter()
                    run(region, code, text)
                    timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        print(
            f"{name} latency over {len(timings)} questions: "
            f"p50 {statistics.median(timings):.0f} ms, "
            f"p90 {timings[int(len(timings) * 0.9)]:.0f} ms, max {timings[-1]:.0f} ms"
        )


def report(name: str, scores, misses: bool) -> None:
    print(f"\n{name}\n{'language':<9} {'questions':>9} {'top-1':>7} {'top-3':>7}")
    total = [0, 0, 0]
    for code, score in scores.items():
        print(
            f"{code:<9} {score.questions:>9} {score.rate(score.top1):>7.0%} "
            f"{score.rate(score.top3):>7.0%}"
        )
        total = [total[0] + score.questions, total[1] + score.top1, total[2] + score.top3]
        if misses:
            for text, found in score.misses:
                print(f"    missed: {text!r} → {found}")
    print(f"{'all':<9} {total[0]:>9} {total[1] / total[0]:>7.0%} {total[2] / total[0]:>7.0%}")


if __name__ == "__main__":
    main()
