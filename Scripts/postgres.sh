# A throwaway PostgreSQL for the tests and the benchmarks, sourced by Scripts/test and Benchmarks/run.sh.
# start_postgres: initdb into a temporary directory, pg_ctl start on a free loopback port (as the `postgres` user
# when run as root: the server refuses to run as root); exports TANDEM_TEST_POSTGRES_URL (an administrator URL) and
# TANDEM_TEST_POSTGRES_RESTART (a program that crashes and restarts it). stop_postgres stops it and deletes the data.

pg_dir=""

# Runs a PostgreSQL program as the `postgres` user when we are root (the server refuses to run as root).
as_postgres() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    pg_dir=$(mktemp -d /tmp/tandem-postgres.XXXXXX)
    local password
    password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$password" >"$pg_dir/password"
    [[ $(id -u) == 0 ]] && chown -R postgres: "$pg_dir"
    as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U tandem --pwfile="$pg_dir/password" -A scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log"; return 1; }
    local attempt port
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue  # taken
        # syncfs: after a crash the server syncs its data directory before starting; file by file, that takes
        # long once the tests have made a few dozen databases.
        if as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
            -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c recovery_init_sync_method=syncfs" \
            start >/dev/null; then
            # Tests restart the server mid-run (a crash, then recovery from the WAL) with this program. It first
            # closes every descriptor it inherited: the new server would otherwise keep the caller's open, and
            # Foundation's Process, which watches one of them, would never see the program end.
            cat >"$pg_dir/restart" <<RESTART
#!/usr/bin/env bash
set -e
for fd in \$(ls /proc/\$\$/fd); do [[ \$fd -gt 2 ]] && eval "exec \$fd>&-" 2>/dev/null || true; done
$( [[ $(id -u) == 0 ]] && echo "runuser -u postgres -- " )"$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -m immediate -w -t 60 restart </dev/null >/dev/null
RESTART
            chmod 755 "$pg_dir/restart"
            export TANDEM_TEST_POSTGRES_URL="postgres://tandem:$password@127.0.0.1:$port/postgres?sslmode=disable"
            export TANDEM_TEST_POSTGRES_RESTART="$pg_dir/restart"
            echo "==> PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $pg_dir/data"
            return 0
        fi
        tail -5 "$pg_dir/server.log" 2>/dev/null || true
    done
    echo "==> could not start PostgreSQL" >&2
    return 1
}

stop_postgres() {
    if [[ -n "$pg_dir" ]]; then
        as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$pg_dir"
        pg_dir=""
    fi
}
