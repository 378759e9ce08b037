"""Workspace pages of the editorial and translation workflow, for any registered content type.

This page kit composes both apps (editorial and :mod:`apps.translation`), so it imports the
translation app; it is to move to a shared workspace kit of its own.

Each class here is the behaviour of one page, without a Django view base. A frontend composes
it, in this order, with its access mixin (which supplies ``get_scope()``, the region, and the
navigation) and the Django generic view it needs::

    class ContentListView(ItemList, EditorialMixin, TemplateView): ...  # apps/authority/views.py

so that the page's own ``permission_required`` wins, and the access check runs before the view.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from apps.accounts import queries as accounts_queries
from apps.accounts.rules import LanguageScope
from apps.core import languages
from apps.core.richtext import render_markdown
from apps.editorial import diff, queries, services, workflow
from apps.editorial.forms import SendBackForm
from apps.editorial.models import ItemStatus, RevisionState
from apps.editorial.registry import editorial_types, type_for_key
from apps.translation import exchange
from apps.translation import queries as translation_queries
from apps.translation import services as translation_services
from apps.translation.forms import ExportForm, ImportForm, MachineTranslationForm, TranslationForm
from apps.translation.models import CoverageState


class EditorialTypeMixin:
    """Views under ``.../<type>/...``: the content type comes from the URL."""

    # ``url_namespace`` (e.g. "authority") comes from the frontend's access mixin.

    @cached_property
    def editorial_type(self):
        return type_for_key(self.kwargs["type"])

    def url(self, name: str, **kwargs) -> str:
        return reverse(f"{self.url_namespace}:{name}", kwargs=kwargs)

    def can_edit(self) -> bool:
        return self.request.user.has_perm(self.editorial_type.edit_permission, self.get_scope())

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["editorial_type"] = self.editorial_type
        context["ns"] = self.url_namespace
        context["can_edit"] = self.can_edit()
        return context


class EditsItems:
    """Pages that write items: the content type says which permission that takes."""

    def get_permission_required(self):
        return (self.editorial_type.edit_permission,)


class ItemMixin(EditorialTypeMixin):
    @cached_property
    def item(self):
        return get_object_or_404(
            self.editorial_type.model.objects.select_related("region", "organisation"),
            pk=self.kwargs["pk"],
            region=self.get_scope(),
        )

    def item_url(self) -> str:
        return self.url("content_detail", type=self.editorial_type.key, pk=self.item.pk)


class ItemList(EditorialTypeMixin):
    permission_required = "editorial.view"
    template_name = "editorial/item_list.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        model = self.editorial_type.model
        items = (
            model.objects.filter(region=self.get_scope())
            .select_related("region")
            .order_by("-updated_at")
        )
        status = self.request.GET.get("status", "")
        if status in ItemStatus.values:
            items = items.filter(status=status)
        page = Paginator(queries.with_latest_revision(items), 50).get_page(
            self.request.GET.get("page")
        )
        context.update(
            page=page, status=status, statuses=ItemStatus.choices, RevisionState=RevisionState
        )
        return context


class ItemCreate(EditsItems, EditorialTypeMixin):
    template_name = "editorial/item_form.html"

    def get_form_class(self):
        return self.editorial_type.form

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "region": self.get_scope()}

    def form_valid(self, form):
        organisation = accounts_queries.authority_organisation_of(
            self.request.user, self.get_scope()
        )
        item = services.create_item(
            self.editorial_type.model,
            region=self.get_scope(),
            organisation=organisation,
            data=form.revision_data(),
            author=self.request.user,
        )
        if "submit" in self.request.POST:
            services.submit_for_review(item, user=self.request.user)
            messages.success(self.request, _("Saved and submitted for review."))
        else:
            messages.success(
                self.request, _("Saved as a draft. Migrants see nothing until it is published.")
            )
        return HttpResponseRedirect(
            self.url("content_detail", type=self.editorial_type.key, pk=item.pk)
        )


class ItemEdit(EditsItems, ItemMixin):
    template_name = "editorial/item_form.html"

    def has_permission(self) -> bool:
        # An organisation's own item is theirs to write: the table decides per item.
        return super().has_permission() and workflow.permits("save", self.item, self.request.user)

    def get_form_class(self):
        return self.editorial_type.form

    def get_form_kwargs(self) -> dict:
        return {
            **super().get_form_kwargs(),
            "region": self.get_scope(),
            "revision": services.latest_revision(self.item),
        }

    def form_valid(self, form):
        try:
            services.save_draft(
                self.item,
                data=form.revision_data(),
                author=self.request.user,
                base_number=form.cleaned_data["base_revision"],
            )
        except services.EditConflict as conflict:
            form.show_conflict(conflict)
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    conflict=conflict,
                    conflict_diff=diff.diff_data(
                        self.editorial_type.model,
                        conflict.base.data if conflict.base else None,
                        conflict.latest.data,
                    ),
                )
            )
        if "submit" in self.request.POST:
            try:
                services.submit_for_review(self.item, user=self.request.user)
            except services.WorkflowError as error:
                messages.error(self.request, str(error))
        messages.success(self.request, _("Your changes were saved as a new revision."))
        return HttpResponseRedirect(self.item_url())

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        return context


class ItemDetail(ItemMixin):
    """Everything about one item: its state, what changed, translations, history."""

    permission_required = "editorial.view"
    template_name = "editorial/item_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        item, region = self.item, self.get_scope()
        state = workflow.state_of(item)
        pending = state.pending
        published = services.published_revision(item)
        actions = workflow.offered_names(state, self.request.user)
        targets = translation_queries.translation_targets(region)
        states = translation_queries.coverage_rows([item], targets)[0].states if targets else []
        context.update(
            item=item,
            pending=pending,
            published=published,
            pending_diff=diff.diff_data(
                type(item), published.data if published else None, pending.data
            )
            if pending
            else [],
            revisions=queries.revisions_of(item),
            audit=queries.audit_trail(item, viewer=self.request.user)[:50],
            translation_states=[(languages.get(code), state) for code, state in states],
            send_back_form=SendBackForm(),
            machine_form=MachineTranslationForm(targets=targets),
            public_url=self.editorial_type.public_url(item, region.source_language)
            if item.status == ItemStatus.PUBLISHED
            else "",
            extra=self.editorial_type.detail_context(item)
            if self.editorial_type.detail_context
            else {},
            actions=actions,
            RevisionState=RevisionState,
        )
        return context


class ItemAction(ItemMixin):
    """Workflow steps, as POST. Which steps exist and who may take them is the workflow table's
    to say (:mod:`apps.editorial.workflow`); this page only reads the form and reports back."""

    http_method_names = ["post"]
    permission_required = "editorial.view"
    ACTIONS = ("submit", "publish", "send_back", "archive", "unarchive", "restore",
               "machine_translate")  # fmt: skip

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in self.ACTIONS:
            raise Http404
        if not workflow.permits(action, self.item, request.user):
            raise PermissionDenied
        try:
            messages.success(request, getattr(self, f"do_{action}")(self.item, request.user))
        except services.WorkflowError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(self.item_url())

    def do_submit(self, item, user) -> str:
        services.submit_for_review(item, user=user)
        return _("Submitted for review.")

    def do_publish(self, item, user) -> str:
        services.publish(item, user=user, comment=self.request.POST.get("comment", "")[:2000])
        return _("Published. Migrants now read this version.")

    def do_send_back(self, item, user) -> str:
        form = SendBackForm(self.request.POST)
        if not form.is_valid():
            raise services.WorkflowError(_("Say what should change, so the author knows."))
        services.send_back(item, user=user, comment=form.cleaned_data["comment"])
        return _("Sent back to the author with your comment.")

    def do_archive(self, item, user) -> str:
        services.archive(item, user=user)
        return _("Archived. Migrants no longer see it.")

    def do_unarchive(self, item, user) -> str:
        services.unarchive(item, user=user)
        return _("Published again.")

    def do_restore(self, item, user) -> str:
        number = self.request.POST.get("number", "")
        if not number.isdigit() or len(number) > 9:
            raise services.WorkflowError(_("Choose a revision to restore."))
        latest = services.latest_revision(item)
        services.restore(
            item, number=int(number), user=user, base_number=latest.number if latest else None
        )
        return _("Revision %(number)d is now the draft.") % {"number": int(number)}

    def do_machine_translate(self, item, user) -> str:
        form = MachineTranslationForm(
            self.request.POST, targets=translation_queries.translation_targets(self.get_scope())
        )
        if not form.is_valid():
            raise services.WorkflowError(_("Choose at least one language."))
        queued = translation_services.request_machine_translation(
            item, languages=form.cleaned_data["languages"], user=user
        )
        return _("Machine drafts requested for: %(languages)s.") % {
            "languages": ", ".join(languages.get(code).name_local for code in queued)
        }


class Compare(ItemMixin):
    permission_required = "editorial.view"
    template_name = "editorial/compare.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        pair = queries.revision_pair(
            self.item, self.request.GET.get("a"), self.request.GET.get("b")
        )
        if pair is None:
            raise Http404
        older, newer = pair
        context.update(
            item=self.item,
            older=older,
            newer=newer,
            diff=diff.diff_data(type(self.item), older.data, newer.data),
        )
        return context


class MarkdownPreview:
    """Renders Markdown exactly as migrants will see it (sanitised), for the editor's preview."""

    http_method_names = ["post"]
    permission_required = "editorial.edit"

    def has_permission(self) -> bool:
        # Whoever may write some kind of content (editors, statistics managers...) may preview.
        permissions = {entry.edit_permission for entry in editorial_types()}
        return any(self.request.user.has_perm(name, self.get_scope()) for name in permissions)

    def post(self, request, *args, **kwargs):
        return HttpResponse(render_markdown(request.POST.get("text", "")[:100_000]))


