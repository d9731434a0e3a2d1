"""State machines of Consortium's workflows and the engine that applies them (no Flask here)."""
from .consortium import CONSORTIUM
from .definition import DataField, Transition, TransitionInput, Workflow
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

WORKFLOWS = (DISCLOSURE, CONSORTIUM)

engine = Engine(WORKFLOWS)

__all__ = [
    "CONSORTIUM", "DISCLOSURE", "WORKFLOWS", "Availability", "DataField", "Engine", "Forbidden", "Outcome",
    "StaleVersion", "Transition", "TransitionInput", "TransitionNotAllowed", "UnknownTrigger",
    "ValidationFailed", "Workflow", "WorkflowError", "engine",
]
