"""The NGO workspace's routes, each with the permission it needs (on the organisation)."""

from django.urls import include, path

from apps.ngo import views
from apps.ngo.policy import NGO
from apps.workspace.routes import SIGNED_IN, route, routes_for
from apps.workspace.urls import event_routes, people_routes, shared_route_routes

app_name = "ngo"


_page = routes_for(NGO)

urlpatterns = [
    route("", views.IndexView, "index", permission=SIGNED_IN),
    _page("<slug:org>/", views.DashboardView, "dashboard", "ngo.view_workspace"),
    _page("<slug:org>/profile/", views.ProfileView, "profile", "ngo.change_profile", ("save",)),
    _page("<slug:org>/places/", views.PlaceListView, "places", "ngo.change_profile"),
    _page("<slug:org>/places/new/", views.PlaceCreateView, "place_create", "ngo.change_profile",
          ("save", "publish")),
    _page("<slug:org>/places/<int:pk>/", views.PlaceEditView, "place_edit",
          "ngo.change_profile", ("save", "publish")),
    _page("<slug:org>/tips/", views.TipListView, "tips", "ngo.suggest_tips"),
    _page("<slug:org>/tips/new/", views.TipCreateView, "tip_create", "ngo.suggest_tips",
          ("save",)),
    _page("<slug:org>/tips/<int:pk>/", views.TipEditView, "tip_edit", "ngo.suggest_tips",
          ("save",)),
    _page("<slug:org>/tips/<int:pk>/withdraw/", views.TipWithdrawView, "tip_withdraw",
          "ngo.suggest_tips", ("withdraw",)),
    path("<slug:org>/", include([
        *event_routes(NGO),
        *people_routes(NGO),
        *shared_route_routes(NGO, permission="ngo.view_workspace"),
    ])),
]  # fmt: skip
