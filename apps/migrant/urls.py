from django.urls import path

from apps.migrant import (
    account_views,
    event_views,
    feedback_views,
    offline_views,
    search_views,
    views,
)

app_name = "migrant"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("topics/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("information/", views.ArticleListView.as_view(), name="articles"),
    path("information/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("step-by-step/", views.ProcedureListView.as_view(), name="procedures"),
    path("step-by-step/<slug:slug>/", views.ProcedureDetailView.as_view(), name="procedure"),
    path(
        "step-by-step/<slug:slug>/checklist/",
        views.ProcedureChecklistView.as_view(),
        name="procedure_checklist",
    ),
    path("events/", event_views.EventListView.as_view(), name="events"),
    path("events/feed.ics", event_views.EventFeedView.as_view(), name="event_feed"),
    path(
        "events/feed/<str:kind>/<slug:slug>.ics",
        event_views.EventFeedView.as_view(),
        name="event_feed_of",
    ),
    path(
        "events/registration/<str:token>/",
        event_views.RegistrationView.as_view(),
        name="registration",
    ),
    path("events/<slug:slug>/", event_views.EventDetailView.as_view(), name="event"),
    path("events/<slug:slug>.ics", event_views.EventCalendarView.as_view(), name="event_ics"),
    path("places/", event_views.PlaceMapView.as_view(), name="places"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place"),
    path("documents/", views.DocumentListView.as_view(), name="documents"),
    path("documents/<slug:slug>/", views.DocumentDetailView.as_view(), name="document"),
    path("glossary/", views.GlossaryIndexView.as_view(), name="glossary"),
    path("glossary/<slug:slug>/", views.TermDetailView.as_view(), name="term"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("figures/", views.FiguresView.as_view(), name="figures"),
    path("figures/open-data/", views.OpenDataView.as_view(), name="open_data"),
    path(
        "figures/open-data/<slug:slug>.csv",
        views.DatasetDownloadView.as_view(),
        name="dataset_download",
    ),
    path("figures/charts/<slug:slug>/", views.ChartView.as_view(), name="chart"),
    path(
        "figures/charts/<slug:slug>.<str:extension>",
        views.ChartDownloadView.as_view(),
        name="chart_download",
    ),
    path("figures/<slug:slug>/", views.DashboardView.as_view(), name="dashboard"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("ask/", search_views.AskView.as_view(), name="ask"),
    path("ask/feedback/", search_views.AskFeedbackView.as_view(), name="ask_feedback"),
    path("my/", account_views.MyWaypointView.as_view(), name="my_waypoint"),
    path("my/sign-in/", account_views.SignInRequestView.as_view(), name="sign_in_request"),
    path("my/sign-in/<str:token>/", account_views.SignInLinkView.as_view(), name="sign_in_link"),
    path("my/sign-out/", account_views.SignOutView.as_view(), name="sign_out"),
    path("my/data.json", account_views.MyDataView.as_view(), name="my_data"),
    path("my/delete/", account_views.DeleteAccountView.as_view(), name="delete_account"),
    path("manifest.webmanifest", offline_views.manifest, name="manifest"),
    path("offline/", offline_views.OfflineView.as_view(), name="offline"),
    path("page-feedback/", feedback_views.PageFeedbackView.as_view(), name="page_feedback"),
    path(
        "page-feedback/thanks/",
        feedback_views.PageFeedbackThanksView.as_view(),
        name="page_feedback_thanks",
    ),
]
