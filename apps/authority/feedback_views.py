""" "Was this page helpful?" as the authority sees it, beside the searches that found nothing:
per page and language the answers, the least helpful first, and the comments to triage."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from apps.authority.gap_views import language_filter
from apps.core import languages
from apps.feedback import queries as feedback_queries
from apps.feedback import services as feedback_services
from apps.workspace.pages.base import WorkspacePage


class PageFeedbackView(WorkspacePage, TemplateView):
    template_name = "authority/page_feedback.html"

    def get_context_data(self, **kwargs) -> dict:
        region = self.request.region
        language = language_filter(self.request.GET.get("language"), region)
        show_done = self.request.GET.get("show") == "done"
        return super().get_context_data(
            language=language,
            languages=[languages.get(code) for code in region.enabled_languages],
            totals=feedback_queries.totals(region, language=language),
            pages=feedback_queries.page_rows(region, language=language)[:100],
            comments=feedback_queries.comment_rows(region, language=language, done=show_done),
            show_done=show_done,
            can_triage=self.request.user.has_perm("editorial.edit", self.scope),
            min_answers=feedback_queries.MIN_ANSWERS,
            retention_days=settings.PAGE_FEEDBACK_RETENTION_DAYS,
            **kwargs,
        )


class PageCommentView(WorkspacePage, TemplateView):
    """Mark a comment as dealt with, or open it again (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        done = request.POST.get("action") == "done"
        if request.POST.get("action") not in ("done", "reopen"):
            raise Http404
        if not feedback_services.mark_done(request.region, kwargs["pk"], request.user, done=done):
            raise Http404
        said = _("The comment is marked as done.") if done else _("The comment is open again.")
        messages.success(request, said)
        language = language_filter(request.POST.get("language"), request.region)
        query = f"?language={language}" if language else ""
        return redirect(self.url("page_feedback") + query + "#comments")
