"""Tests of the glossary."""


def add_many_terms(like, count: int) -> None:
    """``count`` more published terms (Wort0, Wort1...) in the region of the term ``like``."""
    from apps.glossary.models import Term

    Term.objects.bulk_create(
        Term(
            region=like.region,
            organisation=like.organisation,
            slug=f"w{index}",
            status="published",
            term_de=f"Wort{index}",
            definition_de="Erklärung.",
            source_fingerprint="x",
        )
        for index in range(count)
    )
