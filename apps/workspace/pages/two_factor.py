"""Two-step sign-in pages: the second step after the password, setting up an authenticator app
with recovery codes, and the gate that keeps workspace pages closed until both are done.

The rules (who must, how codes are checked) are in :mod:`apps.accounts.two_factor`; this
module only holds the pages. Staff API requests authenticated with a token never pass through
here: a token is created by an operator for a program, not typed in by a person.
"""

from __future__ import annotations

import functools
import time
from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from django_otp.plugins.otp_static.models import StaticDevice

from apps.accounts import lockout, two_factor
from apps.accounts.forms import AppCodeForm, SecondStepForm
from apps.accounts.models import User
from apps.migrant_accounts.session import current_account

#: Where the session keeps who gave the right password and still owes a code.
PENDING_KEY = "two_factor_pending"
#: How long the second step waits for its code before the password is asked again.
PENDING_SECONDS = 5 * 60


def too_many_attempts() -> str:
    return _("Too many sign-in attempts. For your safety, please wait 15 minutes and try again.")


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """``candidate`` if it stays on this site, otherwise the start page after sign-in."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("accounts:home")


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def await_code(request: HttpRequest, user: User, next_url: str) -> HttpResponseRedirect:
    """After the right password: remember who is signing in, and ask for the code. Nobody is
    signed in until the code is given."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "next": next_url,
        "at": time.time(),
    }
    return redirect("accounts:second_step")


def is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def workspace_gate(view):
    """Wraps every workspace route (see :func:`apps.workspace.routes.route`): a signed-in person
    with an authenticator app gives its code first; one whose role requires two-step sign-in and
    who has none sets it up first. Anonymous visitors pass on to the page's own sign-in check."""

    @functools.wraps(view)
    def gated(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated and current_account(request) is not None:
            # A migrant's account is not a staff account: it never opens a workspace.
            raise PermissionDenied
        if user.is_authenticated and not is_verified(user):
            if two_factor.is_enabled(user):
                return HttpResponseRedirect(
                    with_next("accounts:second_step", request.get_full_path())
                )
            if two_factor.required_for(user):  # the setup page says why
                return HttpResponseRedirect(
                    with_next("accounts:two_factor", request.get_full_path())
                )
        return view(request, *args, **kwargs)

    return gated


class SecondStepView(FormView):
    """The code after the password. Wrong codes count like wrong passwords in the lockout of
    this account from this address."""

    template_name = "accounts/second_step.html"
    form_class = SecondStepForm

    def dispatch(self, request, *args, **kwargs):
        self.person, self.next_url = self.signing_in()
        if self.person is None:
            return redirect("accounts:login")
        return super().dispatch(request, *args, **kwargs)

    def signing_in(self) -> tuple[User | None, str]:
        """Who owes a code: the person who just gave the right password, or someone signed in
        without it (after choosing a new password) who has an authenticator app."""
        pending = self.request.session.get(PENDING_KEY)
        if isinstance(pending, dict):
            if time.time() - float(pending.get("at", 0)) <= PENDING_SECONDS:
                person = User.objects.filter(pk=pending.get("user"), is_active=True).first()
                if person is not None:
                    return person, safe_next(self.request, pending.get("next"))
            del self.request.session[PENDING_KEY]
            messages.info(self.request, _("That took too long. Please sign in again."))
            return None, ""
        user = self.request.user
        if user.is_authenticated and not is_verified(user) and two_factor.is_enabled(user):
            return user, safe_next(self.request, self.request.GET.get("next"))
        return None, ""

    def post(self, request, *args, **kwargs):
        if lockout.request_locked_out(request, self.person.email):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, too_many_attempts())
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        device = two_factor.verify(self.person, form.cleaned_data["code"])
        if device is None:
            # Counted by apps.accounts.lockout like a wrong password for this account.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.person.email},
                request=self.request,
            )
            form.add_error("code", _("That code is not right, or it was already used."))
            return self.form_invalid(form)
        pending = self.request.session.pop(PENDING_KEY, None)
        if not self.request.user.is_authenticated:
            auth_login(self.request, self.person, backend=pending["backend"])
        django_otp.login(self.request, device)
        if isinstance(device, StaticDevice):
            left = two_factor.recovery_codes_left(self.person)
            messages.warning(
                self.request,
                ngettext(
                    "You signed in with a recovery code; it cannot be used again. You have "
                    "%(count)d recovery code left: make new ones on your two-step sign-in page.",
                    "You signed in with a recovery code; it cannot be used again. You have "
                    "%(count)d recovery codes left: make new ones on your two-step sign-in page.",
                    left,
                )
                % {"count": left},
            )
        return HttpResponseRedirect(self.next_url)


