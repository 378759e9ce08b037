"""Following a procedure, an organisation or a topic, and being told in one's language: what
changed is noted when it is published (the editorial signals), and sent as one digest e-mail a
day at most (a Celery task; a failed mail is retried and never holds up a publication)."""

from __future__ import annotations

import logging

from django.core import signing
from django.db import transaction
from django.utils import timezone

from apps.events.models import Event
from apps.migrant_accounts.models import Follow, FollowKind, MigrantAccount, Notice, NoticeKind
from apps.procedures.models import Procedure
from apps.translation.reader import language_version

logger = logging.getLogger(__name__)

_UNSUBSCRIBE_SALT = "migrant-unsubscribe"


def follow(account: MigrantAccount, kind: str, object_id: int) -> bool:
    """Follow a published procedure, an organisation or a topic of the account's region; False
    if there is no such thing."""
    if target(account.region, kind, object_id) is None:
        return False
    Follow.objects.get_or_create(account=account, kind=kind, object_id=object_id)
    account.__dict__.pop("_followed_keys", None)
    return True


def unfollow(account: MigrantAccount, kind: str, object_id: int) -> None:
    Follow.objects.filter(account=account, kind=kind, object_id=object_id).delete()
    account.__dict__.pop("_followed_keys", None)


def followable(region, kind: str):
    """What of ``kind`` a person of ``region`` may follow (procedures only while published);
    None for an unknown kind."""
    from apps.accounts.models import Organisation
    from apps.core.models import Topic
    from apps.editorial.models import ItemStatus

    if kind == FollowKind.PROCEDURE:
        return Procedure.objects.filter(region=region, status=ItemStatus.PUBLISHED)
    if kind == FollowKind.ORGANISATION:
        return Organisation.objects.filter(region=region)
    if kind == FollowKind.TOPIC:
        return Topic.objects.filter(region=region)
    return None


def target(region, kind: str, object_id: int):
    """The followed thing, if it is one of ``region``'s."""
    queryset = followable(region, kind)
    return None if queryset is None else queryset.filter(pk=object_id).first()


def is_following(account: MigrantAccount | None, kind: str, object_id: int) -> bool:
    return (kind, object_id) in followed_keys(account)


def unsubscribe_token(account: MigrantAccount) -> str:
    return signing.dumps(account.pk, salt=_UNSUBSCRIBE_SALT)


def unsubscribe(token: str) -> bool:
    """Stop every e-mail about what the account follows (the follows go); False for a bad
    token. Works without signing in: the token comes in each e-mail."""
    try:
        pk = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return False
    account = MigrantAccount.objects.filter(pk=pk).first()
    if account is None:
        return True  # already deleted: nothing more will be sent
    Follow.objects.filter(account=account).delete()
    Notice.objects.filter(account=account, sent_at__isnull=True).delete()
    return True


# --- noting what changed (signal receivers, after the commit) ---------------------------------


def _note(accounts, kind: str, object_id: int, *, once: bool = False) -> int:
    """A notice for each account, unless one is waiting (or, ``once``, was ever sent): two
    queries, however many followers."""
    existing = Notice.objects.filter(
        account__in=[account.pk for account in accounts], kind=kind, object_id=object_id
    )
    if not once:
        existing = existing.filter(sent_at__isnull=True)
    told = set(existing.values_list("account_id", flat=True))
    new = [
        Notice(account=account, kind=kind, object_id=object_id)
        for account in accounts
        if account.pk not in told
    ]
    Notice.objects.bulk_create(new)
    return len(new)


def _followers(kind: str, object_ids) -> list[MigrantAccount]:
    return list(
        MigrantAccount.objects.filter(
            follows__kind=kind, follows__object_id__in=list(object_ids)
        ).distinct()
    )


def procedure_published(procedure: Procedure, language: str) -> int:
    """The procedure's ``language`` version went live. Followers reading that language are told;
    so are those whose language now shows an outdated translation or the original, when the
    original changed."""
    source = procedure.region.source_language
    stale: dict[str, bool] = {}  # per reader's language: shows the original or an old version
    told = []
    for account in _followers(FollowKind.PROCEDURE, [procedure.pk]):
        if account.language == language:
            told.append(account)
        elif language == source:
            if account.language not in stale:
                version = language_version(procedure, account.language)
                stale[account.language] = version.is_fallback or version.is_outdated
            if stale[account.language]:
                told.append(account)
    return _note(told, NoticeKind.CHANGED, procedure.pk)


