# Waypoint application image: the same image runs web (gunicorn), worker and beat (Celery).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/srv/static \
    MEDIA_ROOT=/srv/media

# espeak-ng and opus-tools: read-aloud (the worker speaks every published text; see README).
# postgresql-client: pg_dump and pg_restore for `manage.py backup` and `restore` (version 15, as
# the compose stack's PostgreSQL: pg_dump must not be older than the server).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 espeak-ng opus-tools postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app --shell /usr/sbin/nologin waypoint

WORKDIR /app
COPY pyproject.toml ./
# Dependencies first, so code changes do not reinstall them (PyICU comes as a wheel with ICU).
RUN mkdir -p apps portal && pip install .
COPY . .

# Compile catalogues (pure Python) and collect hashed, compressed static files into the image.
RUN SECRET_KEY=build-only python manage.py compile_catalogues \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /srv/media /backups && chown -R waypoint /srv/media /backups

USER waypoint
EXPOSE 8000
# Two sync workers per two cores measured best on these machines (see FIELD-NOTES).
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
