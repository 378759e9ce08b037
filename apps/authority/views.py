"""The authority workspace's own pages: city offices run their region from here. The pages it
shares with the NGO workspace (content, translation, events, people) come from the workspace kit;
who may open each page is declared with its route in ``urls.py``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, FormView, TemplateView, UpdateView, View

from apps.accounts import queries as accounts_queries
from apps.accounts.forms import OrganisationAdminForm
from apps.core import downloads
from apps.core import queries as core_queries
from apps.core.forms import RegionSettingsForm, TopicForm, UserTypeForm
from apps.core.models import Topic, UserType
from apps.editorial import queries as editorial_queries
from apps.editorial.services import WorkflowError
from apps.procedures import queries as procedure_queries
from apps.procedures import services as procedure_services
from apps.procedures.forms import TipReviewForm
from apps.routes import planning as route_planning
from apps.routes.forms import RouteBreakdownForm
from apps.speech import queries as speech_queries
from apps.statistics import planning
from apps.statistics import queries as statistics_queries
from apps.statistics import services as statistics_services
from apps.statistics.forms import PlanningForm, UploadForm, column_formset
from apps.statistics.models import Dataset, DatasetVersion, VersionState
from apps.workspace.pages.base import WorkspacePage
from apps.workspace.pages.people import ScopedFormMixin


class DashboardView(WorkspacePage, TemplateView):
    template_name = "authority/dashboard.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region = self.request.region
        context["my_memberships"] = [
            m
            for m in accounts_queries.memberships_of(self.request.user)
            if m.organisation.region_id == region.pk
        ]
        context["organisation_count"] = accounts_queries.organisations_of_region(region).count()
        context["topic_count"] = Topic.objects.filter(region=region).count()
        context["user_type_count"] = core_queries.user_types(region).count()
        context["in_review"] = editorial_queries.items_in_review(region)
        return context


class RegionSettingsView(ScopedFormMixin, WorkspacePage, UpdateView):
    template_name = "workspace/form.html"
    form_class = RegionSettingsForm
    success_url = reverse_lazy("authority:region")
    success_message = _("The region settings were saved.")
    extra_context = {"title": _("Region settings")}

    def get_object(self, queryset=None):
        return self.request.region


class OrganisationListView(WorkspacePage, TemplateView):
    template_name = "authority/organisations.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["organisations"] = accounts_queries.organisations_of_region(self.request.region)
        return context


class OrganisationCreateView(ScopedFormMixin, WorkspacePage, CreateView):
    template_name = "workspace/form.html"
    form_class = OrganisationAdminForm
    success_url = reverse_lazy("authority:organisations")
    success_message = _("The organisation was created.")
    extra_context = {"title": _("New organisation")}


class OrganisationUpdateView(ScopedFormMixin, WorkspacePage, UpdateView):
    template_name = "workspace/form.html"
    form_class = OrganisationAdminForm
    success_url = reverse_lazy("authority:organisations")
    success_message = _("The organisation was saved.")
    extra_context = {"title": _("Edit organisation")}

    def get_queryset(self):
        return accounts_queries.organisations_of_region(self.request.region)

    def get_context_data(self, **kwargs) -> dict:
        # Whether migrants of each language can listen to the organisation (apps.speech).
        return super().get_context_data(
            read_aloud_states=speech_queries.states(self.object), **kwargs
        )


class TaxonomyView(WorkspacePage, TemplateView):
    template_name = "authority/taxonomy.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["topics"] = core_queries.topic_tree(self.request.region)
        context["user_types"] = core_queries.user_types(self.request.region)
        return context


class TaxonomyFormMixin(ScopedFormMixin, WorkspacePage):
    template_name = "workspace/form.html"
    success_url = reverse_lazy("authority:taxonomy")
    success_message = _("Saved.")


class TopicCreateView(TaxonomyFormMixin, CreateView):
    form_class = TopicForm
    extra_context = {"title": _("New topic")}


class TopicUpdateView(TaxonomyFormMixin, UpdateView):
    form_class = TopicForm
    extra_context = {"title": _("Edit topic")}

    def get_queryset(self):
        return Topic.objects.filter(region=self.request.region)


class UserTypeCreateView(TaxonomyFormMixin, CreateView):
    form_class = UserTypeForm
    extra_context = {"title": _("New life situation")}


class UserTypeUpdateView(TaxonomyFormMixin, UpdateView):
    form_class = UserTypeForm
    extra_context = {"title": _("Edit life situation")}

    def get_queryset(self):
        return UserType.objects.filter(region=self.request.region)


class TipReviewListView(WorkspacePage, TemplateView):
    """NGOs' tips on procedure steps, waiting for approval, and the latest decisions."""

    template_name = "authority/tips.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            pending=procedure_queries.tips_to_review(self.request.region),
            reviewed=procedure_queries.recently_reviewed_tips(self.request.region),
            form=TipReviewForm(),
        )
        return context


