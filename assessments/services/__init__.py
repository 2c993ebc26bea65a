"""Write-side actions, one module per capability. Every change goes through one of these
functions, so history, versions and status rules hold whoever calls (views, seed data, tests).
The names are re-exported so `services.save_answers(...)` reads the same everywhere.
"""

from .answers import (
    MINE,
    THEIRS,
    Conflict,
    ConflictError,
    SaveResult,
    add_evidence,
    confirm_carried_over,
    ensure_editable,
    resolve,
    save_answers,
    start_assessment,
)
from .people import add_member, remove_member
from .workflow import return_for_changes, set_sharing, submit, validate

__all__ = [
    "MINE",
    "THEIRS",
    "Conflict",
    "ConflictError",
    "SaveResult",
    "add_evidence",
    "add_member",
    "confirm_carried_over",
    "ensure_editable",
    "remove_member",
    "resolve",
    "return_for_changes",
    "save_answers",
    "set_sharing",
    "start_assessment",
    "submit",
    "validate",
]
