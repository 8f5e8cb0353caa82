"""Anchoring the audit chains outside the database, and checking them against the anchor.

A chain can be checked link by link, but whoever can delete rows can delete its newest events
and leave a shorter chain that still links. So, periodically (``manage.py anchor_audit_chain``),
each chain's length and newest hash are written where the app cannot rewrite them: appended to
``settings.AUDIT_ANCHOR_FILE`` (one JSON line per anchor) and to the log. ``verify_audit_chain``
then checks that every anchored event is still there with the anchored hash: a chain cut short,
or re-hashed from any point before its anchor, is reported.
"""

import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .audit import SITE_CHAIN, chain_heads
from .models import AuditEvent

logger = logging.getLogger("accounts.audit.anchor")


def anchor_file(path=None):
    path = path or settings.AUDIT_ANCHOR_FILE
    return Path(path) if path else None


def latest_anchor(path=None):
    """The last anchor written to the file, as a dict, or None if there is none."""
    path = anchor_file(path)
    if path is None or not path.exists():
        return None
    last = None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                last = line
    return json.loads(last) if last else None


def write_anchor(path=None):
    """Append every chain's head to the anchor file and the log; returns the anchor written."""
    anchor = {
        "at": timezone.now().isoformat(),
        "chains": {name: {"seq": seq, "hash": head} for name, (seq, head) in sorted(chain_heads().items())},
    }
    line = json.dumps(anchor, sort_keys=True)
    path = anchor_file(path)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Append only: the file may be made append-only (chattr +a) for the app's user.
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
            os.fsync(out.fileno())
    logger.info("Audit anchor %s", line)
    return anchor


def anchor_problems(anchor):
    """(chain, problem) for each anchored chain whose anchored events are no longer all there."""
    problems = []
    for name, head in anchor.get("chains", {}).items():
        chain = AuditEvent.objects.filter(school__isnull=True) if name == SITE_CHAIN else AuditEvent.objects
        if name != SITE_CHAIN:
            chain = chain.filter(school_id=int(name))
        at_anchor = chain.filter(seq=head["seq"]).values_list("hash", flat=True).first()
        newest = chain.order_by("-seq").values_list("seq", flat=True).first() or 0
        label = "the site's chain" if name == SITE_CHAIN else f"school {name}'s chain"
        if at_anchor is None:
            problems.append(
                (
                    name,
                    f"{label} ends at event {newest}, but the anchor of {anchor['at']} saw {head['seq']}: "
                    "its newest events were deleted",
                )
            )
        elif at_anchor != head["hash"]:
            problems.append(
                (
                    name,
                    f"{label}: event {head['seq']} is not the one anchored on {anchor['at']}: the chain was rewritten",
                )
            )
    return problems
