"""Signals other apps listen to (read-aloud, cache purging, notifications)."""

from django.dispatch import Signal

#: Sent after a source revision is published. Arguments: ``item``.
content_published = Signal()
#: Sent whenever what migrants can read of an item changes: publication of the original or of a
#: language version (by apps.translation), archiving, a machine translation going live.
#: Arguments: ``item``.
live_content_changed = Signal()
