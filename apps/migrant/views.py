"""The migrant portal: public, no account needed, one page per thing a newcomer looks for."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.translation import get_language
from django.views.generic import TemplateView, View

from apps.articles import queries as article_queries
from apps.articles.models import ArticleKind
from apps.core import downloads, links, read_models, topics
from apps.core import queries as core_queries
from apps.glossary import matching as glossary_matching
from apps.glossary import queries as glossary_queries
from apps.migrant.kept import KeptContentMixin
from apps.migrant_accounts.session import current_account
from apps.places import queries as place_queries
from apps.procedures import queries as procedure_queries
from apps.speech import queries as speech_queries
from apps.statistics import queries as statistics_queries
from apps.statistics import services as statistics_services
from apps.translation.reader import attach_reader_translations, language_version
from apps.translation.reading import among, readings


class MigrantPageMixin:
    """Every migrant page is served in one of the region's enabled languages."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        region = request.region
        if region is None:
            return render(request, "migrant/no_region.html", status=503)
        if not region.enables(get_language()):
            return redirect(translate_url(request.get_full_path(), region.source_language))
        return super().dispatch(request, *args, **kwargs)


class HomeView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/home.html"
    content_template_name = "migrant/components/home_content.html"

    def content_context(self) -> dict:
        region, code = self.request.region, get_language()
        return {
            "topics": core_queries.topic_tree(region),
            "user_types": core_queries.user_types(region),
            "latest_articles": article_queries.latest(region, code, 4),
            "procedures": readings(procedure_queries.procedures_by_title(region, code), code),
        }


class TopicView(MigrantPageMixin, KeptContentMixin, TemplateView):
    """Everything on one topic: procedures first, then information, courses and events (kept a
    minute at most: dates drop out once they begin), and the organisations that help
    (apps.core.topics)."""

    template_name = "migrant/topic.html"
    content_template_name = "migrant/components/topic_content.html"
    moment_seconds = 60

    def content_context(self) -> dict:
        page = topics.topic_page(
            self.request.region,
            get_language(),
            self.kwargs["slug"],
            read_translations=attach_reader_translations,
        )
        if page is None:
            raise Http404
        return {"page": page, "topic": page.topic}

    def frame_context(self, context: dict) -> dict:
        topic = context["topic"]
        return {"topic_name": topic.name, "topic_description": topic.description}

    def personal(self) -> bool:
        return current_account(self.request) is not None  # the follow button


class ArticleListView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/article_list.html"
    content_template_name = "migrant/components/article_list_content.html"

    def content_context(self) -> dict:
        region, code = self.request.region, get_language()
        topic = self.request.GET.get("topic", "")
        user_type = self.request.GET.get("situation", "")
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in ArticleKind.values else ""
        return dict(
            articles=article_queries.article_list(
                region, code, topic=topic, user_type=user_type, kind=kind
            ),
            topics=core_queries.topic_tree(region),
            user_types=core_queries.user_types(region),
            kinds=ArticleKind.choices,
            chosen={"topic": topic, "situation": user_type, "kind": kind},
        )


class ArticleDetailView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/article_detail.html"
    content_template_name = "migrant/components/article_detail_content.html"

    def content_context(self) -> dict:
        region, code = self.request.region, get_language()
        show_original = self.request.GET.get("show") == "original"
        page = article_queries.article_page(
            region, code, self.kwargs["slug"], original=show_original
        )
        if page is None:
            raise Http404
        return {
            "article": page.article,
            "version": page.version,
            "player": speech_queries.player(page.article, page.version),
            "show_original": show_original,
            "reader_language": page.reader_version,
        }

    def frame_context(self, context: dict) -> dict:
        return {"article": context["article"], "version": context["version"]}


class GlossaryIndexView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/glossary_index.html"
    content_template_name = "migrant/components/glossary_index_content.html"

    def content_context(self) -> dict:
        search = self.request.GET.get("q", "").strip()[:100]
        scripts = glossary_queries.glossary_index(
            self.request.region, get_language(), search=search
        )
        return {"scripts": scripts, "search": search}


