"""The search engine's own structures beside the passage table: a tsvector column, its trigger
and GIN index and pg_trgm on PostgreSQL (pg_trgm is a trusted extension: the database's owner
may create it); FTS5 tables and their triggers on SQLite."""

from django.db import migrations

POSTGRES_SETUP = [
    'CREATE EXTENSION IF NOT EXISTS pg_trgm',
    'ALTER TABLE search_passage ADD COLUMN search_vector tsvector',
    'CREATE INDEX search_passage_vector ON search_passage USING GIN (search_vector)',
    "CREATE FUNCTION search_passage_vector() RETURNS trigger AS $$\n    BEGIN\n      NEW.search_vector :=\n        setweight(to_tsvector(NEW.ts_config::regconfig, coalesce(NEW.terms_title, '')), 'A') ||\n        setweight(to_tsvector(NEW.ts_config::regconfig, coalesce(NEW.terms_text, '')), 'B') ||\n        setweight(to_tsvector('simple', coalesce(NEW.terms_source_title, '')), 'C') ||\n        setweight(to_tsvector('simple', coalesce(NEW.terms_source, '')), 'D');\n      RETURN NEW;\n    END $$ LANGUAGE plpgsql",
    'CREATE TRIGGER search_passage_vector BEFORE INSERT OR UPDATE ON search_passage\n    FOR EACH ROW EXECUTE FUNCTION search_passage_vector()',
    'CREATE INDEX search_word_trigrams ON search_word USING GIN (word gin_trgm_ops)',
]

POSTGRES_TEARDOWN = [
    'DROP INDEX IF EXISTS search_word_trigrams',
    'DROP TRIGGER IF EXISTS search_passage_vector ON search_passage',
    'DROP FUNCTION IF EXISTS search_passage_vector()',
    'ALTER TABLE search_passage DROP COLUMN IF EXISTS search_vector',
]

SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE search_passage_fts USING fts5(terms_title, terms_text, terms_source_title, terms_source,\n    content='search_passage', content_rowid='id',\n    tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
    'CREATE TRIGGER search_passage_fts_insert AFTER INSERT ON search_passage BEGIN\n      INSERT INTO search_passage_fts(rowid, terms_title, terms_text, terms_source_title, terms_source) VALUES (new.id, new.terms_title, new.terms_text, new.terms_source_title, new.terms_source);\n    END',
    "CREATE TRIGGER search_passage_fts_delete AFTER DELETE ON search_passage BEGIN\n      INSERT INTO search_passage_fts(search_passage_fts, rowid, terms_title, terms_text, terms_source_title, terms_source)\n      VALUES ('delete', old.id, old.terms_title, old.terms_text, old.terms_source_title, old.terms_source);\n    END",
    "CREATE TRIGGER search_passage_fts_update AFTER UPDATE ON search_passage BEGIN\n      INSERT INTO search_passage_fts(search_passage_fts, rowid, terms_title, terms_text, terms_source_title, terms_source)\n      VALUES ('delete', old.id, old.terms_title, old.terms_text, old.terms_source_title, old.terms_source);\n      INSERT INTO search_passage_fts(rowid, terms_title, terms_text, terms_source_title, terms_source) VALUES (new.id, new.terms_title, new.terms_text, new.terms_source_title, new.terms_source);\n    END",
    "CREATE VIRTUAL TABLE search_word_fts USING fts5(word, content='search_word',\n    content_rowid='id', tokenize='trigram')",
    'CREATE TRIGGER search_word_fts_insert AFTER INSERT ON search_word BEGIN\n      INSERT INTO search_word_fts(rowid, word) VALUES (new.id, new.word);\n    END',
    "CREATE TRIGGER search_word_fts_delete AFTER DELETE ON search_word BEGIN\n      INSERT INTO search_word_fts(search_word_fts, rowid, word) VALUES ('delete', old.id, old.word);\n    END",
]

SQLITE_TEARDOWN = [
    'DROP TRIGGER IF EXISTS search_word_fts_delete',
    'DROP TRIGGER IF EXISTS search_word_fts_insert',
    'DROP TABLE IF EXISTS search_word_fts',
    'DROP TRIGGER IF EXISTS search_passage_fts_update',
    'DROP TRIGGER IF EXISTS search_passage_fts_delete',
    'DROP TRIGGER IF EXISTS search_passage_fts_insert',
    'DROP TABLE IF EXISTS search_passage_fts',
]


def _statements(schema_editor, setup: bool) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        return POSTGRES_SETUP if setup else POSTGRES_TEARDOWN
    if vendor == "sqlite":
        return SQLITE_SETUP if setup else SQLITE_TEARDOWN
    raise RuntimeError(f"Search has no engine for {vendor}.")


def create(apps, schema_editor):
    for statement in _statements(schema_editor, setup=True):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in _statements(schema_editor, setup=False):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_passages")]

    operations = [migrations.RunPython(create, drop)]
