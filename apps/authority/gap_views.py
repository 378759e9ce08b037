"""What people look for and do not find: searches with no or poor results, counted anonymously
per language, and the editors' answers to them (content linked to a search)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.core import downloads, languages
from apps.core.params import item_key
from apps.search import queries as search_queries
from apps.search import services as search_services
from apps.workspace.pages.base import WorkspacePage


def language_filter(value: str | None, region) -> str:
    """The language chosen in a filter, if the region offers it; else all ("")."""
    return value if value and value in region.enabled_languages else ""


class GapListView(WorkspacePage, TemplateView):
    template_name = "authority/search_gaps.html"

    def get(self, request, *args, **kwargs):
        region = request.region
        language = language_filter(request.GET.get("language"), region)
        if request.GET.get("format") == "csv":
            return downloads.csv_response(
                search_queries.gap_export_rows(region, language=language),
                f"search-gaps-{language or 'all'}.csv",
            )
        return self.render_to_response(
            self.get_context_data(
                language=language,
                languages=[languages.get(code) for code in region.enabled_languages],
                open_gaps=search_queries.gap_rows(region, language=language)[:100],
                handled=search_queries.gap_rows(region, language=language, handled=True)[:100],
                feedback=search_queries.answer_feedback(region, language=language),
                retention_days=settings.SEARCH_GAP_RETENTION_DAYS,
                threshold=settings.SEARCH_GAP_EXPORT_THRESHOLD,
            )
        )


class GapAnswerView(WorkspacePage, TemplateView):
    """Answer one search with content of the portal (or take the answer back)."""

    template_name = "authority/search_gap_answer.html"

    def gap(self) -> tuple[str, str]:
        params = self.request.POST if self.request.method == "POST" else self.request.GET
        language = language_filter(params.get("language"), self.request.region)
        query = (params.get("query") or "").strip()[:200]
        if not language or not query:
            raise Http404
        return language, query

    def get_context_data(self, **kwargs) -> dict:
        language, query = self.gap()
        return super().get_context_data(
            language=languages.get(language),
            query=query,
            items=search_queries.answerable_items(self.request.region),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        language, query = self.gap()
        region = request.region
        if request.POST.get("action") == "reopen":
            search_services.reopen_gap(region, language=language, query=query)
            messages.success(request, _("The search is open again."))
            return redirect(self.url("search_gaps"))
        item = self._item(request.POST.get("item", ""))
        if item is None:
            messages.error(request, _("Choose the content that answers this search."))
            return self.render_to_response(self.get_context_data())
        search_services.handle_gap(region, language=language, query=query, item=item)
        messages.success(request, _("Done: searches for it now show that content first."))
        return redirect(self.url("search_gaps"))

    def _item(self, value: str):
        """The searchable item ``<content type id>:<id>`` of this region, or None."""
        key = item_key(value)
        answerable = {
            (p.content_type_id, p.object_id)
            for p in search_queries.answerable_items(self.request.region)
        }
        if key not in answerable:
            return None
        model = ContentType.objects.get_for_id(key[0]).model_class()
        return model.objects.filter(pk=key[1]).first()
