#!/usr/bin/env bash
# Runs a real xAPI Learning Record Store (Ralph, PyPI `ralph-malph` 5.1.0, file-system
# backend) on 127.0.0.1 for Bedside's tests and CI, as described in
# /work/shared/notes/ralph-lrs.md. Needs python3 (3.11 preferred), curl and network
# access to PyPI the first time (the venv is reused afterwards).
#
# Usage (from anywhere):
#   eval "$(scripts/lrs.sh start [PORT])"   # default port 8100; prints the three
#                                           # BEDSIDE_TEST_LRS* export lines on stdout
#   scripts/lrs.sh stop [PORT]              # kills the server, removes its run dir
#
# Each start gets a fresh, empty data directory ($DIR/run-PORT/data) and the basic-auth
# user educator / secret (scope all, agent mailto:educator@example.org). DIR is
# ${BEDSIDE_LRS_DIR:-/var/cache/bedside/lrs}; the venv lives in $DIR/venv, the server
# log in $DIR/run-PORT/server.log and its pid in $DIR/run-PORT/pid.
# BEDSIDE_LRS_PYTHON picks the interpreter used to create the venv.
set -euo pipefail

ralph_version="5.1.0"
dir="${BEDSIDE_LRS_DIR:-/var/cache/bedside/lrs}"
venv="$dir/venv"
user="educator"
password="secret"
agent="mailto:educator@example.org"

usage() {
    echo "usage: $0 start|stop [PORT]" >&2
    exit 2
}

log() { echo "lrs.sh: $*" >&2; }

[ $# -ge 1 ] && [ $# -le 2 ] || usage
cmd="$1"
port="${2:-8100}"
case "$port" in
    '' | *[!0-9]*) log "bad port: $port"; exit 2 ;;
esac
run="$dir/run-$port"
url="http://127.0.0.1:$port"

pick_python() {
    if [ -n "${BEDSIDE_LRS_PYTHON:-}" ]; then
        echo "$BEDSIDE_LRS_PYTHON"
    elif command -v python3.11 >/dev/null 2>&1; then
        echo python3.11
    else
        echo python3
    fi
}

installed() {
    [ -x "$venv/bin/python" ] && [ -x "$venv/bin/ralph" ] &&
        RALPH_RUNSERVER_BACKEND=fs "$venv/bin/python" - "$ralph_version" >/dev/null 2>&1 <<'EOF'
import sys, importlib.metadata as m
import requests, uvicorn, ralph.api  # the server fails at import without requests
assert m.version("ralph-malph") == sys.argv[1]
EOF
}

install() {
    if installed; then
        return
    fi
    mkdir -p "$dir"
    if [ ! -x "$venv/bin/python" ]; then
        local py
        py="$(pick_python)"
        log "creating venv $venv with $py"
        "$py" -m venv "$venv" >&2
    fi
    log "installing ralph-malph $ralph_version into $venv"
    "$venv/bin/python" -m pip install --quiet "ralph-malph[lrs,cli]==$ralph_version" requests >&2
    installed || { log "ralph-malph $ralph_version still not importable after pip install"; exit 1; }
}

# Equivalent to `python -m uvicorn ralph.api:app --host 127.0.0.1 --port PORT`, plus the fix
# described in start().
launcher='
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]))
'

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

heartbeat() { curl -fsS -o /dev/null --max-time 2 "$url/__heartbeat__" 2>/dev/null; }

stop() {
    if [ -f "$run/pid" ]; then
        local pid
        pid="$(cat "$run/pid")"
        if alive "$pid"; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 50); do
                alive "$pid" || break
                sleep 0.2
            done
            if alive "$pid"; then
                kill -9 "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf "$run"
}

fail() {
    log "$*"
    if [ -f "$run/server.log" ]; then
        echo "----- $run/server.log -----" >&2
        cat "$run/server.log" >&2
        echo "-----" >&2
    fi
    stop
    exit 1
}

start() {
    command -v curl >/dev/null 2>&1 || { log "curl is needed"; exit 1; }
    install

    # A leftover server of ours on this port is replaced; anyone else's makes us fail.
    stop
    if curl -s -o /dev/null --max-time 2 "$url/"; then
        log "something already answers on $url; pick another port"
        exit 1
    fi

    mkdir -p "$run/app" "$run/data"
    export RALPH_APP_DIR="$run/app"
    export RALPH_AUTH_FILE="$run/app/auth.json"
    export RALPH_RUNSERVER_BACKEND=fs
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$run/data"

    "$venv/bin/ralph" auth -u "$user" -p "$password" -s all -M "$agent" -w \
        >"$run/auth.log" 2>&1 || { cat "$run/auth.log" >&2; fail "ralph auth failed"; }

    # Ralph 5.1.0's fs LRS backend writes every POST with operation_type CREATE, so all
    # writes after the first fail (500 "Statements bulk indexation failed", log: "fs_lrs.jsonl
    # already exists and overwrite is not allowed"). Make it append before the app is imported.
    # stdin/stdout/stderr all redirected so that $(scripts/lrs.sh start) returns.
    nohup "$venv/bin/python" -c "$launcher" "$port" </dev/null >"$run/server.log" 2>&1 &
    local pid=$!
    echo "$pid" >"$run/pid"

    local deadline=$((SECONDS + 30))
    until heartbeat; do
        alive "$pid" || fail "server exited during start-up"
        [ "$SECONDS" -lt "$deadline" ] || fail "server did not answer $url/__heartbeat__ within 30 s"
        sleep 0.3
    done
    # The heartbeat needs no credentials; check the user we created is accepted too.
    curl -fsS -o /dev/null --max-time 5 -u "$user:$password" "$url/whoami" ||
        fail "$url/whoami rejected $user"

    log "LRS (pid $pid) ready at $url/xAPI/"
    echo "export BEDSIDE_TEST_LRS=$url/xAPI/"
    echo "export BEDSIDE_TEST_LRS_USER=$user"
    echo "export BEDSIDE_TEST_LRS_PASSWORD=$password"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    *) usage ;;
esac
