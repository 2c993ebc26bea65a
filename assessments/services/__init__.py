"""Write-side actions, one module per capability. Every change goes through one of these
functions, so history, versions and status rules hold whoever calls (views, seed data, tests).
The names are re-exported so `services.save_answers(...)` reads the same everywhere.
"""

from .answers import (
    Conflict,
    ConflictError,
    SaveResult,
    add_evidence,
    ensure_editable,
    save_answers,
    start_assessment,
)
from .people import add_member, answer_invitation, invite, remove_member
from .profiles import save_profile
from .workflow import return_for_changes, set_sharing, submit, validate

__all__ = [
    "Conflict",
    "ConflictError",
    "SaveResult",
    "add_evidence",
    "add_member",
    "answer_invitation",
    "ensure_editable",
    "invite",
    "remove_member",
    "return_for_changes",
    "save_answers",
    "save_profile",
    "set_sharing",
    "start_assessment",
    "submit",
    "validate",
]
