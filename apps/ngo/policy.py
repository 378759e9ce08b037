"""How the NGO workspace mounts the kit: every page works on the one organisation named in the
URL, and only ever manages that organisation's events, places and people."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Organisation, OrganisationKind
from apps.workspace.policy import NavItem, Policy

NAV = (
    NavItem("dashboard", _("Overview"), "ngo.view_workspace"),
    NavItem("profile", _("Organisation profile"), "ngo.change_profile"),
    NavItem("events", _("Courses and events"), "ngo.manage_events"),
    NavItem("places", _("Our places"), "ngo.change_profile"),
    NavItem("tips", _("Tips on procedures"), "ngo.suggest_tips"),
    NavItem("shared_routes", _("Shared routes"), "ngo.view_workspace"),
    NavItem("members", _("People and roles"), "ngo.manage_members"),
)


def organisation_in_url(request, kwargs) -> Organisation:
    """The NGO of the region named by the URL's ``org`` slug (404 for anything else)."""
    try:
        return Organisation.objects.select_related("region").get(
            region=request.region, kind=OrganisationKind.NGO, slug=kwargs["org"]
        )
    except Organisation.DoesNotExist as error:
        raise Http404 from error


def _only(request, organisation):
    return Organisation.objects.filter(pk=organisation.pk)


NGO = Policy(
    namespace="ngo",
    nav=NAV,
    scope=organisation_in_url,
    url_kwargs=lambda organisation: {"org": organisation.slug},
    managed_organisations=_only,
    people_organisations=_only,
    publishing_organisation=lambda request, organisation: organisation,
    events_permission="ngo.manage_events",
    people_permission="ngo.manage_members",
)
