#!/usr/bin/env bash
# Builds release binaries and runs Tandem's benchmarks, printing figures.
#   Benchmarks/run.sh server   load on a fresh tandem-server (SQLite in a temporary directory)
#   Benchmarks/run.sh client   key derivation vs OpenSSL, merge of 10,000 keys, push-to-merge propagation
#   Benchmarks/run.sh ui       terminal UI: keystroke to frame and start-up with 10,000 preferences
#   Benchmarks/run.sh          all of them
# The load generator runs on the same machine as the server; figures are relative to that machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${TANDEM_BENCH_SCRATCH:-.build-release}
swift build -c release --scratch-path "$scratch" --product tandem-server >/dev/null
swift build -c release --scratch-path "$scratch" --product tandem-bench >/dev/null
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

start_server() {
    "$bin/tandem-server" --port 0 --database "sqlite:$work/server.sqlite" --verification-mode AllowAll \
        --log-level error >"$work/server.out" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.out")
        [ -n "$port" ] && return
        sleep 0.1
    done
    echo "tandem-server did not start:" >&2; cat "$work/server.out" >&2; exit 1
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $(swift --version 2>/dev/null | head -1)"
case "${1:-all}" in
    server|all)
        start_server
        "$bin/tandem-bench" server --port "$port" --server-pid "$server_pid" "${@:2}"
        ;;&
    client|all)
        "$bin/tandem-bench" kdf
        "$bin/tandem-bench" merge
        [ -n "$server_pid" ] || start_server
        "$bin/tandem-bench" propagation --port "$port"
        ;;&
    ui|all)
        swift build -c release --scratch-path "$scratch" --product tandem >/dev/null
        swift build -c release --scratch-path "$scratch" --product tandem-ui-bench >/dev/null
        "$bin/tandem-ui-bench"
        ;;
esac
