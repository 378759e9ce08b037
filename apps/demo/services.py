"""Loads the demo municipality from apps/demo/data/.

Idempotent: running it twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from apps.accounts.models import Membership, Organisation, OrganisationKind, User
from apps.core.models import Region, Topic, UserType
from apps.editorial.models import part_key
from apps.editorial.workflow import is_own_content
from apps.translation import services as translation_workflow

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
                "languages_spoken": organisation_data.get("languages_spoken", []),
                **_translations(organisation_data, "name", "address", "description", "services"),
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
    load_places(region)
    load_procedures(region)
    load_tips(region)
    load_statistics(region)
    link_organisation_places(region, data["organisations"])
    load_events(region)
    load_registrations(region)
    return region, accounts


def _overlays(folder: str) -> dict[str, dict]:
    """{language: {slug: {field: text}}} from data/<folder>/<language>.json."""
    found = {}
    for path in sorted((DATA_DIR / folder).glob("*.json")):
        found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return found


class _Newsroom:
    """The demo's editor, reviewer and translator, taking content through the real workflow."""

    def __init__(self, region: Region):
        from apps.editorial import services as workflow

        self.workflow = workflow
        self.region = region
        self.editor = User.objects.get(email="editor@musterstadt.example")
        self.reviewer = User.objects.get(email="reviewer@musterstadt.example")
        self.translator = User.objects.get(email="translator@musterstadt.example")
        self.organisation = Organisation.objects.get(region=region, slug="integration-office")

    def publish_new(
        self, model, *, slug: str, values: dict, author: User | None = None, organisation=None
    ):
        author = author or self.editor
        item = self.workflow.create_item(
            model,
            region=self.region,
            organisation=organisation or self.organisation,
            data=self.workflow.revision_data(model, values),
            author=author,
            slug=slug,
        )
        if is_own_content(item):
            # An organisation publishes what it says about itself.
            self.workflow.publish(item, user=author)
        else:
            self.workflow.submit_for_review(item, user=author)
            self.workflow.publish(item, user=self.reviewer)
        item.refresh_from_db()
        return item

    def speaker_for(self, organisation: Organisation) -> User:
        """Who writes for ``organisation``: one of an NGO's people; the editor for the city."""
        if organisation.kind != OrganisationKind.NGO:
            return self.editor
        return Membership.objects.filter(organisation=organisation).select_related("user")[0].user

    def revise(self, item, data: dict) -> None:
        latest = self.workflow.latest_revision(item)
        self.workflow.save_draft(item, data=data, author=self.editor, base_number=latest.number)
        self.workflow.submit_for_review(item, user=self.editor)
        self.workflow.publish(item, user=self.reviewer)
        item.refresh_from_db()

    def translate(self, item, language: str, texts: dict) -> None:
        translation_workflow.save_translation(
            item, language=language, texts=texts, user=self.translator, base_version=None, done=True
        )
        translation_workflow.publish_translation(item, language=language, user=self.reviewer)

    def translate_all(self, item, entry: dict, fields: tuple, overlays: dict, skip=()) -> None:
        """Every enabled language the entry (or an overlay file) has a translation for."""
        for language in self.region.enabled_languages:
            if language == self.region.source_language or language in skip:
                continue
            if language in entry[fields[0]]:
                texts = {field: entry[field][language] for field in fields}
            elif entry["slug"] in overlays.get(language, {}):
                texts = overlays[language][entry["slug"]]
            else:
                continue
            self.translate(item, language, texts)
        item.refresh_from_db()


def load_articles(region: Region) -> None:
    """Publish the demo articles through the real workflow. Two gaps are deliberate, so the
    workflow shows: ``tenant-rights`` has a Russian translation of an older original
    (outdated), and ``broadcasting-fee`` has no Urdu version (missing)."""
    from apps.articles.models import Article

    data = json.loads((DATA_DIR / "articles.json").read_text(encoding="utf-8"))
    overlays = _overlays("articles")
    newsroom = _Newsroom(region)
    topics = dict(Topic.objects.filter(region=region).values_list("slug", "pk"))
    user_types = dict(UserType.objects.filter(region=region).values_list("slug", "pk"))
    source = region.source_language
    fields = ("title", "summary", "body")

    for entry in data["articles"]:
        if Article.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        settings = {
            "kind": entry["kind"],
            "topics": [topics[slug] for slug in entry["topics"]],
            "user_types": [user_types[slug] for slug in entry["user_types"]],
            "valid_from": entry["valid_from"],
            "valid_until": entry["valid_until"],
        }
        texts = {field: entry[field][source] for field in fields}
        earlier = {
            field: value[source] for field, value in entry.get("earlier_original", {}).items()
        }
        outdated = entry.get("outdated_languages", [])
        article = newsroom.publish_new(
            Article, slug=entry["slug"], values={**texts, **earlier, **settings}
        )
        if earlier:
            # Translated from the earlier original, which is then revised: so it is outdated.
            for language in outdated:
                newsroom.translate(article, language, overlays[language][entry["slug"]])
            article.refresh_from_db()
            newsroom.revise(
                article, newsroom.workflow.revision_data(Article, {**texts, **settings})
            )
        newsroom.translate_all(
            article, entry, fields, overlays, skip=[*outdated, *entry.get("missing_languages", [])]
        )


