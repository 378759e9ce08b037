"""What the authority and NGO workspaces share: access control, navigation, people management.

A frontend subclasses these views and says only what differs: the object that scopes the
workspace (a region or an organisation), its navigation, and which organisations' people it
manages.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, UpdateView, View
from rules.contrib.views import PermissionRequiredMixin

from apps.accounts import queries, services
from apps.accounts.forms import GrantRoleForm
from apps.accounts.models import Membership, Organisation


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    permission: str
    url_kwargs: dict = field(default_factory=dict)


class WorkspaceMixin(PermissionRequiredMixin, ABC):
    """Signed-in users holding ``permission_required`` on the workspace's scope get in.

    Anonymous visitors are sent to sign in; signed-in people without the permission get 403.
    """

    nav: tuple[NavItem, ...] = ()

    @abstractmethod
    def get_scope(self):
        """The region or organisation this workspace works on."""

    def get_permission_object(self):
        return self.get_scope()

    def nav_url_kwargs(self) -> dict:
        return {}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        scope = self.get_scope()
        match = self.request.resolver_match
        current = match.view_name if match else ""
        context["workspace_nav"] = [
            {
                "label": item.label,
                "url": reverse(item.url_name, kwargs={**self.nav_url_kwargs(), **item.url_kwargs}),
                "current": current == item.url_name
                and all(match.kwargs.get(key) == value for key, value in item.url_kwargs.items()),
            }
            for item in self.nav
            if self.request.user.has_perm(item.permission, scope)
        ]
        context["scope"] = scope
        return context


class ManagesPeopleMixin(ABC):
    @abstractmethod
    def get_member_organisations(self) -> QuerySet[Organisation]:
        """The organisations whose people this view manages."""


class MemberListView(ManagesPeopleMixin, WorkspaceMixin, TemplateView):
    """The people working for the managed organisations, with their roles."""

    template_name = "workspace/members.html"
    grant_url_name = ""
    withdraw_url_name = ""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        members = queries.members_of(self.get_member_organisations())
        for person in members:
            for membership in person.scoped_memberships:
                membership.withdraw_url = reverse(
                    self.withdraw_url_name,
                    kwargs={**self.nav_url_kwargs(), "membership": membership.pk},
                )
        context["members"] = members
        context["grant_url"] = reverse(self.grant_url_name, kwargs=self.nav_url_kwargs())
        return context


class GrantRoleView(ManagesPeopleMixin, WorkspaceMixin, FormView):
    template_name = "workspace/grant_role.html"
    form_class = GrantRoleForm
    members_url_name = ""

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "organisations": self.get_member_organisations()}

    def form_valid(self, form: GrantRoleForm) -> HttpResponseRedirect:
        try:
            membership = services.grant_role(
                organisation=form.cleaned_data["organisation"],
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                full_name=form.cleaned_data["full_name"],
                languages=form.cleaned_data["languages"],
                base_url=self.request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(person)s is now %(role)s in %(organisation)s.")
            % {
                "person": membership.user,
                "role": membership.get_role_display(),
                "organisation": membership.organisation,
            },
        )
        return HttpResponseRedirect(reverse(self.members_url_name, kwargs=self.nav_url_kwargs()))


class WithdrawRoleView(ManagesPeopleMixin, WorkspaceMixin, View):
    http_method_names = ["post"]
    members_url_name = ""

    def post(self, request, *args, **kwargs) -> HttpResponseRedirect:
        membership = get_object_or_404(
            Membership.objects.select_related("user", "organisation"),
            pk=kwargs["membership"],
            organisation__in=self.get_member_organisations(),
        )
        if membership.user_id == request.user.pk:
            # Withdrawing one's own role could lock everyone out of managing people.
            raise PermissionDenied(_("You cannot withdraw your own role."))
        services.withdraw_role(membership=membership)
        messages.success(
            request,
            _("%(person)s is no longer %(role)s in %(organisation)s.")
            % {
                "person": membership.user,
                "role": membership.get_role_display(),
                "organisation": membership.organisation,
            },
        )
        return HttpResponseRedirect(reverse(self.members_url_name, kwargs=self.nav_url_kwargs()))


class ScopedFormMixin:
    """Passes the workspace's region to forms that show per-language fields."""

    success_message = ""

    def get_region(self):
        return self.request.region

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "region": self.get_region()}

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return response


class OrganisationProfileView(WorkspaceMixin, ScopedFormMixin, UpdateView):
    template_name = "workspace/form.html"
