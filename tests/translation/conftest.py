import pytest
from django.core.cache import cache

from tests.translation.fake_libretranslate import FakeLibreTranslate, serve


@pytest.fixture
def fake():
    """A LibreTranslate stand-in on loopback, for one test."""
    state = FakeLibreTranslate()
    httpd = serve(state)
    cache.clear()  # the languages a server offers are cached per address
    yield state
    httpd.shutdown()
    httpd.server_close()
