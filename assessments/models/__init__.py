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
from .organisations import Administration, DonorOrganisation, Membership, Region

__all__ = [
    "Administration",
    "Answer",
    "AnswerChange",
    "Assessment",
    "AssessmentEvent",
    "DonorOrganisation",
    "Evidence",
    "FocusArea",
    "Framework",
    "Membership",
    "Phase",
    "Pillar",
    "Question",
    "Region",
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
