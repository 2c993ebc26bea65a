"""People of an administration: coordinators invite and remove editors and coordinators.

A new address gets an account and a link to choose a password. An address that already has an
account gets an invitation instead: the role exists only once that person accepts it, so no
coordinator can silently give someone (for instance another administration's coordinator) a
role they did not ask for.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ..models import Assessment, AssessmentEvent, Invitation, Membership

Status = Assessment.Status
Event = AssessmentEvent.Action
E_MAIL_LANGUAGES = ("en", "fr")


def add_member(actor, administration, *, email, first_name, last_name, role, request=None):
    """Give a new person a role (with an e-mail to choose a password), or invite an existing
    account. Returns the Membership (new person, or a role already held) or the Invitation."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        held = Membership.objects.filter(user=user, role=role, administration=administration)
        return held.first() or invite(actor, administration, user, role, request=request)
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
    send_bilingual(
        user.email,
        lambda: (
            _("Your access to the SAFE readiness toolkit: %(name)s") % {"name": administration.name}
        ),
        lambda: (
            _(
                "%(actor)s gave you access to the SAFE readiness toolkit for %(name)s.\n"
                "Choose your password here: %(link)s"
            )
            % {
                "actor": name_of(actor),
                "name": administration.name,
                "link": absolute(request, path),
            }
        ),
    )
    membership, _created = Membership.objects.get_or_create(
        user=user, role=role, administration=administration
    )
    return membership


def invite(actor, administration, user, role, *, request=None):
    """Ask an existing account to take a role; one pending invitation per role is enough."""
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                administration=administration, user=user, role=role, invited_by=actor
            )
    except IntegrityError:
        return Invitation.objects.get(
            administration=administration, user=user, role=role, status=Invitation.Status.PENDING
        )
    link = absolute(request, reverse("invitation", args=[invitation.token]))
    send_bilingual(
        user.email,
        lambda: (
            _("Invitation to the SAFE readiness toolkit: %(name)s") % {"name": administration.name}
        ),
        lambda: (
            _(
                "%(actor)s invites you to work on %(name)s's assessments as %(role)s.\n"
                "Nothing changes until you accept. Accept or decline here: %(link)s"
            )
            % {
                "actor": name_of(actor),
                "name": administration.name,
                "role": invitation.get_role_display().lower(),
                "link": link,
            }
        ),
    )
    return invitation


def answer_invitation(user, invitation, *, accept):
    """The invited person accepts (the role is created) or declines. Only they may answer."""
    if invitation.user_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != Invitation.Status.PENDING:
            raise ValidationError(
                _("This invitation has already been answered."), code="invitation_answered"
            )
        invitation.status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        if accept:
            Membership.objects.get_or_create(
                user=user, role=invitation.role, administration=invitation.administration
            )
    return invitation


def remove_member(actor, membership):
    """Take a role away; the last coordinator of an administration cannot be removed."""
    if membership.role == Membership.Role.COORDINATOR:
        coordinators = Membership.objects.filter(
            administration_id=membership.administration_id, role=Membership.Role.COORDINATOR
        )
        if coordinators.count() <= 1:
            raise ValidationError(
                _("An administration needs at least one coordinator."), code="last_coordinator"
            )
    membership.delete()


def name_of(user):
    return user.get_full_name() or user.username


def absolute(request, path):
    return request.build_absolute_uri(path) if request else path


def send_bilingual(address, subject, body):
    """One e-mail in English then French: we do not know which the person reads."""
    parts, subjects = [], []
    for language in E_MAIL_LANGUAGES:
        with translation.override(language):
            subjects.append(str(subject()))
            parts.append(str(body()))
    send_mail(
        " / ".join(dict.fromkeys(subjects)), "\n\n---\n\n".join(parts) + "\n", None, [address]
    )