# --- translations ------------------------------------------------------------------------------


class Coverage:
    """Items × languages with their translation states, filterable, computed in SQL."""

    permission_required = "editorial.view_translations"
    template_name = "editorial/coverage.html"
    PAGE_SIZE = 100

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region = self.get_scope()
        types = editorial_types()
        chosen_type = type_for_key(self.request.GET.get("type") or types[0].key)
        language = self.request.GET.get("language", "")
        state = self.request.GET.get("state", "")
        selection = translation_queries.coverage(
            region, chosen_type.model, language=language, state=state
        )
        page = Paginator(selection.items, self.PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            types=types,
            chosen_type=chosen_type,
            languages=[languages.get(code) for code in selection.codes],
            all_targets=[
                languages.get(code) for code in translation_queries.translation_targets(region)
            ],
            language=language,
            state=state,
            states=CoverageState.choices,
            rows=translation_queries.coverage_rows(page.object_list, selection.codes),
            page=page,
            summary=selection.summary,
            ns=self.url_namespace,
        )
        return context


class Queue:
    permission_required = "editorial.view_translations"
    template_name = "editorial/queue.html"

    def my_languages(self) -> list[str]:
        region = self.get_scope()
        return translation_queries.languages_for_translator(self.request.user, region)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        codes = self.my_languages()
        context.update(
            entries=translation_queries.translator_queue(self.get_scope(), codes),
            my_languages=[languages.get(code) for code in codes],
            ns=self.url_namespace,
        )
        return context


