"""What the toolkit knows about, one module per capability; re-exported here so
`from assessments.models import Assessment` keeps working wherever a model lives.
"""

from .assessments import (
    Answer,
    AnswerChange,
    Assessment,
    AssessmentEvent,
    Evidence,
    evidence_path,
)
from .content import (
    FocusArea,
    Framework,
    Phase,
    Pillar,
    Question,
    Standard,
    Translatable,
)
from .donors import (
    Interest,
    Need,
    SupportClass,
    SupportEngagement,
    SupportKind,
    SupportOffer,
)
from .editions import EditionMapping, QuestionMapping
from .invitations import Invitation
from .monitoring import (
    Indicator,
    Measurement,
    MonitoringReview,
    MonitoringSettings,
    ReminderSent,
)
from .organisations import (
    Administration,
    AdministrationProfile,
    DonorOrganisation,
    Membership,
    Region,
)
from .planning import Action, Milestone, Plan, PlanVersion, ProgressNote, ProjectProposal
from .review_notes import ReviewNote

__all__ = [
    "Action",
    "Administration",
    "AdministrationProfile",
    "Answer",
    "AnswerChange",
    "Assessment",
    "AssessmentEvent",
    "DonorOrganisation",
    "EditionMapping",
    "Evidence",
    "FocusArea",
    "Indicator",
    "Measurement",
    "MonitoringReview",
    "MonitoringSettings",
    "Invitation",
    "Framework",
    "Membership",
    "Milestone",
    "Phase",
    "Pillar",
    "Plan",
    "PlanVersion",
    "ProgressNote",
    "ProjectProposal",
    "Question",
    "QuestionMapping",
    "Region",
    "ReviewNote",
    "ReminderSent",
    "Standard",
    "Translatable",
    "Interest",
    "Need",
    "SupportClass",
    "SupportEngagement",
    "SupportKind",
    "SupportOffer",
    "evidence_path",
]
