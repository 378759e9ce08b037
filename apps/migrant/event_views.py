"""Migrant pages of events and courses, organisations and places: lists, calendar, event page
with registration, calendar files and feeds, the map of places."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from apps.accounts import queries as accounts_queries
from apps.core import queries as core_queries
from apps.core.anonymous_forms import anonymous_form
from apps.core.models import Topic
from apps.events import ical, queries, services
from apps.events.forms import FilterForm, RegistrationForm
from apps.events.limits import too_many_registrations
from apps.events.models import Event
from apps.migrant.kept import KeptContentMixin
from apps.migrant.views import MigrantPageMixin
from apps.places import queries as place_queries
from apps.speech import queries as speech_queries
from apps.translation.reader import language_version

#: The list shows about this many dates per page (whole days), with a link to the later ones;
#: which dates, the window of apps.events.queries says (the same as the API's).
LIST_SIZE = 40


class EventListView(MigrantPageMixin, KeptContentMixin, TemplateView):
    """Upcoming dates as a list, or one month as a calendar (``?view=month``). Kept rendered
    until the content changes (a registration that takes a seat is a change) or the minute
    ends (dates that began drop out)."""

    template_name = "migrant/event_list.html"
    content_template_name = "migrant/components/event_list_content.html"
    moment_seconds = 60

    def content_status(self, context: dict) -> int:
        # Filters that cannot be used are explained on the page, which then answers 400.
        return 400 if context["form"].errors else 200

    def content_context(self) -> dict:
        region, code = self.request.region, get_language()
        zone = region.zone
        form = FilterForm(
            self.request.GET or None,
            topics=core_queries.topic_tree(region),
            user_types=core_queries.user_types(region),
        )
        values = form.cleaned_data if form.is_valid() else {}
        filters = queries.Filters.from_values(values)
        now = timezone.now()
        view = "month" if self.request.GET.get("view") == "month" else "list"
        if view == "month":
            first = _month_of(self.request.GET.get("month", ""), now.astimezone(zone).date())
            period = queries.month_window(first, zone, now=now)
        else:
            period = queries.window(
                zone, first=values.get("start"), last=values.get("end"), now=now
            )
        listed = queries.dates_for_reader(region, code, filters, period)
        query = self.request.GET.copy()
        for key in ("view", "month", "page"):
            query.pop(key, None)
        later_url = ""
        if view == "list" and len(listed) > LIST_SIZE:
            listed, next_day = _whole_days(listed, LIST_SIZE, zone)
            later = query.copy()
            later["start"] = next_day.isoformat()
            later_url = "?" + later.urlencode()
        return dict(
            later_url=later_url,
            form=form,
            view=view,
            listings=listed,
            cards=queries.cards(listed) if view == "list" else [],
            month=queries.month(listed, first, zone) if view == "month" else None,
            today=now.astimezone(zone).date(),
            filter_query=query.urlencode(),
            topic_feed_url=reverse(
                "migrant:event_feed_of", kwargs={"kind": "topic", "slug": filters.topic}
            )
            if filters.topic
            else "",
        )


def _whole_days(listed: list, size: int, zone) -> tuple[list, dt.date]:
    """The first ``size`` dates, cut at a day's end, and the day the next page starts."""

    def day(listing) -> dt.date:
        return listing.date.starts_at.astimezone(zone).date()

    next_day = day(listed[size])
    kept = [listing for listing in listed[:size] if day(listing) < next_day]
    if not kept:  # one day has more dates than a page: show them all
        kept = [listing for listing in listed if day(listing) == next_day]
        next_day = next_day + dt.timedelta(days=1)
    return kept, next_day


def _month_of(text: str, today: dt.date) -> dt.date:
    try:
        first = dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return today.replace(day=1)
    return first if queries.within_horizon(first, today) else today.replace(day=1)


