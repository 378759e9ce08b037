"""The migrant portal: public, no account needed, one page per thing a newcomer looks for."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import get_language
from django.views.generic import TemplateView

from apps.accounts import queries as accounts_queries
from apps.core import queries as core_queries


class MigrantPageMixin:
    """Every migrant page is served in one of the region's enabled languages."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        region = request.region
        if region is None:
            return render(request, "migrant/no_region.html", status=503)
        if not region.enables(get_language()):
            return redirect(translate_url(request.get_full_path(), region.source_language))
        return super().dispatch(request, *args, **kwargs)


class HomeView(MigrantPageMixin, TemplateView):
    template_name = "migrant/home.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["topics"] = core_queries.topic_tree(self.request.region)
        context["user_types"] = core_queries.user_types(self.request.region)
        return context


class OrganisationListView(MigrantPageMixin, TemplateView):
    template_name = "migrant/organisations.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["organisations"] = accounts_queries.organisations_for_migrants(self.request.region)
        return context


class PrivacyView(MigrantPageMixin, TemplateView):
    template_name = "migrant/privacy.html"
