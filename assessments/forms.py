"""Forms validate; they turn what a person typed into clean values for `services`."""

import zipfile
from datetime import date

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Assessment, Framework, Membership

MAX_TEXT = 10_000


class StartAssessmentForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("Framework edition"), queryset=Framework.objects.all(), empty_label=None
    )
    phase = forms.TypedChoiceField(
        label=_("Columbus Programme phase"),
        coerce=int,
        choices=[
            (1, _("Phase 1: needs assessment")),
            (2, _("Phase 2: planning and implementation")),
            (3, _("Phase 3: monitoring and evaluation")),
        ],
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(
        label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"})
    )
    previous = forms.ModelChoiceField(
        label=_("Start from a previous assessment"),
        queryset=Assessment.objects.none(),
        required=False,
        empty_label=_("No: start empty"),
        help_text=_(
            "Only an assessment of the same phase. Copies its answers, marked as carried over "
            "until you confirm or change them, and links its evidence."
        ),
    )

    def __init__(self, *args, administration, **kwargs):
        year = date.today().year
        kwargs.setdefault(
            "initial",
            {
                "framework": Framework.newest(),
                "title": _("SAFE needs assessment %(year)s") % {"year": year},
                "period_start": date(year, 1, 1),
                "period_end": date(year, 12, 31),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = administration.assessments.select_related("phase")
        self.fields["previous"].label_from_instance = lambda a: (
            f"{a.title} ({a.get_status_display()}, phase {a.phase.number})"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        framework, number = data.get("framework"), data.get("phase")
        if framework and number:
            data["phase_obj"] = framework.phases.filter(number=number).first()
            if data["phase_obj"] is None:
                self.add_error("phase", _("This edition has no questionnaire for that phase."))
        previous = data.get("previous")
        if previous is not None and number and previous.phase.number != number:
            self.add_error(
                "previous",
                forms.ValidationError(
                    _(
                        "“%(title)s” is a Phase %(other)s assessment: a Phase %(phase)s "
                        "assessment can only be pre-filled from a Phase %(phase)s one. Choose "
                        "another, or start empty."
                    ),
                    code="other_phase",
                    params={
                        "title": previous.title,
                        "other": previous.phase.number,
                        "phase": number,
                    },
                ),
            )
        return data


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Membership.Role.EDITOR, _("Editor: fills in assessments")),
            (Membership.Role.COORDINATOR, _("Coordinator: also submits and manages people")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comments for the administration"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# Evidence uploads: the type is decided by the file's first bytes, not by its name.
OFFICE_ZIP = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
SIGNATURES = [
    (b"%PDF-", {"pdf"}, "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", {"png"}, "image/png"),
    (b"\xff\xd8\xff", {"jpg", "jpeg"}, "image/jpeg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", {"doc", "xls", "ppt"}, "application/octet-stream"),
]


def detect_type(upload):
    """Return the content type the bytes prove, or None when they match no allowed type."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, extensions, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type if extension in extensions else None
    if head.startswith(b"PK\x03\x04") and extension in OFFICE_ZIP:
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names or "mimetype" in names:
            return OFFICE_ZIP[extension]
    return None


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, image (PNG, JPEG) or office document; at most 10 MB."),
    )
    url = forms.URLField(
        label=_("Or a link"), required=False, max_length=500, assume_scheme="https"
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    shared_with_donors = forms.BooleanField(
        label=_("Shareable: donors may open it once the assessment is shared with them"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            limit = settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": limit}, code="too_large"
            )
        detected = detect_type(upload)
        if detected is None:
            raise forms.ValidationError(
                _("This type of file is not accepted (or its content does not match its name)."),
                code="file_type",
            )
        upload.detected_type = detected
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Choose a file or give a link."), code="empty")
        return data


class ProfileForm(forms.ModelForm):
    """The administration's profile; figures are whole numbers, none of them required."""

    class Meta:
        from .models import AdministrationProfile

        model = AdministrationProfile
        fields = AdministrationProfile.EDITABLE
        labels = {
            "figures_year": _("Year of the figures"),
            "import_declarations": _("Import declarations a year"),
            "export_declarations": _("Export declarations a year"),
            "transit_declarations": _("Transit declarations a year"),
            "containers_teu": _("Containers a year (TEU)"),
            "border_posts": _("Border posts and customs offices"),
            "staff": _("Customs staff"),
            "it_system": _("Customs IT system"),
            "notes": _("Other context for the reports"),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_figures_year(self):
        year = self.cleaned_data["figures_year"]
        if year is not None and not 1990 <= year <= date.today().year:
            raise forms.ValidationError(
                _("Give a year between 1990 and this year."), code="year_out_of_range"
            )
        return year

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