def load_glossary(region: Region) -> None:
    """Publish the demo glossary (40 terms) and its translations through the workflow."""
    from apps.glossary.models import Term

    data = json.loads((DATA_DIR / "glossary.json").read_text(encoding="utf-8"))
    overlays = _overlays("glossary")
    newsroom = _Newsroom(region)
    source = region.source_language
    fields = ("term", "definition", "variants")

    created = []
    for entry in data["terms"]:
        if Term.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        texts = {field: entry[field][source] for field in fields}
        term = newsroom.publish_new(
            Term, slug=entry["slug"], values={**texts, "show_original": entry["show_original"]}
        )
        created.append((term, entry))
    # Related terms need every term to exist: a second revision links them.
    slugs = dict(Term.objects.filter(region=region).values_list("slug", "pk"))
    for term, entry in created:
        if entry["related"]:
            related = [slugs[slug] for slug in entry["related"] if slug in slugs]
            latest = newsroom.workflow.latest_revision(term)
            newsroom.revise(term, {**latest.data, "related": related})
        newsroom.translate_all(term, entry, fields, overlays)


def load_documents(region: Region) -> None:
    """Publish the demo document catalogue (12 papers) and its translations."""
    from apps.procedures.models import Document

    data = json.loads((DATA_DIR / "documents.json").read_text(encoding="utf-8"))
    overlays = _overlays("documents")
    newsroom = _Newsroom(region)
    topics = dict(Topic.objects.filter(region=region).values_list("slug", "pk"))
    source = region.source_language
    fields = ("name", "description", "where_to_get")
    for entry in data["documents"]:
        if Document.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        texts = {field: entry[field][source] for field in fields}
        document = newsroom.publish_new(
            Document,
            slug=entry["slug"],
            values={**texts, "topics": [topics[slug] for slug in entry["topics"]]},
        )
        newsroom.translate_all(document, entry, fields, overlays)


def load_places(region: Region) -> None:
    """Publish the offices migrants go to, with opening hours, and their translations."""
    from apps.places.models import Place

    data = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))
    overlays = _overlays("places")
    newsroom = _Newsroom(region)
    source = region.source_language
    fields = ("name", "directions")
    settings = (
        "street", "postcode", "city", "latitude", "longitude", "phone", "email", "website",
        "appointment_url", "wheelchair_accessible", "opening_hours",
    )  # fmt: skip
    for entry in data["places"]:
        if Place.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        texts = {field: entry[field][source] for field in fields}
        values = {**texts, **{name: entry[name] for name in settings}}
        for name in ("latitude", "longitude"):
            values[name] = Decimal(str(values[name]))
        organisation = Organisation.objects.get(region=region, slug=entry["organisation"])
        place = newsroom.publish_new(
            Place,
            slug=entry["slug"],
            values=values,
            organisation=organisation,
            author=newsroom.speaker_for(organisation),
        )
        newsroom.translate_all(place, entry, fields, overlays)


