"""NGO tips become translatable items (apps.editorial's EditorialContent): they get a region, a
source fingerprint and publication dates, and an approved tip is stored as "published".

Existing approved tips with a text in the region's language are published from it: the
languages the organisation wrote besides become its published translations, the rest is left to
the translators. An approved tip without a text in the region's language goes back to the city
for approval (the reviewer then gives that text), since translations are made from it.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

from apps.core.languages import CODES
from apps.editorial.fingerprints import fingerprint


def _column(code: str) -> str:
    return "text_" + code.replace("-", "_")


def tips_become_items(apps, schema_editor):
    Tip = apps.get_model("procedures", "Tip")
    Translation = apps.get_model("translation", "Translation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    tips = list(Tip.objects.select_related("step__procedure__region"))
    if not tips:
        return
    content_type, _created = ContentType.objects.get_or_create(
        app_label="procedures", model="tip"
    )
    now = timezone.now()
    for tip in tips:
        region = tip.step.procedure.region
        tip.region_id = region.pk
        tip.written_in = [code for code in CODES if getattr(tip, _column(code), "")]
        if tip.status == "approved":
            original = getattr(tip, _column(region.source_language), "") or ""
            if not original:
                tip.status = "pending"
            else:
                tip.status = "published"
                stamp = tip.reviewed_at or now
                tip.source_fingerprint = fingerprint({"text": original}, ["text"])
                tip.source_changed_at = tip.published_at = tip.first_published_at = stamp
                for code in tip.written_in:
                    if code == region.source_language:
                        continue
                    Translation.objects.update_or_create(
                        content_type=content_type,
                        object_id=tip.pk,
                        language=code,
                        defaults={
                            "status": "published",
                            "draft": {"text": getattr(tip, _column(code))},
                            "source_fingerprint": tip.source_fingerprint,
                            "live_source_fingerprint": tip.source_fingerprint,
                            "translated_by_id": tip.author_id,
                            "published_by_id": tip.reviewed_by_id,
                            "published_at": stamp,
                        },
                    )
        tip.save()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0007_easy_german"),
        ("procedures", "0004_easy_german"),
        ("translation", "0003_easy_german"),
    ]

    operations = [
        migrations.AddField(
            model_name="tip",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.region",
            ),
        ),
        migrations.AddField(
            model_name="tip",
            name="first_published_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="tip",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last published"),
        ),
        migrations.AddField(
            model_name="tip",
            name="source_changed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="original last changed"
            ),
        ),
        migrations.AddField(
            model_name="tip",
            name="source_fingerprint",
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.AddField(
            model_name="tip",
            name="written_in",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The languages the organisation wrote the tip in itself.",
                verbose_name="written by the organisation in",
            ),
        ),
        migrations.AlterField(
            model_name="tip",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Waiting for approval"),
                    ("published", "Approved"),
                    ("rejected", "Rejected"),
                ],
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(tips_become_items, migrations.RunPython.noop),
    ]
