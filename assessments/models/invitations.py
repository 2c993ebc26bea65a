"""Invitations: a person who already has an account is asked, never silently given a role."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Administration, Membership


def new_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A coordinator's offer of a role to an existing account; the role exists only once the
    person accepts. Administrators see every invitation in the Django admin."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        max_length=12,
        choices=[(r.value, r.label) for r in (Membership.Role.EDITOR, Membership.Role.COORDINATOR)],
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "user", "role"],
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_role",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.get_role_display()} ({self.administration})"