class TwoFactorView(LoginRequiredMixin, TemplateView):
    """Set up two-step sign-in (QR code, secret, a code to confirm, then recovery codes shown
    once); once it is on, make new recovery codes or, where no role requires it, switch it
    off — each confirmed with a current code."""

    template_name = "accounts/two_factor.html"
    ACTIONS = ("confirm", "recovery_codes", "switch_off")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not is_verified(user) and two_factor.is_enabled(user):
            return HttpResponseRedirect(with_next("accounts:second_step", request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)

    @property
    def next_url(self) -> str:
        return safe_next(
            self.request, self.request.POST.get("next") or self.request.GET.get("next")
        )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            enabled=two_factor.is_enabled(user),
            required=two_factor.required_for(user),
            next=self.next_url,
        )
        if context["enabled"]:
            context["codes_left"] = two_factor.recovery_codes_left(user)
            context.setdefault("recovery_form", SecondStepForm(prefix="recovery"))
            if not context["required"]:
                context.setdefault("off_form", SecondStepForm(prefix="off"))
        else:
            device = two_factor.enrolment_device(user)
            context.update(
                qr_code=two_factor.qr_code_svg(device),
                secret=two_factor.secret_of(device),
            )
            context.setdefault("confirm_form", AppCodeForm(prefix="confirm"))
        return context

    def post(self, request, *args, **kwargs) -> HttpResponse:
        action = request.POST.get("action")
        if action not in self.ACTIONS:
            return self.render_to_response(self.get_context_data(), status=400)
        return getattr(self, action)(request)

    def confirm(self, request) -> HttpResponse:
        form = AppCodeForm(request.POST, prefix="confirm")
        if two_factor.is_enabled(request.user) or not form.is_valid():
            return self.again(confirm_form=form)
        device = two_factor.enrolment_device(request.user)
        try:
            codes = two_factor.confirm_enrolment(device, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
            return self.again(confirm_form=form)
        device.refresh_from_db()
        django_otp.login(request, device)  # the code just given proves this session too
        return self.show_codes(codes, first=True)

    def recovery_codes(self, request) -> HttpResponse:
        form = SecondStepForm(request.POST, prefix="recovery")
        if not self.code_accepted(form):
            return self.again(recovery_form=form)
        return self.show_codes(two_factor.new_recovery_codes(request.user), first=False)

    def switch_off(self, request) -> HttpResponse:
        form = SecondStepForm(request.POST, prefix="off")
        if not self.code_accepted(form):
            return self.again(off_form=form)
        try:
            two_factor.switch_off(request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.again(off_form=form)
        messages.success(request, _("Two-step sign-in is switched off."))
        return redirect("accounts:two_factor")

    def code_accepted(self, form) -> bool:
        if not form.is_valid():
            return False
        if two_factor.verify(self.request.user, form.cleaned_data["code"]) is None:
            form.add_error("code", _("That code is not right, or it was already used."))
            return False
        return True

    def again(self, **forms) -> HttpResponse:
        return self.render_to_response(self.get_context_data(**forms))

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)  # the secret is on the page
        return response

    def show_codes(self, codes: list[str], *, first: bool) -> HttpResponse:
        """The recovery codes, shown this once (only their use is stored)."""
        response = render(
            self.request,
            "accounts/recovery_codes.html",
            {"codes": codes, "first": first, "next": self.next_url},
        )
        add_never_cache_headers(response)
        return response
