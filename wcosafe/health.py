"""Health for load balancers, and the page shown when the database is away.

/healthz answers 200 with {"status": "ok"} when the database answers, every migration is
applied and evidence storage accepts a file; otherwise 503 with the failing check named. It
reads no session and needs no login, so a load balancer can poll it.
"""

import logging
import sys
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger("wcosafe.health")


def database_reachable():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied():
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def storage_writable():
    storage = storages["default"]
    name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name) as stored:
            return stored.read() == b"ok"
    finally:
        storage.delete(name)


CHECKS = {
    "database": database_reachable,
    "migrations": migrations_applied,
    "storage": storage_writable,
}


@never_cache
@require_GET
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = "ok" if check() else "failed"
        except Exception as error:  # a health check reports every failure, whatever it is
            log.warning("health check %s failed: %s", name, error)
            results[name] = "failed"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": results},
        status=200 if healthy else 503,
    )


def server_error(request, template_name="500.html"):
    """Django's last-resort error page, but a database outage is a 503 that says to retry:
    rendered without the request context, so nothing touches the database again.

    An outage is what a stopped, restarting or unreachable server raises (OperationalError:
    refused or cut connection, shutdown; InterfaceError: a connection already closed). Other
    database errors (integrity, programming) are defects: the 500 page, not "try again"."""
    error = sys.exc_info()[1]
    outage = isinstance(error, (OperationalError, InterfaceError))
    template = loader.get_template("503.html" if outage else template_name)
    body = template.render({"request_id": getattr(request, "id", "")})
    if outage:
        response = HttpResponseServerError(body, status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(body)
