"""Reads about accounts and organisations."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import Membership, Organisation, OrganisationKind, User
from apps.core import collation
from apps.core.models import Region

_CACHE_ATTRIBUTE = "_waypoint_memberships"


def memberships_of(user) -> list[Membership]:
    """The user's memberships with their organisations, loaded once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, organisation__is_active=True).select_related(
                "organisation__region"
            )
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def authority_organisation_of(user, region: Region) -> Organisation | None:
    """The authority the user works for in ``region`` (the first, if several)."""
    authorities = sorted(
        (
            m.organisation
            for m in memberships_of(user)
            if m.organisation.kind == OrganisationKind.AUTHORITY
            and m.organisation.region_id == region.pk
        ),
        key=lambda organisation: organisation.slug,
    )
    return authorities[0] if authorities else None


def ngos_of(user, region: Region) -> list[Organisation]:
    """The NGOs of ``region`` the user works for, in a stable order."""
    seen: dict[int, Organisation] = {}
    for membership in memberships_of(user):
        organisation = membership.organisation
        if organisation.kind == OrganisationKind.NGO and organisation.region_id == region.pk:
            seen.setdefault(organisation.pk, organisation)
    return sorted(seen.values(), key=lambda org: org.slug)


def organisations_for_migrants(region: Region, code: str = "") -> QuerySet[Organisation]:
    """The region's active organisations, by kind and — for a reader of ``code`` — by the name
    they are shown, in that language's alphabetical order."""
    organisations = Organisation.objects.filter(region=region, is_active=True)
    if not code:
        return organisations.order_by("kind", "name")
    return organisations.order_by("kind", collation.translated_field_order("name", code), "pk")


def active_organisations() -> QuerySet[Organisation]:
    """Active organisations of every region with their places, by kind and slug: the public
    organisation API (which filters by region and kind)."""
    return (
        Organisation.objects.filter(is_active=True)
        .select_related("region")
        .prefetch_related("places")
        .order_by("kind", "slug")
    )


def organisations_of_region(region: Region) -> QuerySet[Organisation]:
    return Organisation.objects.filter(region=region).order_by("kind", "name")


def members_of(organisations: QuerySet[Organisation] | list[Organisation]) -> list[User]:
    """People working for any of ``organisations``, each with their memberships there and
    whether they use two-step sign-in (``has_two_factor``)."""
    memberships = Membership.objects.filter(organisation__in=organisations).select_related(
        "organisation"
    )
    return list(
        User.objects.filter(memberships__in=memberships)
        .distinct()
        .annotate(
            has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="scoped_memberships")
        )
        .order_by("email")
    )


def staff_of(organisations: QuerySet[Organisation]) -> QuerySet[User]:
    """People holding a role in any of ``organisations``."""
    return User.objects.filter(memberships__organisation__in=organisations).distinct()
