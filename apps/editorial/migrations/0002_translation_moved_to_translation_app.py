"""The Translation model now belongs to apps.translation (its 0001 took it over, table and all).

State only: the table ``editorial_translation`` and its rows stay where they are.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0001_initial"),
        ("translation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Translation")],
            database_operations=[],
        ),
    ]
