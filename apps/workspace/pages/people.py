"""People and roles of the organisations a workspace manages, and the forms every workspace
shares (a region's per-language fields, an organisation's profile)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from apps.accounts import queries, services, two_factor
from apps.accounts.forms import GrantRoleForm, TranslatorLanguagesForm
from apps.accounts.models import Membership, Role
from apps.core import languages
from apps.workspace.pages.base import WorkspacePage


class PeoplePage(WorkspacePage):
    def member_organisations(self):
        """The organisations whose people this workspace manages."""
        return self.policy.people_organisations(self.request, self.scope)

    def refused(self, form, error: ValidationError):
        """The form again, with the service's reasons for refusing."""
        for message in error.messages:
            form.add_error(None, message)
        return self.form_invalid(form)


class MemberList(PeoplePage, TemplateView):
    """The people working for the managed organisations, with their roles and whether they
    use two-step sign-in (which, with ``reset_permission``, can be reset here)."""

    template_name = "workspace/members.html"
    reset_permission = ""  # given by the route

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        members = queries.members_of(self.member_organisations())
        may_reset = bool(self.reset_permission) and self.request.user.has_perm(
            self.reset_permission, self.scope
        )
        for person in members:
            if may_reset and person.has_two_factor and person.pk != self.request.user.pk:
                person.reset_two_factor_url = self.url("reset_two_factor", person=person.pk)
            for membership in person.scoped_memberships:
                membership.withdraw_url = self.url("withdraw_role", membership=membership.pk)
                membership.language_list = [
                    languages.get(code)
                    for code in membership.languages
                    if languages.is_supported(code)
                ]
                if membership.role == Role.TRANSLATOR:
                    membership.languages_url = self.url(
                        "translator_languages", membership=membership.pk
                    )
        context["members"] = members
        context["grant_url"] = self.url("grant_role")
        return context


class GrantRole(PeoplePage, FormView):
    template_name = "workspace/grant_role.html"
    form_class = GrantRoleForm

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "organisations": self.member_organisations(),
            "region": self.request.region,
        }

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
            return self.refused(form, error)
        messages.success(
            self.request,
            _("%(person)s is now %(role)s in %(organisation)s.")
            % {
                "person": membership.user,
                "role": membership.get_role_display(),
                "organisation": membership.organisation,
            },
        )
        return HttpResponseRedirect(self.url("members"))


class TranslatorLanguages(PeoplePage, FormView):
    """Change the languages of a translator without withdrawing the role."""

    template_name = "workspace/translator_languages.html"
    form_class = TranslatorLanguagesForm

    @cached_property
    def membership(self) -> Membership:
        return get_object_or_404(
            Membership.objects.select_related("user", "organisation__region"),
            pk=self.kwargs["membership"],
            organisation__in=self.member_organisations(),
            role=Role.TRANSLATOR,
        )

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "region": self.membership.organisation.region,
            "initial": {"languages": self.membership.languages},
        }

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            membership=self.membership, members_url=self.url("members"), **kwargs
        )

    def form_valid(self, form) -> HttpResponseRedirect:
        try:
            services.change_languages(
                membership=self.membership, languages=form.cleaned_data["languages"]
            )
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(
            self.request,
            _("%(person)s now translates into: %(languages)s.")
            % {
                "person": self.membership.user,
                "languages": ", ".join(
                    languages.get(code).name_local for code in self.membership.languages
                ),
            },
        )
        return HttpResponseRedirect(self.url("members"))


class WithdrawRole(PeoplePage, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs) -> HttpResponseRedirect:
        membership = get_object_or_404(
            Membership.objects.select_related("user", "organisation"),
            pk=kwargs["membership"],
            organisation__in=self.member_organisations(),
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
        return HttpResponseRedirect(self.url("members"))


class ResetTwoFactor(PeoplePage, View):
    """Remove a colleague's authenticator app and recovery codes (a lost phone); they set up
    two-step sign-in again at their next sign-in. Written to the audit log."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs) -> HttpResponseRedirect:
        person = get_object_or_404(
            queries.staff_of(self.member_organisations()), pk=kwargs["person"]
        )
        if person.pk == request.user.pk:
            raise PermissionDenied(_("Change your own two-step sign-in on your account page."))
        two_factor.reset(person=person, actor=request.user)
        messages.success(
            request,
            _(
                "Two-step sign-in of %(person)s was reset: their authenticator app and "
                "recovery codes no longer work."
            )
            % {"person": person},
        )
        return HttpResponseRedirect(self.url("members"))


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
