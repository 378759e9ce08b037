"""Who may do what, declared once as data and used by views, templates and the API alike.

Every permission takes an object that scopes it: a :class:`Region` for the authority workspace,
an :class:`Organisation` for the NGO workspace. A user's memberships are loaded once per request
(see :func:`apps.accounts.queries.memberships_of`), so checking many permissions costs one query.
"""

from __future__ import annotations

from typing import NamedTuple

import rules

from apps.accounts.models import Organisation, OrganisationKind, Role
from apps.accounts.queries import memberships_of
from apps.core.models import Region

AUTHORITY_ROLES = frozenset(
    {Role.REGION_ADMIN, Role.EDITOR, Role.REVIEWER, Role.TRANSLATOR, Role.STATISTICS_MANAGER}
)
NGO_ROLES = frozenset({Role.NGO_ADMIN, Role.NGO_MEMBER, Role.TRANSLATOR})


def _authority_roles_in(user, region: Region) -> set[str]:
    return {
        m.role
        for m in memberships_of(user)
        if m.organisation.kind == OrganisationKind.AUTHORITY
        and m.organisation.region_id == region.pk
    }


def _roles_in(user, organisation: Organisation) -> set[str]:
    return {m.role for m in memberships_of(user) if m.organisation_id == organisation.pk}


def authority_role(*roles: str) -> rules.Predicate:
    """Holds when the user has one of ``roles`` in an authority of the region."""
    wanted = frozenset(roles)

    @rules.predicate(name=f"authority_role({','.join(sorted(wanted))})")
    def predicate(user, region) -> bool:
        return isinstance(region, Region) and bool(_authority_roles_in(user, region) & wanted)

    return predicate


def ngo_role(*roles: str) -> rules.Predicate:
    """Holds when the user has one of ``roles`` in this very NGO."""
    wanted = frozenset(roles)

    @rules.predicate(name=f"ngo_role({','.join(sorted(wanted))})")
    def predicate(user, organisation) -> bool:
        return (
            isinstance(organisation, Organisation)
            and organisation.kind == OrganisationKind.NGO
            and bool(_roles_in(user, organisation) & wanted)
        )

    return predicate


is_authority_staff = authority_role(*AUTHORITY_ROLES)
is_region_admin = authority_role(Role.REGION_ADMIN)
is_ngo_staff = ngo_role(*NGO_ROLES)
is_ngo_admin = ngo_role(Role.NGO_ADMIN)
is_ngo_profile_editor = ngo_role(Role.NGO_ADMIN, Role.NGO_MEMBER)


@rules.predicate
def is_region_admin_of_organisation(user, organisation) -> bool:
    return isinstance(organisation, Organisation) and is_region_admin(user, organisation.region)


class LanguageScope(NamedTuple):
    """The object of language-bound permissions: one language of one region."""

    region: Region
    language: str


@rules.predicate
def translates_into(user, scope) -> bool:
    """A translator of the region's authorities whose languages include the scope's."""
    if not isinstance(scope, LanguageScope):
        return False
    return any(
        m.role == Role.TRANSLATOR
        and m.organisation.kind == OrganisationKind.AUTHORITY
        and m.organisation.region_id == scope.region.pk
        and scope.language in (m.languages or [])
        for m in memberships_of(user)
    )


@rules.predicate
def region_admin_of_scope(user, scope) -> bool:
    return isinstance(scope, LanguageScope) and is_region_admin(user, scope.region)


is_editor = authority_role(Role.EDITOR, Role.REGION_ADMIN)
is_reviewer = authority_role(Role.REVIEWER, Role.REGION_ADMIN)
is_translator_here = authority_role(Role.TRANSLATOR, Role.REGION_ADMIN, Role.REVIEWER)
is_statistics_manager = authority_role(Role.STATISTICS_MANAGER)
manages_city_events = is_editor | is_reviewer


@rules.predicate
def sees_registrations_of(user, event) -> bool:
    """Who may see who registered for an event (personal data), and so who looked at them: the
    organising NGO's own people; for the city's own events, those who manage them."""
    organisation = getattr(event, "organisation", None)
    if not isinstance(organisation, Organisation):
        return False
    if organisation.kind == OrganisationKind.NGO:
        return is_ngo_profile_editor(user, organisation)
    return organisation.kind == OrganisationKind.AUTHORITY and manages_city_events(
        user, organisation.region
    )


#: The permission table. Keys are permission names; the object each takes is named in the prefix.
PERMISSIONS: dict[str, rules.Predicate] = {
    # Authority workspace — object: Region
    "authority.view_workspace": is_authority_staff,
    "authority.change_region": is_region_admin,
    "authority.manage_organisations": is_region_admin,
    "authority.manage_members": is_region_admin,
    "authority.manage_taxonomy": is_region_admin,
    # Removing a staff member's two-step sign-in (a lost phone); audited — object: Region
    "accounts.reset_two_factor": is_region_admin,
    # NGO workspace — object: Organisation (an NGO)
    "ngo.view_workspace": is_ngo_staff,
    "ngo.change_profile": is_ngo_profile_editor,
    "ngo.manage_members": is_ngo_admin,
    "ngo.suggest_tips": is_ngo_profile_editor,
    "ngo.manage_events": is_ngo_profile_editor,
    # Editorial workflow — object: Region
    "editorial.view": is_authority_staff,
    "editorial.edit": is_editor,
    "editorial.review": is_reviewer,
    "editorial.view_translations": is_authority_staff,
    "editorial.publish_translation": is_reviewer,
    # Events — object: Region. Managing covers the city's own events and their registrations;
    # moderating is archiving any organisation's event.
    "events.manage": manages_city_events,
    "events.moderate": is_reviewer,
    # Events — object: Event. Seeing its registrations and the record of who looked at them.
    "events.view_registrations": sees_registrations_of,
    # NGO tips on procedure steps — object: Region
    "procedures.review_tips": is_editor | is_reviewer,
    # Statistics: upload data (raw uploads are theirs alone), define datasets, charts and
    # dashboards; reviewers publish them like any content — object: Region
    "statistics.manage": is_statistics_manager,
    # Planning figures (counts of the portal's own registrations, suppressed) — object: Region
    "statistics.view_planning": is_statistics_manager | is_editor | is_reviewer,
    # Translating — object: LanguageScope (region, language)
    "editorial.translate": translates_into | region_admin_of_scope,
    # Organisations themselves (API writes) — object: Organisation
    "accounts.change_organisation": is_region_admin_of_organisation | is_ngo_profile_editor,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
