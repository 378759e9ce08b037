"""The /api/v1/ URLconf: each domain app contributes its viewsets."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from apps.accounts.api import MeView, OrganisationViewSet
from apps.core.api import LanguageViewSet, RegionViewSet, TopicViewSet, UserTypeViewSet

router = DefaultRouter()
router.register("languages", LanguageViewSet, basename="language")
router.register("regions", RegionViewSet, basename="region")
router.register("topics", TopicViewSet, basename="topic")
router.register("user-types", UserTypeViewSet, basename="user-type")
router.register("organisations", OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("", include(router.urls)),
    path("me/", MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
