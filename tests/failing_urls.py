"""URLs that fail on purpose, to see the error pages (tests only)."""

from django.db import IntegrityError, InterfaceError, OperationalError
from django.urls import path


def fail(request):
    raise RuntimeError("failing on purpose")


def database_away(request):
    """What psycopg raises when PostgreSQL stops under a request (fast shutdown)."""
    raise OperationalError("terminating connection due to administrator command")


def connection_closed(request):
    raise InterfaceError("connection already closed")


def integrity(request):
    raise IntegrityError("duplicate key value violates unique constraint")


urlpatterns = [
    path("fail", fail),
    path("database-away", database_away),
    path("connection-closed", connection_closed),
    path("integrity", integrity),
]
handler500 = "wcosafe.health.server_error"
