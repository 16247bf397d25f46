#!/usr/bin/env bash
# The project's two entry points, each setting up everything it needs first:
#   ./dev.sh serve   install, load the seed data if the graph is empty, serve API and maps
#   ./dev.sh test    install (with test tools, Graphviz and Chromium), lint, type-check, test
set -euo pipefail
cd "$(dirname "$0")"

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

apt_install() {
    # Debian packages some features need; installed only when missing.
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing Debian packages: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup() {
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -e ".$1" >/dev/null
}

case "${1:-}" in
    serve)
        apt_install graphviz
        setup ""
        shift
        exec "$VENV/bin/collabgraph" serve "$@"
        ;;
    test)
        apt_install graphviz chromium fonts-dejavu-core
        setup "[test]"
        shift
        "$VENV/bin/ruff" check graphmodel api tests benchmarks
        "$VENV/bin/mypy" graphmodel api
        status=0
        "$VENV/bin/pytest" "$@" || status=$?
        if [ "$status" -eq 5 ]; then
            echo "pytest collected no tests: that is a failure" >&2
            exit 1
        fi
        exit "$status"
        ;;
    *)
        echo "usage: ./dev.sh serve [--host H] [--port P] | ./dev.sh test [pytest args]" >&2
        exit 2
        ;;
esac
