from .filtering import *  # noqa: F403
from .risk import *  # noqa: F403
from .self_assessment import *  # noqa: F403
