"""State machines of Consortium's workflows and the engine that applies them (no Flask here)."""
from .benefit_plan import BENEFIT_PLAN
from .consortium import CONSORTIUM
from .definition import DataField, Transition, TransitionInput, Unmet, Who, Workflow
from .disclosure import DISCLOSURE
from .engine import Availability, Engine, Outcome
from .errors import (
    Forbidden,
    StaleVersion,
    TransitionNotAllowed,
    UnknownTrigger,
    ValidationFailed,
    WorkflowError,
)
from .license import LICENSE
from .offer import OFFER
from .request import REQUEST

WORKFLOWS = (CONSORTIUM, DISCLOSURE, BENEFIT_PLAN, LICENSE, OFFER, REQUEST)

engine = Engine(WORKFLOWS)

__all__ = [
    "BENEFIT_PLAN", "CONSORTIUM", "DISCLOSURE", "LICENSE", "OFFER", "REQUEST", "WORKFLOWS", "Availability", "DataField", "Engine", "Forbidden", "Outcome",
    "StaleVersion", "Transition", "TransitionInput", "TransitionNotAllowed", "UnknownTrigger",
    "Unmet", "ValidationFailed", "Who", "Workflow", "WorkflowError", "engine",
]
