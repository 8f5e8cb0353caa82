from .annual_reports import *  # noqa: F403
from .plan import *  # noqa: F403
from .reports import *  # noqa: F403
from .sources import *  # noqa: F403
