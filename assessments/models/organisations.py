"""Who takes part: WCO regions, customs administrations, donor organisations and roles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .content import Translatable


class Region(Translatable):
    """One of the six WCO regions."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Administration(models.Model):
    """A national (or territorial) customs administration, a WCO Member."""

    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, help_text=_("ISO 3166-1 alpha-2 code."))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="administrations")
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def country_alpha3(self):
        import pycountry

        country = pycountry.countries.get(alpha_2=self.country)
        return country.alpha_3 if country else self.country

    @property
    def country_name(self):
        import pycountry

        country = pycountry.countries.get(alpha_2=self.country)
        return country.name if country else self.country


class DonorOrganisation(models.Model):
    """A development partner that funds capacity building (Columbus Phase 2 matchmaking)."""

    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A role a person holds; a person may hold several."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor")
        COORDINATOR = "coordinator", _("Coordinator")
        REVIEWER = "reviewer", _("Reviewer")
        DONOR = "donor", _("Donor")

    ADMINISTRATION_ROLES = {Role.EDITOR, Role.COORDINATOR}

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    administration = models.ForeignKey(
        Administration, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    donor_organisation = models.ForeignKey(
        DonorOrganisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "administration", "donor_organisation"],
                name="unique_membership",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=["editor", "coordinator"],
                        administration__isnull=False,
                        donor_organisation__isnull=True,
                    )
                    | models.Q(
                        role="donor", administration__isnull=True, donor_organisation__isnull=False
                    )
                    | models.Q(
                        role="reviewer",
                        administration__isnull=True,
                        donor_organisation__isnull=True,
                    )
                ),
                name="membership_scope_matches_role",
            ),
        ]

    def __str__(self):
        scope = self.administration or self.donor_organisation or "WCO"
        return f"{self.user} — {self.get_role_display()} ({scope})"


class AdministrationProfile(models.Model):
    """A short profile of the administration, entered once by its coordinators and reused by
    every report (the country context of a needs assessment)."""

    administration = models.OneToOneField(
        Administration, on_delete=models.CASCADE, related_name="profile"
    )
    figures_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The year the figures below describe.")
    )
    import_declarations = models.PositiveIntegerField(null=True, blank=True)
    export_declarations = models.PositiveIntegerField(null=True, blank=True)
    transit_declarations = models.PositiveIntegerField(null=True, blank=True)
    containers_teu = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Containers handled in the year, in TEU.")
    )
    border_posts = models.PositiveSmallIntegerField(null=True, blank=True)
    staff = models.PositiveIntegerField(null=True, blank=True)
    it_system = models.CharField(
        max_length=200, blank=True, help_text=_("For example ASYCUDA World or a national system.")
    )
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # What the administration's coordinators fill in (the form and the service write these).
    EDITABLE = (
        "figures_year", "import_declarations", "export_declarations", "transit_declarations",
        "containers_teu", "border_posts", "staff", "it_system", "notes",
    )  # fmt: skip

    def __str__(self):
        return f"{self.administration} profile"