class TermDetailView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/term_detail.html"
    content_template_name = "migrant/components/term_detail_content.html"

    def content_context(self) -> dict:
        region, code, slug = self.request.region, get_language(), self.kwargs["slug"]
        page = self.term_page(region, code, slug)
        if page is None:
            raise Http404
        return {**page, "player": speech_queries.player(page["term"], page["version"])}

    def frame_context(self, context: dict) -> dict:
        return {"term": context["term"], "version": context["version"]}

    @staticmethod
    def term_page(region, code: str, slug: str) -> dict | None:
        """The term, its explanation and where it is used, each in the reader's language (the
        translations of all it lists read in one query)."""
        term = glossary_queries.term_for_reader(region, code, slug, related_texts=False)
        if term is None:
            return None
        version = language_version(term, code)
        uses = glossary_matching.uses_of(term)
        listed = {
            "related": list(term.related.all()),
            "articles": among(
                article_queries.for_reader(region, code), uses.get("articles.article")
            ),
            "documents": among(
                procedure_queries.documents_for_reader(region, code),
                uses.get("procedures.document"),
            ),
            "procedures": among(
                procedure_queries.procedures_for_reader(region, code),
                uses.get("procedures.procedure"),
            ),
        }
        attach_reader_translations([item for items in listed.values() for item in items], code)
        return {
            "term": term,
            "version": version,
            "original": term.original_beside(version.language.code),
            **{name: readings(items, code) for name, items in listed.items()},
        }


class DocumentListView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/document_list.html"
    content_template_name = "migrant/components/document_list_content.html"

    def content_context(self) -> dict:
        return {"documents": procedure_queries.document_list(self.request.region, get_language())}


class DocumentDetailView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/document_detail.html"
    content_template_name = "migrant/components/document_detail_content.html"

    def content_context(self) -> dict:
        page = procedure_queries.document_page(
            self.request.region, get_language(), self.kwargs["slug"]
        )
        if page is None:
            raise Http404
        return {
            "document": page.document,
            "version": page.version,
            "player": speech_queries.player(page.document, page.version),
            "original": page.original,
            "produced_by": page.produced_by,
            "needed_by": page.needed_by,
        }

    def frame_context(self, context: dict) -> dict:
        return {"document": context["document"], "version": context["version"]}


class ProcedureListView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/procedure_list.html"
    content_template_name = "migrant/components/procedure_list_content.html"

    def content_context(self) -> dict:
        region, code = self.request.region, get_language()
        topic = self.request.GET.get("topic", "")
        user_type = self.request.GET.get("situation", "")
        return dict(
            procedures=procedure_queries.procedure_list(
                region, code, topic=topic, user_type=user_type
            ),
            topics=core_queries.topic_tree(region),
            user_types=core_queries.user_types(region),
            chosen={"topic": topic, "situation": user_type},
        )


class ProcedureDetailView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/procedure_detail.html"
    content_template_name = "migrant/components/procedure_detail_content.html"

    def personal(self) -> bool:
        # A signed-in migrant's ticks are kept with the account, and the follow button is theirs.
        return current_account(self.request) is not None

    def frame_context(self, context: dict) -> dict:
        return {"procedure": context["page"].procedure, "version": context["version"]}

    def content_context(self) -> dict:
        region, code, slug = self.request.region, get_language(), self.kwargs["slug"]
        page = procedure_queries.procedure_page(region, code, slug)
        if page is None:
            raise Http404

        # What every reader of this language sees alike — the texts with their glossary terms
        # marked, the steps rendered — is kept until the content changes; per request there is
        # only the frame (the reader's account, read-aloud, the form tokens) left to render.
        texts = read_models.kept(
            "procedure-content",
            (region.pk, code, slug),
            lambda: self.rendered_texts(page, region, code),
        )
        return dict(
            page=page,
            version=page.version,
            player=speech_queries.player(page.procedure, page.version),
            original_url=links.public_url(page.procedure, region.source_language),
            **texts,
        )

    def rendered_texts(self, page, region, code: str) -> dict:
        """The introduction, the steps section and the glossary notes of ``page``."""

        def explained(html, language: str, prefix: str):
            return glossary_matching.explain(
                html, region=region, text_language=language, reader_language=code, prefix=prefix
            )

        intro = explained(page.version.html["body"], page.version.language.code, "intro")
        steps = [
            (step, explained(step.body_html, step.language.code, f"s{position}"))
            for position, step in enumerate(page.steps, start=1)
        ]
        return {
            "intro": intro,
            "sections": render_to_string(
                "migrant/components/procedure_sections.html", {"page": page, "steps": steps}
            ),
            "notes": glossary_matching.merge_notes(intro, *(text for _, text in steps)),
        }


