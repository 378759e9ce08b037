"""Signing in and out, and choosing a password from an invitation link: the staff entrance to
the workspaces."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from apps.accounts import lockout
from apps.accounts.forms import SignInForm
from apps.core import links


class SignInView(auth_views.LoginView):
    """Staff sign-in. Repeated failures on one account from one address, or from one address
    on many accounts, lock that out for a while (see apps/accounts/lockout.py)."""

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if lockout.request_locked_out(request, request.POST.get("username")):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many sign-in attempts. For your safety, please wait 15 minutes "
                    "and try again."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)


class SignOutView(auth_views.LogoutView):
    pass


class ChoosePasswordView(auth_views.PasswordResetConfirmView):
    """Where the invitation e-mail leads: the new member chooses a password and is signed in."""

    template_name = "accounts/choose_password.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("accounts:home")


@login_required
def home(request: HttpRequest) -> HttpResponseRedirect:
    """After sign-in, take people to the workspace their roles open (the frontends say which,
    see :func:`apps.core.links.start_page`)."""
    region = request.region
    start = links.start_page(request.user, region) if region is not None else ""
    if start:
        return redirect(start)
    if request.user.is_staff:
        return redirect("admin:index")
    messages.info(request, _("Your account has no role in this region yet."))
    return redirect(links.link("home"))