def event_published(event: Event) -> int:
    """A course or event went live: followers of its organisation or of one of its topics are
    told, once per event."""
    accounts = {
        account.pk: account
        for account in _followers(FollowKind.ORGANISATION, [event.organisation_id])
    }
    topic_ids = list(event.topics.values_list("pk", flat=True))
    if topic_ids:
        accounts.update({a.pk: a for a in _followers(FollowKind.TOPIC, topic_ids)})
    accounts = {pk: a for pk, a in accounts.items() if a.region_id == event.region_id}
    return _note(accounts.values(), NoticeKind.NEW_EVENT, event.pk, once=True)


def on_content_published(sender, item, **kwargs) -> None:
    try:
        if isinstance(item, Procedure):
            procedure_published(item, item.region.source_language)
        elif isinstance(item, Event):
            event_published(item)
    except Exception:  # a notice must never break a publication
        logger.exception("Notices for %s %s could not be noted", type(item).__name__, item.pk)


def on_translation_published(sender, item, language, **kwargs) -> None:
    if not isinstance(item, Procedure):
        return
    try:
        procedure_published(item, language)
    except Exception:  # a notice must never break a publication
        logger.exception("Notices for procedure %s could not be noted", item.pk)


# --- the digest -------------------------------------------------------------------------------


def accounts_due(today=None) -> list[int]:
    """Accounts with something to tell that had no digest today."""
    today = today or timezone.localdate()
    return list(
        MigrantAccount.objects.filter(notices__sent_at__isnull=True)
        .exclude(last_digest_on=today)
        .values_list("pk", flat=True)
        .distinct()
    )


def digest_items(account: MigrantAccount) -> list[dict]:
    """What the digest tells, in the account's language: title and path of each item."""
    from apps.core import links

    items = []
    notices = list(account.notices.filter(sent_at__isnull=True).order_by("created_at"))
    procedures = Procedure.objects.in_bulk(
        [n.object_id for n in notices if n.kind == NoticeKind.CHANGED]
    )
    events = Event.objects.in_bulk([n.object_id for n in notices if n.kind == NoticeKind.NEW_EVENT])
    for notice in notices:
        item = (procedures if notice.kind == NoticeKind.CHANGED else events).get(notice.object_id)
        if item is None:
            continue
        version = language_version(item, account.language)
        items.append({
            "kind": notice.kind,
            "title": version.texts["title"],
            "path": links.public_url(item, account.language),
        })  # fmt: skip
    return items


@transaction.atomic
def mark_sent(account: MigrantAccount, *, today=None) -> None:
    account.notices.filter(sent_at__isnull=True).update(sent_at=timezone.now())
    MigrantAccount.objects.filter(pk=account.pk).update(
        last_digest_on=today or timezone.localdate()
    )


def followed_keys(account: MigrantAccount | None) -> set[tuple[str, int]]:
    """(kind, id) of everything the account follows: one query per request, however many
    "Follow" buttons a page shows (kept on the account object, which lives for the request)."""
    if not account:
        return set()
    if not hasattr(account, "_followed_keys"):
        account._followed_keys = set(account.follows.values_list("kind", "object_id"))
    return account._followed_keys


def followed(account: MigrantAccount, code: str) -> list[dict]:
    """What the account follows, for "My Waypoint": kind, id, title (in ``code``, with the
    language it is actually in) and path. One query per kind, however many are followed."""
    from apps.core import languages, links
    from apps.translation.reader import with_reader_translation

    rows = list(account.follows.order_by("kind", "created_at"))
    ids = {kind: [row.object_id for row in rows if row.kind == kind] for kind in FollowKind.values}
    found = {}
    for kind in FollowKind.values:
        queryset = followable(account.region, kind)
        if kind == FollowKind.PROCEDURE:
            queryset = with_reader_translation(queryset, code).select_related("region")
        found[kind] = queryset.in_bulk(ids[kind])
    result = []
    for row in rows:
        thing = found[row.kind].get(row.object_id)
        if thing is None:
            continue
        language = code
        if row.kind == FollowKind.PROCEDURE:
            version = language_version(thing, code)
            title, path = version.texts["title"], links.public_url(thing, code)
            language = version.language.code
        elif row.kind == FollowKind.TOPIC:
            title, path = thing.name, links.link("topic", code, slug=thing.slug)
        else:
            title, path = thing.name, links.link("organisations", code)
        result.append({"kind": row.kind, "kind_label": FollowKind(row.kind).label,
                       "id": row.object_id, "title": title, "path": path,
                       "language": language, "dir": languages.get(language).dir})  # fmt: skip
    return result
