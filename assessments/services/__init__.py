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
from .monitoring import (
    propose_indicators,
    record_measurement,
    return_review,
    save_evaluation,
    save_indicator,
    send_reminder,
    set_rhythm,
    share_review,
    start_review,
    submit_review,
    validate_review,
)
from .people import add_member, answer_invitation, invite, remove_member
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
    "propose_indicators",
    "record_measurement",
    "remove_member",
    "return_for_changes",
    "return_review",
    "save_evaluation",
    "save_indicator",
    "send_reminder",
    "save_answers",
    "set_rhythm",
    "set_sharing",
    "share_review",
    "start_review",
    "submit_review",
    "start_assessment",
    "submit",
    "validate",
    "validate_review",
]
