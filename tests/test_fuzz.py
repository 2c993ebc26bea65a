"""Hostile input to every route: random and wrong-typed fields, huge strings, any unicode,
missing fields, other administrations' ids. Never a 500, and never a change the person may not
make (another administration's data never moves; donors and outsiders change nothing)."""

import pytest
from django.db.models import Count, Max, Sum
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import (
    Answer,
    AnswerChange,
    Assessment,
    Evidence,
    Invitation,
    Membership,
)
from tests.conftest import start

pytestmark = pytest.mark.django_db

NAMES = [
    "value", "version", "comment", "not_applicable", "na_justification", "support_needed",
    "target",
]  # fmt: skip
PLAIN = [
    "remove", "email", "first_name", "last_name", "role", "answer", "decision", "force", "go",
    "keep_mine", "use_theirs", "shared", "comment", "title", "url", "framework", "phase",
    "period_start", "period_end", "previous", "save", "continue", "language", "next",
]  # fmt: skip
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.tuples(st.text(min_size=1, max_size=3), st.integers(10_001, 12_000)).map(
        lambda pair: pair[0] * pair[1]  # past every length limit (10,000 characters and more)
    ),
    st.integers(min_value=-(2**63), max_value=2**64).map(str),
    st.sampled_from(["", "0", "-1", "1e309", "NaN", "true", "2026-02-30", "../../etc/passwd",
                     "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "\u202e", "٣"]),
)  # fmt: skip


def routes():
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if not str(entry.pattern).startswith(("admin/", "accounts/", "i18n/")):
                    yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return sorted(set(walk(get_resolver())))


def fingerprint(administration):
    """Everything a person could change about an administration's work, in a few numbers."""
    answers = Answer.objects.filter(assessment__administration=administration)
    return (
        answers.aggregate(n=Count("id"), v=Sum("version"), t=Max("updated_at")),
        AnswerChange.objects.filter(assessment__administration=administration).count(),
        Evidence.objects.filter(answer__assessment__administration=administration).count(),
        sorted(
            Assessment.objects.filter(administration=administration).values_list(
                "pk", "status", "shared_with_donors", "title", "review_comment"
            )
        ),
        sorted(Membership.objects.filter(administration=administration).values_list("pk", "role")),
        Invitation.objects.filter(administration=administration).count(),
    )


@pytest.fixture
def world(editor, coordinator, donor, nobody, other_editor, administration,
          other_administration, tiny):  # fmt: skip
    own = start(editor, administration, tiny)
    other = start(other_editor, other_administration, tiny)
    questions = list(tiny.questions.order_by("pk").values_list("pk", flat=True))
    return {
        "people": {
            "editor": editor,
            "coordinator": coordinator,
            "donor": donor,
            "nobody": nobody,
        },  # fmt: skip
        "own": own,
        "other": other,
        "administration": administration,
        "other_administration": other_administration,
        "questions": questions,
        "other_membership": Membership.objects.get(user=other_editor).pk,
    }


def fill(pattern, world, draw):
    """A concrete path: own or other administration's ids, or nonsense numbers."""
    own, other = world["own"], world["other"]
    path = "/" + pattern
    numbers = {
        "<int:pk>": [own.pk, other.pk, 0, 2**31 + 7],
        "<int:administration_id>": [own.administration_id, other.administration_id, 999_999],
        "<int:question_id>": [*world["questions"][:3], 0, 10**12],
        "<int:evidence_id>": [1, 0, 10**9],
    }
    for name, values in numbers.items():
        if name in path:
            path = path.replace(name, str(draw(st.sampled_from(values))))
    for name in ("<str:code>", "<slug:code>", "<str:token>"):
        if name in path:
            text = draw(st.sampled_from(["AEI", "tiny-2021", "x" * 300, "%E2%80%AE", "-"]))
            path = path.replace(name, text)
    while "<" in path:  # a parameter type added later: a number will do
        start_, end = path.index("<"), path.index(">")
        path = path[:start_] + "1" + path[end + 1 :]
    return path


def form_data(world, draw):
    names = list(PLAIN)
    for pk in world["questions"][:4]:
        names += [f"q{pk}-{name}" for name in NAMES]
    keys = draw(st.lists(st.sampled_from(names), max_size=8, unique=True))
    data = {key: draw(HOSTILE) for key in keys}
    if draw(st.booleans()):
        data["remove"] = str(world["other_membership"])  # another administration's role
    return data


@settings(
    max_examples=120,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_requests_never_fail_and_change_nothing_they_may_not(client, world, data):
    role = data.draw(st.sampled_from(sorted(world["people"])))
    pattern = data.draw(st.sampled_from(routes()))
    path = fill(pattern, world, data.draw)
    method = data.draw(st.sampled_from(["get", "post"]))
    payload = form_data(world, data.draw)
    before_other = fingerprint(world["other_administration"])
    before_own = fingerprint(world["administration"])

    client.force_login(world["people"][role])
    response = getattr(client, method)(path, payload)

    assert response.status_code < 500, (role, method, path, payload)
    assert fingerprint(world["other_administration"]) == before_other, (role, path, payload)
    if role in ("donor", "nobody"):
        assert fingerprint(world["administration"]) == before_own, (role, path, payload)
