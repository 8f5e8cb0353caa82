"""``/health/`` for the load balancer: can this process reach the database and the queue?

No sign-in and no school data: 200 with {"status": "ok", ...} when both answer, 503 naming the
part that failed otherwise, so that the balancer stops sending requests to a machine that
cannot serve them. The queue's figures (waiting, oldest, failed) are there for monitoring.
"""

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .queue import queue_state

logger = logging.getLogger(__name__)


def database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


@login_not_required
@never_cache
@require_GET
def health(request):
    body, failing = {}, []
    try:
        body["database"] = "ok" if database_ok() else "failing"
    except Exception:
        logger.exception("Health check: the database did not answer")
        body["database"] = "failing"
    if body["database"] != "ok":
        failing.append("database")
    try:
        body["queue"] = {"status": "ok", **queue_state().as_dict()}
    except Exception:
        logger.exception("Health check: the task queue did not answer")
        body["queue"] = {"status": "failing"}
        failing.append("queue")
    body["status"] = "failing: " + ", ".join(failing) if failing else "ok"
    return JsonResponse(body, status=503 if failing else 200)
