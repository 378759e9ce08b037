"""Search for migrants: a results page that works without JavaScript, from the field in the
header of every page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import get_language
from django.views.generic import TemplateView

from apps.core import queries as core_queries
from apps.migrant.views import MigrantPageMixin
from apps.search import queries as search_queries
from apps.search import services as search_services


def page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 5 else 1


class SearchView(MigrantPageMixin, TemplateView):
    template_name = "migrant/search.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code, params = self.request.region, get_language(), self.request.GET
        asked = "q" in params
        results = search_queries.search(
            region,
            code,
            params.get("q", ""),
            kind=params.get("kind", ""),
            topic=params.get("topic", ""),
            page=page_number(params.get("page")),
        )
        search_services.note_search(region, code, results)

        def link(**changes) -> str:
            values = {"q": results.query.text, "kind": results.kind, "topic": results.topic}
            values.update(changes)
            return "?" + urlencode({key: value for key, value in values.items() if value})

        context.update(
            results=results,
            asked=asked,
            topics=core_queries.topic_tree(region),
            kind_links=[
                (label, count, link(kind=kind), kind == results.kind)
                for kind, label, count in results.kinds
            ],
            all_kinds_link=link(kind=""),
            previous_link=link(page=results.page - 1) if results.page > 1 else "",
            next_link=link(page=results.page + 1) if results.page < results.pages else "",
        )
        return context
