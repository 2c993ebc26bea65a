# Shared by scripts/serve, backup and restore: production-like environment on this machine.
# Every value can be overridden from the environment (docs/deployment.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PY:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"
export DEBUG="${DEBUG:-0}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/safe}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export MEDIA_ROOT="${MEDIA_ROOT:-$ROOT/var/evidence}"
mkdir -p "$ROOT/var"
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s "$ROOT/var/secret-key" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$ROOT/var/secret-key"
  SECRET_KEY="$(cat "$ROOT/var/secret-key")"
  export SECRET_KEY
fi

# The database named by a postgres:// URL, and a URL to the server's maintenance database.
db_name() { local url="${1%%\?*}"; echo "${url##*/}"; }
server_url() { local url="${1%%\?*}"; echo "${url%/*}/postgres"; }

ensure_database() {
  local url="$1" name
  name="$(db_name "$url")"
  if ! psql "$(server_url "$url")" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql "$(server_url "$url")" -qc "CREATE DATABASE \"$name\""
  fi
}
