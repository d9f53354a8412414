#!/usr/bin/env bash
# Builds release binaries and runs Tandem's benchmarks, printing figures.
#   Benchmarks/run.sh server     load on a fresh tandem-server (SQLite in a temporary directory)
#   Benchmarks/run.sh postgres   the same load on one instance on PostgreSQL, then on two instances of one database
#                                (load spread over both; fan-out sockets on one, writes through the other). Uses
#                                TANDEM_BENCH_POSTGRES_URL (an administrator URL) or starts a throwaway PostgreSQL.
#   Benchmarks/run.sh client     key derivation vs OpenSSL, merge of 10,000 keys, push-to-merge propagation
#   Benchmarks/run.sh ui         terminal UI: keystroke to frame and start-up with 10,000 preferences
#   Benchmarks/run.sh fuzz       100,000 seeded, mutated requests against a fresh server (FUZZ_SEED, FUZZ_CASES)
#   Benchmarks/run.sh reference  the same load on LBRY's wallet-sync-server (github.com/lbryio/wallet-sync-server),
#                                built by you: TANDEM_BENCH_REFERENCE_BIN names its binary. Two rounds, alternated:
#                                reference, tandem-server, reference, tandem-server, each on a fresh SQLite file;
#                                then the ratios. The reference listens on 127.0.0.1:8090 (fixed in its main.go),
#                                which must be free, and runs with ACCOUNT_VERIFICATION_MODE=AllowAll.
#   Benchmarks/run.sh            all of them but the reference
# Arguments after the first go to `tandem-bench server` (e.g. --seconds 5 --sockets 500).
# The load generator runs on the same machine as the servers; figures are relative to that machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/postgres.sh
scratch=${TANDEM_BENCH_SCRATCH:-.build-release}
swift build -c release --scratch-path "$scratch" --product tandem-server >/dev/null
swift build -c release --scratch-path "$scratch" --product tandem-bench >/dev/null
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

work=$(mktemp -d)
server_pids=()
stop_servers() {
    local pid
    for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    server_pids=()
}
cleanup() {
    stop_servers
    stop_postgres
    rm -rf "$work"
}
trap cleanup EXIT

# start_server DATABASE [FLAGS...]: a release tandem-server on a free port; sets $port and $pid.
start_server() {
    local out="$work/server-${#server_pids[@]}.out"
    # No rate limits and no socket cap: the load comes from one address and the fan-out uses one account.
    "$bin/tandem-server" --port 0 --database "$1" --verification-mode AllowAll --log-level error \
        --rate-limit off --max-sockets-per-account 1000000 "${@:2}" >"$out" 2>&1 &
    pid=$!
    server_pids+=("$pid")
    for _ in $(seq 300); do
        port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out")
        [ -n "$port" ] && return
        sleep 0.1
    done
    echo "tandem-server did not start:" >&2; cat "$out" >&2; exit 1
}

# start_reference: LBRY's server in a fresh directory (it keeps its SQLite file, sql.db, in its working directory,
# and reads its verification mode from the environment); sets $port and $pid.
start_reference() {
    local directory
    directory=$(mktemp -d "$work/reference-XXXX")
    if (exec 3<>/dev/tcp/127.0.0.1/8090) 2>/dev/null; then echo "port 8090 is taken; the reference needs it" >&2; exit 1; fi
    (cd "$directory" && ACCOUNT_VERIFICATION_MODE=AllowAll exec "$reference") >"$directory/out" 2>&1 &
    pid=$!
    server_pids+=("$pid")
    port=8090
    for _ in $(seq 300); do
        (exec 3<>/dev/tcp/127.0.0.1/8090) 2>/dev/null && return
        sleep 0.1
    done
    echo "the reference server did not start:" >&2; cat "$directory/out" >&2; exit 1
}

# fresh_database ADMIN_URL: creates a database on that PostgreSQL and prints its URL.
fresh_database() {
    local admin=$1 name="tandem_bench_$(date +%s)" query=""
    local base=${admin%%\?*}
    [[ "$admin" == *\?* ]] && query="?${admin#*\?}"
    psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null
    echo "${base%/*}/$name$query"
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $(swift --version 2>/dev/null | head -1)"
case "${1:-all}" in
    server|all)
        start_server "sqlite:$work/server.sqlite"
        echo "== SQLite, one instance"
        "$bin/tandem-bench" server --port "$port" --server-pid "$pid" "${@:2}"
        ;;&
    postgres|all)
        stop_servers
        admin=${TANDEM_BENCH_POSTGRES_URL:-}
        if [[ -z "$admin" ]]; then
            start_postgres
            admin=$TANDEM_TEST_POSTGRES_URL
        fi
        database=$(fresh_database "$admin")
        start_server "$database"
        echo "== PostgreSQL, one instance"
        "$bin/tandem-bench" server --port "$port" --server-pid "$pid" "${@:2}"
        stop_servers  # fresh processes: the memory per socket is measured on the first
        start_server "$database"
        first_port=$port first_pid=$pid
        start_server "$database"
        echo "== PostgreSQL, two instances"
        "$bin/tandem-bench" server --port "$first_port" --port "$port" --server-pid "$first_pid" "${@:2}"
        stop_servers
        ;;&
    client|all)
        "$bin/tandem-bench" kdf
        "$bin/tandem-bench" merge
        start_server "sqlite:$work/propagation.sqlite"
        "$bin/tandem-bench" propagation --port "$port"
        ;;&
    reference)
        reference=${TANDEM_BENCH_REFERENCE_BIN:?"set TANDEM_BENCH_REFERENCE_BIN to a wallet-sync-server binary you built"}
        for round in 1 2; do
            start_reference
            echo "== round $round: reference (LBRY wallet-sync-server, SQLite)"
            "$bin/tandem-bench" server --port "$port" --server-pid "$pid" --name reference \
                --figures "$work/reference-$round.tsv" "${@:2}"
            stop_servers
            start_server "sqlite:$work/round-$round.sqlite"
            echo "== round $round: tandem-server (SQLite)"
            "$bin/tandem-bench" server --port "$port" --server-pid "$pid" --name tandem-server \
                --figures "$work/tandem-$round.tsv" "${@:2}"
            stop_servers
        done
        echo "No phase is skipped for the reference: tandem-bench server uses only API v3 paths both servers serve."
        "$bin/tandem-bench" ratios "reference=$work/reference-1.tsv,$work/reference-2.tsv" \
            "tandem-server=$work/tandem-1.tsv,$work/tandem-2.tsv"
        ;;
    fuzz)
        # Short timeouts, so a request the fuzzer cut short is closed well within the fuzzer's 5 s per case.
        start_server "sqlite:$work/fuzz.sqlite" --request-timeout 1 --idle-timeout 1
        echo "== request fuzzer"
        "$bin/tandem-bench" fuzz --port "$port" --seed "${FUZZ_SEED:-1}" --cases "${FUZZ_CASES:-100000}" "${@:2}"
        if grep -E " (error|critical) " "$work"/server-*.out; then echo "server logged errors (above)" >&2; exit 1; fi
        ;;
    ui|all)
        swift build -c release --scratch-path "$scratch" --product tandem >/dev/null
        swift build -c release --scratch-path "$scratch" --product tandem-ui-bench >/dev/null
        "$bin/tandem-ui-bench"
        ;;
esac
