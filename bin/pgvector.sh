#!/usr/bin/env bash
# Builds and installs pgvector (vendored in third_party/pgvector, a pinned release) into the machine's PostgreSQL
# when its `vector` extension is not available yet. Debian's bookworm packages do not carry pgvector, so the project
# builds it: it needs the server's headers (postgresql-server-dev-N, installed here when missing), make and a C compiler.
# Used by .ci/run; an operator can run it as root on a database host. Best effort: says what failed and exits 1.
set -euo pipefail
trap 'echo "pgvector: failed (line $LINENO, exit $?); see the output above" >&2' ERR
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

host=${PGHOST:-127.0.0.1}
available=$(psql -h "$host" -U postgres -d postgres -Atc \
  "select count(*) from pg_available_extensions where name = 'vector'" 2>/dev/null || echo "?")
if [ "$available" = "1" ]; then
  echo "pgvector: already available in the PostgreSQL at $host"
  exit 0
fi
if [ "$available" = "?" ]; then
  echo "pgvector: cannot ask the PostgreSQL at $host (is it running?)" >&2
  exit 1
fi
major=$(psql -h "$host" -U postgres -d postgres -Atc "show server_version_num" | cut -c1-2)
pg_config=/usr/lib/postgresql/$major/bin/pg_config
if [ ! -x "$pg_config" ] || [ ! -d "$("$pg_config" --includedir-server 2>/dev/null || echo /nonexistent)" ]; then
  echo "pgvector: installing postgresql-server-dev-$major to build against"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "postgresql-server-dev-$major" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "postgresql-server-dev-$major" >/dev/null; }
fi
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cp -r third_party/pgvector/. "$build"
echo "pgvector: building $(sed -n 's/^EXTVERSION = //p' "$build/Makefile") for PostgreSQL $major"
# OPTFLAGS empty: a portable build rather than one for this CPU only
make -s -C "$build" PG_CONFIG="$pg_config" OPTFLAGS="" >/dev/null
make -s -C "$build" PG_CONFIG="$pg_config" install >/dev/null
echo "pgvector: installed; CREATE EXTENSION vector now works in the PostgreSQL at $host"
