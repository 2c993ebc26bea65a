"""A demo world for `make run`: administrations in every WCO region, one person per role,
and assessments in several states. Idempotent; refused when DEBUG is off."""

import random
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from assessments import selectors, services
from assessments.management import demo_donors, demo_planning
from assessments.management.commands._demo_monitoring import seed_monitoring
from assessments.models import (
    Administration,
    Assessment,
    DonorOrganisation,
    Framework,
    Invitation,
    Membership,
    Region,
)

DEMO_PASSWORD = "safe-demo-2026"  # noqa: S105 (demo only; never created in production)

ADMINISTRATIONS = [
    ("Direction générale des douanes de Côte d'Ivoire", "CI", "WCA"),
    ("Kenya Revenue Authority, Customs and Border Control", "KE", "ESA"),
    ("Administration des douanes et impôts indirects (Maroc)", "MA", "MENA"),
    ("Krajowa Administracja Skarbowa (Łódź office)", "PL", "EUR"),
    ("General Department of Viet Nam Customs", "VN", "A/P"),
    ("Receita Federal do Brasil — Aduana", "BR", "AMS"),
    ("Direcção das Alfândegas de São Tomé e Príncipe", "ST", "WCA"),
]

# username, first name, last name, role, administration country (or donor organisation)
PEOPLE = [
    ("editor", "Aïcha", "Koné", Membership.Role.EDITOR, "CI"),
    ("coordinator", "Yao", "N'Guessan", Membership.Role.COORDINATOR, "CI"),
    ("editor-ke", "Wanjiru", "Mwangi", Membership.Role.EDITOR, "KE"),
    ("coordinator-ke", "Otieno", "Odhiambo", Membership.Role.COORDINATOR, "KE"),
    ("coordinator-vn", "Minh", "Nguyễn Văn", Membership.Role.COORDINATOR, "VN"),
    ("reviewer", "Hélène", "Dubois", Membership.Role.REVIEWER, None),
    ("donor", "Lars", "Øberg", Membership.Role.DONOR, "Nordic Trade Facilitation Fund"),
    (
        "donor-wa",
        "Fatou",
        "Diop",
        Membership.Role.DONOR,
        "West Africa Customs Modernisation Facility",
    ),
    ("donor-ea", "Amani", "Njoroge", Membership.Role.DONOR, "East African Trade Partnership"),
]

DEMO_PROFILE = {
    "figures_year": 2025,
    "import_declarations": 250_000,
    "export_declarations": 90_000,
    "transit_declarations": 40_000,
    "containers_teu": 800_000,
    "border_posts": 37,
    "staff": 1_200,
    "it_system": "ASYCUDA World",
    "notes": "Illustrative demo figures, not official statistics.",
}


