""" "My Waypoint": the optional account of a migrant. Signing in is by a one-time link sent by
e-mail (the account is made on first use); signed in, a person sees their procedures with
progress, their event registrations, can choose the language of e-mails, download or delete
everything, and sign out here or on every device. Reading never needs any of this."""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.core import languages, resilient_cache
from apps.core.anonymous_forms import anonymous_form
from apps.migrant.views import MigrantPageMixin
from apps.migrant_accounts import follows, saved, services, session
from apps.migrant_accounts.models import SignInLink
from apps.translation.reader import language_version


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        max_length=254,
        help_text=gettext_lazy("We send you a link to sign in. No password is needed."),
    )


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _too_many_links(request, email: str) -> bool:
    """Per client address (django-ratelimit) and per e-mail address (links of the last hour)."""
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    recent = SignInLink.objects.filter(
        region=request.region, email=services.normalise_email(email), created_at__gte=hour_ago
    ).count()
    limited = resilient_cache.over_limit(
        request,
        group="migrant-sign-in",
        rates=[(resilient_cache.address_key, settings.MIGRANT_SIGN_IN_RATE)],
    )
    return limited or recent >= settings.MIGRANT_SIGN_IN_LINKS_PER_HOUR


class AccountPageMixin(MigrantPageMixin):
    @property
    def account(self):
        return session.current_account(self.request)


@method_decorator(never_cache, name="dispatch")
class MyWaypointView(AccountPageMixin, TemplateView):
    template_name = "migrant/my_waypoint.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        account, code = self.account, get_language()
        context["retention"] = services.retention()
        if account is None:
            context["form"] = kwargs.get("form") or SignInForm()
            return context
        registrations = []
        for registration in services.registrations_of(account, code).order_by(
            "occurrence__starts_at"
        ):
            event = registration.occurrence.event
            registrations.append({"registration": registration, "event": event,
                                  "version": language_version(event, code)})  # fmt: skip
        saved_pages = [
            {"page": page, "language": languages.get(page.title_language),
             "page_language": languages.get(page.language)}
            for page in saved.saved_pages(account)
        ]  # fmt: skip
        context.update(
            account=account,
            saved_pages=saved_pages,
            followed=follows.followed(account, code),
            procedures=services.progress_overview(account, code),
            registrations=registrations,
            account_language=languages.get(account.language),
            languages=account.region.languages,
        )
        return context

    def post(self, request, *args, **kwargs):
        """Signed in: the language of e-mails."""
        account = self.account
        if account is None:
            return redirect("migrant:my_waypoint")
        services.set_language(account, request.POST.get("language", ""))
        messages.success(request, _("Your e-mails will be written in the language you chose."))
        return redirect("migrant:my_waypoint")


@method_decorator(anonymous_form, name="dispatch")
class SignInRequestView(MigrantPageMixin, View):
    """Asks for a link. The answer is the same for every address (no one learns whether an
    address has an account)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SignInForm(request.POST)
        if not form.is_valid():
            context = {"form": form, "retention": services.retention()}
            return render(request, "migrant/my_waypoint.html", context, status=400)
        email = form.cleaned_data["email"]
        if _too_many_links(request, email):
            form.add_error(
                "email", _("Too many links were asked for. Please try again in an hour.")
            )
            context = {"form": form, "retention": services.retention()}
            return render(request, "migrant/my_waypoint.html", context, status=429)
        services.request_sign_in(request.region, email, get_language(), base_url=_base_url(request))
        context = {"sent_to": email, "minutes": settings.MIGRANT_SIGN_IN_LINK_MINUTES}
        return render(request, "migrant/my_sign_in.html", context)


@method_decorator([anonymous_form, never_cache], name="dispatch")
class SignInLinkView(MigrantPageMixin, TemplateView):
    """The link from the e-mail. Opening it shows a button: programs that check links in
    e-mails open them too, and must not use them up."""

    template_name = "migrant/my_sign_in.html"

    def post(self, request, token: str):
        account = services.use_link(request.region, token)
        if account is None:
            context = {"invalid": True, "form": SignInForm()}
            return render(request, self.template_name, context, status=400)
        session.sign_in(request, account)
        messages.success(request, _("You are signed in."))
        return redirect("migrant:my_waypoint")


@method_decorator(never_cache, name="dispatch")
class SignOutView(AccountPageMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.account
        if account is not None and request.POST.get("everywhere") == "1":
            services.sign_out_everywhere(account)
        session.sign_out(request)
        messages.success(request, _("You are signed out."))
        return redirect("migrant:my_waypoint")


@method_decorator(never_cache, name="dispatch")
class MyDataView(AccountPageMixin, View):
    """Everything the portal holds about the person, as a JSON file."""

    def get(self, request, *args, **kwargs):
        account = self.account
        if account is None:
            return redirect("migrant:my_waypoint")
        data = json.dumps(services.export(account), ensure_ascii=False, indent=2)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="my-waypoint.json"'
        return response


@method_decorator(never_cache, name="dispatch")
class DeleteAccountView(AccountPageMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.account
        if account is None:
            return redirect("migrant:my_waypoint")
        if request.POST.get("confirm") != "1":
            messages.error(request, _("Tick the box to confirm that everything will be deleted."))
            return redirect(reverse("migrant:my_waypoint") + "#delete")
        services.delete_account(account, base_url=_base_url(request))
        session.sign_out(request)
        messages.success(request, _("Your account and everything linked to it are deleted."))
        return redirect("migrant:my_waypoint")


@method_decorator(never_cache, name="dispatch")
class FollowView(AccountPageMixin, View):
    """Follow or stop following a procedure, an organisation or a topic (signed in)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.account
        if account is None:
            messages.info(request, _("Sign in to follow and be told about changes."))
            return redirect("migrant:my_waypoint")
        kind, object_id = request.POST.get("kind", ""), request.POST.get("id", "")
        if not object_id.isdigit() or len(object_id) > 18:
            return HttpResponseBadRequest(_("This cannot be followed."))
        if request.POST.get("action") == "unfollow":
            follows.unfollow(account, kind, int(object_id))
            messages.success(request, _("You no longer follow this."))
        elif follows.follow(account, kind, int(object_id)):
            said = _(
                "You follow this now. We write to you when something changes, at most once a day."
            )
            messages.success(request, said)
        else:
            return HttpResponseBadRequest(_("This cannot be followed."))
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("migrant:my_waypoint")
        return redirect(back)


@method_decorator([anonymous_form, never_cache], name="dispatch")
class UnsubscribeView(MigrantPageMixin, TemplateView):
    """The link in every digest: stops the e-mails without signing in. Opening it shows a
    button; mail programs that offer one-click unsubscribing (RFC 8058) post to it directly."""

    template_name = "migrant/my_unsubscribe.html"

    def post(self, request, token: str):
        if not follows.unsubscribe(token):
            return render(request, self.template_name, {"invalid": True}, status=400)
        return render(request, self.template_name, {"done": True})
