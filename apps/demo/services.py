"""Loads the demo municipality from apps/demo/data/.

Idempotent: running it twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from apps.accounts.models import Membership, Organisation, User
from apps.core.models import Region, Topic, UserType

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "waypoint-demo"  # printed by `make run`; the demo is never for production data


@dataclass(frozen=True)
class DemoAccount:
    email: str
    roles: str


def _translations(data: dict, *names: str) -> dict:
    """``{"name": {"de": ..., "ar": ...}}`` → ``{"name_de": ..., "name_ar": ...}``."""
    fields = {}
    for name in names:
        for code, text in data.get(name, {}).items():
            fields[build_localized_fieldname(name, code)] = text
    return fields


def _plain(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names if name in data}


@transaction.atomic
def load_demo(filename: str = "musterstadt.json") -> tuple[Region, list[DemoAccount]]:
    data = json.loads((DATA_DIR / filename).read_text(encoding="utf-8"))
    region_data = data["region"]
    region, _ = Region.objects.update_or_create(
        slug=region_data["slug"],
        defaults={
            **_plain(
                region_data,
                "is_default",
                "source_language",
                "enabled_languages",
                "time_zone",
                "primary_colour",
                "contact_email",
                "contact_phone",
                "website",
            ),
            **_translations(region_data, "name", "portal_name", "contact_address"),
        },
    )

    def save_topic(topic_data: dict, position: int, parent: Topic | None) -> None:
        topic, _ = Topic.objects.update_or_create(
            region=region,
            slug=topic_data["slug"],
            defaults={
                "parent": parent,
                "icon": topic_data["icon"],
                "position": position,
                **_translations(topic_data, "name", "description"),
            },
        )
        for child_position, child in enumerate(topic_data.get("children", [])):
            save_topic(child, child_position, topic)

    for position, topic_data in enumerate(data["topics"]):
        save_topic(topic_data, position, None)

    for position, user_type_data in enumerate(data["user_types"]):
        UserType.objects.update_or_create(
            region=region,
            slug=user_type_data["slug"],
            defaults={"position": position, **_translations(user_type_data, "name", "description")},
        )

    organisations = {}
    for organisation_data in data["organisations"]:
        organisations[organisation_data["slug"]], _ = Organisation.objects.update_or_create(
            region=region,
            slug=organisation_data["slug"],
            defaults={
                **_plain(organisation_data, "kind", "email", "phone", "website"),
                **_translations(organisation_data, "name", "address"),
            },
        )

    accounts = []
    for person in data["people"]:
        user, created = User.objects.get_or_create(
            email=person["email"],
            defaults={
                "full_name": person["full_name"],
                "preferred_language": person["preferred_language"],
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        descriptions = []
        for role in person["roles"]:
            membership, _ = Membership.objects.update_or_create(
                user=user,
                organisation=organisations[role["organisation"]],
                role=role["role"],
                defaults={"languages": role.get("languages", [])},
            )
            membership.full_clean()
            descriptions.append(
                f"{membership.get_role_display()} · {membership.organisation.name_en}"
            )
        accounts.append(DemoAccount(user.email, "; ".join(descriptions)))

    operator, created = User.objects.get_or_create(
        email="operator@musterstadt.example", defaults={"full_name": "Platform Operator"}
    )
    if created:
        operator.is_staff = operator.is_superuser = True
        operator.set_password(DEMO_PASSWORD)
        operator.save()
    accounts.append(DemoAccount(operator.email, "Platform operator (Django admin at /operator/)"))
    load_articles(region)
    load_glossary(region)
    load_documents(region)
    return region, accounts


def _overlays(folder: str) -> dict[str, dict]:
    """{language: {slug: {field: text}}} from data/<folder>/<language>.json."""
    found = {}
    for path in sorted((DATA_DIR / folder).glob("*.json")):
        found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return found


def load_articles(region: Region) -> None:
    """Publish the demo articles through the real workflow: written by the editor, published by
    the reviewer, translated by the translator. Two gaps are deliberate, so the workflow shows:
    ``tenant-rights`` has a Russian translation of an older original (outdated), and
    ``holiday-opening-hours`` has no Urdu version (missing)."""
    from apps.articles.models import Article
    from apps.editorial import services as workflow

    data = json.loads((DATA_DIR / "articles.json").read_text(encoding="utf-8"))
    overlays = _overlays("articles")
    editor = User.objects.get(email="editor@musterstadt.example")
    reviewer = User.objects.get(email="reviewer@musterstadt.example")
    translator = User.objects.get(email="translator@musterstadt.example")
    organisation = Organisation.objects.get(region=region, slug="integration-office")
    topics = {topic.slug: topic.pk for topic in Topic.objects.filter(region=region)}
    user_types = {
        user_type.slug: user_type.pk for user_type in UserType.objects.filter(region=region)
    }
    source = region.source_language

    for entry in data["articles"]:
        if Article.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        texts = {field: entry[field][source] for field in ("title", "summary", "body")}

        def revision(texts: dict, entry=entry) -> dict:
            return workflow.revision_data(
                Article,
                {
                    **texts,
                    "kind": entry["kind"],
                    "topics": [topics[slug] for slug in entry["topics"]],
                    "user_types": [user_types[slug] for slug in entry["user_types"]],
                    "valid_from": entry["valid_from"],
                    "valid_until": entry["valid_until"],
                },
            )

        def translate(article, language: str, texts: dict) -> None:
            workflow.save_translation(
                article,
                language=language,
                texts=texts,
                user=translator,
                base_version=None,
                done=True,
            )
            workflow.publish_translation(article, language=language, user=reviewer)

        earlier = entry.get("earlier_original")
        first_texts = (
            {**texts, **{field: value[source] for field, value in earlier.items()}}
            if earlier
            else texts
        )
        article = workflow.create_item(
            Article,
            region=region,
            organisation=organisation,
            data=revision(first_texts),
            author=editor,
            slug=entry["slug"],
        )
        workflow.submit_for_review(article, user=editor)
        workflow.publish(article, user=reviewer)
        if earlier:
            # Translated from the earlier original, which is then revised: so it is outdated.
            for language in entry.get("outdated_languages", []):
                translate(article, language, overlays[language][entry["slug"]])
            article.refresh_from_db()
            latest = workflow.latest_revision(article)
            workflow.save_draft(
                article, data=revision(texts), author=editor, base_number=latest.number
            )
            workflow.submit_for_review(article, user=editor)
            workflow.publish(article, user=reviewer)
        article.refresh_from_db()
        for language in region.enabled_languages:
            if language == source or language in entry.get("outdated_languages", []):
                continue
            if language in entry.get("missing_languages", []):
                continue
            if language in entry["title"]:
                translation = {
                    field: entry[field][language] for field in ("title", "summary", "body")
                }
            elif entry["slug"] in overlays.get(language, {}):
                translation = overlays[language][entry["slug"]]
            else:
                continue
            translate(article, language, translation)


def load_glossary(region: Region) -> None:
    """Publish the demo glossary (40 terms) and its translations through the workflow."""
    from apps.editorial import services as workflow
    from apps.glossary.models import Term

    data = json.loads((DATA_DIR / "glossary.json").read_text(encoding="utf-8"))
    overlays = _overlays("glossary")
    editor = User.objects.get(email="editor@musterstadt.example")
    reviewer = User.objects.get(email="reviewer@musterstadt.example")
    translator = User.objects.get(email="translator@musterstadt.example")
    organisation = Organisation.objects.get(region=region, slug="integration-office")
    source = region.source_language
    fields = ("term", "definition", "variants")

    created = {}
    for entry in data["terms"]:
        if Term.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        texts = {field: entry[field][source] for field in fields}
        term = workflow.create_item(
            Term,
            region=region,
            organisation=organisation,
            data=workflow.revision_data(Term, {**texts, "show_original": entry["show_original"]}),
            author=editor,
            slug=entry["slug"],
        )
        workflow.submit_for_review(term, user=editor)
        workflow.publish(term, user=reviewer)
        created[entry["slug"]] = (term, entry)
    # Related terms need every term to exist: a second revision links them.
    slugs = dict(Term.objects.filter(region=region).values_list("slug", "pk"))
    for term, entry in created.values():
        if not entry["related"]:
            continue
        latest = workflow.latest_revision(term)
        related = [slugs[slug] for slug in entry["related"] if slug in slugs]
        workflow.save_draft(
            term, data={**latest.data, "related": related}, author=editor, base_number=latest.number
        )
        workflow.submit_for_review(term, user=editor)
        workflow.publish(term, user=reviewer)
    for term, entry in created.values():
        term.refresh_from_db()
        for language in region.enabled_languages:
            if language == source:
                continue
            if language in entry["term"]:
                texts = {field: entry[field][language] for field in fields}
            elif entry["slug"] in overlays.get(language, {}):
                texts = overlays[language][entry["slug"]]
            else:
                continue
            workflow.save_translation(
                term, language=language, texts=texts, user=translator, base_version=None, done=True
            )
            workflow.publish_translation(term, language=language, user=reviewer)


def load_documents(region: Region) -> None:
    """Publish the demo document catalogue (12 papers) and its translations."""
    from apps.editorial import services as workflow
    from apps.procedures.models import Document

    data = json.loads((DATA_DIR / "documents.json").read_text(encoding="utf-8"))
    overlays = _overlays("documents")
    editor = User.objects.get(email="editor@musterstadt.example")
    reviewer = User.objects.get(email="reviewer@musterstadt.example")
    translator = User.objects.get(email="translator@musterstadt.example")
    organisation = Organisation.objects.get(region=region, slug="integration-office")
    topics = dict(Topic.objects.filter(region=region).values_list("slug", "pk"))
    source = region.source_language
    fields = ("name", "description", "where_to_get")
    for entry in data["documents"]:
        if Document.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        texts = {field: entry[field][source] for field in fields}
        document = workflow.create_item(
            Document,
            region=region,
            organisation=organisation,
            data=workflow.revision_data(
                Document, {**texts, "topics": [topics[slug] for slug in entry["topics"]]}
            ),
            author=editor,
            slug=entry["slug"],
        )
        workflow.submit_for_review(document, user=editor)
        workflow.publish(document, user=reviewer)
        document.refresh_from_db()
        for language in region.enabled_languages:
            if language == source:
                continue
            if language in entry["name"]:
                translated = {field: entry[field][language] for field in fields}
            elif entry["slug"] in overlays.get(language, {}):
                translated = overlays[language][entry["slug"]]
            else:
                continue
            workflow.save_translation(
                document,
                language=language,
                texts=translated,
                user=translator,
                base_version=None,
                done=True,
            )
            workflow.publish_translation(document, language=language, user=reviewer)
