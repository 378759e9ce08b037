from celery import shared_task

from apps.feedback import services


@shared_task
def forget_old_feedback() -> int:
    """Daily (beat): ratings and comments older than PAGE_FEEDBACK_RETENTION_DAYS go."""
    return services.forget_old()
