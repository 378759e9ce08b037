"""ICU collations for ordering readers' lists alphabetically per language on PostgreSQL (see
apps/core/collation.py; SQLite gets collations of the same names on each connection)."""

from django.contrib.postgres.operations import CreateCollation
from django.db import migrations

from apps.core import collation, languages

class Migration(migrations.Migration):
    dependencies = [("core", "0002_region_four_eyes_region_publish_machine_translations")]

    operations = [
        CreateCollation(
            collation.collation_name(language.code),
            provider="icu",
            locale=collation.icu_locale(language.code).replace("_", "-"),
        )
        # The languages of their own: an easy-language variant is ordered as its base.
        for language in languages.PRIMARY
    ]