class TranslationEdit(ItemMixin):
    """Side by side: the original on one side, the translation on the other."""

    permission_required = "editorial.view_translations"
    template_name = "editorial/translation_form.html"
    form_class = TranslationForm

    @cached_property
    def language(self) -> str:
        code = self.kwargs["language"]
        if code not in translation_queries.translation_targets(self.get_scope()):
            raise Http404
        return code

    @cached_property
    def translation(self):
        return translation_services.translation_of(self.item, self.language)

    def may_translate(self) -> bool:
        return self.request.user.has_perm(
            "editorial.translate", LanguageScope(self.get_scope(), self.language)
        )

    def get_form_kwargs(self) -> dict:
        kwargs = {**super().get_form_kwargs(), "item": self.item, "language": self.language}
        translation = self.translation
        initial = {"base_version": translation.version if translation else None}
        initial.update(translation.draft if translation else self.item.live_texts(self.language))
        kwargs["initial"] = initial
        return kwargs

    def post(self, request, *args, **kwargs):
        region = self.get_scope()
        if request.POST.get("action") == "publish":
            if not request.user.has_perm("editorial.publish_translation", region):
                raise PermissionDenied
            try:
                translation_services.publish_translation(
                    self.item, language=self.language, user=request.user
                )
                messages.success(request, _("This language version is now published."))
            except services.WorkflowError as error:
                messages.error(request, str(error))
            return HttpResponseRedirect(request.path)
        if not self.may_translate():
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        texts = {unit.key: form.cleaned_data[unit.key] for unit in self.item.text_units()}
        done = self.request.POST.get("action") == "done"
        try:
            translation_services.save_translation(
                self.item,
                language=self.language,
                texts=texts,
                user=self.request.user,
                base_version=form.cleaned_data["base_version"],
                done=done,
            )
        except translation_services.TranslationConflict as conflict:
            form.add_error(None, str(conflict))
            data = form.data.copy()
            data["base_version"] = conflict.current.version
            form.data = data
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict))
        except services.WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Marked as done; a reviewer can now publish it.")
            if done
            else _("Translation saved."),
        )
        return HttpResponseRedirect(self.request.path)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        item, translation = self.item, self.translation
        source_changes = []
        if translation is not None and translation.source_fingerprint != item.source_fingerprint:
            # Show the translator what changed in the original since their translation was made.
            made_from = (
                item.revisions.filter(
                    fingerprint=translation.source_fingerprint, state=RevisionState.PUBLISHED
                )
                .order_by("-number")
                .first()
            )
            current = services.published_revision(item)
            if made_from and current:
                source_changes = [
                    change
                    for change in diff.diff_data(type(item), made_from.data, current.data)
                    if change.changed
                ]
        source = languages.get(item.source_language)
        source_texts = item.source_texts()
        context.update(
            item=item,
            language=languages.get(self.language),
            source_language=source,
            side_by_side=[
                (unit.label, source_texts[unit.key], context["form"][unit.key])
                for unit in item.text_units()
            ],
            translation=translation,
            state=translation_queries.coverage_rows([item], [self.language])[0].states[0][1],
            source_changes=source_changes,
            may_translate=self.may_translate(),
            may_publish=self.request.user.has_perm(
                "editorial.publish_translation", self.get_scope()
            ),
            public_url=self.editorial_type.public_url(item, self.language),
        )
        return context


