"""The order of a route: a procedure that gives people a paper comes before the procedures that
ask for it (register your address before opening a bank account: the bank wants the
registration certificate).

Only papers every way through a procedure asks for count: a paper asked for in an optional step,
or in only one of two alternatives ("or"), does not hold a procedure back. Where the papers
still form a circle, the circle is broken at the procedure that waits for the fewest others;
otherwise the given order stands."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from apps.procedures.services import step_groups


def needed_by_every_way(steps: list, papers_of: Callable[[object], Iterable[int]]) -> set[int]:
    """The documents (ids) a procedure cannot be done without: of each numbered step, those
    every alternative asks for, optional steps left out. ``steps`` in their order."""
    needed: set[int] = set()
    for alternatives in step_groups(steps):
        ways = [
            {paper for step in together if not step.optional for paper in papers_of(step)}
            for together in alternatives
        ]
        needed |= set.intersection(*ways)
    return needed


def asked_for_anywhere(steps: list, papers_of: Callable[[object], Iterable[int]]) -> set[int]:
    """The documents any step of a procedure asks for (some people will need them)."""
    return {paper for step in steps for paper in papers_of(step)}


@dataclass
class Ordered:
    """The procedures in route order, and for each the ones before it that give it a paper it
    asks for: ``givers[b] == {a: {document ids}}``."""

    order: list[Hashable]
    givers: dict[Hashable, dict[Hashable, set[int]]] = field(default_factory=dict)
    #: Where a circle of papers was broken: (procedure, the one it waited for), if any.
    broken: list[tuple[Hashable, Hashable]] = field(default_factory=list)


def order(
    keys: Sequence[Hashable],
    needs: dict[Hashable, set[int]],
    gives: dict[Hashable, set[int]],
    may_need: dict[Hashable, set[int]] | None = None,
) -> Ordered:
    """``keys`` (in their usual order) sorted so that every procedure comes after those that
    give it a paper it ``needs``, as far as a circle allows; among the procedures free to go
    next, those whose ``may_need`` papers (asked for on some way through) are already given go
    first, then those that give papers to the most others."""
    position = {key: index for index, key in enumerate(keys)}
    may_need = may_need or {}

    def givers_of(wanted: dict[Hashable, set[int]]) -> dict[Hashable, dict[Hashable, set[int]]]:
        found: dict[Hashable, dict[Hashable, set[int]]] = {key: {} for key in keys}
        for giver in keys:
            for taker in keys:
                papers = gives.get(giver, set()) & wanted.get(taker, set())
                if giver != taker and papers:
                    found[taker][giver] = papers
        return found

    waits_for = givers_of(needs)
    would_wait_for = givers_of(may_need)
    # How many others a procedure gives papers to: of two free to go, the one more need goes first.
    takers = {key: 0 for key in keys}
    for taker in keys:
        for giver in set(waits_for[taker]) | set(would_wait_for[taker]):
            takers[giver] += 1
    result = Ordered(order=[])
    placed: set[Hashable] = set()
    while len(placed) < len(keys):
        left = [key for key in keys if key not in placed]
        ready = [key for key in left if not set(waits_for[key]) - placed]
        if ready:
            chosen = min(
                ready,
                key=lambda key: (
                    len(set(would_wait_for[key]) - placed),
                    -takers[key],
                    position[key],
                ),
            )
        else:  # a circle: the one waiting for the fewest goes first
            chosen = min(left, key=lambda key: (len(set(waits_for[key]) - placed), position[key]))
            result.broken += [(chosen, other) for other in set(waits_for[chosen]) - placed]
        placed.add(chosen)
        result.order.append(chosen)
        givers = {**would_wait_for[chosen], **waits_for[chosen]}
        result.givers[chosen] = {
            giver: papers for giver, papers in givers.items() if giver in placed
        }
    return result