class ProcedureChecklistView(MigrantPageMixin, TemplateView):
    """Everything to bring and do on one printable page, with boxes to tick by hand."""

    template_name = "migrant/procedure_checklist.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        page = procedure_queries.procedure_page(self.request.region, get_language(), kwargs["slug"])
        if page is None:
            raise Http404
        context.update(page=page, version=page.version)
        return context


class PlaceDetailView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/place_detail.html"
    content_template_name = "migrant/components/place_detail_content.html"

    def content_context(self) -> dict:
        region, code = self.request.region, get_language()
        place = get_object_or_404(
            place_queries.places_for_reader(region, code), slug=self.kwargs["slug"]
        )
        version = language_version(place, code)
        return {
            "place": place,
            "version": version,
            "player": speech_queries.player(place, version),
            "procedures": procedure_queries.procedures_at(region, code, place),
            "map_url": settings.MAP_LINK_URL.format(lat=place.latitude, lon=place.longitude)
            if place.has_position
            else "",
        }

    def frame_context(self, context: dict) -> dict:
        return {"place": context["place"], "version": context["version"]}


class OrganisationListView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/organisations.html"
    content_template_name = "migrant/components/organisations_content.html"

    def content_context(self) -> dict:
        region = self.request.region
        return {"organisations": place_queries.organisations_page(region, get_language())}

    def personal(self) -> bool:
        return current_account(self.request) is not None  # the follow buttons


class PrivacyView(MigrantPageMixin, TemplateView):
    template_name = "migrant/privacy.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            retention_days=settings.EVENT_RETENTION_DAYS,
            feedback_days=settings.PAGE_FEEDBACK_RETENTION_DAYS,
            account_days=settings.MIGRANT_ACCOUNT_INACTIVE_DAYS,
            **kwargs,
        )


class FiguresView(MigrantPageMixin, KeptContentMixin, TemplateView):
    """Migration in figures: the published dashboards."""

    template_name = "migrant/figures.html"
    content_template_name = "migrant/components/figures_content.html"

    def content_context(self) -> dict:
        region = self.request.region
        return {"dashboards": statistics_queries.dashboard_list(region, get_language())}


class DashboardView(MigrantPageMixin, KeptContentMixin, TemplateView):
    template_name = "migrant/dashboard.html"
    content_template_name = "migrant/components/dashboard_content.html"

    def content_context(self) -> dict:
        code = get_language()
        dashboard = get_object_or_404(
            statistics_queries.published_dashboards(self.request.region, code),
            slug=self.kwargs["slug"],
        )
        version = language_version(dashboard, code)
        return {
            "dashboard": dashboard,
            "version": version,
            "charts": statistics_queries.dashboard_charts(dashboard, code),
        }

    def frame_context(self, context: dict) -> dict:
        return {"title": context["version"].texts["title"]}


def _published_chart(request, slug: str):
    shown = statistics_queries.chart_for_reader(request.region, get_language(), slug)
    if shown is None:
        raise Http404
    return shown


class ChartView(MigrantPageMixin, TemplateView):
    template_name = "migrant/chart.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["view_"] = _published_chart(self.request, kwargs["slug"])
        return context


class ChartDownloadView(MigrantPageMixin, View):
    """A chart's table as CSV or JSON: the figures on the page, suppressed the same way."""

    def get(self, request, slug: str, extension: str) -> HttpResponse:
        shown = _published_chart(request, slug)
        if shown.table is None or extension not in ("csv", "json"):
            raise Http404
        name = f"{slug}-{get_language()}.{extension}"
        if extension == "json":
            return downloads.json_response(
                {"title": shown.version.texts["title"], **shown.data}, name
            )
        return downloads.csv_response(statistics_queries.chart_csv_rows(shown.table), name)


class OpenDataView(MigrantPageMixin, TemplateView):
    template_name = "migrant/open_data.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["datasets"] = statistics_queries.dataset_list(self.request.region, get_language())
        context["threshold"] = statistics_services.threshold()
        return context


class DatasetDownloadView(MigrantPageMixin, View):
    def get(self, request, slug: str) -> HttpResponse:
        datasets = statistics_queries.published_datasets(request.region, get_language())
        dataset = get_object_or_404(datasets, slug=slug)
        header, rows = statistics_queries.published_dataset_rows(
            statistics_queries.current_version_of(dataset)
        )
        return downloads.csv_response([header, *rows], f"{slug}.csv")
