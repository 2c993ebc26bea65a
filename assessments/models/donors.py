"""Donor matchmaking (Columbus Phase 2): what donors offer, what administrations ask for, the
interest a donor expresses and the support engagement it becomes.

A need is what an administration chooses to show donors: a snapshot of one plan action (or a
project proposal grouping actions) with the gaps and standards behind it, its cost, timeline
and support class. Donors only ever read the need, never the answers, comments or evidence of
the assessment it came from.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .assessments import Assessment
from .content import FocusArea, Pillar, Question, Standard
from .organisations import Administration, DonorOrganisation, Region
from .planning import Action, ProjectProposal


class SupportKind(models.TextChoices):
    """The kinds of support donors give and administrations ask for."""

    TECHNICAL = "technical", _("Technical assistance")
    EQUIPMENT = "equipment", _("Equipment")
    FUNDING = "funding", _("Funding")
    LEGAL = "legal", _("Legal drafting")
    TRAINING = "training", _("Training")


class SupportClass(models.TextChoices):
    """WTO TFA categories, used for SAFE gaps the same way."""

    A = "A", _("A: implemented with own resources, now")
    B = "B", _("B: needs more time")
    C = "C", _("C: needs time and outside support")


class SupportOffer(models.Model):
    """What a donor organisation is ready to support, maintained by its own people.

    An offer with no standards, focus areas or themes is open to any topic; with no region or
    country, to the whole world; with no period, to any date (see docs/matchmaking.md).
    """

    donor = models.ForeignKey(DonorOrganisation, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="support_offers", verbose_name=_("SAFE standards")
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="support_offers", verbose_name=_("focus areas")
    )
    themes = models.ManyToManyField(
        Pillar,
        blank=True,
        related_name="support_offers",
        verbose_name=_("themes (SAFE pillars)"),
    )
    support_kinds = models.JSONField(_("kinds of support"), default=list)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="support_offers", verbose_name=_("regions")
    )
    countries = models.CharField(
        _("countries"),
        max_length=300,
        blank=True,
        help_text=_("ISO 3166-1 alpha-2 codes separated by spaces, e.g. CI KE."),
    )
    budget_min = models.DecimalField(
        _("smallest grant"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("largest grant"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    period_start = models.DateField(_("available from"), null=True, blank=True)
    period_end = models.DateField(_("available until"), null=True, blank=True)
    languages = models.CharField(
        _("working languages"), max_length=100, blank=True, help_text=_("e.g. en fr")
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_open = models.BooleanField(_("open to new requests"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["donor__name", "title"]

    def __str__(self):
        return f"{self.donor}: {self.title}"

    @property
    def country_codes(self):
        return [c.upper() for c in self.countries.replace(",", " ").split()]

    def get_support_kinds_display(self):
        labels = dict(SupportKind.choices)
        return [labels.get(kind, kind) for kind in self.support_kinds]


class Need(models.Model):
    """A call for outside support an administration shares with donors (all, named or none)."""

    class Sharing(models.TextChoices):
        PRIVATE = "private", _("Private: only our administration and the reviewers")
        NAMED = "named", _("Named donors only")
        ALL = "all", _("All donors")

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="needs"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what the support is for"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    assessment = models.ForeignKey(
        Assessment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        help_text=_("The assessment whose gaps the need addresses."),
    )
    actions = models.ManyToManyField(
        Action,
        blank=True,
        related_name="needs",
        verbose_name=_("plan actions"),
        help_text=_("The actions of the plan this support would fund."),
    )
    proposal = models.ForeignKey(
        ProjectProposal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
        verbose_name=_("project proposal"),
    )
    gaps = models.ManyToManyField(
        Question, blank=True, related_name="needs", verbose_name=_("gaps (questions)")
    )
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="needs", verbose_name=_("SAFE standards")
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="needs", verbose_name=_("focus areas")
    )
    support_class = models.CharField(
        _("support class"), max_length=1, choices=SupportClass.choices, default=SupportClass.C
    )
    support_kinds = models.JSONField(_("support needed"), default=list)
    estimated_cost = models.DecimalField(
        _("estimated cost"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    sharing = models.CharField(
        _("shared with"), max_length=8, choices=Sharing.choices, default=Sharing.PRIVATE
    )
    named_donors = models.ManyToManyField(
        DonorOrganisation, blank=True, related_name="named_needs", verbose_name=_("named donors")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["administration__name", "start", "title"]

    def __str__(self):
        return self.title

    def get_support_kinds_display(self):
        labels = dict(SupportKind.choices)
        return [labels.get(kind, kind) for kind in self.support_kinds]


class Interest(models.Model):
    """A donor says it may support a need; the administration's coordinator answers."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="interests")
    donor = models.ForeignKey(DonorOrganisation, on_delete=models.CASCADE, related_name="interests")
    offer = models.ForeignKey(
        SupportOffer, null=True, blank=True, on_delete=models.SET_NULL, related_name="interests"
    )
    message = models.TextField(_("message"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    reply = models.TextField(_("reply"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.donor} → {self.need}"


class SupportEngagement(models.Model):
    """Support a donor has committed (or proposed) to a need, tracked until it ends."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ACTIVE = (Status.PROPOSED, Status.AGREED, Status.IN_PROGRESS, Status.COMPLETED)
    SECURED = (Status.AGREED, Status.IN_PROGRESS, Status.COMPLETED)

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="engagements")
    donor = models.ForeignKey(
        DonorOrganisation, on_delete=models.CASCADE, related_name="engagements"
    )
    interest = models.OneToOneField(
        Interest, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagement"
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["need", "donor__name"]

    def __str__(self):
        return f"{self.donor} · {self.need}"
