#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (PostgreSQL,
# Chromium, Node.js, poppler-utils, zbar-tools and systemd from the
# distribution's packages; playwright-core and axe-core from the npm
# registry), starts a throw-away PostgreSQL on loopback, runs every Rust test
# on SQLite and PostgreSQL, checks the Debian package made from the test
# build, then drives the resident's pages in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

missing=()
[ -n "$(pg_bin)" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
command -v systemd-analyze >/dev/null || missing+=(systemd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
PGBIN="$(pg_bin)"

# A cluster of our own in a temporary folder, on its own port, so nothing on
# the machine is touched and every run starts empty.
PGDATA="$(mktemp -d /tmp/pwe-pg.XXXXXX)"
PGPORT="${PWE_TEST_PG_PORT:-55432}"
run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDATA"; fi
stop_pg() {
  run_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap stop_pg EXIT
echo "== starting PostgreSQL ($PGBIN) on 127.0.0.1:$PGPORT"
run_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
export PWE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"

echo "== cargo test --workspace"
cargo test --workspace

# The load bench with a few households: it writes the schema by hand, so a
# migration that changes a table shows here and not only at the next
# `cargo bench`. (--workspace keeps the features, and so the build, of the
# line above.)
echo "== the load bench, as a smoke run"
cargo test --workspace --bench load

echo "== the Debian package, from the test build (scripts/package.sh --binary)"
# `cargo test` built target/debug/pwe for the CLI's integration tests; a
# separate `cargo build -p pwe-cli` would resolve features differently and
# compile polars and sqlx a second time.
[ -x target/debug/pwe ] || cargo build -q -p pwe-cli
deb="$(scripts/package.sh --binary target/debug/pwe --out target/pkg)"
scripts/check-package.sh "$deb"

echo "== browser tests (headless Chromium, axe-core)"
npm ci --prefix e2e --no-audit --no-fund --loglevel=error
(cd e2e && node --test --test-timeout=180000)
