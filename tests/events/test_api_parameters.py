"""Property: whatever a client puts in the events API's query string, the answer is never a
server error; a value that cannot be used is a 400 naming its parameter with a message; and a
query of usable values is a 200."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.core import languages, params
from apps.events.models import EventKind

from .conftest import BERLIN

#: Text a client may send; anything but surrogates, which no URL can carry.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
#: Text that is usable for any free-text filter (a slug that matches nothing is just no match).
USABLE_TEXT = TEXT.filter(lambda text: "\x00" not in text)


def _not_in(choices, *, any_case: bool = False) -> st.SearchStrategy[str]:
    """Values that are not one of ``choices`` (in any case of letters, with ``any_case``)."""

    def usable(text: str) -> bool:
        return text == "" or (text.lower() if any_case else text) in choices

    return st.one_of(TEXT, st.sampled_from([c.upper() for c in choices])).filter(
        lambda text: not usable(text)
    )


def _outside(days: tuple[dt.date, dt.date]) -> st.SearchStrategy[str]:
    """Dates and non-dates that are not a day between ``days`` (each an invalid value)."""
    earliest, latest = days
    return st.one_of(
        st.dates(max_value=earliest - dt.timedelta(days=1)).map(str),
        st.dates(min_value=latest + dt.timedelta(days=1)).map(str),
        st.sampled_from(["2026-02-31", "2026-13-01", "9999-99-99", "soon", "31.12.2026", "-1"]),
        TEXT.filter(lambda text: text != "" and not text[:1].isdigit()),
        st.integers().map(str),
    )


@dataclass
class Query:
    values: dict[str, str]
    invalid: set[str]


def _today() -> dt.date:
    return timezone.now().astimezone(BERLIN).date()


NAMES = (
    "topic", "situation", "organisation", "x", "kind", "language", "lang", "free", "childcare",
    "accessible", "page", "from", "to",
)  # fmt: skip


@st.composite
def queries(draw) -> Query:
    """No parameter, one or two unusable, each of the others absent or usable; ``invalid``
    names the unusable ones."""
    values: dict[str, str] = {}
    invalid: set[str] = set()
    broken = draw(
        st.one_of(st.just(set()), st.sets(st.sampled_from(NAMES), min_size=1, max_size=2))
    )

    def pick(name: str, usable, unusable) -> None:
        if name in broken:
            values[name] = draw(unusable)
            invalid.add(name)
        elif draw(st.booleans()):
            values[name] = draw(usable)

    for name in ("topic", "situation", "organisation", "x"):
        pick(name, USABLE_TEXT, TEXT.map(lambda text: text + "\x00"))
    pick("kind", st.sampled_from(EventKind.values), _not_in(EventKind.values))
    pick("language", st.sampled_from(languages.CODES), _not_in(languages.CODES))
    pick("lang", st.sampled_from(languages.CODES), _not_in(languages.CODES))
    for name in ("free", "childcare", "accessible"):
        flags = params.YES + params.NO
        pick(name, st.sampled_from([*flags, "TRUE", "Off"]), _not_in(flags, any_case=True))
    pick(
        "page",
        st.just("1"),
        st.one_of(
            st.sampled_from(["0", "-1", "1.5", "one", "9" * 13]),
            TEXT.filter(lambda t: t not in ("", "last") and not t.isdigit()),
        ),
    )
    # The period: from and to are days from 2000 to 2099; to is on or after from (today when
    # from is not given), and at most 366 days after it.
    today = _today()
    range_ = (params.EARLIEST_DAY, params.LATEST_DAY)
    pick("from", st.dates(*range_).map(str), _outside(range_))
    first = (
        dt.date.fromisoformat(values["from"])
        if "from" in values and "from" not in invalid
        else None
    )
    start = first or today
    after = (start, min(start + dt.timedelta(days=366), params.LATEST_DAY))
    if "from" in invalid:
        pick("to", st.dates(*range_).map(str), _outside(range_))
        if "to" in values:
            invalid.add("to")  # with from unusable, which of the two a 400 names is the API's
    else:
        pick("to", st.dates(*after).map(str), _outside(after))
    return Query(values, invalid)


@pytest.fixture
def listed(make_event, taxonomy):
    make_event(title="Deutschkurs", topics=[taxonomy["housing"].pk])
    make_event(title="Kochabend", cost=5, childcare=False, rrule="", place=None)


@settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=queries())
def test_any_query_is_answered_with_200_or_a_400_naming_the_parameter(client, listed, query):
    client.raise_request_exception = False
    # The test client encodes the query itself, so every character arrives as sent.
    response = client.get("/api/v1/events/", query.values)

    assert response.status_code < 500, (query, response.content[:300])
    if not query.invalid:
        assert response.status_code == 200, (query, response.content[:300])
        return
    assert response.status_code == 400, (query, response.content[:300])
    body = response.json()
    assert len(body) == 1, (query, body)  # one parameter is named ...
    (named,) = body
    assert named in query.invalid, (query, body)
    assert isinstance(body[named], list) and len(body[named]) == 1, (query, body)
    (message,) = body[named]
    assert isinstance(message, str) and len(message) > 10  # ... with a sentence saying why


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ({"kind": "party"}, "kind", "„kind“ muss einer dieser Werte sein: course, event."),
        ({"free": "maybe"}, "free", "„free“ muss einer dieser Werte sein: true, false."),
        ({"language": "xx"}, "language", "„language“ muss einer dieser Werte sein: ar, "),
        ({"page": "zwei"}, "page", "„page“ muss eine ganze Zahl von 1 bis"),
        ({"lang": "klingon"}, "lang", "„lang“ muss einer dieser Werte sein: ar, "),
        (
            {"from": "2030-01-02", "to": "2030-01-01"},
            "to",
            "Das Enddatum liegt vor dem Startdatum.",
        ),
    ],
)
def test_an_unusable_filter_is_a_400_saying_what_is_usable(
    client, listed, query, parameter, message
):
    response = client.get("/api/v1/events/", query, headers={"accept-language": "de"})

    assert response.status_code == 400
    (said,) = response.json()[parameter]  # a list of messages, as for every parameter
    assert said.startswith(message)
