"""Workspace pages for any registered content type: list, write, review and compare revisions.

Who may open each page is its route's to say (:mod:`apps.workspace.routes`); which workflow steps
a page offers is the workflow table's (:mod:`apps.editorial.workflow`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from apps.accounts import queries as accounts_queries
from apps.core import languages
from apps.core.richtext import render_markdown
from apps.editorial import diff, queries, services, workflow
from apps.editorial.forms import SendBackForm
from apps.editorial.models import ItemStatus, RevisionState
from apps.editorial.registry import UnknownContentType, editorial_types, type_for_key
from apps.speech import queries as speech_queries
from apps.translation import queries as translation_queries
from apps.translation import services as translation_services
from apps.translation.forms import MachineTranslationForm
from apps.workspace.pages.base import WorkspacePage
from apps.workspace.routes import TYPE_EDIT


class EditorialTypeMixin(WorkspacePage):
    """Pages under ``.../<type>/...``: the content type comes from the URL."""

    #: Whether the page serves types without workspace pages of their own (translation pages).
    serves_translation_only_types = False

    @cached_property
    def editorial_type(self):
        try:
            entry = type_for_key(self.kwargs["type"])
        except UnknownContentType as error:  # a content type in the URL that is none
            raise Http404(str(error)) from error
        if not entry.workspace_pages and not self.serves_translation_only_types:
            raise Http404(f"{entry.key} has no workspace pages.")
        return entry

    def get_permission_required(self):
        # A route declared with TYPE_EDIT needs the edit permission of the URL's content type.
        if self.permission_required == TYPE_EDIT:
            return (self.editorial_type.edit_permission,)
        return super().get_permission_required()

    def can_edit(self) -> bool:
        return self.request.user.has_perm(self.editorial_type.edit_permission, self.get_scope())

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["editorial_type"] = self.editorial_type
        context["can_edit"] = self.can_edit()
        return context


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


class ItemList(EditorialTypeMixin, TemplateView):
    template_name = "workspace/content/item_list.html"

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


class ItemCreate(EditorialTypeMixin, FormView):
    template_name = "workspace/content/item_form.html"

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


class ItemEdit(ItemMixin, FormView):
    template_name = "workspace/content/item_form.html"

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
            saved = services.save_revision(
                self.item,
                data=form.revision_data(),
                author=self.request.user,
                base_number=form.cleaned_data["base_revision"],
                resolution=form.resolution(),
            )
        except services.EditConflict as conflict:
            return self.render_to_response(
                self.get_context_data(form=form.after_conflict(conflict), conflict=conflict)
            )
        if "submit" in self.request.POST:
            try:
                services.submit_for_review(self.item, user=self.request.user)
            except services.WorkflowError as error:
                messages.error(self.request, str(error))
        messages.success(self.request, saved_message(saved))
        return HttpResponseRedirect(self.item_url())

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        return context


def saved_message(saved: services.Saved) -> str:
    """What the editor is told after saving: nothing changed, or saved — and merged with whose
    revision, if someone saved in between."""
    if not saved.created:
        return _("Nothing was changed, so no new revision was saved.")
    if saved.merge is not None and saved.merge.taken:
        return _(
            "Saved. %(person)s had saved revision %(number)s in between; their changes were "
            "kept too."
        ) % {"person": saved.merge.latest.author, "number": saved.merge.latest.number}
    return _("Your changes were saved as a new revision.")


class ItemDetail(ItemMixin, TemplateView):
    """Everything about one item: its state, what changed, translations, history."""

    template_name = "workspace/content/item_detail.html"

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
            machine_drafts=translation_queries.machine_drafts_of(item),
            read_aloud_states=speech_queries.states(item),
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


class ItemAction(ItemMixin, View):
    """Workflow steps, as POST. Which steps exist and who may take them is the workflow table's
    to say (:mod:`apps.editorial.workflow`); this page only reads the form and reports back."""

    http_method_names = ["post"]
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


class Compare(ItemMixin, TemplateView):
    template_name = "workspace/content/compare.html"

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


class MarkdownPreview(WorkspacePage, View):
    """Renders Markdown exactly as migrants will see it (sanitised), for the editor's preview."""

    http_method_names = ["post"]

    def has_permission(self) -> bool:
        # The route's ANY_EDIT: whoever may write some kind of content (editors, statistics
        # managers...) may preview.
        permissions = {entry.edit_permission for entry in editorial_types()}
        return any(self.request.user.has_perm(name, self.get_scope()) for name in permissions)

    def post(self, request, *args, **kwargs):
        return HttpResponse(render_markdown(request.POST.get("text", "")[:100_000]))