@method_decorator(anonymous_form, name="dispatch")
class EventDetailView(MigrantPageMixin, KeptContentMixin, TemplateView):
    """An event, its dates with the places left, and the registration form. Kept rendered until
    the content changes (a registration is a change) or the minute ends (dates that began drop
    out)."""

    template_name = "migrant/event_detail.html"
    content_template_name = "migrant/components/event_detail_content.html"
    moment_seconds = 60

    def get_event(self) -> Event:
        event = queries.event_for_reader(self.request.region, get_language(), self.kwargs["slug"])
        if event is None:
            raise Http404
        return event

    def content_context(self, event: Event | None = None, form=None) -> dict:
        event = event or self.get_event()
        code = get_language()
        dates = queries.upcoming_listings(event, code)
        open_dates = [listing for listing in dates if not listing.cancelled]
        version = language_version(event, code)
        return dict(
            event=event,
            version=version,
            player=speech_queries.player(event, version),
            place_version=language_version(event.place, code) if event.place else None,
            dates=dates,
            form=form or RegistrationForm(dates=open_dates),
            can_register=event.takes_registrations and bool(open_dates),
            retention_days=settings.EVENT_RETENTION_DAYS,
            languages_spoken=_language_names(event.languages_of_instruction),
        )

    def frame_context(self, context: dict) -> dict:
        return {"event": context["event"], "version": context["version"]}

    def post(self, request, *args, **kwargs):
        event = self.get_event()
        code = get_language()
        dates = [
            listing for listing in queries.upcoming_listings(event, code) if not listing.cancelled
        ]
        form = RegistrationForm(request.POST, dates=dates)
        if too_many_registrations(request):
            form.is_valid()
            form.add_error(
                None, _("Too many registrations from your connection. Please try again later.")
            )
        elif form.is_valid():
            try:
                registration = services.register(
                    event=event,
                    starts_at=form.starts_at(),
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    language=code,
                    base_url=request.build_absolute_uri("/"),
                )
            except services.RegistrationError as error:
                form.add_error(None, str(error))
            else:
                return HttpResponseRedirect(
                    reverse(
                        "migrant:registration",
                        kwargs={"token": services.cancel_token(registration)},
                    )
                )
        return self.render_page(self.content_context(event=event, form=form), status=400)


def _language_names(codes: list[str]) -> list:
    from apps.core import languages

    return [languages.get(code) for code in codes or [] if languages.is_supported(code)]


@method_decorator(anonymous_form, name="dispatch")
# One person's page: no cache may keep it (a cancelled registration would still show as booked).
@method_decorator(never_cache, name="dispatch")
class RegistrationView(MigrantPageMixin, TemplateView):
    """The registrant's own page, reached by the secret link: status, and cancelling."""

    template_name = "migrant/registration.html"

    def get_registration(self):
        registration = services.registration_for_token(self.kwargs["token"])
        if registration is None:
            raise Http404
        return registration

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        registration = self.get_registration()
        event = registration.occurrence.event
        context.update(
            registration=registration,
            event=event,
            version=language_version(event, get_language()),
            starts_at=registration.occurrence.starts_at.astimezone(event.region.zone),
            retention_days=settings.EVENT_RETENTION_DAYS,
            is_past=registration.occurrence.starts_at < timezone.now(),
        )
        return context

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        services.cancel_registration(registration, base_url=request.build_absolute_uri("/"))
        return HttpResponseRedirect(request.path)


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _event_url(request):
    def url_of(event: Event) -> str:
        return request.build_absolute_uri(reverse("migrant:event", kwargs={"slug": event.slug}))

    return url_of


class EventCalendarView(MigrantPageMixin, View):
    """One event as an .ics file, to add to a calendar app."""

    def get(self, request, slug: str):
        event = queries.event_for_reader(request.region, get_language(), slug)
        if event is None:
            raise Http404
        body = ical.calendar(
            [event],
            get_language(),
            name=language_version(event, get_language()).texts["title"],
            url_of=_event_url(request),
        )
        return _ics_response(body, f"{event.slug}.ics")


class EventFeedView(MigrantPageMixin, View):
    """A feed to subscribe to: all events, or one organisation's, or one topic's."""

    def get(self, request, kind: str = "", slug: str = ""):
        region, code = request.region, get_language()
        filters = queries.Filters()
        name = _("Courses and events")
        if kind == "organisation":
            organisation = get_object_or_404(
                accounts_queries.organisations_for_migrants(region), slug=slug
            )
            filters = queries.Filters(organisation=slug)
            name = f"{organisation.name} – {name}"
        elif kind == "topic":
            topic = get_object_or_404(Topic, region=region, slug=slug)
            filters = queries.Filters(topic=slug)
            name = f"{topic.name} – {name}"
        elif kind:
            raise Http404
        events = list(queries.events_for_reader(region, code, filters))
        body = ical.calendar(events, code, name=name, url_of=_event_url(request))
        return _ics_response(body, f"{slug or 'events'}.ics")


class PlaceMapView(MigrantPageMixin, KeptContentMixin, TemplateView):
    """Every place on a map (when tiles are configured) and always as a list."""

    template_name = "migrant/place_map.html"
    content_template_name = "migrant/components/place_map_content.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(show_map=bool(settings.MAP_TILE_URL), **kwargs)

    def content_context(self) -> dict:
        code = get_language()
        places = place_queries.place_list(self.request.region, code)
        return dict(
            places=places,
            map_data={
                "tiles": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
                "places": [
                    {
                        "name": version.texts["name"],
                        "lat": float(place.latitude),
                        "lon": float(place.longitude),
                        "url": reverse("migrant:place", kwargs={"slug": place.slug}),
                        "address": ", ".join(place.address_lines),
                    }
                    for place, version in places
                    if place.has_position
                ],
            },
            show_map=bool(settings.MAP_TILE_URL),
        )
