"""How the authority workspace mounts the kit: its pages work on the region being served, for
staff of its authorities; its own events are those of the region's authorities."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.accounts import queries as accounts_queries
from apps.accounts.models import OrganisationKind
from apps.workspace.policy import NavItem, Policy

NAV = (
    NavItem("dashboard", _("Overview"), "authority.view_workspace"),
    NavItem("content_list", _("Information"), "editorial.view", {"type": "articles.article"}),
    NavItem("content_list", _("Procedures"), "editorial.view", {"type": "procedures.procedure"}),
    NavItem("content_list", _("Documents"), "editorial.view", {"type": "procedures.document"}),
    NavItem("content_list", _("Glossary"), "editorial.view", {"type": "glossary.term"}),
    NavItem("statistics", _("Statistics"), "statistics.manage"),
    NavItem("planning", _("Planning figures"), "statistics.view_planning"),
    NavItem("content_list", _("Places"), "editorial.view", {"type": "places.place"}),
    NavItem("events", _("Courses and events"), "events.manage"),
    NavItem("tips", _("Tips from organisations"), "procedures.review_tips"),
    NavItem("shared_routes", _("Shared routes"), "authority.view_workspace"),
    NavItem("search_gaps", _("What people do not find"), "editorial.view"),
    NavItem("page_feedback", _("Was this page helpful?"), "editorial.view"),
    NavItem("translation_queue", _("Translation queue"), "editorial.view_translations"),
    NavItem("coverage", _("Translation coverage"), "editorial.view_translations"),
    NavItem("organisations", _("Organisations"), "authority.manage_organisations"),
    NavItem("members", _("People and roles"), "authority.manage_members"),
    NavItem("taxonomy", _("Topics and life situations"), "authority.manage_taxonomy"),
    NavItem("region", _("Region settings"), "authority.change_region"),
)

AUTHORITY = Policy(
    namespace="authority",
    nav=NAV,
    scope=lambda request, kwargs: request.region,
    url_kwargs=lambda region: {},
    managed_organisations=lambda request, region: region.organisations.filter(
        kind=OrganisationKind.AUTHORITY
    ),
    people_organisations=lambda request, region: accounts_queries.organisations_of_region(region),
    publishing_organisation=lambda request, region: accounts_queries.authority_organisation_of(
        request.user, region
    ),
    events_permission="events.manage",
    people_permission="authority.manage_members",
)
