"""Workspace pages of the translation workflow: coverage, the translator's queue, the
side-by-side editor and XLIFF/PO exchange, for every registered content type."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from apps.accounts.rules import LanguageScope
from apps.core import languages
from apps.editorial import diff, services, workflow
from apps.editorial.models import RevisionState
from apps.editorial.registry import (
    UnknownContentType,
    editorial_types,
    type_for_key,
    type_for_model,
)
from apps.translation import easy_language, exchange
from apps.translation import queries as translation_queries
from apps.translation import services as translation_services
from apps.translation.forms import ExportForm, ImportForm, TranslationForm
from apps.translation.models import CoverageState, MachineDraftBatch
from apps.workspace.pages.base import WorkspacePage
from apps.workspace.pages.content import ItemMixin


class Coverage(WorkspacePage, TemplateView):
    """Items × languages with their translation states, filterable, computed in SQL."""

    template_name = "workspace/translation/coverage.html"
    PAGE_SIZE = 100

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region = self.get_scope()
        types = editorial_types()
        try:
            chosen_type = type_for_key(self.request.GET.get("type") or types[0].key)
        except UnknownContentType as error:
            raise Http404(str(error)) from error
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
            can_request_drafts=self.request.user.has_perm(chosen_type.edit_permission, region),
            ns=self.url_namespace,
        )
        return context


class Queue(WorkspacePage, TemplateView):
    template_name = "workspace/translation/queue.html"

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


class TranslationEdit(ItemMixin, FormView):
    """Side by side: the original on one side, the translation on the other."""

    serves_translation_only_types = True

    template_name = "workspace/translation/translation_form.html"
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
        if request.POST.get("action") == "publish":
            if not workflow.permits("publish_translation", self.item, request.user):
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
        if request.POST.get("action") == "check":
            # Writing help on what was typed, without saving it.
            form = self.get_form()
            form.is_valid()
            return self.render_to_response(self.get_context_data(form=form))
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
        language = languages.get(self.language)
        form = context["form"]
        context.update(
            item=item,
            language=language,
            source_language=source,
            side_by_side=[
                (
                    unit.label,
                    source_texts[unit.key],
                    form[unit.key],
                    # Easy language gets writing help on every text (its rules, flagged).
                    easy_language.check(form[unit.key].value() or "", self.language)
                    if language.is_variant
                    else None,
                )
                for unit in item.text_units()
            ],
            writing_rules=easy_language.RULES if language.is_variant else (),
            translation=translation,
            state=translation_queries.coverage_rows([item], [self.language])[0].states[0][1],
            source_changes=source_changes,
            may_translate=self.may_translate(),
            may_publish=not workflow.refusal(
                "publish_translation",
                workflow.State(item=item, latest=None, own=False, translation=translation),
                self.request.user,
            ),
            public_url=self.editorial_type.public_url(item, self.language),
        )
        return context


class Export(WorkspacePage, FormView):
    template_name = "workspace/translation/exchange.html"
    form_class = ExportForm

    def targets(self) -> list[str]:
        region = self.get_scope()
        return translation_queries.languages_for_translator(self.request.user, region)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "targets": self.targets(), "region": self.get_scope()}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.setdefault("import_form", ImportForm())
        context["ns"] = self.url_namespace
        return context

    def form_valid(self, form):
        region = self.get_scope()
        language = form.cleaned_data["language"]
        items = translation_queries.items_to_export(
            region,
            language=language,
            states=set(form.cleaned_data["include"]),
            model=form.cleaned_data["content_type"],
            topic=form.cleaned_data["topic"],
            picked=form.cleaned_data["items"],
        )
        file_format = form.cleaned_data["file_format"]
        export, content_type = {
            "xliff": (exchange.export_xliff, "application/x-xliff+xml"),
            "po": (exchange.export_po, "text/x-gettext-translation"),
        }[file_format]
        try:
            body = export(items, language=language, region=region)
        except exchange.NothingToExport:
            form.add_error(
                None,
                _("Nothing to export: no item matches what you chose. No file was made."),
            )
            return self.form_invalid(form)
        response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{exchange.export_filename(region, language, file_format)}"'
        )
        return response


class Import(WorkspacePage, FormView):
    template_name = "workspace/translation/exchange.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        region = self.get_scope()
        targets = translation_queries.languages_for_translator(self.request.user, region)
        context["import_form"] = context.pop("form")
        context["form"] = ExportForm(targets=targets, region=region)
        context["ns"] = self.url_namespace
        return context

    def form_valid(self, form):
        result = exchange.import_file(
            form.cleaned_data["file"].read(), region=self.get_scope(), user=self.request.user
        )
        if result.ok:
            if result.items:
                messages.success(
                    self.request,
                    _("%(count)d translations were imported.") % {"count": len(result.items)},
                )
            else:
                messages.info(
                    self.request,
                    _("Nothing changed: the file's translations are as they were exported."),
                )
            return HttpResponseRedirect(self.url("translation_exchange"))
        return self.render_to_response(self.get_context_data(form=form, import_result=result))


class MachineDrafts(WorkspacePage, View):
    """The coverage page's bulk action: machine drafts for every missing language of the chosen
    items, as one batch whose progress the next page shows."""

    http_method_names = ["post"]
    MAX_ITEMS = 500

    def post(self, request, *args, **kwargs):
        region = self.get_scope()
        try:
            chosen_type = type_for_key(request.POST.get("type", ""))
        except UnknownContentType as error:
            raise Http404(str(error)) from error
        # Ticked items, or all of a page at once ("every item on this page": "3,5,8").
        ids = [
            part
            for value in request.POST.getlist("item")
            for part in value.split(",")
            if part.isdigit() and len(part) < 19
        ]
        back = self.url("coverage") + "?" + urlencode({"type": chosen_type.key})
        if not ids:
            messages.error(request, _("Choose at least one item."))
            return HttpResponseRedirect(back)
        items = list(
            chosen_type.model.objects.filter(region=region, pk__in=ids[: self.MAX_ITEMS])
            .select_related("region")
            .prefetch_related("translations")
        )
        try:
            batch = translation_services.request_missing_machine_drafts(
                region,
                items,
                targets=translation_queries.translation_targets(region),
                user=request.user,
            )
        except services.WorkflowError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(back)
        if batch is None:
            messages.info(
                request,
                _(
                    "Nothing to request: the chosen items have a version in every language, "
                    "or you may not request machine drafts for them."
                ),
            )
            return HttpResponseRedirect(back)
        return HttpResponseRedirect(self.url("machine_draft_progress", batch=batch.pk))


class MachineDraftProgress(WorkspacePage, TemplateView):
    """How far a bulk request for machine drafts has come; the page refreshes itself while it
    runs (progress.js), and a reload shows the same without JavaScript."""

    template_name = "workspace/translation/machine_draft_progress.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        batch = (
            MachineDraftBatch.objects.filter(region=self.get_scope(), pk=self.kwargs["batch"])
            .select_related("requested_by")
            .first()
        )
        if batch is None:
            raise Http404
        progress = translation_queries.batch_progress(batch)
        context.update(
            batch=batch,
            progress=progress,
            failed=[
                (item, type_for_model(type(item)) if item is not None else None, line)
                for item, line in progress.failed
            ],
            ns=self.url_namespace,
        )
        return context