class Command(BaseCommand):
    help = "Create demo administrations, people and assessments (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["demo", "full"],
            default="demo",
            help="full: also the 186 WCO Members with three assessment cycles each "
            "(assessments/management/scale.py).",
        )

    def handle(self, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are never created when DEBUG is off.")
        framework = Framework.objects.filter(code="safe-2021").first()
        if framework is None:
            raise CommandError(
                "Load the framework first: manage.py load_framework fixtures/safe-2021.yaml"
            )
        with transaction.atomic():
            administrations = self.administrations()
            users = self.people(administrations)
            self.profiles(administrations, users)
            self.assessments(framework, administrations, users)
            self.plans(framework, administrations, users)
            seed_monitoring(framework, administrations["CI"], users)
            demo_donors.seed(framework, administrations, users)
            self.invitation(administrations, users)
        if options.get("scale") == "full":
            import time

            from assessments.management.scale import seed_full

            started, cpu = time.perf_counter(), time.process_time()
            counts = seed_full(framework, self.stdout)
            self.stdout.write(
                "Full scale: {administrations} administrations, {assessments} assessments, "
                "{answers} answers, {plans} plans, {indicators} indicators added in "
                "{seconds:.0f} s ({cpu:.0f} s of CPU).".format(
                    **counts,
                    seconds=time.perf_counter() - started,
                    cpu=time.process_time() - cpu,
                )
            )
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. Log in at http://127.0.0.1:8000 with:")
        )
        for username, *_rest, role, _scope in PEOPLE:
            self.stdout.write(f"  {username:<15} {DEMO_PASSWORD}   ({role.label})")
        self.stdout.write(f"  {'admin':<15} {DEMO_PASSWORD}   (site administrator)")

    def administrations(self):
        regions = {r.code: r for r in Region.objects.all()}
        if len(regions) < 6:
            raise CommandError("Load the regions first: manage.py loaddata fixtures/regions.json")
        result = {}
        for name, country, region in ADMINISTRATIONS:
            result[country], _ = Administration.objects.get_or_create(
                country=country, defaults={"name": name, "region": regions[region]}
            )
        return result

    def people(self, administrations):
        User = get_user_model()
        users = {}
        for username, first, last, role, scope in PEOPLE:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            membership = {"user": user, "role": role}
            if role == Membership.Role.DONOR:
                membership["donor_organisation"], _ = DonorOrganisation.objects.get_or_create(
                    name=scope
                )
            elif scope:
                membership["administration"] = administrations[scope]
            Membership.objects.get_or_create(**membership)
            users[username] = user
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@example.org", DEMO_PASSWORD)
        return users

    def profiles(self, administrations, users):
        """The profile each report's introduction reprints (illustrative figures)."""
        for country, coordinator in (("CI", "coordinator"), ("KE", "coordinator-ke")):
            services.save_profile(users[coordinator], administrations[country], DEMO_PROFILE)

    def invitation(self, administrations, users):
        """Kenya's coordinator has invited Côte d'Ivoire's editor: an account that exists is
        invited, not given the role (her people page and the admin show it waiting)."""
        Invitation.objects.get_or_create(
            administration=administrations["KE"],
            user=users["editor"],
            role=Membership.Role.EDITOR,
            defaults={"invited_by": users["coordinator-ke"]},
        )

    def assessments(self, framework, administrations, users):
        if Assessment.objects.exists():
            return
        needs = framework.phases.get(number=1)
        rng = random.Random(2021)
        # Côte d'Ivoire: a validated baseline, then a follow-up in progress.
        baseline = self.filled(
            needs, administrations["CI"], users["editor"], "Needs assessment 2024", 2024, rng, 0.55
        )
        services.submit(users["coordinator"], baseline)
        services.validate(users["reviewer"], baseline, "Consistent with the diagnostic mission.")
        services.set_sharing(users["coordinator"], baseline, True)
        follow_up = services.start_assessment(
            users["editor"],
            administrations["CI"],
            needs,
            "Needs assessment 2026",
            date(2026, 1, 1),
            date(2026, 12, 31),
            previous=baseline,
        )
        self.answer(follow_up, users["editor"], rng, 0.75, only_fraction=0.4)
        # Côte d'Ivoire also plans (Phase 2) and monitors (Phase 3) its SAFE programme.
        planning = self.filled(
            framework.phases.get(number=2), administrations["CI"], users["editor"],
            "SAFE action plan 2025-2027", 2025, rng, 0.5,
        )  # fmt: skip
        services.submit(users["coordinator"], planning)
        services.validate(users["reviewer"], planning, "Plan endorsed by the steering committee.")
        self.filled(
            framework.phases.get(number=3), administrations["CI"], users["editor"],
            "SAFE monitoring 2026", 2026, rng, 0.7,
        )  # fmt: skip
        # Kenya: submitted, waiting for review.
        kenya = self.filled(
            needs,
            administrations["KE"],
            users["editor-ke"],
            "SAFE needs assessment 2026",
            2026,
            rng,
            0.6,
        )
        # An N/A a reviewer should question (Mombasa handles bulk cargo): the reviewer can
        # reject it from the results page.
        bulk = selectors.questions_of(kenya).filter(code="NA-AEI-06").first()
        if bulk is not None:
            na = {"not_applicable": True, "na_justification": "Bulk cargo is cleared elsewhere."}
            services.save_answers(users["editor-ke"], kenya, {bulk: (na, None)})
        services.submit(users["coordinator-ke"], kenya)
        services.add_review_note(
            users["reviewer"],
            kenya,
            selectors.questions_of(kenya).first(),
            "Which ports receive advance cargo data today? Please name them in the comment.",
        )
        # Viet Nam: a 2023 diagnostic in the 2021 edition, and the 2026 one started in the
        # newest edition from it: mapped answers carried over to confirm, new questions open.
        self.new_edition(framework, administrations["VN"], users["coordinator-vn"], rng)

    def new_edition(self, framework, administration, user, rng):
        newest = Framework.newest()
        older = self.filled(
            framework.phases.get(number=1), administration, user, "Diagnostic 2023", 2023, rng, 0.4
        )
        services.submit(user, older)
        if newest == framework:  # only the 2021 edition is loaded: stop at the 2023 diagnostic
            return
        services.start_assessment(
            user,
            administration,
            newest.phases.get(number=1),
            f"Diagnostic 2026 ({newest.code})",
            date(2026, 1, 1),
            date(2026, 12, 31),
            previous=older,
        )

    def plans(self, framework, administrations, users):
        """Implementation plans (Columbus Phase 2): see assessments/management/demo_planning.py."""
        needs = framework.phases.get(number=1)
        validated = Assessment.objects.filter(phase=needs, status=Assessment.Status.VALIDATED)
        ci = validated.filter(administration=administrations["CI"]).order_by("created_at").first()
        ke = validated.filter(administration=administrations["KE"]).first()
        if ke is None:  # Kenya's 2026 assessment waits for review; plan from its 2024 baseline
            ke = self.filled(
                needs, administrations["KE"], users["editor-ke"], "Needs assessment 2024", 2024,
                random.Random(2024), 0.45,
            )  # fmt: skip
            services.submit(users["coordinator-ke"], ke)
            services.validate(users["reviewer"], ke, "Baseline agreed with the diagnostic team.")
        if ci is not None:
            demo_planning.seed(framework, administrations, users, {"CI": ci, "KE": ke})

    def filled(self, phase, administration, user, title, year, rng, level):
        assessment = services.start_assessment(
            user, administration, phase, title, date(year, 1, 1), date(year, 12, 31)
        )
        self.answer(assessment, user, rng, level)
        return assessment

    @staticmethod
    def number(question, rng, level):
        """A plausible number of the question's kind: whole counts, percentages up to 100."""
        value = (question.target or 10) * rng.uniform(level - 0.3, 1.0)
        if question.number_kind == "count":
            return round(value)
        if question.number_kind == "percentage":
            value = min(100.0, value)
        return round(value, 1)

    def answer(self, assessment, user, rng, level, only_fraction=1.0):
        """Plausible answers: maturity around `level` of the scale, some gaps needing support."""
        supports = ["none", "technical", "equipment", "funding", "legal", ""]  # "": not stated
        changes = {}
        for question in selectors.questions_of(assessment):
            if rng.random() > only_fraction:
                continue
            values = {"comment": "", "support_needed": rng.choice(supports)}
            if question.answer_type == "maturity":
                values["maturity"] = max(0, min(4, round(rng.gauss(level * 4, 1))))
            elif question.answer_type == "yes_no":
                values["yes_no"] = rng.random() < level
            elif question.answer_type == "number":
                values["number"] = self.number(question, rng, level)
            else:
                values["text"] = "Described in the national customs modernisation strategy."
            changes[question] = (values, None)
        services.save_answers(user, assessment, changes)
