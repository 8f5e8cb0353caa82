"""Live evidence: measures computed from other apps' records, linked to actions of the plan.

A measure kind is a function ``(school, **params) -> MeasureResult`` registered under a key.
Each calls one selector of the app that owns the data (training, speakers, referrals), so
those apps never import compliance. An action of the plan names a kind and its parameters;
the plan shows the current value against the action's threshold, and a shortfall turns the
action's RAG amber or red by itself.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class MeasureResult:
    numerator: int
    denominator: int
    # Who or what is behind the shortfall: short labels (people's names, request titles).
    shortfall: list = field(default_factory=list)
    detail_url: str = ""

    @property
    def ratio(self):
        """The share met, from 0 to 1; with nothing to measure, the measure is met."""
        return self.numerator / self.denominator if self.denominator else 1.0

    @property
    def percent(self):
        return round(self.ratio * 100)


@dataclass
class MeasureKind:
    key: str
    label: str
    compute: Callable
    default_threshold: int = 100  # percent


REGISTRY: dict[str, MeasureKind] = {}


def measure(key, label, default_threshold=100):
    """Register a measure kind under ``key``."""

    def register(compute):
        REGISTRY[key] = MeasureKind(key=key, label=label, compute=compute, default_threshold=default_threshold)
        return compute

    return register


def choices():
    return [(kind.key, kind.label) for kind in sorted(REGISTRY.values(), key=lambda k: k.label)]


# Measures are registered below, each calling one selector of the app that owns the data.


@measure("documents.confirmed", "Share of required staff who confirmed the current version of a document")
def documents_confirmed(school, document="kcsie", **params):
    """params: {"document": "<slug or kind>"}, e.g. {"document": "kcsie"}."""
    from django.urls import reverse

    from training.selectors.documents import document_confirmed_share

    confirmed, required, outstanding = document_confirmed_share(school, document)
    return MeasureResult(
        numerator=confirmed,
        denominator=required,
        shortfall=[user.full_name for user in outstanding],
        detail_url=reverse("training:document-overview"),
    )
