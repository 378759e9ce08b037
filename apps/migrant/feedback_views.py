""" "Was this page helpful?" — the answer to the form at the foot of every content page: counted
without knowing who answered (see apps.feedback.services), then a thank-you page that leads
back."""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.core import languages
from apps.core.anonymous_forms import anonymous_form
from apps.core.params import item_key
from apps.feedback import services
from apps.feedback.limits import too_many_answers
from apps.feedback.models import MAX_COMMENT
from apps.migrant.views import MigrantPageMixin
from apps.search.models import Passage


def _page_of(region, code: str, item: tuple[int, int]) -> Passage | None:
    """The item's page as a reader of ``code`` sees it (its title and address)."""
    return (
        Passage.objects.filter(
            region=region, language=code, content_type_id=item[0], object_id=item[1]
        )
        .order_by("position")
        .first()
    )


def _page_context(page: Passage | None) -> dict:
    return {"page": page, "page_language": languages.get(page.text_language) if page else None}


@method_decorator(anonymous_form, name="dispatch")
class PageFeedbackView(MigrantPageMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        region, code = request.region, get_language()
        item = item_key(request.POST.get("item"))
        helpful = request.POST.get("helpful")
        comment = request.POST.get("comment", "")
        if item is None or helpful not in ("yes", "no"):
            return HttpResponseBadRequest(_("This answer could not be recorded."))
        page = _page_of(region, code, item)
        context = {"item_key": f"{item[0]}:{item[1]}", "comment": comment}
        context.update(_page_context(page), max_comment=MAX_COMMENT)
        if too_many_answers(request):
            context["error"] = _("Too many answers from your connection. Please try again later.")
            return render(request, "migrant/page_feedback.html", context, status=429)
        try:
            services.record(region, code, item, helpful=helpful == "yes", comment=comment)
        except services.FeedbackError as error:
            context["error"] = str(error)
            return render(request, "migrant/page_feedback.html", context, status=400)
        return redirect(f"{reverse('migrant:page_feedback_thanks')}?item={item[0]}:{item[1]}")


@method_decorator(never_cache, name="dispatch")
class PageFeedbackThanksView(MigrantPageMixin, TemplateView):
    template_name = "migrant/page_feedback.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        item = item_key(self.request.GET.get("item"))
        page = _page_of(self.request.region, get_language(), item) if item else None
        context.update(_page_context(page), thanked=True)
        return context
