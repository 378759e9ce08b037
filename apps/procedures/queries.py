"""Reads of procedures and documents for migrants: lists, and a procedure page in a fixed
number of queries whatever the number of steps, documents and tips."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Prefetch, QuerySet

from apps.core import languages, read_models
from apps.core.queries import about_topic, for_situation
from apps.core.richtext import render_markdown
from apps.editorial.models import ItemStatus
from apps.procedures import services
from apps.procedures.models import Document, Procedure, Step, Tip, TipStatus, number_steps
from apps.translation.reader import (
    LanguageVersion,
    attach_reader_translations,
    language_version,
    part_texts,
    with_reader_translation,
)
from apps.translation.reading import Reading, by_shown_text, readings, untranslated


def documents_for_reader(region, code: str, *, topic: str = "") -> QuerySet[Document]:
    """Published documents for a reader of ``code``, by slug (where other pages link them)."""
    documents = Document.objects.filter(region=region, status=ItemStatus.PUBLISHED)
    if topic:
        documents = documents.filter(about_topic(topic))
    return with_reader_translation(
        documents.distinct().select_related("region").order_by("slug"), code
    )


def documents_by_name(region, code: str, *, topic: str = "") -> QuerySet[Document]:
    """The same, by the name the reader is shown: the document list and the API."""
    return by_shown_text(
        documents_for_reader(region, code, topic=topic), "name", code, region.source_language
    )


def with_producers(documents: QuerySet[Document]) -> QuerySet[Document]:
    """Each document with the published procedures that give it (``produced_by``), by slug."""
    return documents.prefetch_related(
        Prefetch(
            "produced_by",
            queryset=Procedure.objects.filter(status=ItemStatus.PUBLISHED).order_by("slug"),
        )
    )


def original_beside(item, version: LanguageVersion) -> str:
    """The source-language name to show beside a translated one, unless it is already in it."""
    original = item.source_name()
    shown = version.texts[item.name_field()]
    return "" if version.language.code == item.source_language or original in shown else original


class DocumentRow(NamedTuple):
    document: Document
    version: LanguageVersion
    original: str  # the name in the source language, when the reader is shown another


def document_list(region, code: str) -> list[DocumentRow]:
    """The document list: every published document, by the name the reader is shown."""
    return [
        DocumentRow(document, version, original_beside(document, version))
        for document, version in readings(documents_by_name(region, code), code)
    ]


@dataclass(frozen=True)
class DocumentPage:
    document: Document
    version: LanguageVersion
    original: str
    produced_by: list[Reading]  # the published procedures that give it...
    needed_by: list[Reading]  # ...and those that need it


def document_page(region, code: str, slug: str) -> DocumentPage | None:
    document = documents_for_reader(region, code).filter(slug=slug).first()
    if document is None:
        return None
    version = language_version(document, code)
    procedures = procedures_for_reader(region, code)
    return DocumentPage(
        document=document,
        version=version,
        original=original_beside(document, version),
        produced_by=readings(procedures.filter(produces=document), code),
        needed_by=readings(procedures.filter(steps__documents=document), code),
    )


def _published(queryset: QuerySet, code: str) -> QuerySet:
    return with_reader_translation(
        queryset.filter(status=ItemStatus.PUBLISHED).select_related("region"), code
    )


def procedures_for_reader(
    region, code: str, *, topic: str = "", user_type: str = ""
) -> QuerySet[Procedure]:
    """Published procedures for a reader of ``code``, by slug (where other pages link them)."""
    procedures = Procedure.objects.filter(region=region, status=ItemStatus.PUBLISHED)
    if topic:
        procedures = procedures.filter(about_topic(topic))
    if user_type:
        # A procedure for everybody names no life situation: it concerns every one.
        procedures = procedures.filter(for_situation(user_type))
    return with_reader_translation(
        procedures.distinct().select_related("region").order_by("slug"), code
    )


def procedures_by_title(
    region, code: str, *, topic: str = "", user_type: str = ""
) -> QuerySet[Procedure]:
    """The same, by the title the reader is shown: the home page, the list and the API."""
    return by_shown_text(
        procedures_for_reader(region, code, topic=topic, user_type=user_type),
        "title",
        code,
        region.source_language,
    )


def procedures_about(region, code: str, topic: str) -> list[Procedure]:
    """The topic page's procedures: those of the API's ``?topic=``, by title, without their
    translations (the page reads those of all its sections in one query, see core.topics)."""
    return untranslated(procedures_by_title(region, code, topic=topic))


def organisations_at_steps_about(region, topic: str) -> QuerySet:
    """Ids of the organisations at whose places a step of a procedure on ``topic`` happens
    (a query, asked as a subquery of the topic page's organisations)."""
    procedures = Procedure.objects.filter(region=region, status=ItemStatus.PUBLISHED).filter(
        about_topic(topic)
    )
    return (
        Step.objects.filter(procedure__in=procedures, place__status=ItemStatus.PUBLISHED)
        .exclude(place__organisation=None)
        .values_list("place__organisation", flat=True)
        .distinct()
    )


class ProcedureRow(NamedTuple):
    procedure: Procedure
    version: LanguageVersion
    totals: services.Totals


def procedure_list(
    region, code: str, *, topic: str = "", user_type: str = ""
) -> list[ProcedureRow]:
    """The procedure list: each procedure with what its steps cost and take altogether."""
    procedures = procedures_by_title(region, code, topic=topic, user_type=user_type)
    return [
        ProcedureRow(procedure, version, services.totals(list(procedure.steps.all())))
        for procedure, version in readings(procedures.prefetch_related("steps"), code)
    ]


def procedures_at(region, code: str, place) -> list[Reading]:
    """The published procedures with a step at ``place``, by slug."""
    return readings(procedures_for_reader(region, code).filter(steps__place=place), code)


# --- one procedure, as a migrant reads it -------------------------------------------------------


@dataclass
class StepView:
    step: Step
    number: int
    texts: dict[str, str]
    language: languages.Language
    documents: list[tuple[Document, LanguageVersion]]
    place: tuple | None  # (place, its language version)
    leads_to: tuple | None  # (procedure, its language version)
    tips: list[TipView] = field(default_factory=list)
    #: Rendered once, when the read model is made, and kept with it.
    body_html: str = field(init=False)

    def __post_init__(self) -> None:
        self.body_html = render_markdown(self.texts["body"])

    @property
    def dir(self) -> str:
        return self.language.dir


@dataclass(frozen=True)
class TipView:
    """An approved tip as a reader of one language gets it: translated (by the organisation
    itself or the city's translators), else its original, marked as such."""

    tip: Tip
    version: LanguageVersion

    @property
    def text(self) -> str:
        return self.version.texts["text"]

    @property
    def language(self) -> languages.Language:
        return self.version.language

    @property
    def is_original(self) -> bool:
        return self.version.is_fallback

    @property
    def dir(self) -> str:
        return self.language.dir


@dataclass(frozen=True)
class DocumentNeed:
    """A document to bring, and the published procedures that produce it."""

    document: Document
    version: LanguageVersion
    produced_by: list[tuple[Procedure, LanguageVersion]]


@dataclass(frozen=True)
class DocumentUse:
    """A document this procedure produces, and the published procedures that need it."""

    document: Document
    version: LanguageVersion
    needed_by: list[tuple[Procedure, LanguageVersion]]


@dataclass(frozen=True)
class ProcedurePage:
    procedure: Procedure
    version: LanguageVersion
    steps: list[StepView]
    documents: list[DocumentNeed]
    produces: list[DocumentUse]
    totals: services.Totals


def _tip_view(tip: Tip, code: str) -> TipView:
    return TipView(tip, language_version(tip, code))


def _with_version(item, code: str) -> tuple | None:
    return None if item is None else (item, language_version(item, code))


def procedure_page(region, code: str, slug: str) -> ProcedurePage | None:
    """The published procedure ``slug`` as a reader of language ``code`` sees it; kept until
    the content changes (:mod:`apps.core.read_models`)."""
    return read_models.kept(
        "procedure-page", (region.pk, code, slug), lambda: _procedure_page(region, code, slug)
    )


def _procedure_page(region, code: str, slug: str) -> ProcedurePage | None:
    # The reader's translations of everything on the page come in one query at the end.
    def published(queryset: QuerySet) -> QuerySet:
        return queryset.filter(status=ItemStatus.PUBLISHED).select_related("region")

    published_procedures = published(Procedure.objects.filter(region=region))
    procedure = (
        published(Procedure.objects.filter(region=region, slug=slug))
        .prefetch_related(
            "user_types",
            Prefetch(
                "steps",
                queryset=Step.objects.select_related(
                    "place", "place__region", "leads_to", "leads_to__region"
                )
                .prefetch_related(
                    Prefetch(
                        "documents",
                        queryset=published(Document.objects.all()).prefetch_related(
                            Prefetch("produced_by", queryset=published_procedures)
                        ),
                    ),
                    Prefetch(
                        "tips",
                        queryset=Tip.objects.filter(status=TipStatus.APPROVED).select_related(
                            "organisation", "region"
                        ),
                    ),
                )
                .order_by("position"),
            ),
            Prefetch(
                "produces",
                queryset=published(Document.objects.all()).prefetch_related(
                    Prefetch(
                        "steps",
                        queryset=Step.objects.filter(
                            procedure__status=ItemStatus.PUBLISHED
                        ).select_related("procedure", "procedure__region"),
                        to_attr="published_steps",
                    )
                ),
            ),
        )
        .first()
    )
    if procedure is None:
        return None
    steps = list(procedure.steps.all())
    # select_related gives each step its own copy of a shared office or linked procedure: keep
    # one per row, so that one prefetch serves every step that points to it.
    places = {
        step.place_id: step.place
        for step in steps
        if step.place_id and step.place.status == ItemStatus.PUBLISHED
    }
    linked = {
        step.leads_to_id: step.leads_to
        for step in steps
        if step.leads_to_id and step.leads_to.status == ItemStatus.PUBLISHED
    }
    needing = {
        step.procedure_id: step.procedure
        for document in procedure.produces.all()
        for step in document.published_steps
        if step.procedure_id != procedure.pk
    }
    documents = [document for step in steps for document in step.documents.all()]
    attach_reader_translations(
        [
            procedure,
            *(tip for step in steps for tip in step.tips.all()),
            *documents,
            *(other for document in documents for other in document.produced_by.all()),
            *procedure.produces.all(),
            *places.values(),
            *linked.values(),
            *needing.values(),
        ],
        code,
    )

    version = language_version(procedure, code)
    part = Procedure.parts[0]
    views, seen_documents = [], {}
    for number, step in number_steps(steps):
        texts, shown = part_texts(step, part, version.language.code, procedure.source_language)
        documents = [(doc, language_version(doc, code)) for doc in step.documents.all()]
        for document, document_version in documents:
            seen_documents.setdefault(document.pk, (document, document_version))
        views.append(
            StepView(
                step=step,
                number=number,
                texts=texts,
                language=languages.get(shown),
                documents=documents,
                place=_with_version(places.get(step.place_id), code),
                leads_to=_with_version(linked.get(step.leads_to_id), code),
                tips=[_tip_view(tip, code) for tip in step.tips.all()],
            )
        )
    needs = [
        DocumentNeed(
            document,
            document_version,
            [
                (other, language_version(other, code))
                for other in document.produced_by.all()
                if other.pk != procedure.pk
            ],
        )
        for document, document_version in seen_documents.values()
    ]
    uses = [
        DocumentUse(
            document,
            language_version(document, code),
            [
                (needing[pk], language_version(needing[pk], code))
                for pk in dict.fromkeys(step.procedure_id for step in document.published_steps)
                if pk in needing
            ],
        )
        for document in procedure.produces.all()
    ]
    return ProcedurePage(
        procedure=procedure,
        version=version,
        steps=views,
        documents=needs,
        produces=uses,
        totals=services.totals(steps),
    )


# --- tips, for the workspaces ------------------------------------------------------------------


def tips_to_review(region) -> QuerySet[Tip]:
    return (
        Tip.objects.filter(step__procedure__region=region, status=TipStatus.PENDING)
        .select_related("organisation", "author", "step", "step__procedure__region", "region")
        .order_by("created_at")
    )


def recently_reviewed_tips(region, limit: int = 20) -> list[Tip]:
    return list(
        Tip.objects.filter(step__procedure__region=region)
        .exclude(status=TipStatus.PENDING)
        .select_related("organisation", "reviewed_by", "step", "step__procedure__region")
        .order_by("-reviewed_at")[:limit]
    )


def tips_of(organisation) -> QuerySet[Tip]:
    return (
        Tip.objects.filter(organisation=organisation)
        .select_related("step", "step__procedure__region")
        .order_by("-updated_at")
    )
