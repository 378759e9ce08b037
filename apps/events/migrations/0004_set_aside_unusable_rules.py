"""Rules stored before they were checked on save: those a save would now refuse are set aside
(left out of lists, shown to their owner) until the owner changes them."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import migrations


def set_aside(apps, schema_editor):
    from apps.events.recurrence import check_schedule

    Event = apps.get_model("events", "Event")
    for event in Event.objects.exclude(rrule="").exclude(starts_at=None).select_related("region"):
        first = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.region.time_zone))
        try:
            check_schedule(event.rrule, first.replace(tzinfo=None))
        except ValidationError as error:
            event.schedule_problem = " ".join(error.messages)[:300]
            event.save(update_fields=["schedule_problem"])


class Migration(migrations.Migration):
    dependencies = [("events", "0003_event_schedule_problem")]

    operations = [migrations.RunPython(set_aside, migrations.RunPython.noop)]
