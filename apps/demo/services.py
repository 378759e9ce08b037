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
    return region, accounts
