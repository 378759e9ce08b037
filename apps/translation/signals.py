"""Signals other apps listen to (read-aloud, cache purging, notifications).

What migrants can read changing at all is :data:`apps.editorial.signals.live_content_changed`,
sent for language versions too.
"""

from django.dispatch import Signal

#: Sent after a language version is published. Arguments: ``item``, ``language``.
translation_published = Signal()
