"""The /api/v1/ URLconf: each domain app contributes its viewsets."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from apps.accounts.api import MeView, OrganisationViewSet
from apps.articles.api import ArticleViewSet
from apps.core.api import LanguageViewSet, RegionViewSet, TopicViewSet, UserTypeViewSet
from apps.editorial import api as editorial_api
from apps.events.api import EventViewSet
from apps.glossary.api import TermViewSet
from apps.migrant_accounts.api import (
    FollowDetailView,
    FollowListView,
    ProgressDetailView,
    ProgressListView,
    SavedPageListView,
)
from apps.places.api import PlaceViewSet
from apps.procedures.api import DocumentViewSet, ProcedureViewSet
from apps.search.api import AssistantView, SearchView
from apps.statistics.api import ChartViewSet, DashboardViewSet, DatasetViewSet
from apps.workspace.routes import route


class Router(DefaultRouter):
    """DRF's router, but a slug in a URL is a slug, as in the portal's ``<slug:>`` URLs: any
    other text is a 404 before a query runs (PostgreSQL refuses some characters, like NUL)."""

    SLUG = r"[-a-zA-Z0-9_]+"

    def get_lookup_regex(self, viewset, lookup_prefix: str = "") -> str:
        field = getattr(viewset, "lookup_field", "pk")
        if field == "slug" and not getattr(viewset, "lookup_value_regex", None):
            kwarg = getattr(viewset, "lookup_url_kwarg", None) or field
            return f"(?P<{lookup_prefix}{kwarg}>{self.SLUG})"
        return super().get_lookup_regex(viewset, lookup_prefix)


router = Router()
router.register("languages", LanguageViewSet, basename="language")
router.register("regions", RegionViewSet, basename="region")
router.register("topics", TopicViewSet, basename="topic")
router.register("user-types", UserTypeViewSet, basename="user-type")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("articles", ArticleViewSet, basename="article")
router.register("glossary", TermViewSet, basename="term")
router.register("documents", DocumentViewSet, basename="document")
router.register("procedures", ProcedureViewSet, basename="procedure")
router.register("places", PlaceViewSet, basename="place")
router.register("datasets", DatasetViewSet, basename="dataset")
router.register("charts", ChartViewSet, basename="chart")
router.register("dashboards", DashboardViewSet, basename="dashboard")
router.register("events", EventViewSet, basename="event")

urlpatterns = [
    path("", include(router.urls)),
    path("me/", MeView.as_view(), name="me"),
    # A signed-in migrant's own data (their session, never a staff token).
    path("my/progress/", ProgressListView.as_view(), name="my-progress"),
    path("my/progress/<slug:slug>/", ProgressDetailView.as_view(), name="my-progress-detail"),
    path("my/follows/", FollowListView.as_view(), name="my-follows"),
    path("my/saved/", SavedPageListView.as_view(), name="my-saved"),
    path(
        "my/follows/<slug:kind>/<int:object_id>/",
        FollowDetailView.as_view(),
        name="my-follow-detail",
    ),
    path("search/", SearchView.as_view(), name="search"),
    path("assistant/", AssistantView.as_view(), name="assistant"),
    # The staff API: each route with the permission it needs on the region.
    route("editorial/coverage/", editorial_api.CoverageView, "editorial-coverage",
          permission="editorial.view_translations"),
    route("editorial/queue/", editorial_api.QueueView, "editorial-queue",
          permission="editorial.view_translations"),
    route("editorial/items/<str:type>/<int:pk>/", editorial_api.ItemWorkflowView,
          "editorial-item", permission="editorial.view"),
    route("editorial/items/<str:type>/<int:pk>/compare/", editorial_api.CompareView,
          "editorial-compare", permission="editorial.view"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]  # fmt: skip
