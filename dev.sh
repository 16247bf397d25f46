#!/usr/bin/env bash
# The project's entry points, each setting up everything it needs first:
#   ./dev.sh serve         install, load the seed data if the graph is empty, serve API and maps
#   ./dev.sh test          install (with test tools, Graphviz, Chromium, Neo4j's jars), lint,
#                          type-check, and run every test on the embedded engine and on Neo4j
#   ./dev.sh neo4j [--port P]   start a local Neo4j 5.26 (needs Java 17+; NEO4J_PASSWORD)
#   ./dev.sh fetch-neo4j   fetch Neo4j's jars from Maven Central into build/neo4j/lib (once)
#   ./dev.sh path          print the line that puts `collabgraph` on your PATH
# Installing happens only when pyproject.toml changed since the last install, so a second
# start needs no network.
set -euo pipefail
cd "$(dirname "$0")"

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
NEO4J_LIB=build/neo4j/lib

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
    # Wait for another apt (an unattended upgrade, a second shell) instead of failing.
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 \
        install -y -qq "${missing[@]}" >/dev/null
}

setup() {
    # $1: the extras ("" or "[test]"). Reinstall only when pyproject.toml or the extras changed.
    local stamp="$VENV/.collabgraph-installed"
    local hash want have
    hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    want="$hash $1"
    have="$(cat "$stamp" 2>/dev/null || true)"
    # An install with the test tools also serves; one without them does not test.
    if [ -x "$VENV/bin/python" ] && { [ "$have" = "$want" ] || [ "$have" = "$hash [test]" ]; }; then
        return 0
    fi
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    echo "installing Python packages into $VENV ..." >&2
    export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_WARN_SCRIPT_LOCATION=1
    "$VENV/bin/python" -m pip install -q -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -q -e ".$1" >/dev/null
    echo "$want" >"$stamp"
}

fetch_neo4j() {
    # Neo4j 5.26 Community's jars (the embedded DBMS with Bolt, Cypher and the record
    # storage engine: its runtime closure) from Maven Central, once.
    if ls "$NEO4J_LIB"/neo4j-5.*.jar >/dev/null 2>&1 && [ "$NEO4J_LIB/.pom" -nt neo4j-launcher/pom.xml ]; then
        return 0
    fi
    command -v java >/dev/null || apt_install openjdk-17-jre-headless
    command -v mvn >/dev/null || apt_install maven
    echo "fetching Neo4j 5.26 from Maven Central into $NEO4J_LIB ..." >&2
    rm -rf "$NEO4J_LIB"
    mkdir -p "$NEO4J_LIB"
    mvn -q -B -f neo4j-launcher/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$PWD/$NEO4J_LIB" >&2
    touch "$NEO4J_LIB/.pom"
    echo "fetched $(ls "$NEO4J_LIB"/*.jar | wc -l) jars" >&2
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
        command -v npm >/dev/null || apt_install nodejs npm
        setup "[test]"
        fetch_neo4j
        [ -x tests/tools/install-node-tools.sh ] && tests/tools/install-node-tools.sh
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
    neo4j)
        setup ""
        fetch_neo4j
        shift
        exec "$VENV/bin/python" -m graphmodel.engine.neo4j_local "$@"
        ;;
    fetch-neo4j)
        fetch_neo4j
        ;;
    path)
        setup ""
        echo "export PATH=\"$PWD/$VENV/bin:\$PATH\""
        ;;
    *)
        sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