class Export:
    permission_required = "editorial.view_translations"
    template_name = "editorial/exchange.html"
    form_class = ExportForm

    def targets(self) -> list[str]:
        region = self.get_scope()
        return translation_queries.languages_for_translator(self.request.user, region)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "targets": self.targets()}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.setdefault("import_form", ImportForm())
        context["ns"] = self.url_namespace
        return context

    def form_valid(self, form):
        region = self.get_scope()
        language = form.cleaned_data["language"]
        wanted = set(form.cleaned_data["include"])
        items = []
        for entry in editorial_types():
            items += translation_queries.filter_by_states(
                translation_queries.translated_items(region, entry.model), [language], wanted
            )
        file_format = form.cleaned_data["file_format"]
        if file_format == "xliff":
            body, content_type = (
                exchange.export_xliff(items, language=language, region=region),
                "application/x-xliff+xml",
            )
        else:
            body, content_type = (
                exchange.export_po(items, language=language, region=region),
                "text/x-gettext-translation",
            )
        response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{exchange.export_filename(region, language, file_format)}"'
        )
        return response


class Import:
    permission_required = "editorial.view_translations"
    template_name = "editorial/exchange.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region = self.get_scope()
        targets = translation_queries.languages_for_translator(self.request.user, region)
        context["import_form"] = context.pop("form")
        context["form"] = ExportForm(targets=targets)
        context["ns"] = self.url_namespace
        return context

    def form_valid(self, form):
        result = exchange.import_file(
            form.cleaned_data["file"].read(), region=self.get_scope(), user=self.request.user
        )
        if result.ok:
            messages.success(
                self.request,
                _("%(count)d translations were imported.") % {"count": len(result.items)},
            )
            return HttpResponseRedirect(reverse(f"{self.url_namespace}:translation_exchange"))
        return self.render_to_response(self.get_context_data(form=form, import_result=result))
