"""The Translation model moved here from apps.editorial, keeping its table.

Only the migration state changes: the table ``editorial_translation`` (created by editorial's
0001) stays, with its rows, index and constraint. Editorial's 0002 removes the model from its
own state after this one. The content type row is renamed, so that the permissions and admin log
entries pointing at it stay attached to the model.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _rename_content_type(apps, schema_editor, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    # On a fresh database there is no row yet: post_migrate creates it under the new label.
    ContentType.objects.using(db).filter(app_label=old, model="translation").update(app_label=new)


def forwards(apps, schema_editor):
    _rename_content_type(apps, schema_editor, old="editorial", new="translation")


def backwards(apps, schema_editor):
    _rename_content_type(apps, schema_editor, old="translation", new="editorial")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Translation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('language', models.CharField(choices=[('ar', 'العربية'), ('zh-hans', '简体中文'), ('fa-af', 'دری'), ('nl', 'Nederlands'), ('en', 'English'), ('de', 'Deutsch'), ('it', 'Italiano'), ('ru', 'Русский'), ('es', 'Español'), ('uk', 'Українська'), ('ur', 'اردو')], max_length=10, verbose_name='language')),
                        ('status', models.CharField(choices=[('in_progress', 'In progress'), ('machine', 'Machine draft'), ('translated', 'Translated'), ('published', 'Published')], max_length=20, verbose_name='status')),
                        ('draft', models.JSONField(default=dict)),
                        ('source_fingerprint', models.CharField(max_length=64)),
                        ('live_source_fingerprint', models.CharField(blank=True, max_length=64)),
                        ('live_is_machine', models.BooleanField(default=False)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('published_at', models.DateTimeField(blank=True, null=True)),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                        ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('translated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'translation',
                        'verbose_name_plural': 'translations',
                        'db_table': 'editorial_translation',
                        'indexes': [models.Index(fields=['content_type', 'language', 'status'], name='editorial_t_content_37eef3_idx')],
                        'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'language'), name='one_translation_per_language')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
