#!/usr/bin/env bash
# End-to-end tests in a real VS Code workbench: code-server (VS Code 1.100.3) + Debian chromium +
# playwright-core. `npm run test:e2e [-- options]`:
#   --screenshots      also save docs/images/{hover,problems,quickfix}.png
#   --only id,id       run only these scenarios (problems, hover-copy, quick-fix, rule-off,
#                      user-notes, zh-cn, grammar)
#   --no-package       reuse the existing dockerfile-notes-<version>.vsix instead of `npm run package`
#   --suite            run the mocha suite (test/suite) inside code-server instead (see docs/e2e.md)
# Ends with a line "N passed, N failed" and exits non-zero when anything failed.
set -euo pipefail

E2E=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$E2E/../.." && pwd)
CACHE=$E2E/.cache
STACK=$CACHE/stack
CS=$STACK/node_modules/code-server/out/node/entry.js

PACKAGE=1 SUITE=0 PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-package) PACKAGE=0 ;;
    --suite) SUITE=1 ;;
    --only) PASS+=("$1" "$2"); shift ;;
    *) PASS+=("$1") ;;
  esac
  shift
done

fail_early() { echo "e2e: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# 1. the stack (idempotent; minutes on the first run, a second afterwards)
bash "$E2E/setup.sh" || fail_early "setup failed (logs in $CACHE/logs)"
export XDG_CONFIG_HOME=$CACHE/xdg/config XDG_DATA_HOME=$CACHE/xdg/data XDG_CACHE_HOME=$CACHE/xdg/cache
export TMPDIR=$CACHE/tmp
mkdir -p "$TMPDIR"

# 2. a fresh run folder; keep the last three for post-mortems
RUNS=$E2E/.runs
mkdir -p "$RUNS"
RUN=$RUNS/$(date +%Y%m%d-%H%M%S)-$$
mkdir -p "$RUN/udd/User" "$RUN/exts"
ls -1d "$RUNS"/*/ 2>/dev/null | sort | head -n -3 | while read -r old; do rm -rf "$old"; done
echo "[e2e] run folder $RUN"

# 3. our extension, packaged as users get it
VERSION=$(node -p "require('$ROOT/package.json').version")
VSIX=${E2E_VSIX:-$ROOT/dockerfile-notes-$VERSION.vsix}   # E2E_VSIX: try another build (debugging)
[ -z "${E2E_VSIX:-}" ] || PACKAGE=0
if [ "$SUITE" = 0 ]; then
  if [ "$PACKAGE" = 1 ]; then
    echo "[e2e] npm run package"
    (cd "$ROOT" && npm run package >"$RUN/package.log" 2>&1) \
      || { tail -30 "$RUN/package.log"; fail_early "npm run package failed (log: $RUN/package.log)"; }
  fi
  [ -f "$VSIX" ] || fail_early "no $VSIX to install"
fi

cat >"$RUN/udd/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "editor.minimap.enabled": false,
  "editor.hover.delay": 200,
  "dockerfileNotes.trace.server": "messages",
  "workbench.colorTheme": "Default Dark Modern"
}
EOF
CS_FLAGS=(--user-data-dir "$RUN/udd" --extensions-dir "$RUN/exts")
if [ "$SUITE" = 0 ]; then
  node "$CS" "${CS_FLAGS[@]}" --install-extension "$VSIX" >"$RUN/install-extension.log" 2>&1 \
    || { cat "$RUN/install-extension.log"; fail_early "installing $VSIX failed"; }
  echo "[e2e] installed $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB)"
fi

# 4. code-server on a free local port, in its own process group (server, extension hosts and our
#    language server all end with it)
PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
CS_PID=
stop_server() {
  [ -n "$CS_PID" ] || return 0
  kill -TERM -- "-$CS_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  CS_PID=
}
trap stop_server EXIT INT TERM
setsid node "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "${CS_FLAGS[@]}" >"$RUN/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$RUN/code-server.log"; fail_early "code-server exited"; }
  sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || fail_early "code-server did not answer on port $PORT"
echo "[e2e] code-server up on http://127.0.0.1:$PORT"

# 5. the scenarios (or the mocha suite)
export PW_CORE=$STACK/node_modules/playwright-core
set +e
if [ "$SUITE" = 1 ]; then
  node "$E2E/suite.mjs" "http://127.0.0.1:$PORT" "$RUN" "${PASS[@]}"
else
  node "$E2E/main.mjs" "http://127.0.0.1:$PORT" "$RUN" "${PASS[@]}"
fi
rc=$?
set -e
stop_server
echo "[e2e] logs: $RUN"
exit $rc
