"""The procedures domain of the demo: the document catalogue, the ten procedures with their
steps, and the NGOs' tips on those steps."""

from __future__ import annotations

from decimal import Decimal

from apps.accounts.models import Organisation, User
from apps.core.languages import CODES
from apps.core.models import Region, Topic, UserType
from apps.demo.loaders.data import pks_by_slug, read_data, read_overlays, texts_in
from apps.demo.loaders.publishing import Newsroom, Texts, publish_entries
from apps.editorial import services as workflow
from apps.editorial.models import part_key
from apps.places.models import Place
from apps.procedures import services as procedure_services
from apps.procedures.models import Document, Procedure, Step, Tip

FIELDS = ("title", "summary", "body")


def load_documents(region: Region) -> None:
    """Publish the demo document catalogue (the papers procedures ask for and produce)."""
    topics = pks_by_slug(Topic, region)
    publish_entries(
        Newsroom(region),
        Document,
        read_data("documents.json")["documents"],
        fields=("name", "description", "where_to_get"),
        settings=lambda entry: {"topics": [topics[slug] for slug in entry["topics"]]},
        overlays=read_overlays("documents"),
    )


def load_procedures(region: Region) -> None:
    """Publish the ten demo procedures with their steps, and their translations. Steps point to
    procedures published later (``leads_to``), so links are added in a second revision."""
    overlays = read_overlays("procedures")
    source = region.source_language
    topics = pks_by_slug(Topic, region)
    user_types = pks_by_slug(UserType, region)
    documents = pks_by_slug(Document, region)
    places = pks_by_slug(Place, region)

    def settings(entry: dict, procedures: dict[str, int]) -> dict:
        steps = []
        for step in entry["steps"]:
            duration = step.get("duration") or {}
            steps.append(
                {
                    "uid": step["uid"],
                    "title": step["title"][source],
                    "body": step["body"][source],
                    "connector": step["connector"],
                    "optional": step["optional"],
                    "documents": [documents[slug] for slug in step["documents"]],
                    "cost": Decimal(step["cost"]) if step["cost"] is not None else None,
                    "cost_max": Decimal(step["cost_max"]) if step.get("cost_max") else None,
                    "currency": "EUR",
                    "duration_value": duration.get("value"),
                    "duration_unit": duration.get("unit", ""),
                    "place": places.get(step["place"]) if step["place"] else None,
                    "online_url": step["online_url"],
                    "leads_to": procedures.get(step["leads_to"]) if step["leads_to"] else None,
                }
            )
        return {
            "topics": [topics[slug] for slug in entry["topics"]],
            "user_types": [user_types[slug] for slug in entry["user_types"]],
            "produces": [documents[slug] for slug in entry["produces"]],
            "route_conditions": entry.get("route_conditions", []),
            "steps": steps,
        }

    def links(procedure: Procedure, entry: dict, procedures: dict[str, int]) -> dict | None:
        if not any(step["leads_to"] for step in entry["steps"]):
            return None
        values = {**texts_in(entry, FIELDS, source), **settings(entry, procedures)}
        return workflow.revision_data(Procedure, values)

    def translation(entry: dict, language: str) -> Texts | None:
        overlay = overlays.get(language, {}).get(entry["slug"]) or _inline_overlay(entry, language)
        if overlay is None:
            return None
        texts = {field: overlay[field] for field in FIELDS}
        for uid, step in overlay["steps"].items():
            texts[part_key("steps", uid, "title")] = step["title"]
            texts[part_key("steps", uid, "body")] = step["body"]
        return texts

    publish_entries(
        Newsroom(region),
        Procedure,
        read_data("procedures.json")["procedures"],
        fields=FIELDS,
        settings=lambda entry: settings(entry, {}),
        translation=translation,
        link=links,
    )


def _inline_overlay(entry: dict, language: str) -> dict | None:
    """A procedure's translation written in procedures.json itself (English is)."""
    if language not in entry["title"]:
        return None
    overlay = texts_in(entry, FIELDS, language)
    overlay["steps"] = {
        step["uid"]: {"title": step["title"][language], "body": step["body"][language]}
        for step in entry["steps"]
    }
    return overlay


def load_tips(region: Region) -> None:
    """Tips from the demo NGOs: two approved, one waiting for the city's approval."""
    reviewer = User.objects.get(email="reviewer@musterstadt.example")
    for entry in read_data("tips.json")["tips"]:
        step = Step.objects.get(procedure__region=region, uid=entry["step"])
        organisation = Organisation.objects.get(region=region, slug=entry["organisation"])
        if Tip.objects.filter(step=step, organisation=organisation).exists():
            continue
        tip = procedure_services.suggest_tip(
            step=step,
            organisation=organisation,
            author=User.objects.get(email=entry["author"]),
            language=entry["language"],
            texts={code: entry["text"].get(code, "") for code in CODES},
        )
        if entry["status"] == "approved":
            procedure_services.review_tip(tip, user=reviewer, approve=True)
