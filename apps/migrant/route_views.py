""" "My route": a few optional questions, and the procedures that apply, in the order their
papers require. The answers travel in the address (a GET form: works without JavaScript, and a
route can be bookmarked or printed); ``static/js/route.js`` remembers them on the device and
shows the device's ticks. Signed in, the answers are kept with the account, and the person can
share the route with a counsellor (apps.routes.sharing): for one organisation, for a time they
choose, revocable at once, every look logged for them to see."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.core import queries as core_queries
from apps.migrant.views import MigrantPageMixin
from apps.migrant_accounts.session import current_account
from apps.routes import queries as route_queries
from apps.routes import rules, sharing
from apps.routes.changes import Changes

SHARING_ERRORS = {
    "duration": lambda: _("Choose how long the organisation may see your route."),
    "organisation": lambda: _("Choose an organisation of this portal."),
    "too_many": lambda: _("You share your route with many already. Withdraw a share first."),
    "unknown": lambda: _("This is not one of your shares."),
    "revoked": lambda: _("This share was withdrawn. Share your route again instead."),
}  # fmt: skip


class RouteView(MigrantPageMixin, TemplateView):
    template_name = "migrant/route.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        situations = list(core_queries.user_types(region))
        slugs = [situation.slug for situation in situations]
        answers = rules.Answers.from_values(self.request.GET, slugs, region.districts)
        asked = answers.given or "show" in self.request.GET
        account = current_account(self.request)
        changes = Changes.from_query(self.request.GET)
        if account is not None:
            plan = sharing.kept_plan(account)
            if asked:
                plan = sharing.keep_answers(account, answers)
            elif plan and plan.answers:
                answers, asked = (
                    rules.Answers.from_values(plan.answers, slugs, region.districts),
                    True,
                )
            context.update(
                account=account,
                shares=sharing.shares_of(account, code),
                organisations=sharing.organisations_to_share_with(region),
                plan=plan,
                durations=sharing.DURATIONS,
            )
        if not asked:
            route = None
        elif account is not None:
            route = route_queries.route_of_account(account, code, answers, plan)
        else:
            route = route_queries.route(region, code, answers, changes=changes)
        context.update(
            situations=situations,
            answers=answers,
            chosen=answers.as_values(),
            german_levels=rules.GERMAN_LEVELS,
            districts=region.districts,
            route=route,
            change_url=reverse("migrant:route_change"),
            # Without an account, the route's state travels in the change forms (GET).
            state=[*answers.as_values().items(), *changes.as_query(), ("show", "1")]
            if account is None
            else [],
            region_slug=region.slug,
        )
        return context


@method_decorator(never_cache, name="dispatch")
class RouteChangeView(MigrantPageMixin, View):
    """Add, remove or move a procedure, or set one's own date for it. Without an account the
    change is only a new address for the route (GET: nothing is stored); signed in, it is kept
    with the account (POST, with its token)."""

    def get(self, request, *args, **kwargs):
        if current_account(request) is not None:
            return redirect("migrant:route")  # signed in, changes are posted
        situations = core_queries.user_types(request.region).values_list("slug", flat=True)
        answers = rules.Answers.from_values(request.GET, list(situations), request.region.districts)
        changes = self._changed(Changes.from_query(request.GET), request.GET)
        query = urlencode([*answers.as_values().items(), *changes.as_query(), ("show", "1")])
        return redirect(f"{reverse('migrant:route')}?{query}")

    def post(self, request, *args, **kwargs):
        account = current_account(request)
        if account is None:
            return redirect("migrant:route")
        plan = sharing.plan_of(account)
        self._changed(Changes.from_plan(plan), request.POST).keep_in(plan)
        return redirect(reverse("migrant:route") + "#route-heading")

    @staticmethod
    def _changed(changes: Changes, data) -> Changes:
        shown = str(data.get("shown", ""))[:4000].split(",")
        return changes.changed(
            str(data.get("action", "")),
            str(data.get("slug", "")),
            shown=shown,
            day=str(data.get("day", "")),
        )


@method_decorator(never_cache, name="dispatch")
class RouteShareView(MigrantPageMixin, View):
    """Share the route with an organisation, renew or withdraw a share, answer a suggestion."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = current_account(request)
        if account is None:
            messages.info(request, _("Sign in to share your route with a counsellor."))
            return redirect("migrant:my_waypoint")
        action, data = request.POST.get("action", ""), request.POST
        try:
            if action == "share":
                organisation = (
                    sharing.organisations_to_share_with(request.region)
                    .filter(pk=_number(data.get("organisation")))
                    .first()
                )
                if organisation is None:
                    raise sharing.SharingError("organisation")
                created = sharing.share(
                    account,
                    organisation,
                    days=_number(data.get("days")),
                    includes_answers=data.get("answers") == "1",
                )
                messages.success(
                    request,
                    _("Give this code to %(organisation)s: %(code)s")
                    % {"organisation": organisation.name, "code": created.code},
                )
            elif action == "revoke":
                sharing.revoke(account, _number(data.get("share")))
                messages.success(request, _("The organisation no longer sees your route."))
            elif action == "renew":
                sharing.renew(account, _number(data.get("share")), days=_number(data.get("days")))
                messages.success(request, _("The organisation may see your route for longer."))
            elif action == "planning":
                sharing.count_for_planning(account, data.get("counted") == "1")
                messages.success(request, _("Your choice is saved."))
            elif action in ("accept", "reject"):
                sharing.decide(account, _number(data.get("note")), accept=action == "accept")
                messages.success(request, _("Your route is updated.") if action == "accept"
                                 else _("The suggestion is rejected."))  # fmt: skip
            else:
                raise sharing.SharingError("unknown")
        except sharing.SharingError as error:
            messages.error(request, SHARING_ERRORS.get(str(error), SHARING_ERRORS["unknown"])())
        return redirect(reverse("migrant:route") + "#sharing")


def _number(value) -> int:
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else 0
