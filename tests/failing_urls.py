"""A URL that fails on purpose, to see the 500 page (tests only)."""

from django.urls import path


def fail(request):
    raise RuntimeError("failing on purpose")


urlpatterns = [path("fail", fail)]
handler500 = "wcosafe.health.server_error"
