#!/usr/bin/env bash
# Installs the Node tools the tests use into tests/tools/node_modules, exactly as pinned by
# package-lock.json: Mermaid's own renderer (run in jsdom) to parse outputs back, and
# axe-core, which the browser tests evaluate in the pages they check (never shipped).
# Idempotent: does nothing when the installed tree matches the lock file. Needs Node 20+.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "error: node and npm are needed for the Mermaid and accessibility tests (apt-get install nodejs npm)" >&2
    exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
    echo "error: Node $(node --version) is too old for the Mermaid tests; Node 20 or newer" >&2
    exit 1
fi
stamp=node_modules/.collabgraph-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
echo "installing the tests' Node tools (mermaid, jsdom, axe-core) into tests/tools/node_modules" >&2
npm ci --no-audit --no-fund --loglevel=error >/dev/null
echo "$want" >"$stamp"
