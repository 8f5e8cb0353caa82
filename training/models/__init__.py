from .courses import *  # noqa: F403
from .documents import *  # noqa: F403
