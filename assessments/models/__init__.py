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
from .monitoring import (
    Indicator,
    Measurement,
    MonitoringReview,
    MonitoringSettings,
    ReminderSent,
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
    "Indicator",
    "Measurement",
    "MonitoringReview",
    "MonitoringSettings",
    "Framework",
    "Membership",
    "Phase",
    "Pillar",
    "Question",
    "Region",
    "ReminderSent",
    "Standard",
    "Translatable",
    "evidence_path",
]
