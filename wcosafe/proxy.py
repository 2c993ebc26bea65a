"""The client's address behind a documented number of trusted reverse proxies.

Each proxy appends the address it received the request from to X-Forwarded-For, so with N
trusted proxies the client is the N-th entry from the right; anything further left was
written by the client and may be forged. With TRUSTED_PROXY_COUNT = 0 (no proxy) the header is
ignored and REMOTE_ADDR is the client. django-axes (login lockout) and the request log use this.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < count:
        return remote  # the request did not come through every trusted proxy
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
