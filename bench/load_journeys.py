"""Locust users for bench/load_fault.py: anonymous migrants walking the portal in their language.

Not run on its own: load_fault.py starts it (``locust -f bench/load_journeys.py --headless``)
with these environment variables:

- ``LOAD_RECORDS``: a file to which every request is appended as it ends, one CSV line
  ``start (Unix seconds),milliseconds,status,page`` (status 0: no answer at all), so that
  load_fault.py can cut the run into phases by time;
- ``LOAD_SPAWNED``: a file written once every user is running;
- ``LOAD_THINK``: seconds a reader spends on a page, ``MIN-MAX`` (default ``5-15``).

Only GET requests, never signed in. Each user keeps one language (all eleven, Arabic, Dari and
Urdu among them) and walks journeys a newcomer takes: the home page, *Step by step* and a
procedure, the glossary and a term, a search in their own words (the questions of
bench/search_eval.json), courses and events, and the procedures API as an app reads it.
"""

from __future__ import annotations

import json
import os
import random
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

LANGUAGES = ["ar", "zh-hans", "fa-af", "nl", "en", "de", "it", "ru", "es", "uk", "ur"]
QUESTIONS: dict[str, list[str]] = {
    code: [question for question, _expected in questions]
    for code, questions in json.loads(
        (Path(__file__).with_name("search_eval.json")).read_text(encoding="utf-8")
    )["questions"].items()
}
#: Slugs of the published procedures and glossary terms, asked of the API once at the start.
SLUGS: dict[str, list[str]] = {"procedures": [], "terms": []}


def _think() -> tuple[float, float]:
    low, _, high = os.environ.get("LOAD_THINK", "5-15").partition("-")
    return float(low), float(high or low)


def _slugs(host: str, path: str) -> list[str]:
    """Every ``slug`` of a paginated list of the API (loopback only)."""
    slugs, url = [], f"{host}{path}"
    while url:
        if not url.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
            raise RuntimeError(f"load only ever goes to loopback, not {url}")
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            data = json.load(response)
        results = data["results"] if isinstance(data, dict) else data
        slugs += [item["slug"] for item in results if item.get("slug")]
        url = data.get("next") if isinstance(data, dict) else None
    return slugs


@events.test_start.add_listener
def _discover(environment, **_kwargs) -> None:
    host = environment.host.rstrip("/")
    SLUGS["procedures"] = _slugs(host, "/api/v1/procedures/?lang=en")
    SLUGS["terms"] = _slugs(host, "/api/v1/glossary/?lang=en")
    if not SLUGS["procedures"] or not SLUGS["terms"]:
        raise RuntimeError("the demo has no procedures or no glossary terms: was it loaded?")


_records = open(os.environ["LOAD_RECORDS"], "a", buffering=1, encoding="utf-8")  # noqa: SIM115


@events.request.add_listener
def _record(name, response_time, response=None, exception=None, start_time=None, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    if exception is not None and status < 400:  # the request failed before an answer came
        status = 0
    start = start_time if start_time is not None else time.time() - response_time / 1000
    _records.write(f"{start:.4f},{response_time:.2f},{status},{name}\n")


@events.spawning_complete.add_listener
def _spawned(user_count, **_kwargs) -> None:
    Path(os.environ["LOAD_SPAWNED"]).write_text(f"{time.time():.4f} {user_count}\n")


class Migrant(FastHttpUser):
    wait_time = between(*_think())
    network_timeout = 30.0
    connection_timeout = 30.0

    def on_start(self) -> None:
        self.code = random.choice(LANGUAGES)  # noqa: S311 - load, not secrets
        self.steps: list[tuple[str, str]] = []

    def page(self, path: str, name: str, **params: str) -> tuple[str, str]:
        query = f"?{urlencode(params)}" if params else ""
        return f"/{self.code}/{path}{query}", f"/[lang]/{name}"

    def journey(self) -> list[tuple[str, str]]:
        procedure = random.choice(SLUGS["procedures"])  # noqa: S311
        other = random.choice(SLUGS["procedures"])  # noqa: S311
        term = random.choice(SLUGS["terms"])  # noqa: S311
        question = random.choice(QUESTIONS.get(self.code) or QUESTIONS["en"])  # noqa: S311
        home = self.page("", "")
        steps = self.page("step-by-step/", "step-by-step/")
        read = self.page(f"step-by-step/{procedure}/", "step-by-step/[slug]/")
        read_other = self.page(f"step-by-step/{other}/", "step-by-step/[slug]/")
        glossary = self.page("glossary/", "glossary/")
        explained = self.page(f"glossary/{term}/", "glossary/[slug]/")
        search = self.page("search/", "search/?q=", q=question)
        courses = self.page("events/", "events/")
        api = (f"/api/v1/procedures/?lang={self.code}", "/api/v1/procedures/?lang=")
        api_one = (
            f"/api/v1/procedures/{procedure}/?lang={self.code}",
            "/api/v1/procedures/[slug]/",
        )
        return random.choice(  # noqa: S311
            [
                [home, steps, read, read_other, glossary, explained],
                [home, search, read, explained],
                [home, courses, steps, read],
                [search, read, glossary, explained, courses],
                [api, api_one, api],
            ]
        )

    @task
    def next_page(self) -> None:
        if not self.steps:
            self.steps = self.journey()
        path, name = self.steps.pop(0)
        self.client.get(path, name=name)
