#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server on 127.0.0.1:$PGPORT as the postgres OS user and prints
# the environment to use it: KEQIAO_TEST_DATABASE_URL and PG_STOP.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGPORT=${PGPORT:-54329}
PGROOT=$(mktemp -d /tmp/keqiao-pg.XXXXXX)
chown postgres:postgres "$PGROOT"
su postgres -s /bin/sh -c "$PGBIN/initdb -D $PGROOT/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 >$PGROOT/initdb.log 2>&1"
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/server.log -w -t 60 -o '-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200' start" >/dev/null
echo "export KEQIAO_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "export PG_STOP=\"su postgres -s /bin/sh -c '$PGBIN/pg_ctl -D $PGROOT/data -m fast stop'\""
