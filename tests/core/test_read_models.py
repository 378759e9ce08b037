"""Read models kept until the content changes (issue 18); the procedure page's own test is in
tests/procedures/test_read_model.py."""

from __future__ import annotations

from apps.core import page_cache, read_models


def test_a_read_model_is_made_once_per_content_version(outside_transactions):
    made = []

    def make():
        made.append(1)
        return {"steps": len(made)}

    assert read_models.kept("page", ("de", "x"), make) == {"steps": 1}
    assert read_models.kept("page", ("de", "x"), make) == {"steps": 1}
    assert read_models.kept("page", ("ar", "x"), make) == {"steps": 2}  # another language

    page_cache.CONTENT.renew()  # a change was committed

    assert read_models.kept("page", ("de", "x"), make) == {"steps": 3}


def test_nothing_found_is_not_kept(outside_transactions):
    made = []
    for _ in range(2):
        read_models.kept("page", ("de", "missing"), lambda: made.append(1))
    assert len(made) == 2


def test_nothing_is_kept_inside_a_transaction(settings, db):
    settings.READ_MODEL_SECONDS = 60
    made = []
    for _ in range(2):
        read_models.kept("page", ("de", "x"), lambda: made.append(1) or "page")
    assert len(made) == 2  # the test's own transaction is open


def test_switched_off_nothing_is_kept(outside_transactions, settings):
    settings.READ_MODEL_SECONDS = 0
    made = []
    for _ in range(2):
        read_models.kept("page", ("de", "x"), lambda: made.append(1) or "page")
    assert len(made) == 2


def test_a_process_keeps_its_copy_until_another_process_changes_the_content(
    outside_transactions, monkeypatch
):
    made = []

    def make():
        made.append(1)
        return {"steps": len(made)}

    read_models.kept("page", ("de", "y"), make)
    read_models.process_copies.clear()  # another worker: it takes the shared copy
    assert read_models.kept("page", ("de", "y"), make) == {"steps": 1}

    # Its own copy serves it while the shared cache has lost the read model...
    with monkeypatch.context() as patched:
        patched.setattr(read_models.cache, "get", lambda key, default=None: None)
        assert read_models.kept("page", ("de", "y"), make) == {"steps": 1}
    assert len(made) == 1

    # ...until a change committed by another process moves the shared version on.
    read_models.cache.set(page_cache.VERSION_KEY, "changed-elsewhere", None)
    page_cache.CONTENT.remembered = ("", 0.0)  # this process's second of trust is over
    assert read_models.kept("page", ("de", "y"), make) == {"steps": 2}