def load_procedures(region: Region) -> None:
    """Publish the ten demo procedures with their steps, and their translations. Steps point to
    procedures published later (``leads_to``), so links are added in a second revision."""
    from apps.places.models import Place
    from apps.procedures.models import Document, Procedure

    data = json.loads((DATA_DIR / "procedures.json").read_text(encoding="utf-8"))
    overlays = _overlays("procedures")
    newsroom = _Newsroom(region)
    workflow = newsroom.workflow
    source = region.source_language
    topics = dict(Topic.objects.filter(region=region).values_list("slug", "pk"))
    user_types = dict(UserType.objects.filter(region=region).values_list("slug", "pk"))
    documents = dict(Document.objects.filter(region=region).values_list("slug", "pk"))
    places = dict(Place.objects.filter(region=region).values_list("slug", "pk"))

    def values_of(entry: dict, procedures: dict) -> dict:
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
            **{field: entry[field][source] for field in ("title", "summary", "body")},
            "topics": [topics[slug] for slug in entry["topics"]],
            "user_types": [user_types[slug] for slug in entry["user_types"]],
            "produces": [documents[slug] for slug in entry["produces"]],
            "steps": steps,
        }

    created = []
    for entry in data["procedures"]:
        if Procedure.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        procedure = newsroom.publish_new(Procedure, slug=entry["slug"], values=values_of(entry, {}))
        created.append((procedure, entry))
    procedures = dict(Procedure.objects.filter(region=region).values_list("slug", "pk"))
    for procedure, entry in created:
        if any(step["leads_to"] for step in entry["steps"]):
            newsroom.revise(
                procedure, workflow.revision_data(Procedure, values_of(entry, procedures))
            )
        for language in region.enabled_languages:
            if language == source:
                continue
            overlay = overlays.get(language, {}).get(entry["slug"]) or _inline_overlay(
                entry, language
            )
            if overlay is None:
                continue
            texts = {field: overlay[field] for field in ("title", "summary", "body")}
            for uid, step in overlay["steps"].items():
                texts[part_key("steps", uid, "title")] = step["title"]
                texts[part_key("steps", uid, "body")] = step["body"]
            newsroom.translate(procedure, language, texts)


def _inline_overlay(entry: dict, language: str) -> dict | None:
    """A procedure's translation written in procedures.json itself (English is)."""
    if language not in entry["title"]:
        return None
    overlay = {field: entry[field][language] for field in ("title", "summary", "body")}
    overlay["steps"] = {
        step["uid"]: {"title": step["title"][language], "body": step["body"][language]}
        for step in entry["steps"]
    }
    return overlay


def load_tips(region: Region) -> None:
    """Tips from the demo NGOs: two approved, one waiting for the city's approval."""
    from apps.core.languages import CODES
    from apps.procedures import services as procedure_services
    from apps.procedures.models import Step, Tip

    data = json.loads((DATA_DIR / "tips.json").read_text(encoding="utf-8"))
    reviewer = User.objects.get(email="reviewer@musterstadt.example")
    for entry in data["tips"]:
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


def load_statistics(region: Region) -> None:
    """The "Migration in figures" dashboard: the statistics manager creates the datasets,
    uploads their (invented) data and defines the charts; the reviewer publishes everything,
    and the translations go through the workflow like any content."""
    from apps.statistics import services as statistics
    from apps.statistics.models import Chart, Dashboard, Dataset

    folder = DATA_DIR / "statistics"
    data = json.loads((folder / "statistics.json").read_text(encoding="utf-8"))
    newsroom = _Newsroom(region)
    manager = User.objects.get(email="statistics@musterstadt.example")
    source = region.source_language

    def publish(model, entry: dict, fields: tuple, settings: dict):
        item = model.objects.filter(region=region, slug=entry["slug"]).first()
        if item is not None:
            return item, False
        texts = {field: entry[field][source] for field in fields}
        item = newsroom.publish_new(
            model, slug=entry["slug"], values={**texts, **settings}, author=manager
        )
        newsroom.translate_all(item, entry, fields, {})
        return item, True

    datasets = {}
    for entry in data["datasets"]:
        dataset, created = publish(
            Dataset, entry, ("title", "description", "source"), {"licence": entry["licence"]}
        )
        if created:
            version = statistics.upload_version(
                dataset,
                filename=entry["file"],
                content=(folder / entry["file"]).read_bytes(),
                user=manager,
            )
            statistics.confirm_version(version, columns=entry["columns"], user=manager)
        datasets[entry["slug"]] = dataset
    dashboard, _ = publish(Dashboard, data["dashboard"], ("title", "description"), {})
    for entry in data["charts"]:
        settings = {
            "dataset": datasets[entry["dataset"]].pk,
            "dashboard": dashboard.pk,
            **_plain(entry, "kind", "measure", "category", "series", "filters", "position"),
        }
        publish(Chart, entry, ("title", "description", "source", "notes"), settings)


def link_organisation_places(region: Region, organisations: list[dict]) -> None:
    """Where each organisation receives people (its places, with opening hours)."""
    from apps.places.models import Place

    for organisation_data in organisations:
        if organisation_data.get("places"):
            organisation = Organisation.objects.get(region=region, slug=organisation_data["slug"])
            organisation.places.set(
                Place.objects.filter(region=region, slug__in=organisation_data["places"])
            )


