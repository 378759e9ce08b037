"""The demo glossary: forty terms, related to each other, in every language."""

from __future__ import annotations

from apps.core.models import Region
from apps.demo.loaders.data import read_data, read_overlays
from apps.demo.loaders.publishing import Newsroom, publish_entries
from apps.editorial import services as workflow
from apps.glossary.models import Term


def load_glossary(region: Region) -> None:
    """Publish the demo glossary and its translations through the workflow. Related terms
    need every term to exist: a second revision links them."""
    newsroom = Newsroom(region)

    def related(term: Term, entry: dict, terms: dict[str, int]) -> dict | None:
        if not entry["related"]:
            return None
        latest = workflow.latest_revision(term)
        return {
            **latest.data,
            "related": [terms[slug] for slug in entry["related"] if slug in terms],
        }

    publish_entries(
        newsroom,
        Term,
        read_data("glossary.json")["terms"],
        fields=("term", "definition", "variants"),
        settings=lambda entry: {"show_original": entry["show_original"]},
        overlays=read_overlays("glossary"),
        link=related,
    )
