"""Forms anyone may send without an account, protected without a cookie.

Django's CSRF protection keeps its secret in a ``csrftoken`` cookie, and a page that sets a
cookie cannot be kept by the proxy cache (``deploy/nginx.conf``) nor shared between readers:
every event page with its registration form, every assistant answer with its "Did this help?"
went to Django for each reader. These forms act on nobody's behalf (no session, no account: the
data are what the person types in), so a forged request can do nothing the forger could not do
by sending the form themselves; rate limits guard against that. What is still refused is a post
that a browser says comes from another site (a page elsewhere making its visitors' browsers
send the form): browsers say where a request comes from in ``Sec-Fetch-Site`` and, before that
header existed, in ``Origin``. A refused post gets the same page in the reader's language as a
refused CSRF token: nothing was saved.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt

#: Sec-Fetch-Site values of a request the person made on this site (or typed in themselves).
SAME_SITE_FETCHES = frozenset({"same-origin", "none"})

REASON_CROSS_SITE = "The form was sent from another site."


def is_cross_site(request) -> bool:
    """Whether the browser says this request was made by a page of another site.

    A request that says nothing (an old browser, a script, a test client) is taken as what it
    claims to be: without a cookie or an account there is nothing a forger could borrow."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in SAME_SITE_FETCHES
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def anonymous_form(view):
    """Decorate a view whose POST anyone may send: no CSRF cookie, cross-site posts refused."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method == "POST" and is_cross_site(request):
            from apps.core.errors import csrf_failure

            return csrf_failure(request, reason=REASON_CROSS_SITE)
        return view(request, *args, **kwargs)

    return csrf_exempt(guarded)
