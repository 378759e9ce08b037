"""Routes migrants shared with the organisation: opened with the code they hand over in person,
seen only while their share is valid (apps.routes.sharing.readable_by decides, on every
request), each look and note logged for the person. Nothing here lists, exports or forwards
anybody who has not shared."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.editorial.models import ItemStatus
from apps.procedures.models import Procedure
from apps.routes import queries as route_queries
from apps.routes import rules, sharing
from apps.workspace.pages.base import WorkspacePage

NOTE_ERRORS = {
    "empty": lambda: _("Write a note or choose a procedure to suggest."),
    "too_long": lambda: _("A note can have at most 2000 characters."),
    "procedure": lambda: _("Choose a procedure of this portal."),
    "gone": lambda: _("This route is no longer shared with you."),
}


class SharedRoutePage(WorkspacePage):
    def counselling_organisations(self):
        """The organisations of this workspace whose shares its people may open."""
        return self.policy.managed_organisations(self.request, self.scope)


@method_decorator(never_cache, name="dispatch")
class SharedRouteList(SharedRoutePage, TemplateView):
    template_name = "workspace/shared_routes.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        shares = list(sharing.shared_with(self.counselling_organisations(), self.request.user))
        for share in shares:
            share.url = self.url("shared_route", pk=share.pk)
        context.update(shares=shares, code=self.request.GET.get("code", "")[:32])
        return context

    def post(self, request, *args, **kwargs):
        found = sharing.open_with_code(
            request.POST.get("code", ""), request.user, self.counselling_organisations()
        )
        if found is None:
            messages.error(
                request,
                _("This code opens no route for you: it may be mistyped, expired or withdrawn, "
                  "or given to another organisation."),
            )  # fmt: skip
            return HttpResponseRedirect(self.url("shared_routes"))
        return HttpResponseRedirect(self.url("shared_route", pk=found.pk))


@method_decorator(never_cache, name="dispatch")
class SharedRouteDetail(SharedRoutePage, TemplateView):
    template_name = "workspace/shared_route.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        share = sharing.shared_route(self.kwargs["pk"], self.request.user)
        if (
            share is None
            or not self.counselling_organisations().filter(pk=share.organisation_id).exists()
        ):
            raise Http404
        account = share.account
        plan = sharing.kept_plan(account)
        answers = sharing.answers_of(plan, account.region)
        context.update(
            share=share,
            answers=rules.described(answers, account.region) if share.includes_answers else None,
            route=route_queries.route_of_account(account, get_language(), answers, plan),
            notes=share.notes.select_related("author", "procedure").order_by("created_at"),
            procedures=Procedure.objects.filter(
                region=account.region, status=ItemStatus.PUBLISHED
            ).order_by("title"),
            list_url=self.url("shared_routes"),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            sharing.add_note(
                self.kwargs["pk"],
                request.user,
                text=request.POST.get("text", ""),
                procedure_slug=request.POST.get("procedure", ""),
            )
            messages.success(request, _("The person sees your note on their route."))
        except sharing.SharingError as error:
            messages.error(request, NOTE_ERRORS.get(str(error), NOTE_ERRORS["gone"])())
            if str(error) == "gone":
                return HttpResponseRedirect(self.url("shared_routes"))
        return HttpResponseRedirect(self.url("shared_route", pk=self.kwargs["pk"]))
