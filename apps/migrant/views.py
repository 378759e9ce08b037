"""The migrant portal: public, no account needed, one page per thing a newcomer looks for."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language
from django.views.generic import TemplateView, View

from apps.articles import queries as article_queries
from apps.articles.models import ArticleKind
from apps.core import downloads, links, read_models, topics
from apps.core import queries as core_queries
from apps.glossary import matching as glossary_matching
from apps.glossary import queries as glossary_queries
from apps.places import queries as place_queries
from apps.procedures import queries as procedure_queries
from apps.speech import queries as speech_queries
from apps.statistics import queries as statistics_queries
from apps.statistics import services as statistics_services
from apps.translation.reader import language_version
from apps.translation.reading import readings


class MigrantPageMixin:
    """Every migrant page is served in one of the region's enabled languages."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        region = request.region
        if region is None:
            return render(request, "migrant/no_region.html", status=503)
        if not region.enables(get_language()):
            return redirect(translate_url(request.get_full_path(), region.source_language))
        return super().dispatch(request, *args, **kwargs)


class HomeView(MigrantPageMixin, TemplateView):
    template_name = "migrant/home.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        # Kept until the content changes or the day ends (articles have validity periods).
        context.update(
            read_models.kept(
                "home-page",
                (region.pk, code, timezone.localdate()),
                lambda: self.home(region, code),
            )
        )
        return context

    @staticmethod
    def home(region, code: str) -> dict:
        return {
            "topics": core_queries.topic_tree(region),
            "user_types": list(core_queries.user_types(region)),
            "latest_articles": article_queries.latest(region, code, 4),
            "procedures": readings(procedure_queries.procedures_by_title(region, code), code),
        }


class TopicView(MigrantPageMixin, TemplateView):
    """Everything on one topic: procedures first, then information, courses and events, and
    the organisations that help (apps.core.topics)."""

    template_name = "migrant/topic.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        page = topics.topic_page(self.request.region, get_language(), kwargs["slug"])
        if page is None:
            raise Http404
        context.update(page=page, topic=page.topic)
        return context


class ArticleListView(MigrantPageMixin, TemplateView):
    template_name = "migrant/article_list.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        topic = self.request.GET.get("topic", "")
        user_type = self.request.GET.get("situation", "")
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in ArticleKind.values else ""
        context.update(
            articles=article_queries.article_list(
                region, code, topic=topic, user_type=user_type, kind=kind
            ),
            topics=core_queries.topic_tree(region),
            user_types=core_queries.user_types(region),
            kinds=ArticleKind.choices,
            chosen={"topic": topic, "situation": user_type, "kind": kind},
        )
        return context


class ArticleDetailView(MigrantPageMixin, TemplateView):
    template_name = "migrant/article_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        show_original = self.request.GET.get("show") == "original"
        page = article_queries.article_page(region, code, kwargs["slug"], original=show_original)
        if page is None:
            raise Http404
        context.update(
            article=page.article,
            version=page.version,
            player=speech_queries.player(page.article, page.version),
            show_original=show_original,
            reader_language=page.reader_version,
        )
        return context


class GlossaryIndexView(MigrantPageMixin, TemplateView):
    template_name = "migrant/glossary_index.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        search = self.request.GET.get("q", "").strip()[:100]
        if search:
            scripts = glossary_queries.glossary_index(region, code, search=search)
        else:  # the whole index is the same for every reader until the content changes
            scripts = read_models.kept(
                "glossary-index",
                (region.pk, code),
                lambda: glossary_queries.glossary_index(region, code),
            )
        context.update(scripts=scripts, search=search)
        return context


class TermDetailView(MigrantPageMixin, TemplateView):
    template_name = "migrant/term_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code, slug = self.request.region, get_language(), kwargs["slug"]
        page = read_models.kept(
            "term-page", (region.pk, code, slug), lambda: self.term_page(region, code, slug)
        )
        if page is None:
            raise Http404
        context.update(page, player=speech_queries.player(page["term"], page["version"]))
        return context

    @staticmethod
    def term_page(region, code: str, slug: str) -> dict | None:
        """The term, its explanation and where it is used, each in the reader's language: kept
        until the content changes (apps.core.read_models)."""
        term = glossary_queries.term_for_reader(region, code, slug)
        if term is None:
            return None
        version = language_version(term, code)
        uses = glossary_matching.uses_of(term)
        return {
            "term": term,
            "version": version,
            "original": term.original_beside(version.language.code),
            "related": readings(term.related.all(), code),
            "articles": list(
                article_queries.articles_among(region, code, uses.get("articles.article", []))
            ),
            "documents": list(
                procedure_queries.documents_among(region, code, uses.get("procedures.document", []))
            ),
            "procedures": list(
                procedure_queries.procedures_among(
                    region, code, uses.get("procedures.procedure", [])
                )
            ),
        }


