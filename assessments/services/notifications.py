"""E-mails where people wait on each other: coordinators when an assessment is fully answered
or returned, reviewers when one is submitted. Sent after the change commits; one message in
English then French, as people have no stored language preference."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Membership

Role = Membership.Role

MESSAGES = {
    # kind: (subject, body); %(title)s, %(administration)s and %(link)s are filled in
    "complete": (
        gettext_noop("All questions of “%(title)s” are answered"),
        gettext_noop(
            "Every question of “%(title)s” (%(administration)s) now has an answer. "
            "As coordinator, check it and submit it for review: %(link)s"
        ),
    ),
    "returned": (
        gettext_noop("“%(title)s” was returned for changes"),
        gettext_noop(
            "The reviewer returned “%(title)s” (%(administration)s) with comments and "
            "notes on some questions. Read them and make the changes: %(link)s"
        ),
    ),
    "submitted": (
        gettext_noop("“%(title)s” was submitted for review"),
        gettext_noop(
            "%(administration)s submitted “%(title)s”. It waits for your review: %(link)s"
        ),
    ),
}


def coordinators_of(assessment):
    return _emails(
        Membership.objects.filter(
            administration_id=assessment.administration_id, role=Role.COORDINATOR
        ).values("user")
    )


def reviewers():
    return _emails(Membership.objects.filter(role=Role.REVIEWER).values("user"))


def _emails(user_ids):
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def notify(kind, assessment, recipients):
    """Send `kind` about `assessment` to `recipients` once the transaction commits."""
    if not recipients:
        return
    subject, body = message(kind, assessment)
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def message(kind, assessment):
    """(subject, body) in English, then French."""
    site = getattr(settings, "SITE_URL", "") or os.environ.get("SITE_URL", "")
    values = {
        "title": assessment.title,
        "administration": assessment.administration.name,
        "link": site.rstrip("/") + reverse("assessment_detail", args=[assessment.pk]),
    }
    subject, body = MESSAGES[kind]
    texts = []
    for language in ("en", "fr"):
        with translation.override(language):
            texts.append((_(subject) % values, _(body) % values))
    (subject_en, body_en), (subject_fr, body_fr) = texts
    return f"[SAFE] {subject_en} / {subject_fr}", f"{body_en}\n\n---\n\n{body_fr}\n"
