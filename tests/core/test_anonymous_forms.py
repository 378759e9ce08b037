"""Forms anyone may send (registration, "Did this help?") are protected without a cookie: a
post a browser says comes from another site is refused, one from this site is accepted."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from apps.core.anonymous_forms import is_cross_site


@pytest.mark.parametrize(
    ("headers", "cross_site"),
    [
        ({}, False),  # an old browser, a script: nothing to borrow without a cookie
        ({"Sec-Fetch-Site": "same-origin"}, False),
        ({"Sec-Fetch-Site": "none"}, False),  # typed in or bookmarked
        ({"Sec-Fetch-Site": "same-site"}, True),
        ({"Sec-Fetch-Site": "cross-site"}, True),
        ({"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"}, True),
        ({"Origin": "http://testserver"}, False),
        ({"Origin": "https://testserver"}, True),  # another scheme is another origin
        ({"Origin": "http://evil.example"}, True),
        ({"Origin": "null"}, True),
        ({"Origin": "https://partner.example"}, False),  # CSRF_TRUSTED_ORIGINS
    ],
)
def test_where_a_post_comes_from(settings, headers, cross_site):
    settings.CSRF_TRUSTED_ORIGINS = ["https://partner.example"]
    request = RequestFactory().post("/en/ask/feedback/", headers=headers)
    assert is_cross_site(request) is cross_site
