"""The demo municipality itself: the region and its taxonomy, its organisations, and its people
(one account for every role, and the platform operator)."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import two_factor
from apps.accounts.models import Membership, Organisation, User
from apps.core.models import Region, Topic, UserType
from apps.demo.loaders.data import localized_columns, plain

DEMO_PASSWORD = "waypoint-demo"  # printed by `make run`; the demo is never for production data
#: The authenticator-app secret of every demo account whose role requires two-step sign-in,
#: published like the password (a code: `oathtool --totp -b <secret>` or `manage.py demo_code`).
DEMO_TOTP_SECRET = "WAYPOINTDEMOKEYWAYPOINTDEMOKEY23"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    roles: str
    #: Signs in with a code from the demo secret after the password.
    demo_code: bool = False


def demo_device(user: User) -> TOTPDevice | None:
    """For an account whose role requires two-step sign-in: its authenticator app with the
    published demo secret (an app a tester set up themselves is kept)."""
    if not two_factor.required_for(user):
        return None
    device = two_factor.app_device(user)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user,
            name="Demo (published secret)",
            key=base64.b32decode(DEMO_TOTP_SECRET).hex(),
            confirmed=True,
        )
    return device


def uses_demo_secret(device: TOTPDevice | None) -> bool:
    return device is not None and device.key == base64.b32decode(DEMO_TOTP_SECRET).hex()


def load_region(data: dict) -> Region:
    """The region with its topics (a tree) and user types."""
    region_data = data["region"]
    region, _ = Region.objects.update_or_create(
        slug=region_data["slug"],
        defaults={
            **plain(
                region_data,
                "is_default",
                "source_language",
                "enabled_languages",
                "time_zone",
                "districts",
                "primary_colour",
                "contact_email",
                "contact_phone",
                "website",
            ),
            **localized_columns(region_data, "name", "portal_name", "contact_address"),
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
                **localized_columns(topic_data, "name", "description"),
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
            defaults={
                "position": position,
                **localized_columns(user_type_data, "name", "description"),
            },
        )
    return region


def load_people(region: Region, data: dict) -> list[DemoAccount]:
    """The organisations, their members and the platform operator; the accounts to sign in
    with. A new account gets the demo password; an existing one keeps its password."""
    organisations = {}
    for organisation_data in data["organisations"]:
        organisations[organisation_data["slug"]], _ = Organisation.objects.update_or_create(
            region=region,
            slug=organisation_data["slug"],
            defaults={
                **plain(organisation_data, "kind", "email", "phone", "website"),
                "languages_spoken": organisation_data.get("languages_spoken", []),
                **localized_columns(
                    organisation_data, "name", "address", "description", "services"
                ),
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
        device = demo_device(User.objects.get(pk=user.pk))  # with the memberships just made
        accounts.append(
            DemoAccount(user.email, "; ".join(descriptions), demo_code=uses_demo_secret(device))
        )

    operator, created = User.objects.get_or_create(
        email="operator@musterstadt.example", defaults={"full_name": "Platform Operator"}
    )
    if created:
        operator.is_staff = operator.is_superuser = True
        operator.set_password(DEMO_PASSWORD)
        operator.save()
    accounts.append(DemoAccount(operator.email, "Platform operator (Django admin at /operator/)"))
    return accounts
