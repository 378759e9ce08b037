"""The editorial workflow, declared once as a table.

Each transition says which states it starts from, what the person needs, which guard must hold
(four eyes where the region asks for them) and which service performs it. The services enforce
the table (see :func:`performs`); the workspace buttons, the staff API and the events and places
pages read the same table to decide what to offer (:func:`offered`). When a rule changes, one
line here changes.

What a person *needs* depends on who owns the item:

- the city's own content follows its roles: editors write and submit, reviewers publish, send
  back, archive and bring back;
- what an organisation says about itself (its events, its places) is its own to write and
  publish, with no second person of the city; the city may only archive it (moderate).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import OrganisationKind
from apps.editorial.models import EditorialContent, ItemStatus, Revision, RevisionState
from apps.editorial.registry import type_for_model


class WorkflowError(Exception):
    """A step that is not allowed now; the message says why, in the user's language."""


class NotAllowed(WorkflowError):
    """The person lacks what the step needs (views answer 403)."""


class Need(StrEnum):
    EDIT = "edit"  # write the source text, submit it, restore an old revision
    REVIEW = "review"  # publish, send back, archive and bring back
    MODERATE = "moderate"  # archive another organisation's item
    PUBLISH_TRANSLATION = "publish_translation"  # a language version (the city's, for any owner)


@dataclass(frozen=True)
class State:
    """What the table decides on: an item, its newest revision and who owns it."""

    item: EditorialContent
    latest: Revision | None
    own: bool  # an organisation's own content (it publishes itself)
    #: For the transitions of a language version: that version (apps.translation's row).
    translation: object | None = None

    @property
    def pending(self) -> Revision | None:
        """The newest revision if it is not published yet: the change waiting to go live."""
        latest = self.latest
        return latest if latest is not None and latest.state != RevisionState.PUBLISHED else None

    @property
    def four_eyes(self) -> bool:
        return not self.own and self.item.region.four_eyes


def is_own_content(item: EditorialContent) -> bool:
    organisation = item.organisation
    return organisation is not None and organisation.kind == OrganisationKind.NGO


def state_of(item: EditorialContent, *, latest: Revision | bool | None = False) -> State:
    """The item's state; pass its ``latest`` revision when it is known already (saves a query)."""
    if latest is False:
        latest = item.revisions.order_by("-number").first() if item.pk else None
    return State(item=item, latest=latest, own=is_own_content(item))


def holds(user, need: Need, item: EditorialContent) -> bool:
    """Whether ``user`` has ``need`` on ``item``."""
    if user is None or not user.is_authenticated:
        return False
    entry = type_for_model(type(item))
    region = item.region
    if need == Need.PUBLISH_TRANSLATION:
        # Translations are the city's work whoever owns the original.
        return user.has_perm("editorial.publish_translation", region)
    if is_own_content(item) and entry.workspace_pages:
        if need == Need.MODERATE:
            return user.has_perm(entry.moderate_permission, region)
        # Only the owner writes and publishes; a type organisations cannot own is nobody's.
        return bool(entry.own_permission) and user.has_perm(entry.own_permission, item.organisation)
    if need == Need.EDIT:
        return user.has_perm(entry.edit_permission, region)
    return user.has_perm("editorial.review", region)


# --- from-states and guards ----------------------------------------------------------------------

_DRAFTS = {RevisionState.DRAFT, RevisionState.SENT_BACK}


def _pending_in(*states: str) -> Callable[[State], bool]:
    def check(state: State) -> bool:
        return state.pending is not None and state.pending.state in states

    return check


def _status_is(status: str) -> Callable[[State], bool]:
    return lambda state: state.item.status == status


def _anywhere(state: State) -> bool:
    return True


def _city_review(state: State) -> bool:
    return not state.own and _pending_in(RevisionState.IN_REVIEW)(state)


def _publishable(state: State) -> bool:
    if state.pending is None:
        return False
    return state.pending.state == RevisionState.IN_REVIEW or state.pending.state in _DRAFTS


def _no_guard(state: State, user) -> str:
    return ""


def _four_eyes(state: State, user) -> str:
    """Where the region asks, the city's content is published by someone other than its author,
    after it was submitted for review."""
    if not state.four_eyes:
        return ""
    if state.pending is not None and state.pending.state != RevisionState.IN_REVIEW:
        return _("Submit the draft for review first.")
    if state.pending is not None and state.pending.author_id == user.pk:
        return _("This region asks for four eyes: someone other than the author must publish.")
    return ""


def _has_older_revisions(state: State) -> bool:
    return state.latest is not None and state.latest.number > 1


def _published_once(state: State) -> bool:
    return bool(state.item.source_fingerprint)


