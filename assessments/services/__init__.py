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
from .planning import (
    accept_actions,
    add_action,
    add_milestone,
    add_progress_note,
    adopt_plan,
    create_proposal,
    drop_action,
    merge_actions,
    plan_snapshot,
    propose_plan,
    set_milestone_done,
    split_action,
    update_action,
)
from .workflow import return_for_changes, set_sharing, submit, validate

__all__ = [
    "Conflict",
    "ConflictError",
    "SaveResult",
    "accept_actions",
    "add_action",
    "add_evidence",
    "add_member",
    "add_milestone",
    "add_progress_note",
    "adopt_plan",
    "answer_invitation",
    "create_proposal",
    "drop_action",
    "ensure_editable",
    "invite",
    "merge_actions",
    "plan_snapshot",
    "propose_plan",
    "remove_member",
    "return_for_changes",
    "save_answers",
    "set_milestone_done",
    "set_sharing",
    "split_action",
    "start_assessment",
    "submit",
    "update_action",
    "validate",
]
