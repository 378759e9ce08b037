from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.formatting import day_name
from apps.editorial.forms import RevisionForm
from apps.places.models import Place
from apps.places.opening_hours import format_day, parse_day


class PlaceForm(RevisionForm):
    """A place; its opening hours are typed one line per weekday."""

    class Meta:
        model = Place
        # Opening hours are typed per weekday (see __init__), the rest as the revision keeps it.
        fields = [
            *Place.translatable_fields,
            *(name for name in Place.revisioned_fields if name != "opening_hours"),
        ]
        widgets = {"directions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, revision=None, **kwargs):
        super().__init__(*args, revision=revision, **kwargs)
        stored = revision.data.get("opening_hours", []) if revision else []
        for day in range(7):
            self.fields[f"hours_{day}"] = forms.CharField(
                label=day_name(day, get_language()),
                required=False,
                initial=format_day(stored, day),
                help_text=_("For example 08:00–12:00, 14:00–18:00. Empty: closed.")
                if day == 0
                else "",
            )

    def clean(self):
        cleaned = super().clean()
        hours = []
        for day in range(7):
            try:
                intervals = parse_day(cleaned.get(f"hours_{day}", ""))
            except ValidationError as error:
                self.add_error(f"hours_{day}", error)
                continue
            hours += [{"day": day, "opens": opens, "closes": closes} for opens, closes in intervals]
        cleaned["opening_hours"] = hours
        return cleaned
