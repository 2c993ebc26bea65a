"""People of an administration: coordinators invite and remove editors and coordinators."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ..models import Assessment, AssessmentEvent, Membership

Status = Assessment.Status
Event = AssessmentEvent.Action


def add_member(actor, administration, *, email, first_name, last_name, role, request=None):
    """Give a person a role in the administration; a new person gets an e-mail to choose a
    password (the link is the password-reset one, valid for PASSWORD_RESET_TIMEOUT)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            username=email.lower(), email=email, first_name=first_name, last_name=last_name
        )  # no usable password until they choose one
        path = reverse(
            "password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
        link = request.build_absolute_uri(path) if request else path
        send_mail(
            f"Your access to the SAFE readiness toolkit: {administration.name}",
            f"{actor.get_full_name() or actor.username} gave you access to the SAFE readiness "
            f"toolkit for {administration.name}.\nChoose your password here: {link}\n",
            None,
            [email],
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, role=role, administration=administration
    )
    return membership


def remove_member(actor, membership):
    """Take a role away; the last coordinator of an administration cannot be removed."""
    if membership.role == Membership.Role.COORDINATOR:
        coordinators = Membership.objects.filter(
            administration_id=membership.administration_id, role=Membership.Role.COORDINATOR
        )
        if coordinators.count() <= 1:
            raise ValidationError(
                "An administration needs at least one coordinator.", code="last_coordinator"
            )
    membership.delete()
