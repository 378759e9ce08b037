"""The kinds of items read aloud, and what read-aloud needs to know of each.

Every editorial type that names its ``spoken_fields`` is read aloud (:class:`SpokenEditorial`).
Other models join with :func:`register` (``SpeechConfig.ready``): organisations are
(:class:`SpokenOrganisations`). Recording, the players, the editors' states, the management
command and the removal of orphans go through these kinds only.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

from apps.accounts.models import Organisation, service_lines
from apps.editorial.models import EditorialContent, ItemStatus
from apps.editorial.registry import editorial_models
from apps.speech.scripts import MAIN, Script, Section, Text, heading, is_spoken, script_for
from apps.translation.reader import language_version


class SpokenKind:
    """How the items of ``model`` are read aloud."""

    model: type[Model]

    def live(self) -> QuerySet:
        """The items readers are offered, with all their scripts need, in few queries."""
        raise NotImplementedError

    def is_live(self, item) -> bool:
        raise NotImplementedError

    def script(self, item, code: str) -> Script:
        """What a reader of ``code`` is read: the texts the page shows them (no query)."""
        raise NotImplementedError

    def heading(self, part: str, number: int) -> str:
        """What a section is called in the active language; "" for the item's own texts."""
        return ""


class SpokenEditorial(SpokenKind):
    """Procedures, articles, glossary terms, events, places, documents: published items, read
    as their language version shows them (see :mod:`apps.speech.scripts`)."""

    def __init__(self, model: type[EditorialContent]):
        self.model = model

    def live(self) -> QuerySet:
        return (
            self.model.objects.filter(status=ItemStatus.PUBLISHED)
            .select_related("region")
            .prefetch_related("translations", *(part.name for part in self.model.parts))
            .order_by("pk")
        )

    def is_live(self, item) -> bool:
        return item.status == ItemStatus.PUBLISHED

    def script(self, item, code: str) -> Script:
        return script_for(item, language_version(item, code))

    def heading(self, part: str, number: int) -> str:
        return heading(self.model, part, number)


SERVICES = "services"


def shown_text(organisation: Organisation, field: str, code: str) -> tuple[str, str]:
    """The text of an organisation's ``field`` a reader of ``code`` is shown, and its language:
    the reader's own if the organisation wrote it, else the first fallback language that has it
    — modeltranslation's rule, which ``organisation.<field>`` follows on the page."""
    for language in resolution_order(code):
        value = getattr(organisation, build_localized_fieldname(field, language), "") or ""
        if value.strip():
            return value, language
    return "", code


class SpokenOrganisations(SpokenKind):
    """Active organisations on the organisations page: their name and description (one
    section), then how they help (one section, a paragraph per service)."""

    model = Organisation

    def live(self) -> QuerySet:
        return Organisation.objects.filter(is_active=True).select_related("region").order_by("pk")

    def is_live(self, item) -> bool:
        return item.is_active

    def script(self, item, code: str) -> Script:
        name, shown = shown_text(item, "name", code)
        description, description_language = shown_text(item, "description", code)
        services, services_language = shown_text(item, SERVICES, code)
        sections = [
            Section(
                MAIN,
                "",
                0,
                shown,
                tuple(
                    text
                    for text in (Text(name, shown), Text(description, description_language))
                    if text.text.strip()
                ),
            ),
            Section(
                SERVICES,
                SERVICES,
                0,
                services_language,
                tuple(Text(line, services_language) for line in service_lines(services) if line),
            ),
        ]
        return Script(
            shown,
            item.region.source_language,
            tuple(section for section in sections if section.texts),
        )

    def heading(self, part: str, number: int) -> str:
        return _("How it helps") if part == SERVICES else ""


_registered: list[SpokenKind] = []


def register(kind: SpokenKind) -> None:
    if all(existing.model is not kind.model for existing in _registered):
        _registered.append(kind)


def spoken_kinds() -> list[SpokenKind]:
    """Every kind read aloud: the editorial types first, then the registered ones."""
    editorial = [SpokenEditorial(model) for model in editorial_models() if is_spoken(model)]
    return editorial + list(_registered)


def kind_for(model: type[Model]) -> SpokenKind | None:
    """How items of ``model`` are read aloud; None if they are not."""
    return next((kind for kind in spoken_kinds() if kind.model is model), None)
