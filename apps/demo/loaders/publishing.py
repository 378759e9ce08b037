"""Demo content goes through the real editorial workflow, as a city office's would.

:func:`publish_entries` is what every content loader does: each entry of a data file that the
region does not have yet is written by an editor, submitted, published by a reviewer, and then
translated and published again in every language the data has a translation for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from apps.accounts.models import Membership, Organisation, OrganisationKind, User
from apps.core.models import Region
from apps.demo.loaders.data import Overlays, pks_by_slug, texts_in
from apps.editorial import services as workflow
from apps.editorial.models import EditorialContent
from apps.editorial.workflow import is_own_content
from apps.translation import services as translation_workflow

#: The texts of one translation, by field (and by part key for the texts of parts).
Texts = dict[str, str]


class Newsroom:
    """The demo's editor, reviewer and translator, taking content through the real workflow."""

    def __init__(self, region: Region, *, editor: str = "editor@musterstadt.example"):
        self.region = region
        self.editor = User.objects.get(email=editor)
        self.reviewer = User.objects.get(email="reviewer@musterstadt.example")
        self.translator = User.objects.get(email="translator@musterstadt.example")
        self.organisation = Organisation.objects.get(region=region, slug="integration-office")

    def publish_new(
        self,
        model: type[EditorialContent],
        *,
        slug: str,
        values: dict,
        author: User | None = None,
        organisation: Organisation | None = None,
    ) -> EditorialContent:
        author = author or self.editor
        item = workflow.create_item(
            model,
            region=self.region,
            organisation=organisation or self.organisation,
            data=workflow.revision_data(model, values),
            author=author,
            slug=slug,
        )
        self.publish(item, author=author)
        item.refresh_from_db()
        return item

    def publish(self, item: EditorialContent, *, author: User) -> None:
        """Publish the item's latest revision by ``author``: an organisation publishes what it
        says about itself; the city's content is submitted and published by the reviewer."""
        if is_own_content(item):
            workflow.publish(item, user=author)
        else:
            workflow.submit_for_review(item, user=author)
            workflow.publish(item, user=self.reviewer)

    def speaker_for(self, organisation: Organisation) -> User:
        """Who writes for ``organisation``: one of an NGO's people; the editor for the city."""
        if organisation.kind != OrganisationKind.NGO:
            return self.editor
        return Membership.objects.filter(organisation=organisation).select_related("user")[0].user

    def revise(self, item: EditorialContent, data: dict) -> None:
        """Publish a second revision holding ``data`` (revision data, as revisions store it)."""
        latest = workflow.latest_revision(item)
        workflow.save_draft(item, data=data, author=self.editor, base_number=latest.number)
        workflow.submit_for_review(item, user=self.editor)
        workflow.publish(item, user=self.reviewer)
        item.refresh_from_db()

    def translate(self, item: EditorialContent, language: str, texts: Texts) -> None:
        translation_workflow.save_translation(
            item, language=language, texts=texts, user=self.translator, base_version=None, done=True
        )
        translation_workflow.publish_translation(item, language=language, user=self.reviewer)


def entry_translation(
    entry: dict, language: str, fields: tuple[str, ...], overlays: Overlays
) -> Texts | None:
    """The entry's texts in ``language``: written in the entry itself (as English is), or in an
    overlay file; None where the data has no translation."""
    if language in entry[fields[0]]:
        return texts_in(entry, fields, language)
    return overlays.get(language, {}).get(entry["slug"])


def publish_entries(
    newsroom: Newsroom,
    model: type[EditorialContent],
    entries: Iterable[dict],
    *,
    fields: tuple[str, ...],
    settings: Callable[[dict], dict] | None = None,
    overlays: Overlays | None = None,
    translation: Callable[[dict, str], Texts | None] | None = None,
    create: Callable[[dict, dict], EditorialContent] | None = None,
    link: Callable[[EditorialContent, dict, dict[str, int]], dict | None] | None = None,
) -> list[tuple[EditorialContent, dict]]:
    """Publish the entries the region does not have yet, then their translations; return the
    new items with their entries.

    An item's values are its ``fields`` in the source language and its ``settings(entry)``.
    ``create(entry, values)`` replaces the editor's create–submit–publish. Translations come
    from the entry or its ``overlays`` unless ``translation(entry, language)`` says otherwise.
    With ``link``, items are translated only once every entry exists: ``link(item, entry,
    pks)`` may return the data of a second revision that links to others by ``pks`` (slug → pk).
    """
    region = newsroom.region
    source = region.source_language
    settings = settings or (lambda entry: {})
    translation = translation or partial(entry_translation, fields=fields, overlays=overlays or {})

    def translate(item: EditorialContent, entry: dict) -> None:
        for language in region.enabled_languages:
            if language == source:
                continue
            texts = translation(entry, language)
            if texts is not None:
                newsroom.translate(item, language, texts)
        item.refresh_from_db()

    published = []
    for entry in entries:
        if model.objects.filter(region=region, slug=entry["slug"]).exists():
            continue
        values = {**texts_in(entry, fields, source), **settings(entry)}
        if create is None:
            item = newsroom.publish_new(model, slug=entry["slug"], values=values)
        else:
            item = create(entry, values)
        published.append((item, entry))
        if link is None:
            translate(item, entry)
    if link is not None and published:
        pks = pks_by_slug(model, region)
        for item, entry in published:
            data = link(item, entry, pks)
            if data is not None:
                newsroom.revise(item, data)
            translate(item, entry)
    return published
