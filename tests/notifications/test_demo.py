"""The demo shows notifications to its Lead and its member of staff, and sends no email."""

import io

from django.core import mail
from django.core.management import call_command

from accounts.models import Role
from notifications.models import EmailState, Frequency, Notification, NotificationSettings


def test_the_demo_has_notifications_for_the_lead_and_staff(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    assert mail.outbox == []
    lead_notes = Notification.objects.filter(recipient__memberships__role=Role.PREVENT_LEAD).distinct()
    assert lead_notes.filter(read_at__isnull=True).exists() and lead_notes.filter(read_at__isnull=False).exists()
    # Members of staff: decisions on their speaker requests, training about to lapse.
    staff_only = Notification.objects.exclude(recipient__memberships__role__in=[Role.PREVENT_LEAD, Role.HEADTEACHER])
    assert {"speaker_decision", "training_lapsing"} <= set(staff_only.values_list("kind", flat=True))
    assert not Notification.objects.filter(email_state__in=[EmailState.PENDING, EmailState.DIGEST]).exists()
    assert NotificationSettings.objects.filter(frequency=Frequency.WEEKLY).exists()
    # Seeding again changes nothing.
    count = Notification.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Notification.objects.count() == count
