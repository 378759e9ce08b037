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
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.core import queries as core_queries
from apps.migrant.views import MigrantPageMixin
from apps.migrant_accounts import services as account_services
from apps.migrant_accounts.session import current_account
from apps.routes import queries as route_queries
from apps.routes import rules, sharing

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
        answers = rules.Answers.from_values(self.request.GET, slugs)
        asked = answers.given or "show" in self.request.GET
        account = current_account(self.request)
        ticks, added = None, []
        if account is not None:
            plan = sharing.plan_of(account)
            if asked:
                sharing.keep_answers(account, answers)
            elif plan.answers:
                answers, asked = rules.Answers.from_values(plan.answers, slugs), True
            added = plan.added
            ticks = account_services.ticks_by_procedure(account)
            context.update(
                account=account,
                shares=sharing.shares_of(account),
                organisations=sharing.organisations_to_share_with(region),
                plan=plan,
                durations=sharing.DURATIONS,
            )
        context.update(
            situations=situations,
            answers=answers,
            chosen=answers.as_values(),
            german_levels=rules.GERMAN_LEVELS,
            route=route_queries.route(region, code, answers, ticks=ticks, added=added)
            if asked
            else None,
            region_slug=region.slug,
        )
        return context


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
