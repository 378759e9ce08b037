"""Forms of events: the organisation's editor, the public registration, the list's filters."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core import formatting, languages, params
from apps.core.forms import LanguageCheckboxes, LanguageSelect, SingleLineTitlesMixin
from apps.editorial.forms import RevisionForm
from apps.editorial.models import ItemStatus
from apps.events import recurrence
from apps.events.models import Event, EventKind, RegistrationMode

REPEAT_CHOICES = [
    ("", _("Does not repeat")),
    ("FREQ=DAILY", _("Every day")),
    ("FREQ=WEEKLY", _("Every week")),
    ("FREQ=WEEKLY;INTERVAL=2", _("Every two weeks")),
    ("FREQ=MONTHLY", _("Every month")),
]
_SIMPLE_RULE = re.compile(
    r"^(?P<base>FREQ=(DAILY|WEEKLY|MONTHLY)(;INTERVAL=2)?)(;UNTIL=(?P<until>\d{8})T235959|;COUNT=(?P<count>\d+))?$"
)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the region's time zone (whatever the server's is)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *args, zone: zoneinfo.ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, str) and value:
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                return value
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return value.astimezone(self.zone).replace(tzinfo=None)
        return value


class EventForm(RevisionForm):
    """An event in the region's source language; the city's translators do the rest."""

    languages_of_instruction = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=languages.PRIMARY_CHOICES,
        widget=LanguageCheckboxes,
        required=False,
    )
    repeat = forms.ChoiceField(label=_("Repeats"), choices=REPEAT_CHOICES, required=False)
    repeat_until = forms.DateField(
        label=_("Repeats until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    repeat_count = forms.IntegerField(
        label=_("Or: number of dates"), required=False, min_value=1, max_value=recurrence.MAX_DATES
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "description",
            "target_group",
            "kind",
            "starts_at",
            "duration_minutes",
            "repeat",
            "repeat_until",
            "repeat_count",
            "rrule",
            "place",
            "online_url",
            "languages_of_instruction",
            "cost",
            "childcare",
            "wheelchair_accessible",
            "topics",
            "user_types",
            "registration_mode",
            "capacity",
            "registration_url",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "topics": forms.CheckboxSelectMultiple,
            "user_types": forms.CheckboxSelectMultiple,
            "registration_mode": forms.RadioSelect,
        }
        labels = {"rrule": _("Advanced: repeat rule")}

    def __init__(self, *args, region, revision=None, **kwargs):
        super().__init__(*args, region=region, revision=revision, **kwargs)
        zone = region.zone
        self.fields["starts_at"] = LocalDateTimeField(
            label=_("First date and time"),
            zone=zone,
            help_text=_("Local time in %(zone)s.") % {"zone": region.time_zone},
            initial=self.initial.get("starts_at"),
        )
        self.order_fields(self._meta.fields)
        self.fields["place"].queryset = self.fields["place"].queryset.filter(
            status=ItemStatus.PUBLISHED
        )
        rule = (self.initial.get("rrule") or "").upper()
        simple = _SIMPLE_RULE.match(rule)
        if simple:
            self.initial["repeat"] = simple["base"]
            self.initial["rrule"] = ""
            if simple["until"]:
                self.initial["repeat_until"] = dt.datetime.strptime(
                    simple["until"], "%Y%m%d"
                ).date()
            if simple["count"]:
                self.initial["repeat_count"] = int(simple["count"])

    def clean_rrule(self) -> str:
        rule = (self.cleaned_data.get("rrule") or "").strip().upper().removeprefix("RRULE:")
        recurrence.validate_rule(rule)
        return rule

    def clean(self):
        data = super().clean()
        advanced = bool(data.get("rrule"))
        if not advanced and data.get("repeat"):
            data["rrule"] = recurrence.simple_rule(
                data["repeat"], until=data.get("repeat_until"), count=data.get("repeat_count")
            )
        starts_at = data.get("starts_at")
        until = data.get("repeat_until")
        if starts_at and until and until < starts_at.date():
            self.add_error("repeat_until", _("The end date is before the first date."))
        elif starts_at and data.get("rrule") and "rrule" not in self.errors:
            first = starts_at.astimezone(self.region.zone).replace(tzinfo=None)
            try:
                recurrence.check_schedule(data["rrule"], first)
            except ValidationError as error:
                field = "rrule" if advanced else "repeat_until" if until else "repeat"
                self.add_error(field, error)
        mode = data.get("registration_mode")
        if mode == RegistrationMode.EXTERNAL and not data.get("registration_url"):
            self.add_error("registration_url", _("Give the website where people register."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Choose a place or give an online link (or both)."))
        return data


class RegistrationForm(SingleLineTitlesMixin, forms.Form):
    """Somebody registers for a date: no account, only what the organisers need."""

    date = forms.ChoiceField(label=_("Date"))
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("We send your confirmation and a link to cancel here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Or: phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the organisers use my name and contact details for this event."),
        error_messages={"required": _("Please agree, so that we may keep your registration.")},
    )
    # Left empty by people; bots fill it in. Hidden by CSS and from assistive technology.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, dates: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.dates = {listing.date.starts_at.isoformat(): listing for listing in dates}

        def date_time(moment) -> str:
            return formatting.date_time(moment, get_language())

        full = _("Full: waiting list")
        self.fields["date"].choices = [
            (
                key,
                f"{date_time(listing.date.starts_at)} – {full}"
                if listing.places_left == 0
                else date_time(listing.date.starts_at),
            )
            for key, listing in self.dates.items()
        ]
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off", "class": "honeypot"}
        )

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("Your registration could not be sent."))
        if not (data.get("email") or data.get("phone")):
            self.add_error("email", _("Please give an e-mail address or a phone number."))
        return data

    def starts_at(self) -> dt.datetime:
        return self.dates[self.cleaned_data["date"]].date.starts_at


class FilterForm(forms.Form):
    """The list's filters, as a GET form that works without JavaScript."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    situation = forms.ChoiceField(label=_("Your situation"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False, widget=LanguageSelect)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Courses and events")), *EventKind.choices]
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[params.validate_day],
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[params.validate_day],
    )
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    childcare = forms.BooleanField(label=_("With childcare"), required=False)
    accessible = forms.BooleanField(label=_("Step-free access"), required=False)
    organisation = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, topics, user_types, **kwargs):
        super().__init__(*args, **kwargs)
        topic_choices = [("", _("All topics"))]
        for topic in topics:
            topic_choices.append((topic.slug, topic.name))
            topic_choices += [(child.slug, f"— {child.name}") for child in topic.children.all()]
        self.fields["topic"].choices = topic_choices
        self.fields["situation"].choices = [("", _("Any situation"))] + [
            (user_type.slug, user_type.name) for user_type in user_types
        ]
        self.fields["language"].choices = [("", _("Any language")), *languages.PRIMARY_CHOICES]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return data


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to everybody registered for this date"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CancelDateForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the date cancelled? (sent to everybody registered)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
