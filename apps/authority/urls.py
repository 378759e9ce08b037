"""The authority workspace's routes, each with the permission it needs (on the region)."""

from apps.authority import feedback_views, gap_views, views
from apps.authority.policy import AUTHORITY
from apps.workspace.routes import routes_for
from apps.workspace.urls import (
    content_routes,
    event_routes,
    people_routes,
    shared_route_routes,
    translation_routes,
)

app_name = "authority"


_page = routes_for(AUTHORITY)

urlpatterns = [
    _page("", views.DashboardView, "dashboard", "authority.view_workspace"),
    _page("region/", views.RegionSettingsView, "region", "authority.change_region", ("save",)),
    _page("organisations/", views.OrganisationListView, "organisations",
          "authority.manage_organisations"),
    _page("organisations/new/", views.OrganisationCreateView, "organisation_create",
          "authority.manage_organisations", ("save",)),
    _page("organisations/<int:pk>/", views.OrganisationUpdateView, "organisation_edit",
          "authority.manage_organisations", ("save",)),
    _page("tips/", views.TipReviewListView, "tips", "procedures.review_tips"),
    _page("tips/<int:pk>/review/", views.TipReviewView, "tip_review", "procedures.review_tips",
          ("approve", "reject")),
    _page("statistics/", views.StatisticsView, "statistics", "statistics.manage"),
    _page("statistics/planning/", views.PlanningView, "planning", "statistics.view_planning"),
    _page("statistics/datasets/<int:pk>/", views.DatasetDataView, "dataset_data",
          "statistics.manage", ("upload",)),
    _page("statistics/datasets/<int:pk>/uploads/<int:number>/", views.DatasetConfirmView,
          "dataset_confirm", "statistics.manage", ("confirm",)),
    _page("search-gaps/", gap_views.GapListView, "search_gaps", "editorial.view"),
    _page("search-gaps/answer/", gap_views.GapAnswerView, "search_gap_answer", "editorial.edit",
          ("handle", "reopen")),
    _page("page-feedback/", feedback_views.PageFeedbackView, "page_feedback", "editorial.view"),
    _page("page-feedback/comments/<int:pk>/", feedback_views.PageCommentView, "page_comment",
          "editorial.edit", ("done", "reopen")),
    _page("topics/", views.TaxonomyView, "taxonomy", "authority.manage_taxonomy"),
    _page("topics/new/", views.TopicCreateView, "topic_create", "authority.manage_taxonomy",
          ("save",)),
    _page("topics/<int:pk>/", views.TopicUpdateView, "topic_edit", "authority.manage_taxonomy",
          ("save",)),
    _page("life-situations/new/", views.UserTypeCreateView, "user_type_create",
          "authority.manage_taxonomy", ("save",)),
    _page("life-situations/<int:pk>/", views.UserTypeUpdateView, "user_type_edit",
          "authority.manage_taxonomy", ("save",)),
    *content_routes(AUTHORITY),
    *translation_routes(AUTHORITY),
    *event_routes(AUTHORITY, moderate_permission="events.moderate"),
    *people_routes(AUTHORITY, reset_permission="accounts.reset_two_factor"),
    *shared_route_routes(AUTHORITY, permission="authority.view_workspace"),
]  # fmt: skip
