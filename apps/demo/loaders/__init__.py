"""One loader per domain, each publishing its part of the demo municipality from ``data/``.

``apps.demo.services.load_demo`` runs them in dependency order. Every loader is idempotent:
what the region already has is left alone.
"""