class DocumentListView(MigrantPageMixin, TemplateView):
    template_name = "migrant/document_list.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["documents"] = procedure_queries.document_list(self.request.region, get_language())
        return context


class DocumentDetailView(MigrantPageMixin, TemplateView):
    template_name = "migrant/document_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        page = procedure_queries.document_page(self.request.region, get_language(), kwargs["slug"])
        if page is None:
            raise Http404
        context.update(
            document=page.document,
            version=page.version,
            player=speech_queries.player(page.document, page.version),
            original=page.original,
            produced_by=page.produced_by,
            needed_by=page.needed_by,
        )
        return context


class ProcedureListView(MigrantPageMixin, TemplateView):
    template_name = "migrant/procedure_list.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        topic = self.request.GET.get("topic", "")
        user_type = self.request.GET.get("situation", "")
        context.update(
            procedures=procedure_queries.procedure_list(
                region, code, topic=topic, user_type=user_type
            ),
            topics=core_queries.topic_tree(region),
            user_types=core_queries.user_types(region),
            chosen={"topic": topic, "situation": user_type},
        )
        return context


class ProcedureDetailView(MigrantPageMixin, TemplateView):
    template_name = "migrant/procedure_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        page = procedure_queries.procedure_page(region, code, kwargs["slug"])
        if page is None:
            raise Http404

        # What every reader of this language sees alike — the texts with their glossary terms
        # marked, the steps rendered — is kept until the content changes; per request there is
        # only the frame (the reader's account, read-aloud, the form tokens) left to render.
        content = read_models.kept(
            "procedure-content",
            (region.pk, code, kwargs["slug"]),
            lambda: self.rendered_content(page, region, code),
        )
        context.update(
            page=page,
            version=page.version,
            player=speech_queries.player(page.procedure, page.version),
            original_url=links.public_url(page.procedure, region.source_language),
            **content,
        )
        return context

    def rendered_content(self, page, region, code: str) -> dict:
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


class PlaceDetailView(MigrantPageMixin, TemplateView):
    template_name = "migrant/place_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region, code = self.request.region, get_language()
        place = get_object_or_404(
            place_queries.places_for_reader(region, code), slug=kwargs["slug"]
        )
        version = language_version(place, code)
        context.update(
            place=place,
            version=version,
            player=speech_queries.player(place, version),
            procedures=procedure_queries.procedures_at(region, code, place),
            map_url=settings.MAP_LINK_URL.format(lat=place.latitude, lon=place.longitude)
            if place.has_position
            else "",
        )
        return context


class OrganisationListView(MigrantPageMixin, TemplateView):
    template_name = "migrant/organisations.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["organisations"] = place_queries.organisations_page(
            self.request.region, get_language()
        )
        return context


class PrivacyView(MigrantPageMixin, TemplateView):
    template_name = "migrant/privacy.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            retention_days=settings.EVENT_RETENTION_DAYS,
            feedback_days=settings.PAGE_FEEDBACK_RETENTION_DAYS,
            account_days=settings.MIGRANT_ACCOUNT_INACTIVE_DAYS,
            **kwargs,
        )


class FiguresView(MigrantPageMixin, TemplateView):
    """Migration in figures: the published dashboards."""

    template_name = "migrant/figures.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["dashboards"] = statistics_queries.dashboard_list(
            self.request.region, get_language()
        )
        return context


class DashboardView(MigrantPageMixin, TemplateView):
    template_name = "migrant/dashboard.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        code = get_language()
        dashboard = get_object_or_404(
            statistics_queries.published_dashboards(self.request.region, code),
            slug=kwargs["slug"],
        )
        context.update(
            dashboard=dashboard,
            version=language_version(dashboard, code),
            charts=statistics_queries.dashboard_charts(dashboard, code),
        )
        return context


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
