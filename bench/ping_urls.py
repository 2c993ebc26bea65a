"""The site's URLs plus /ping/: the cheapest response, which the benches compare pages with."""

from django.http import HttpResponse
from django.urls import include, path


def ping(request):
    return HttpResponse("pong")


urlpatterns = [path("ping/", ping), path("", include("wcosafe.urls"))]
