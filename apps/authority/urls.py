from django.urls import path

from apps.authority import views

app_name = "authority"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("region/", views.RegionSettingsView.as_view(), name="region"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path(
        "organisations/<int:pk>/", views.OrganisationUpdateView.as_view(), name="organisation_edit"
    ),
    path("people/", views.MemberListView.as_view(), name="members"),
    path("people/grant/", views.GrantRoleView.as_view(), name="grant_role"),
    path(
        "people/<int:membership>/withdraw/", views.WithdrawRoleView.as_view(), name="withdraw_role"
    ),
    path("content/<str:type>/", views.ContentListView.as_view(), name="content_list"),
    path("content/<str:type>/new/", views.ContentCreateView.as_view(), name="content_create"),
    path("content/<str:type>/<int:pk>/", views.ContentDetailView.as_view(), name="content_detail"),
    path("content/<str:type>/<int:pk>/edit/", views.ContentEditView.as_view(), name="content_edit"),
    path(
        "content/<str:type>/<int:pk>/action/",
        views.ContentActionView.as_view(),
        name="content_action",
    ),
    path(
        "content/<str:type>/<int:pk>/compare/",
        views.ContentCompareView.as_view(),
        name="content_compare",
    ),
    path(
        "content/<str:type>/<int:pk>/translations/<str:language>/",
        views.TranslationEditView.as_view(),
        name="translation_edit",
    ),
    path("preview/", views.MarkdownPreviewView.as_view(), name="markdown_preview"),
    path("translations/", views.CoverageView.as_view(), name="coverage"),
    path("translations/queue/", views.TranslationQueueView.as_view(), name="translation_queue"),
    path("translations/files/", views.TranslationExportView.as_view(), name="translation_exchange"),
    path(
        "translations/files/import/",
        views.TranslationImportView.as_view(),
        name="translation_import",
    ),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events/new/", views.EventCreateView.as_view(), name="event_create"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", views.EventEditView.as_view(), name="event_edit"),
    path("events/<int:pk>/action/", views.EventActionView.as_view(), name="event_action"),
    path("events/<int:pk>/moderate/", views.EventModerateView.as_view(), name="event_moderate"),
    path(
        "events/<int:pk>/dates/<int:timestamp>/",
        views.EventDateView.as_view(),
        name="event_date",
    ),
    path(
        "events/<int:pk>/dates/<int:timestamp>/action/",
        views.EventDateActionView.as_view(),
        name="event_date_action",
    ),
    path("tips/", views.TipReviewListView.as_view(), name="tips"),
    path("tips/<int:pk>/review/", views.TipReviewView.as_view(), name="tip_review"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics/planning/", views.PlanningView.as_view(), name="planning"),
    path("statistics/datasets/<int:pk>/", views.DatasetDataView.as_view(), name="dataset_data"),
    path(
        "statistics/datasets/<int:pk>/uploads/<int:number>/",
        views.DatasetConfirmView.as_view(),
        name="dataset_confirm",
    ),
    path("topics/", views.TaxonomyView.as_view(), name="taxonomy"),
    path("topics/new/", views.TopicCreateView.as_view(), name="topic_create"),
    path("topics/<int:pk>/", views.TopicUpdateView.as_view(), name="topic_edit"),
    path("life-situations/new/", views.UserTypeCreateView.as_view(), name="user_type_create"),
    path("life-situations/<int:pk>/", views.UserTypeUpdateView.as_view(), name="user_type_edit"),
]
