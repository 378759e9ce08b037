"""The pages on which an organisation manages its events and their registrations, mounted by
the NGO and authority workspaces alike. Whose events a page shows and which organisation a new
event belongs to come from the mounting frontend's policy (:mod:`apps.workspace.policy`)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from apps.core import downloads
from apps.editorial import queries as editorial_queries
from apps.editorial import services as workflow
from apps.editorial import workflow as transitions
from apps.editorial.models import ItemStatus
from apps.events import queries, recurrence, services
from apps.events.forms import CancelDateForm, EventForm, MessageForm
from apps.events.models import Event
from apps.workspace.pages.base import WorkspacePage


class EventPagesMixin(WorkspacePage):
    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["urls"] = {
            "list": self.url("events"),
            "create": self.url("event_create"),
        }
        return context


class OwnEventMixin(EventPagesMixin):
    @cached_property
    def event(self) -> Event:
        return get_object_or_404(
            queries.events_of(self.managed_organisations()).filter(region=self.request.region),
            pk=self.kwargs["pk"],
        )

    def event_url(self) -> str:
        return self.url("event_detail", pk=self.event.pk)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        return context


class EventList(EventPagesMixin, TemplateView):
    template_name = "workspace/events/list.html"
    moderate_permission = ""

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        own = list(
            editorial_queries.with_latest_revision(
                queries.events_of(self.managed_organisations()).filter(region=self.request.region)
            )
        )
        for event in own:
            event.workspace_url = self.url("event_detail", pk=event.pk)
            event.local_start = (
                event.starts_at.astimezone(recurrence.zone_of(event)) if event.starts_at else None
            )
        context["events"] = own
        if self.moderate_permission and self.request.user.has_perm(
            self.moderate_permission, self.request.region
        ):
            others = list(
                Event.objects.filter(region=self.request.region, status=ItemStatus.PUBLISHED)
                .select_related("region")
                .exclude(organisation__in=self.managed_organisations())
                .select_related("organisation")
                .order_by("organisation", "starts_at")
            )
            for event in others:
                event.moderate_url = self.url("event_moderate", pk=event.pk)
            context["others"] = others
        return context


class EventFormPage(EventPagesMixin, FormView):
    template_name = "workspace/events/form.html"
    form_class = EventForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "region": self.request.region}

    def edited_event(self) -> Event:
        """The event as the workflow table sees it: the one being edited, or a new one."""
        return Event(region=self.request.region, organisation=self.publishing_organisation())

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["save_actions"] = transitions.offered_on_save(
            self.edited_event(), self.request.user
        )
        return context

    def save(self, form, event: Event | None) -> HttpResponse | None:
        then = next((name for name in ("publish", "submit") if name in self.request.POST), "")
        if then and then not in transitions.offered_on_save(self.edited_event(), self.request.user):
            raise PermissionDenied
        try:
            event = services.save_event(
                event=event,
                organisation=event.organisation if event else self.publishing_organisation(),
                data=form.revision_data(),
                user=self.request.user,
                base_number=form.cleaned_data.get("base_revision"),
                publish=then == "publish",
                resolution=form.resolution(),
            )
            if then == "submit":
                workflow.submit_for_review(event, user=self.request.user)
        except workflow.EditConflict as conflict:
            return self.render_to_response(
                self.get_context_data(form=form.after_conflict(conflict), conflict=conflict)
            )
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            {
                "publish": _("Published. Migrants now see this event."),
                "submit": _("Saved and submitted for review."),
            }.get(then, _("Saved as a draft. Migrants see nothing until it is published.")),
        )
        return HttpResponseRedirect(self.url("event_detail", pk=event.pk))


class EventCreate(EventFormPage):
    def form_valid(self, form):
        if self.publishing_organisation() is None:
            raise PermissionDenied
        return self.save(form, None)


class EventEdit(OwnEventMixin, EventFormPage):
    def edited_event(self) -> Event:
        return self.event

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "revision": workflow.latest_revision(self.event)}

    def form_valid(self, form):
        return self.save(form, self.event)


class EventDetail(OwnEventMixin, TemplateView):
    template_name = "workspace/events/detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        event = self.event
        dates = queries.dates_with_registrations(event) if event.starts_at else []
        for listing in dates:
            listing.workspace_url = self.url(
                "event_date", pk=event.pk, timestamp=int(listing.date.starts_at.timestamp())
            )
        state = transitions.state_of(event)
        context.update(
            pending=state.pending,
            actions=transitions.offered_names(state, self.request.user),
            dates=dates,
            edit_url=self.url("event_edit", pk=event.pk),
            action_url=self.url("event_action", pk=event.pk),
            ItemStatus=ItemStatus,
        )
        return context


class EventAction(OwnEventMixin, View):
    """Submit, publish, archive or bring back the organisation's own event, as the workflow
    table allows."""

    http_method_names = ["post"]
    SERVICES = {
        "submit": (workflow.submit_for_review, gettext_lazy("Submitted for review.")),
        "publish": (
            services.publish_event,
            gettext_lazy("Published. Migrants now see this event."),
        ),
        "archive": (workflow.archive, gettext_lazy("Archived. Migrants no longer see it.")),
        "unarchive": (workflow.unarchive, gettext_lazy("Published again.")),
    }

    def post(self, request, *args, **kwargs):
        action, event = request.POST.get("action", ""), self.event
        if action not in self.SERVICES:
            raise Http404
        if not transitions.permits(action, event, request.user):
            raise PermissionDenied
        service, done = self.SERVICES[action]
        try:
            service(event, user=request.user)
            messages.success(request, str(done))
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(self.event_url())


class DateMixin(OwnEventMixin):
    @cached_property
    def starts_at(self) -> dt.datetime:
        try:
            return dt.datetime.fromtimestamp(int(self.kwargs["timestamp"]), tz=dt.UTC)
        except (OverflowError, ValueError, OSError) as error:
            raise Http404 from error

    def date_url(self) -> str:
        return self.url("event_date", pk=self.event.pk, timestamp=int(self.starts_at.timestamp()))


class DateRegistrations(DateMixin, TemplateView):
    """Who registered for one date; export as CSV; message them; cancel the date."""

    template_name = "workspace/events/date.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def csv_response(self) -> HttpResponse:
        _occurrence, registrations = queries.registrations_of(self.event, self.starts_at)
        workflow.audit(
            self.event,
            self.request.user,
            "registrations_exported",
            comment=self.starts_at.isoformat(),
        )
        local = timezone.localtime(self.starts_at, timezone=self.zone)
        header = [_("Name"), _("E-mail"), _("Phone"), _("Language"), _("Status"), _("Registered")]
        rows = [
            [
                registration.name,
                registration.email,
                registration.phone,
                registration.language,
                registration.get_status_display(),
                timezone.localtime(registration.created_at, self.zone).strftime("%Y-%m-%d %H:%M"),
            ]
            for registration in registrations
        ]
        return downloads.csv_response(
            [header, *rows], f"{self.event.slug}-{local:%Y-%m-%d-%H%M}.csv"
        )

    @cached_property
    def zone(self):
        return recurrence.zone_of(self.event)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        occurrence, registrations = queries.registrations_of(self.event, self.starts_at)
        if registrations:
            workflow.audit(
                self.event,
                self.request.user,
                "registrations_viewed",
                comment=self.starts_at.isoformat(),
            )
        context.update(
            starts_at=self.starts_at.astimezone(self.zone),
            occurrence=occurrence,
            registrations=registrations,
            message_form=kwargs.get("message_form") or MessageForm(),
            cancel_form=CancelDateForm(),
            date_url=self.date_url(),
            action_url=self.url(
                "event_date_action", pk=self.event.pk, timestamp=int(self.starts_at.timestamp())
            ),
        )
        return context


class DateAction(DateMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        base_url = request.build_absolute_uri("/")
        action = request.POST.get("action", "")
        if action == "message":
            form = MessageForm(request.POST)
            occurrence, _registrations = queries.registrations_of(self.event, self.starts_at)
            if form.is_valid() and occurrence is not None:
                count = services.message_registrants(
                    occurrence,
                    message=form.cleaned_data["message"],
                    base_url=base_url,
                    user=request.user,
                )
                messages.success(
                    request, _("Your message is being sent to %(count)d people.") % {"count": count}
                )
            else:
                messages.error(request, _("Write a message first."))
        elif action == "cancel":
            form = CancelDateForm(request.POST)
            form.is_valid()
            try:
                count = services.cancel_date(
                    self.event,
                    starts_at=self.starts_at,
                    base_url=base_url,
                    reason=form.cleaned_data.get("reason", ""),
                    user=request.user,
                )
            except services.RegistrationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("The date is cancelled. %(count)d registered people are told.")
                    % {"count": count},
                )
        else:
            raise Http404
        return HttpResponseRedirect(self.date_url())


class Moderate(EventPagesMixin, View):
    """The city archives any event of the region (the organisation can publish it again)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        event = get_object_or_404(Event, region=request.region, pk=kwargs["pk"])
        try:
            workflow.archive(event, user=request.user)
            messages.success(request, _("Archived. Migrants no longer see it."))
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(self.url("events"))
