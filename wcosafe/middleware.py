"""Request-level safety for production: a request id on every log line, a Content-Security-
Policy on every response, and oversized bodies refused before they are read."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .logs import request_id_var
from .proxy import client_address

log = logging.getLogger("wcosafe.request")
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give each request an id (the proxy's X-Request-ID when it looks sane), return it in the
    response header and log one structured line per request, so an error a person reports can
    be found in the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = given if SAFE_ID.match(given) else uuid.uuid4().hex
        # Not reset at the end: Django logs 4xx/5xx after the middleware returns, and the next
        # request on this thread sets its own id first.
        request_id_var.set(request.id)
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        # Only a user already loaded: looking one up here could fail again (database away).
        user = getattr(request, "_cached_user", None)
        log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "client": client_address(request),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY: no inline script anywhere (handlers live in
    static/js/, htmx runs without eval)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class RequestSizeLimitMiddleware:
    """Refuse a body larger than settings.MAX_REQUEST_BYTES from its Content-Length header,
    before a worker spends time reading it (the proxy should refuse it even earlier)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Invalid Content-Length."), status=400)
        if length > settings.MAX_REQUEST_BYTES:
            response = HttpResponse(
                _("The file is too large: the limit is %(size)s MB.")
                % {"size": settings.MAX_REQUEST_BYTES // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            response["Connection"] = "close"
            return response
        return self.get_response(request)
