"""The NGO workspace: an organisation keeps its own profile and people current.

Every page is scoped to one organisation named in the URL; a person sees only the NGOs they
work for, and nothing of any other organisation.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, UpdateView, View

from apps.accounts import queries as accounts_queries
from apps.accounts.forms import OrganisationProfileForm
from apps.accounts.models import Organisation
from apps.editorial import queries as editorial_queries
from apps.editorial import services as workflow
from apps.editorial.services import WorkflowError
from apps.places import queries as place_queries
from apps.places.forms import PlaceForm
from apps.places.models import Place
from apps.procedures import queries as procedure_queries
from apps.procedures import services as procedure_services
from apps.procedures.forms import TipForm
from apps.speech import queries as speech_queries
from apps.workspace.pages.base import WorkspacePage
from apps.workspace.pages.people import ScopedFormMixin


class IndexView(LoginRequiredMixin, TemplateView):
    """Straight to one's NGO; a choice when someone works for several."""

    template_name = "ngo/index.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        organisations = (
            accounts_queries.ngos_of(request.user, request.region) if request.region else []
        )
        if len(organisations) == 1:
            return redirect("ngo:dashboard", org=organisations[0].slug)
        if not organisations:
            raise PermissionDenied(_("You do not work for an NGO in this region."))
        return self.render_to_response(self.get_context_data(organisations=organisations))


class NgoMixin(WorkspacePage):
    @property
    def organisation(self) -> Organisation:
        return self.scope


class DashboardView(NgoMixin, TemplateView):
    template_name = "ngo/dashboard.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["my_roles"] = [
            m
            for m in accounts_queries.memberships_of(self.request.user)
            if m.organisation_id == self.organisation.pk
        ]
        context["other_organisations"] = [
            org
            for org in accounts_queries.ngos_of(self.request.user, self.request.region)
            if org.pk != self.organisation.pk
        ]
        return context


class ProfileView(ScopedFormMixin, NgoMixin, UpdateView):
    template_name = "workspace/form.html"
    form_class = OrganisationProfileForm
    success_message = _("Your organisation profile was saved.")
    extra_context = {"title": _("Organisation profile")}

    def get_object(self, queryset=None) -> Organisation:
        return self.organisation

    def get_success_url(self) -> str:
        return reverse("ngo:profile", kwargs={"org": self.organisation.slug})

    def get_context_data(self, **kwargs) -> dict:
        # Whether migrants of each language can listen to the profile (apps.speech).
        return super().get_context_data(
            read_aloud_states=speech_queries.states(self.organisation), **kwargs
        )


class TipListView(NgoMixin, TemplateView):
    template_name = "ngo/tips.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["tips"] = procedure_queries.tips_of(self.organisation)
        return context


class TipFormMixin(NgoMixin):
    template_name = "ngo/tip_form.html"
    form_class = TipForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "region": self.request.region}

    def get_success_url(self) -> str:
        return reverse("ngo:tips", kwargs={"org": self.organisation.slug})


class TipCreateView(TipFormMixin, FormView):
    extra_context = {"title": _("Suggest a tip")}

    def get_initial(self) -> dict:
        return {"language": get_language()}

    def form_valid(self, form):
        try:
            procedure_services.suggest_tip(
                step=form.cleaned_data["step"],
                organisation=self.organisation,
                author=self.request.user,
                language=form.cleaned_data["language"],
                texts=form.texts(),
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. The city will check the tip soon."))
        return redirect(self.get_success_url())


class TipEditView(TipFormMixin, FormView):
    extra_context = {"title": _("Change the tip")}

    @cached_property
    def tip(self):
        return get_object_or_404(procedure_queries.tips_of(self.organisation), pk=self.kwargs["pk"])

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "tip": self.tip}

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(tip=self.tip, **kwargs)

    def form_valid(self, form):
        try:
            procedure_services.change_tip(
                self.tip,
                user=self.request.user,
                language=form.cleaned_data["language"],
                texts=form.texts(),
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Saved. The city will check the tip again."))
        return redirect(self.get_success_url())


class TipWithdrawView(NgoMixin, View):
    http_method_names = ["post"]

    def post(self, request, org: str, pk: int):
        tip = get_object_or_404(procedure_queries.tips_of(self.organisation), pk=pk)
        procedure_services.withdraw_tip(tip)
        messages.success(request, _("The tip was withdrawn."))
        return redirect("ngo:tips", org=self.organisation.slug)


class PlaceListView(NgoMixin, TemplateView):
    """Where the organisation receives people; the profile and events point to these."""

    template_name = "ngo/places.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["places"] = editorial_queries.with_latest_revision(
            place_queries.places_of(self.organisation)
        )
        return context


class PlaceFormMixin(NgoMixin):
    template_name = "ngo/place_form.html"
    form_class = PlaceForm
    place = None

    def get_form_kwargs(self) -> dict:
        revision = workflow.latest_revision(self.place) if self.place else None
        return {**super().get_form_kwargs(), "region": self.request.region, "revision": revision}

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(place=self.place, **kwargs)

    def form_valid(self, form):
        publish = "publish" in self.request.POST
        try:
            place = workflow.save_own_content(
                Place,
                item=self.place,
                organisation=self.organisation,
                data=form.revision_data(),
                user=self.request.user,
                base_number=form.cleaned_data["base_revision"],
                publish=publish,
                resolution=form.resolution(),
            )
        except workflow.EditConflict as conflict:
            return self.render_to_response(
                self.get_context_data(form=form.after_conflict(conflict), conflict=conflict)
            )
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if publish:
            self.organisation.places.add(place)
            messages.success(self.request, _("Published. The place shows on your profile."))
        else:
            messages.success(self.request, _("Saved as a draft."))
        return redirect("ngo:places", org=self.organisation.slug)


class PlaceCreateView(PlaceFormMixin, FormView):
    extra_context = {"title": _("Add a place")}


class PlaceEditView(PlaceFormMixin, FormView):
    extra_context = {"title": _("Change the place")}

    @cached_property
    def place(self):
        return get_object_or_404(place_queries.places_of(self.organisation), pk=self.kwargs["pk"])
