"""Demo: the notifications the demo's own records made (speaker requests, decisions, a governor's
question), those of the daily scan (training about to lapse, case actions due), the Lead on the
weekly digest, and the older ones read. No email goes: the demo's addresses are examples."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Role

from .models import EmailState, Frequency, Notification, NotificationSettings
from .scans import registered_scans


def seed(school):
    """Run the scans, keep the demo's notifications off email, and read the older ones; idempotent."""
    today = timezone.localdate()
    for scan in registered_scans():
        scan(today)
    lead = Membership.objects.current().filter(school=school, role=Role.PREVENT_LEAD).select_related("user").first()
    if lead is not None:
        NotificationSettings.objects.get_or_create(user=lead.user, defaults={"frequency": Frequency.WEEKLY})
    ours = Notification.objects.filter(school=school)
    ours.filter(email_state__in=[EmailState.PENDING, EmailState.DIGEST]).update(email_state=EmailState.OFF)
    # The demo's records are dated in the past: so are their notifications, and the oldest are read.
    if not ours.filter(read_at__isnull=False).exists():
        for age, notification in enumerate(ours.order_by("pk")):
            created = timezone.now() - datetime.timedelta(hours=6 * (ours.count() - age))
            read = created + datetime.timedelta(hours=2) if age % 3 == 0 else None
            Notification.objects.filter(pk=notification.pk).update(created_at=created, read_at=read)
