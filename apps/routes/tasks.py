from celery import shared_task

from apps.routes import sharing


@shared_task
def forget_expired_shares() -> str:
    """Daily (beat): shares of routes past their time are deleted with their notes and log."""
    return f"{sharing.forget_expired()} deleted"
