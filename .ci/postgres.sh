#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on loopback for the test suites and prints its URL.
# Installs Debian's postgresql when it is missing. Stop it with: .ci/postgres.sh stop <dir>
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  su postgres -c "$bin/pg_ctl -D '$2' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=${PGPORT_TEST:-54329}
data=$(mktemp -d /tmp/dvk-pg-XXXXXX)
chown postgres:postgres "$data"
su postgres -c "$bin/initdb -D '$data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$bin/pg_ctl -D '$data' -o \"-c listen_addresses=127.0.0.1 -p $port -k /tmp -c fsync=off\" -w -l '$data/log' start" >/dev/null
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE dvk_test" >/dev/null
echo "$data postgresql://postgres@127.0.0.1:$port/dvk_test"
