#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS server for the store tests (ctest fixture).
#   pg_server.sh start STATE_DIR   initdb into a fresh temporary folder, start on
#                                  127.0.0.1 at a free port, write STATE_DIR/server.env
#   pg_server.sh stop STATE_DIR    stop it and remove its folder
# The data folder lives under /tmp, not in the build tree: the server runs as an
# unprivileged user (PostgreSQL refuses to run as root, and CI runs as root), and
# the build tree may sit inside a folder only root may enter.
set -euo pipefail

action=${1:?start or stop}
state_dir=${2:?state folder}
state="$state_dir/server.env"
bin=/usr/lib/postgresql/15/bin
superuser=parkcap_admin

# Runs a server binary as the unprivileged owner of the data folder.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u "$owner" -- "$@")
    else
        "$@"
    fi
}

stop_recorded() {
    [[ -f "$state" ]] || return 0
    # shellcheck disable=SC1090
    source "$state"
    if [[ -d "${PGDATA_DIR:-}" ]]; then
        owner=$PG_OWNER
        as_owner "$bin/pg_ctl" -D "$PGDATA_DIR/db" -m fast -w -t 30 stop >/dev/null 2>&1 || true
        rm -rf "$PGDATA_DIR"
    fi
    rm -f "$state"
}

case "$action" in
stop)
    stop_recorded
    ;;
start)
    for b in initdb pg_ctl postgres; do
        if [[ ! -x "$bin/$b" ]]; then
            echo "pg_server: $bin/$b is missing; install PostgreSQL 15 and PostGIS with tools/setup-debian.sh" >&2
            exit 1
        fi
    done
    if [[ ! -f /usr/share/postgresql/15/extension/postgis.control ]]; then
        echo "pg_server: PostGIS for PostgreSQL 15 is missing; install postgresql-15-postgis-3 with tools/setup-debian.sh" >&2
        exit 1
    fi
    mkdir -p "$state_dir"
    # A server a killed run left behind is stopped first, so ports and folders do not pile up.
    stop_recorded
    owner=$(id -un)
    if [[ $(id -u) -eq 0 ]]; then
        if ! id postgres >/dev/null 2>&1; then
            echo "pg_server: running as root and there is no 'postgres' user to run the server as; install postgresql with tools/setup-debian.sh" >&2
            exit 1
        fi
        owner=postgres
    fi
    data=$(mktemp -d /tmp/parkcap-pg.XXXXXX)
    chmod 700 "$data"
    [[ $(id -u) -eq 0 ]] && chown "$owner" "$data"
    log="$data/server.log"
    if ! as_owner "$bin/initdb" -D "$data/db" -U "$superuser" --auth=trust -E UTF8 --locale=C --no-sync >"$data/initdb.log" 2>&1; then
        cat "$data/initdb.log" >&2
        rm -rf "$data"
        exit 1
    fi
    # A random port that nothing answers on; the server may still lose a race for
    # it, so a failed start tries another.
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 40000))
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
        if as_owner "$bin/pg_ctl" -D "$data/db" -l "$log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off -c max_connections=200" \
            start >/dev/null 2>&1; then
            {
                echo "PGDATA_DIR=$data"
                echo "PG_OWNER=$owner"
                echo "PG_PORT=$port"
                echo "PG_SUPERUSER=$superuser"
            } >"$state"
            echo "pg_server: PostgreSQL 15 on 127.0.0.1:$port, data in $data/db, run as $owner"
            exit 0
        fi
        if ! grep -q "could not bind\|Address already in use" "$log" 2>/dev/null; then
            cat "$log" >&2 || true
            rm -rf "$data"
            exit 1
        fi
        : >"$log"
    done
    echo "pg_server: no free port found in 20 attempts" >&2
    rm -rf "$data"
    exit 1
    ;;
*)
    echo "usage: pg_server.sh start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