def _next_date(today, weekday: int, weeks_ahead: int):
    """The first ``weekday`` (Monday is 0) after today, ``weeks_ahead`` weeks later."""
    import datetime as dt

    days = (weekday - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=days + 7 * weeks_ahead)


def load_events(region: Region) -> None:
    """Twenty courses and events of the demo organisations, announced and published by each
    organisation itself, translated by the city's translators. Their dates are offsets from
    today ("the next Monday at 18:00, weekly"), so the demo always has upcoming events."""
    import datetime as dt

    from django.utils import timezone

    from apps.events import services as event_services
    from apps.events.models import Event
    from apps.places.models import Place

    data = json.loads((DATA_DIR / "events.json").read_text(encoding="utf-8"))
    newsroom = _Newsroom(region)
    source = region.source_language
    zone = region.zone
    today = timezone.now().astimezone(zone).date()
    topics = dict(Topic.objects.filter(region=region).values_list("slug", "pk"))
    user_types = dict(UserType.objects.filter(region=region).values_list("slug", "pk"))
    places = dict(Place.objects.filter(region=region).values_list("slug", "pk"))
    fields = ("title", "summary", "description", "target_group")
    for entry in data["events"]:
        if Event.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        organisation = Organisation.objects.get(region=region, slug=entry["organisation"])
        author = newsroom.speaker_for(organisation)
        own = organisation.kind == OrganisationKind.NGO
        day = _next_date(today, entry["weekday"], entry.get("weeks_ahead", 0))
        starts_at = dt.datetime.combine(day, dt.time.fromisoformat(entry["time"]), zone)
        values = {
            **{field: entry.get(field, {}).get(source, "") for field in fields},
            "kind": entry["kind"],
            "topics": [topics[slug] for slug in entry["topics"]],
            "user_types": [user_types[slug] for slug in entry["user_types"]],
            "place": places.get(entry["place"]) if entry.get("place") else None,
            "online_url": entry.get("online_url", ""),
            "languages_of_instruction": entry["languages"],
            "cost": Decimal(entry["cost"]) if entry.get("cost") else None,
            "currency": "EUR",
            "childcare": entry.get("childcare", False),
            "wheelchair_accessible": entry.get("wheelchair_accessible", False),
            "capacity": entry.get("capacity"),
            "registration_mode": entry.get("registration", "none"),
            "registration_url": entry.get("registration_url", ""),
            "starts_at": starts_at,
            "duration_minutes": entry["duration"],
            "rrule": entry.get("rrule", ""),
        }
        event = event_services.save_event(
            event=None,
            organisation=organisation,
            data=newsroom.workflow.revision_data(Event, values),
            user=author,
            publish=own,
            slug=entry["slug"],
        )
        if not own:  # the city's events are reviewed like its other content
            newsroom.workflow.submit_for_review(event, user=author)
            newsroom.workflow.publish(event, user=newsroom.reviewer)
        event.refresh_from_db()
        for language in region.enabled_languages:
            if language == source or language not in entry["title"]:
                continue
            newsroom.translate(
                event,
                language,
                {field: entry.get(field, {}).get(language, "") for field in fields},
            )


#: (event, people on its first date): the two German courses are full and have waiting lists.
DEMO_REGISTRATIONS = (
    ("deutschkurs-frauen", 17),
    ("deutsch-a1-abendkurs", 21),
    ("fahrradkurs-frauen", 6),
    ("infoabend-asylverfahren", 18),
    ("willkommensabend", 23),
)


def load_registrations(region: Region) -> None:
    """Registrations for the first date of some demo events, through the real service, so the
    NGO workspace and the planning figures have something to show. The people are invented and
    give only a phone number, so no e-mail is sent."""
    import datetime as dt

    from django.utils import timezone

    from apps.events import recurrence
    from apps.events import services as event_services
    from apps.events.models import Event, Registration

    now = timezone.now()
    for slug, people in DEMO_REGISTRATIONS:
        event = Event.objects.filter(region=region, slug=slug).select_related("region").first()
        if event is None or Registration.objects.filter(occurrence__event=event).exists():
            continue
        dates = recurrence.dates_between(event, now, now + dt.timedelta(days=90))
        if not dates or not event.takes_registrations:
            continue
        for number in range(1, people + 1):
            event_services.register(
                event=event,
                starts_at=dates[0].starts_at,
                name=f"Demo {number}",
                phone=f"+49 301 555 {number:04d}",
                language=region.enabled_languages[number % len(region.enabled_languages)],
                base_url="",
            )
