"""Every tip has its region now (0005 filled it in). A migration of its own: PostgreSQL does
not alter a table whose rows were just changed in the same transaction."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("procedures", "0005_tips_in_translation_workflow")]

    operations = [
        migrations.AlterField(
            model_name="tip",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="core.region"
            ),
        ),
    ]
