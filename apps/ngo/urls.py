from django.urls import path

from apps.ngo import views

app_name = "ngo"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<slug:org>/", views.DashboardView.as_view(), name="dashboard"),
    path("<slug:org>/profile/", views.ProfileView.as_view(), name="profile"),
    path("<slug:org>/events/", views.EventListView.as_view(), name="events"),
    path("<slug:org>/events/new/", views.EventCreateView.as_view(), name="event_create"),
    path("<slug:org>/events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("<slug:org>/events/<int:pk>/edit/", views.EventEditView.as_view(), name="event_edit"),
    path(
        "<slug:org>/events/<int:pk>/action/",
        views.EventActionView.as_view(),
        name="event_action",
    ),
    path(
        "<slug:org>/events/<int:pk>/dates/<int:timestamp>/",
        views.EventDateView.as_view(),
        name="event_date",
    ),
    path(
        "<slug:org>/events/<int:pk>/dates/<int:timestamp>/action/",
        views.EventDateActionView.as_view(),
        name="event_date_action",
    ),
    path("<slug:org>/places/", views.PlaceListView.as_view(), name="places"),
    path("<slug:org>/places/new/", views.PlaceCreateView.as_view(), name="place_create"),
    path("<slug:org>/places/<int:pk>/", views.PlaceEditView.as_view(), name="place_edit"),
    path("<slug:org>/tips/", views.TipListView.as_view(), name="tips"),
    path("<slug:org>/tips/new/", views.TipCreateView.as_view(), name="tip_create"),
    path("<slug:org>/tips/<int:pk>/", views.TipEditView.as_view(), name="tip_edit"),
    path(
        "<slug:org>/tips/<int:pk>/withdraw/", views.TipWithdrawView.as_view(), name="tip_withdraw"
    ),
    path("<slug:org>/people/", views.MemberListView.as_view(), name="members"),
    path("<slug:org>/people/grant/", views.GrantRoleView.as_view(), name="grant_role"),
    path(
        "<slug:org>/people/<int:membership>/withdraw/",
        views.WithdrawRoleView.as_view(),
        name="withdraw_role",
    ),
]
