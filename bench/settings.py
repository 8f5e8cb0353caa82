"""Settings for the benchmarks only: the project's settings, plus the framework-floor view's URL.

Never used by the app itself. bench/bootstrap.py (and bench/throughput.py for gunicorn) set the
environment these settings read: production-like (DEBUG off), plain HTTP, two-factor off.
"""

import os

from prevent_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# collectstatic writes here for DEBUG-off runs, away from the project's own staticfiles/.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", "/tmp/prevent-bench-static")  # noqa: S108 - a throw-away copy
