# Sourced by deploy/check-published.sh: a throwaway PostgreSQL cluster from the installed server
# binaries, as tests/Api.Tests/Postgres/LocalPostgresCluster.cs builds one (no Docker on CI hosts).
# Durability is off because the data dies with the run. Sets PG_PORT; pg_stop removes everything.

pg_as_owner() {
  # initdb refuses to run as root: then the postgres user owns the folder and runs the tools.
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {  # pg_start FOLDER
  PG_FOLDER=$1
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -x "$PG_BIN/initdb" ]] || { echo "error: no PostgreSQL server binaries under /usr/lib/postgresql" >&2; return 1; }
  mkdir -p "$PG_FOLDER"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$PG_FOLDER"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_FOLDER/data" --auth=trust --no-sync -U postgres -E UTF8 --locale=C >/dev/null
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  pg_as_owner "$PG_BIN/pg_ctl" start -D "$PG_FOLDER/data" -l "$PG_FOLDER/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_FOLDER -c fsync=off -c full_page_writes=off" >/dev/null
}

pg_psql() {  # pg_psql DATABASE SQL
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -tAc "$2"
}

pg_stop() {
  [[ -n "${PG_FOLDER:-}" ]] || return 0
  if [[ -f "$PG_FOLDER/data/postmaster.pid" ]]; then
    pg_as_owner "$PG_BIN/pg_ctl" stop -D "$PG_FOLDER/data" -m immediate -w >/dev/null || true
  fi
  rm -rf "$PG_FOLDER"
}
