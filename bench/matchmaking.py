"""The matching pages (needs list, reviewers' board, an offer's needs) for 20 and 500 shared
needs against 12 offers, side by side with a minimal Django page.

Run from the project root: .venv/bin/python bench/matchmaking.py
Ends with one line of key=value pairs; exits non-zero if it could not measure.
"""

import os
import sys
from decimal import Decimal
from functools import partial

from _setup import ROOT, median_of  # noqa: E402  (sets Django up first)
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from assessments.content import load_content  # noqa: E402
from assessments.models import (  # noqa: E402
    Administration,
    DonorOrganisation,
    Membership,
    Need,
    Region,
    Standard,
    SupportOffer,
)

RUNS = int(os.environ.get("BENCH_RUNS", "10"))
SIZES = (20, 500)
OFFERS = 12


def count_query(queries, execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)


def add_needs(administration, standards, count):
    kinds = ["technical", "equipment", "funding", "legal", "training"]
    Need.objects.bulk_create(
        Need(
            administration=administration,
            title=f"Need {i}",
            sharing="all",
            support_kinds=[kinds[i % 5], kinds[(i + 2) % 5]],
            estimated_cost=Decimal(5000 * (i + 1)),
        )
        for i in range(count)
    )
    through = Need.standards.through
    through.objects.bulk_create(
        through(need=need, standard=standards[need.pk % len(standards)])
        for need in Need.objects.filter(standards__isnull=True)
    )


def main():
    call_command("migrate", verbosity=0)
    call_command("loaddata", str(ROOT / "fixtures" / "regions.json"), verbosity=0)
    framework = load_content(ROOT / "fixtures" / "safe-2021.yaml").framework
    from django.contrib.auth.models import User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reviewer = User.objects.create_user("reviewer", password="bench-password-1")
    donor_user = User.objects.create_user("donor", password="bench-password-1")
    Membership.objects.create(user=reviewer, role="reviewer")
    donor = DonorOrganisation.objects.create(name="Bench fund")
    Membership.objects.create(user=donor_user, role="donor", donor_organisation=donor)
    administration = Administration.objects.create(
        name="Bench customs", country="CI", region=Region.objects.get(code="WCA")
    )
    standards = list(Standard.objects.filter(framework=framework))
    for i in range(OFFERS):
        offer = SupportOffer.objects.create(
            donor=donor, title=f"Offer {i}", support_kinds=["technical", "training"]
        )
        offer.standards.set(standards[i::OFFERS])
    offer_url = f"/offers/{SupportOffer.objects.first().pk}/"
    pages = {"needs": ("/needs/", donor_user), "board": ("/needs/board/", reviewer)}
    pages["offer"] = (offer_url, donor_user)
    clients = {}
    for user in (reviewer, donor_user):
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    results = {}
    with override_settings(ROOT_URLCONF="ping_urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        minimal = median_of(lambda: Client().get("/ping/"), RUNS)
        added = 0
        for size in SIZES:
            add_needs(administration, standards, size - added)
            added = size
            for name, (url, user) in pages.items():
                client = clients[user.pk]
                queries = []
                with connection.execute_wrapper(partial(count_query, queries)):
                    assert client.get(url).status_code == 200
                seconds = median_of(lambda c=client, u=url: c.get(u), RUNS)
                results[(name, size)] = (seconds, len(queries))
    if minimal <= 0:
        print("could not measure the minimal page")
        return 1
    print(f"{'page':<10}{'needs':>6}{'queries':>9}{'median ms':>11}{'x minimal':>11}")
    for (name, size), (seconds, queries) in results.items():
        print(f"{name:<10}{size:>6}{queries:>9}{seconds * 1000:>11.1f}{seconds / minimal:>11.1f}")
    pairs = " ".join(
        f"{name}_{size}_queries={q} {name}_{size}_ratio={s / minimal:.1f}"
        for (name, size), (s, q) in results.items()
    )
    print(f"{pairs} minimal_median_s={minimal:.5f} offers={OFFERS} runs={RUNS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