# --- the table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    needs: tuple[Need, ...]  # any one of them will do
    allowed_from: Callable[[State], bool]
    #: Said when the item is not in a state this transition starts from.
    wrong_state: Promise | str
    guard: Callable[[State, object], str] = _no_guard
    #: Taken on one language version (the State carries it), not on the item as a whole.
    of_language_version: bool = False


TABLE: dict[str, Transition] = {
    transition.name: transition
    for transition in (
        Transition(
            "save", gettext_lazy("Save"), (Need.EDIT,), _anywhere, ""
        ),
        Transition(
            "submit", gettext_lazy("Submit for review"), (Need.EDIT,),
            lambda state: not state.own and _pending_in(*_DRAFTS)(state),
            gettext_lazy("There is no draft to submit."),
        ),
        Transition(
            "publish", gettext_lazy("Publish"), (Need.REVIEW,), _publishable,
            gettext_lazy("There is nothing new to publish."), _four_eyes,
        ),
        Transition(
            "send_back", gettext_lazy("Send back to the author"), (Need.REVIEW,), _city_review,
            gettext_lazy("Only a revision in review can be sent back."),
        ),
        Transition(
            "archive", gettext_lazy("Archive"), (Need.REVIEW, Need.MODERATE),
            _status_is(ItemStatus.PUBLISHED), gettext_lazy("Only published items can be archived."),
        ),
        Transition(
            "unarchive", gettext_lazy("Publish again"), (Need.REVIEW,),
            _status_is(ItemStatus.ARCHIVED), gettext_lazy("This item is not archived."),
        ),
        Transition(
            "restore", gettext_lazy("Make this the draft"), (Need.EDIT,), _has_older_revisions,
            gettext_lazy("There is no older revision to restore."),
        ),
        Transition(
            "machine_translate", gettext_lazy("Request machine drafts"), (Need.EDIT,),
            _published_once, gettext_lazy("Publish the original before translating it."),
        ),
    )
}  # fmt: skip


def declare(transition: Transition) -> None:
    """Add a transition another app performs (the translation app's language versions) to the
    one table."""
    if transition.name in TABLE:
        raise LookupError(f"The workflow table has {transition.name!r} already.")
    TABLE[transition.name] = transition


#: The services that perform each transition, filled in by :func:`performs`.
_SERVICES: dict[str, Callable] = {}


def permits(name: str, item: EditorialContent, user) -> bool:
    """Whether ``user`` has what transition ``name`` needs on ``item`` (states aside)."""
    return any(holds(user, need, item) for need in TABLE[name].needs)


def refusal(name: str, state: State, user) -> str:
    """Why ``user`` may not take transition ``name`` now; empty when they may."""
    transition = TABLE[name]
    if not permits(name, state.item, user):
        return _("You may not do this with this item.")
    if not transition.allowed_from(state):
        return str(transition.wrong_state)
    return transition.guard(state, user)


def require(name: str, state: State, user) -> None:
    message = refusal(name, state, user)
    if not message:
        return
    if not permits(name, state.item, user):
        raise NotAllowed(message)
    raise WorkflowError(message)


def offered(state: State, user, names: tuple[str, ...] | None = None) -> list[Transition]:
    """The transitions ``user`` can take now, in the table's order: what buttons to show.
    Without ``names``: the item's own transitions (a language version's need its state)."""
    return [
        transition
        for name, transition in TABLE.items()
        if (name in names if names is not None else not transition.of_language_version)
        and not refusal(name, state, user)
    ]


def offered_names(state: State, user) -> set[str]:
    return {transition.name for transition in offered(state, user)}


def offered_on_save(item: EditorialContent, user) -> set[str]:
    """What may follow saving a form for ``item`` (which may be new): "submit" and/or "publish",
    judged as if ``user`` had just saved a draft."""
    if not permits("save", item, user):
        return set()
    draft = Revision(state=RevisionState.DRAFT, author_id=user.pk, number=1)
    state = State(item=item, latest=draft, own=is_own_content(item))
    return {transition.name for transition in offered(state, user, names=("submit", "publish"))}


def performs(name: str):
    """Declare a service as the one that performs transition ``name``. The service runs under a
    lock on the item and only when the table allows it; it receives the locked item and the
    item's state."""
    if name not in TABLE:
        raise LookupError(f"No transition {name!r} in the workflow table.")

    def decorate(service: Callable) -> Callable:
        @functools.wraps(service)
        @transaction.atomic
        def run(item: EditorialContent, *, user, **kwargs):
            item = (
                type(item)
                .objects.select_for_update()
                .select_related("region", "organisation")
                .get(pk=item.pk)
            )
            state = state_of(item)
            require(name, state, user)
            return service(item, state=state, user=user, **kwargs)

        _SERVICES[name] = run
        return run

    return decorate


def perform(name: str, item: EditorialContent, *, user, **kwargs):
    """Take transition ``name`` through the service the table names for it."""
    return _SERVICES[name](item, user=user, **kwargs)
