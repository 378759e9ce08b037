
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_merge_0003_collations_0003_region_read_aloud_off'),
        ('search', '0003_content_gaps'),
    ]

    operations = [
        # A plain ADD COLUMN: Django's AddField rebuilds the table on SQLite, which would drop
        # the full-text triggers of 0002_engines (and with them keyword search).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='passage',
                    name='embedding_key',
                    field=models.CharField(blank=True, max_length=64),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE search_passage ADD COLUMN embedding_key varchar(64) NOT NULL DEFAULT ''",
                    "ALTER TABLE search_passage DROP COLUMN embedding_key",
                ),
            ],
        ),
        migrations.AlterField(
            model_name='gap',
            name='outcome',
            field=models.CharField(choices=[('nothing', 'Nothing found'), ('poor', 'Little found'), ('unanswered', 'Assistant had no answer'), ('unhelpful', 'Answer did not help')], max_length=10, verbose_name='outcome'),
        ),
        migrations.CreateModel(
            name='Vector',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('model', models.CharField(max_length=80)),
                ('key', models.CharField(max_length=64)),
                ('vector', models.BinaryField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('model', 'key'), name='unique_search_vector')],
            },
        ),
        migrations.CreateModel(
            name='AnswerFeedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10, verbose_name='language')),
                ('day', models.DateField(verbose_name='day')),
                ('helpful', models.BooleanField(verbose_name='helped')),
                ('count', models.PositiveIntegerField(default=0, verbose_name='answers')),
                ('region', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.region')),
            ],
            options={
                'verbose_name': 'answer feedback',
                'verbose_name_plural': 'answer feedback',
                'constraints': [models.UniqueConstraint(fields=('region', 'language', 'day', 'helpful'), name='unique_feedback_day')],
            },
        ),
    ]
