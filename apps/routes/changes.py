"""What a person changed in their route: procedures added or removed, their own order, their
own dates. Without an account the changes travel in the page's address with the answers (so
everything works without JavaScript and without storage on our side); signed in, they are kept
with the account (RoutePlan)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

_SLUG = re.compile(r"^[-a-z0-9_]{1,80}$")
MAX_ITEMS = 100
ACTIONS = ("add", "remove", "up", "down", "date")


def _slugs(values) -> list[str]:
    found = []
    for value in values:
        value = str(value)
        if _SLUG.match(value) and value not in found:
            found.append(value)
    return found[:MAX_ITEMS]


def _day(value) -> str:
    """An ISO date within a sensible range, or ""."""
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return ""
    return day.isoformat() if dt.date(2000, 1, 1) <= day <= dt.date(2099, 12, 31) else ""


class _OneValueEach(dict):
    def getlist(self, name: str) -> list:
        value = self.get(name)
        return [] if value is None else [value]


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    order: tuple[str, ...] = ()  # the person's order (slugs); others follow in the route's order
    dates: dict[str, str] = field(default_factory=dict)  # slug → ISO date the person chose

    @classmethod
    def from_query(cls, query) -> Changes:
        """From a query string (``added``, ``removed`` repeated; ``order`` comma-separated;
        ``on-<slug>`` dates). Whatever is not a slug or a date is left out."""
        if not hasattr(query, "getlist"):  # a plain dict: one value per name
            query = _OneValueEach(query)
        order = str(query.get("order", ""))[:4000].split(",")
        dates = {}
        for name in list(query.keys())[: MAX_ITEMS * 4]:
            if name.startswith("on-") and _SLUG.match(name[3:]):
                day = _day(query.get(name))
                if day:
                    dates[name[3:]] = day
        return cls(
            added=tuple(_slugs(query.getlist("added"))),
            removed=tuple(_slugs(query.getlist("removed"))),
            order=tuple(_slugs(order)),
            dates=dict(list(dates.items())[:MAX_ITEMS]),
        )

    @classmethod
    def from_plan(cls, plan) -> Changes:
        """What a kept plan holds (none for no plan)."""
        if plan is None:
            return cls()
        return cls(
            added=tuple(_slugs(plan.added or [])),
            removed=tuple(_slugs(plan.removed or [])),
            order=tuple(_slugs(plan.order or [])),
            dates={slug: _day(day) for slug, day in (plan.dates or {}).items() if _day(day)},
        )

    def as_query(self) -> list[tuple[str, str]]:
        pairs = [("added", slug) for slug in self.added]
        pairs += [("removed", slug) for slug in self.removed]
        if self.order:
            pairs.append(("order", ",".join(self.order)))
        pairs += [(f"on-{slug}", day) for slug, day in sorted(self.dates.items())]
        return pairs

    def changed(self, action: str, slug: str, *, shown: list[str], day: str = "") -> Changes:
        """After ``action`` on the procedure ``slug``; ``shown`` is the route as the person sees
        it now (the order a move starts from)."""
        if not _SLUG.match(slug or "") or action not in ACTIONS:
            return self
        if action == "add":
            return replace(
                self,
                added=tuple(dict.fromkeys([*self.added, slug]))[:MAX_ITEMS],
                removed=tuple(s for s in self.removed if s != slug),
            )
        if action == "remove":
            return replace(
                self,
                added=tuple(s for s in self.added if s != slug),
                removed=tuple(dict.fromkeys([*self.removed, slug]))[:MAX_ITEMS],
                order=tuple(s for s in self.order if s != slug),
                dates={s: d for s, d in self.dates.items() if s != slug},
            )
        if action == "date":
            dates = {s: d for s, d in self.dates.items() if s != slug}
            if _day(day):
                dates[slug] = _day(day)
            return replace(self, dates=dates)
        order = _slugs(shown)
        if slug not in order:
            return self
        index = order.index(slug)
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(order):
            order[index], order[other] = order[other], order[index]
        return replace(self, order=tuple(order[:MAX_ITEMS]))

    def keep_in(self, plan) -> None:
        plan.added, plan.removed = list(self.added), list(self.removed)
        plan.order, plan.dates = list(self.order), dict(self.dates)
        plan.save(update_fields=["added", "removed", "order", "dates", "updated_at"])


def arranged(keys: list[str], changes: Changes) -> list[str]:
    """The route's slugs in the person's order: those they placed, as placed, then any others
    (new since) in the route's order."""
    if not changes.order:
        return keys
    placed = [slug for slug in changes.order if slug in keys]
    rest = [slug for slug in keys if slug not in placed]
    return placed + rest
