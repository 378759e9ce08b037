"""Read models kept between requests: what a page shows, worked out once per content version.

A migrant page that is not served whole from the page cache (a signed-in reader, the first
reader after a change, an installation that switched the page cache off) still need not rebuild
its ORM trees: the read model of a procedure page — the procedure, its steps, documents, offices
and tips in one language — is kept in the shared cache under the **content version**
(:mod:`apps.core.page_cache`), which every committed change moves on. So a kept read model is
never older than the last change, like a kept page.

Nothing is kept while a transaction is open: a read model made from data not yet committed
would be served to others under the version of the data before it.

Each process also keeps the read models it used last, as they are (``process_copies``): taking
a procedure's read model out of Redis means unpickling a few hundred model instances, which
cost more than the rest of the page. The key holds the content version, so a copy is as current
as the shared one. A read model is shared by every request of the process that uses it:
**callers must not change what they get**.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import connection

from apps.core import resilient_cache as cache
from apps.core.page_cache import ProcessCopies, SharedVersion, content_version

T = TypeVar("T")

#: How many read models each process keeps itself (a procedure page's is a few hundred KB).
PROCESS_COPIES = 300
process_copies = ProcessCopies(PROCESS_COPIES)


def kept(
    name: str,
    parts: tuple,
    make: Callable[[], T | None],
    seconds: int | None = None,
    version: SharedVersion | None = None,
) -> T | None:
    """``make()``, or what it returned for the same ``name`` and ``parts`` since the content
    last changed (or ``version``, for what depends on less than all the content). ``None``
    (nothing found) is not kept. ``seconds`` shortens how long the shared cache keeps it (for
    keys that soon go out of use, like a minute's)."""
    longest = int(getattr(settings, "READ_MODEL_SECONDS", 0))
    seconds = min(longest, seconds) if seconds is not None and longest else longest
    if not seconds or connection.in_atomic_block:
        return make()
    current = version.current() if version is not None else content_version()
    key = f"read-model:{name}:{current}:" + ":".join(str(part) for part in parts)
    found = process_copies.get(key)
    if found is not None:
        return found
    found = cache.get(key)
    if found is not None:
        process_copies.put(key, found)
        return found
    value = make()
    if value is not None:
        cache.set(key, value, seconds)
        process_copies.put(key, value)
    return value
