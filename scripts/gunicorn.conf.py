"""gunicorn settings for production (`make serve`, docs/deployment.md).

Threaded workers (gthread): a slow client uploading evidence or reading a PDF holds one thread,
not a whole process, so the other threads keep answering editors. Behind nginx with
request/response buffering (the documented set-up) slow clients never reach gunicorn at all;
the threads are the second line. Override any value with GUNICORN_* environment variables
below, or gunicorn's own command-line options.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a PDF of 122 questions takes ~1 s
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then: memory stays flat
max_requests_jitter = 200
limit_request_line = 8190
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # the application logs each request as JSON with its request id
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
