""" "My route": a few optional questions, and the procedures that apply, in the order their
papers require. The answers travel in the address (a GET form: works without JavaScript, and a
route can be bookmarked or printed); ``static/js/route.js`` remembers them on the device and
shows the device's ticks. Nothing is stored on the server for it."""

from __future__ import annotations

from django.utils.translation import get_language
from django.views.generic import TemplateView

from apps.core import queries as core_queries
from apps.migrant.views import MigrantPageMixin
from apps.migrant_accounts.session import current_account
from apps.routes import queries as route_queries
from apps.routes import rules


class RouteView(MigrantPageMixin, TemplateView):
    template_name = "migrant/route.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        situations = list(core_queries.user_types(region))
        answers = rules.Answers.from_values(
            self.request.GET, [situation.slug for situation in situations]
        )
        account = current_account(self.request)
        ticks = (
            {row.procedure.slug: row.ticks for row in account.progress.select_related("procedure")}
            if account
            else None
        )
        context.update(
            situations=situations,
            answers=answers,
            chosen=answers.as_values(),
            german_levels=rules.GERMAN_LEVELS,
            route=route_queries.route(region, code, answers, ticks=ticks)
            if answers.given or "show" in self.request.GET
            else None,
            region_slug=region.slug,
        )
        return context
