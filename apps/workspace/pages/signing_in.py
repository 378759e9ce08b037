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

from apps.accounts import lockout, two_factor
from apps.accounts.forms import SignInForm
from apps.core import links
from apps.workspace.pages import two_factor as two_factor_pages


class SignInView(auth_views.LoginView):
    """Staff sign-in. Repeated failures on one account from one address, or from one address
    on many accounts, lock that out for a while (see apps/accounts/lockout.py). People with
    two-step sign-in give a code next (:class:`~apps.workspace.pages.two_factor.SecondStepView`).
    """

    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if lockout.request_locked_out(request, request.POST.get("username")):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, two_factor_pages.too_many_attempts())
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        """With two-step sign-in on, the right password leads to the code, not in."""
        user = form.get_user()
        if two_factor.is_enabled(user):
            return two_factor_pages.await_code(self.request, user, self.get_success_url())
        return super().form_valid(form)


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
