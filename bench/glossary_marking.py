"""How long does marking glossary terms take: 10,000 words of text against 2,000 terms?

Times a cold run (the matcher is compiled: terms loaded, automaton built) and warm runs (the
compiled matcher is reused; the result cache is bypassed so the matching itself is measured).

    make bench
    .venv/bin/python bench/glossary_marking.py --words 10000 --terms 2000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--terms", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()

    from coverage_matrix import setup_django

    setup_django(os.environ.get("BENCH_DATABASE_URL"))
    from apps.accounts.models import Organisation
    from apps.core.models import Region
    from apps.core.richtext import render_markdown
    from apps.editorial.models import ItemStatus
    from apps.glossary import matching
    from apps.glossary.models import Term

    region, _ = Region.objects.update_or_create(
        slug="bench-glossary",
        defaults={"name_en": "Bench", "source_language": "de", "enabled_languages": ["de", "en"]},
    )
    organisation, _ = Organisation.objects.get_or_create(
        region=region, slug="office", defaults={"kind": "authority", "name_en": "Office"}
    )
    Term.objects.filter(region=region).delete()
    generator = random.Random(7)  # noqa: S311 - reproducible test data, not secrets
    syllables = [
        "an",
        "be",
        "mel",
        "dung",
        "schein",
        "woh",
        "nung",
        "geld",
        "kas",
        "se",
        "amt",
        "tit",
        "ver",
        "ord",
    ]
    vocabulary = sorted(
        {
            "".join(generator.choices(syllables, k=4)).capitalize()
            for _ in range(arguments.terms * 3)
        }
    )
    terms = vocabulary[: arguments.terms]
    Term.objects.bulk_create(
        [
            Term(
                region=region,
                organisation=organisation,
                slug=f"t{index}",
                status=ItemStatus.PUBLISHED,
                term_de=word,
                variants_de=f"{word}en\n{word}s",
                definition_de="Eine kurze Erklärung.",
                source_fingerprint=f"fp{index}",
            )
            for index, word in enumerate(terms)
        ],
        batch_size=1000,
    )
    filler = ["und", "die", "der", "Sie", "mit", "einen", "für", "bei", "wird", "haben"]
    words = [
        generator.choice(vocabulary) if generator.random() < 0.1 else generator.choice(filler)
        for _ in range(arguments.words)
    ]
    paragraphs = [" ".join(words[start : start + 80]) + "." for start in range(0, len(words), 80)]
    html = str(render_markdown("\n\n".join(paragraphs)))
    print(f"{len(words)} words ({len(html) // 1024} KB of HTML) against {len(terms)} terms")

    matching.forget(region)
    start = time.perf_counter()
    glossary = matching.glossary_for(region)
    result = matching._explain(html, glossary, "de", "de", "b")
    cold = time.perf_counter() - start
    label = "cold: load terms, build automaton, mark"
    print(f"{label:<48} {cold * 1000:8.1f} ms   ({len(result.notes)} terms marked)")
    durations = []
    for _ in range(arguments.repeat):
        start = time.perf_counter()
        matching._explain(html, glossary, "de", "de", "b")
        durations.append(time.perf_counter() - start)
    median, best = statistics.median(durations) * 1000, min(durations) * 1000
    label = "warm: mark with the compiled automaton"
    print(f"{label:<48} median {median:8.1f} ms   best {best:8.1f} ms")


if __name__ == "__main__":
    main()