class TipReviewView(WorkspacePage, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        tip = get_object_or_404(procedure_queries.tips_to_review(request.region), pk=pk)
        form = TipReviewForm(request.POST)
        approve = request.POST.get("decision") == "approve"
        try:
            if not form.is_valid():
                raise WorkflowError(
                    " ".join(error for errors in form.errors.values() for error in errors)
                )
            procedure_services.review_tip(
                tip,
                user=request.user,
                approve=approve,
                comment=form.cleaned_data["comment"],
                original=form.cleaned_data["original"],
            )
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The tip is approved and shows on the step. It now goes to the translators.")
                if approve
                else _("The tip is rejected; the organisation sees your comment."),
            )
        return redirect("authority:tips")


# --- Statistics: datasets and their uploads (charts and dashboards are editorial content) -------


class StatisticsMixin(WorkspacePage):
    @cached_property
    def dataset(self):
        return get_object_or_404(
            Dataset.objects.select_related("region"),
            pk=self.kwargs["pk"],
            region=self.request.region,
        )


class StatisticsView(StatisticsMixin, TemplateView):
    template_name = "authority/statistics.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["datasets"] = statistics_queries.datasets_for_managers(self.request.region)
        return context


class DatasetDataView(StatisticsMixin, FormView):
    """A dataset's versions, and the upload of a new one (step one: read and check the file)."""

    template_name = "authority/dataset.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        dataset = self.dataset
        context.update(
            dataset=dataset,
            versions=dataset.versions.select_related("uploaded_by").defer("rows"),
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            version = statistics_services.upload_version(
                self.dataset, filename=upload.name, content=upload.read(), user=self.request.user
            )
        except statistics_services.DatasetImportError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.problems)
            )
        return HttpResponseRedirect(
            reverse(
                "authority:dataset_confirm",
                kwargs={"pk": version.dataset_id, "number": version.number},
            )
        )


class DatasetConfirmView(StatisticsMixin, FormView):
    """Step two: confirm or correct the detected columns; all values are checked against them."""

    template_name = "authority/dataset_confirm.html"

    @cached_property
    def version(self):
        return get_object_or_404(
            DatasetVersion,
            dataset=self.dataset,
            number=self.kwargs["number"],
            state=VersionState.PENDING,
        )

    def get_form(self, form_class=None):
        version = self.version
        formset = column_formset(len(version.columns))
        return formset(
            self.request.POST or None,
            initial=[{"role": c["role"], "unit": c.get("unit", "")} for c in version.columns],
        )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        version = self.version
        context.update(
            version=version,
            # A tampered form may have fewer rows; its own errors then say so.
            columns=list(zip(version.columns, context["form"], strict=False)),
            preview=[
                [row.get(c["name"], "") for c in version.columns] for row in version.rows[:10]
            ],
        )
        return context

    def form_valid(self, form):
        version = self.version
        try:
            statistics_services.confirm_version(
                version, columns=[f.cleaned_data for f in form], user=self.request.user
            )
        except statistics_services.DatasetImportError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.problems)
            )
        messages.success(self.request, _("The new data is in use. The previous version is kept."))
        return HttpResponseRedirect(
            reverse("authority:dataset_data", kwargs={"pk": version.dataset_id})
        )


def _kept(data, names) -> list[tuple[str, str]]:
    return [(name, str(data[name])[:100]) for name in names if data.get(name)]


class PlanningView(WorkspacePage, TemplateView):
    """Registrations, waiting lists and cancellations of courses and events per month: counts
    with small ones suppressed, as a table or a CSV file; and procedures on people's routes, for
    one procedure per month and district. No person is ever listed here."""

    template_name = "authority/planning.html"

    def get(self, request, *args, **kwargs):
        form = PlanningForm(request.GET or None, region=request.region)
        today = timezone.localdate()
        choices = form.cleaned_data if form.is_bound and form.is_valid() else {}
        months = choices.get("months") or 15
        # By default: the last twelve months and the next three.
        first = (
            choices.get("start")
            or planning.months_from(dt.date(today.year - 1, today.month, 1), 2)[1]
        )
        table = planning.planning_table(
            request.region,
            first=first.replace(day=1),
            months=months,
            kind=choices.get("kind", ""),
            topic=choices.get("topic", ""),
        )
        if request.GET.get("format") == "csv":
            return downloads.csv_response(
                planning.csv_rows(table), f"planning-{first:%Y-%m}-{months}.csv"
            )
        routes = route_planning.RoutePlanning(request.region, get_language())
        route_form = RouteBreakdownForm(
            request.GET if "procedure" in request.GET else None, procedures=routes.procedures
        )
        breakdown = None
        if route_form.chosen:
            procedure, count = route_form.chosen
            breakdown = routes.breakdown(
                procedure, months=planning.months_from(first.replace(day=1), months), count=count
            )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                table=table,
                threshold=statistics_services.threshold(),
                route_counts=routes.counts(),
                route_form=route_form,
                breakdown=breakdown,
                # Each of the page's two forms keeps what the other one chose.
                kept_by_form=_kept(request.GET, ("procedure", "count")),
                kept_by_route_form=_kept(request.GET, ("start", "months", "kind", "topic")),
            ),
            status=400 if form.errors or route_form.errors else 200,
        )
