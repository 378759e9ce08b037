"""Search for migrants: a results page that works without JavaScript, from the field in the
header of every page; and the assistant, which answers a question from the portal's pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.core import queries as core_queries
from apps.core.anonymous_forms import anonymous_form
from apps.migrant.views import MigrantPageMixin
from apps.search import assistant
from apps.search import queries as search_queries
from apps.search import services as search_services
from apps.search.limits import too_many_questions
from apps.search.query import parse


def page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 5 else 1


# Each search is counted for the content-gap view: no cache may answer it instead.
@method_decorator(never_cache, name="dispatch")
class SearchView(MigrantPageMixin, TemplateView):
    template_name = "migrant/search.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code, params = self.request.region, get_language(), self.request.GET
        asked = "q" in params
        results = search_queries.search(
            region,
            code,
            params.get("q", ""),
            kind=params.get("kind", ""),
            topic=params.get("topic", ""),
            page=page_number(params.get("page")),
        )
        search_services.note_search(region, code, results)

        def link(**changes) -> str:
            values = {"q": results.query.text, "kind": results.kind, "topic": results.topic}
            values.update(changes)
            return "?" + urlencode({key: value for key, value in values.items() if value})

        context.update(
            results=results,
            asked=asked,
            topics=core_queries.topic_tree(region),
            kind_links=[
                (label, count, link(kind=kind), kind == results.kind)
                for kind, label, count in results.kinds
            ],
            all_kinds_link=link(kind=""),
            previous_link=link(page=results.page - 1) if results.page > 1 else "",
            next_link=link(page=results.page + 1) if results.page < results.pages else "",
        )
        return context


@method_decorator(never_cache, name="dispatch")  # an answer is for one question, and counted
class AskView(MigrantPageMixin, TemplateView):
    """The assistant: a question in the reader's words, answered from the portal's pages.
    A plain form and a results page; nothing needs JavaScript."""

    template_name = "migrant/ask.html"

    def get(self, request, *args, **kwargs):
        region, code = request.region, get_language()
        text = request.GET.get("q")
        context = self.get_context_data(**kwargs)
        if text is not None and text.strip() and too_many_questions(request):
            context.update(limited=True, question=text[: assistant.MAX_QUESTION])
            return self.render_to_response(context, status=429)
        answer = assistant.ask(region, code, text)
        if answer.asked and not answer.answered:
            search_services.record_unanswered(region, code, answer.normalised)
        context.update(
            answer=answer,
            asked=text is not None,
            question=answer.question.text,
            thanked=request.GET.get("thanks") == "1",
            no_answer=assistant.NO_ANSWER,
        )
        return self.render_to_response(context)


@method_decorator(anonymous_form, name="dispatch")
class AskFeedbackView(MigrantPageMixin, View):
    """ "Did this help?" — counted anonymously (see apps.search.services.record_feedback);
    then back to the answer, which says thank you."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        region, code = request.region, get_language()
        text = request.POST.get("q", "")
        helpful = request.POST.get("helpful")
        question = parse(text, code, region.source_language, limit=assistant.MAX_QUESTION)
        if helpful not in ("yes", "no") or question.problem:
            return HttpResponseBadRequest(_("This answer could not be recorded."))
        if not too_many_questions(request):
            search_services.record_feedback(
                region, code, question.normalised, helpful=helpful == "yes"
            )
        query = urlencode({"q": question.text, "thanks": "1"})
        return redirect(f"{reverse('migrant:ask')}?{query}#feedback")
