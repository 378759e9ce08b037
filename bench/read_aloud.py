"""How fast is read-aloud made, and how small is it (goal: a whole procedure ready in under 2 s
after it is published, under 30 KB per minute of speech)?

Loads the demo town into a throw-away database and media directory, then for every language:

- synthesis: the demo procedure "address registration" as the worker reads it (every section,
  German words in the German voice) through espeak-ng alone, and through espeak-ng and opusenc
  together, per 1,000 characters of text;
- size: bytes per minute of the audio that is stored;
- ready after publish: the time ``record_item`` takes for that procedure in one language at the
  normal speed (what the worker does after a language version is published), and for the
  heaviest demo procedure.

    make bench
    .venv/bin/python bench/read_aloud.py --languages de ar zh-hans
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
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--languages", nargs="+", default=None)
    parser.add_argument("--procedure", default="anmeldung")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()

    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp()
    from coverage_matrix import setup_django

    setup_django(os.environ.get("BENCH_DATABASE_URL"))
    from apps.core import languages
    from apps.demo.services import load_demo
    from apps.procedures.models import Procedure
    from apps.speech import services
    from apps.speech.engine import get_engine
    from apps.speech.models import RATES, Recording, Speed
    from apps.speech.scripts import script_for, spoken
    from apps.translation.reader import language_version

    engine = get_engine()
    if not engine.available():
        sys.exit("espeak-ng or opusenc is missing (apt-get install espeak-ng opus-tools).")
    codes = arguments.languages or list(languages.CODES)
    region, _accounts = load_demo()
    finder = services.glossary_finder(region)

    def procedure(slug: str) -> Procedure:
        return services.items_to_record(Procedure).get(region=region, slug=slug)

    sizes = {
        item.slug: sum(len(text) for text in item.source_texts().values())
        for item in services.items_to_record(Procedure).filter(region=region)
    }
    heaviest = max(sizes, key=sizes.get)

    print(
        f"{'language':9} {'chars':>6} {'speech s':>8} {'espeak ms/1000':>14} "
        f"{'+opus ms/1000':>13} {'KB/min':>7} {'ready s':>7} {'CPU s':>5} {'heaviest s':>10}"
    )
    for code in codes:
        item = procedure(arguments.procedure)
        script = script_for(item, language_version(item, code))
        sections = [section for _section, section in spoken(item, script, finder=finder)]
        characters = sum(
            len(run.text)
            for section in sections
            for paragraph in section.paragraphs
            for run in paragraph
        )
        rate = RATES[Speed.NORMAL]
        espeak_times, total_times = [], []
        for _ in range(arguments.repeat):
            start = time.perf_counter()
            for section in sections:
                engine.pcm(section, rate=rate)
            espeak_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            audio = engine.render(sections, rate=rate)
            total_times.append(time.perf_counter() - start)
        minutes = audio.duration_ms / 60_000
        ready, cpu = [], []
        for slug in (arguments.procedure, heaviest):
            item = procedure(slug)
            start, used = time.perf_counter(), _cpu()
            services.record_item(item, only=[code], speeds=[Speed.NORMAL], force=True)
            ready.append(time.perf_counter() - start)
            cpu.append(_cpu() - used)
        if not Recording.objects.filter(language=code, speed=Speed.NORMAL).exists():
            sys.exit(f"Nothing was recorded in {code}: see the log above.")
        print(
            f"{code:9} {characters:6d} {audio.duration_ms / 1000:8.1f} "
            f"{statistics.median(espeak_times) * 1e6 / characters:14.0f} "
            f"{statistics.median(total_times) * 1e6 / characters:13.0f} "
            f"{len(audio.data) / 1000 / minutes:7.1f} {ready[0]:7.2f} {cpu[0]:5.2f} "
            f"{ready[1]:10.2f}"
        )
    print(f"(the longest demo procedure: {heaviest}, {sizes[heaviest]} characters in German)")


def _cpu() -> float:
    """CPU seconds of this process and of the programs it ran (espeak-ng, opusenc)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


if __name__ == "__main__":
    main()
