#!/usr/bin/env bash
# End-to-end tests in a real VS Code workbench: code-server (VS Code 1.100.3) + Debian chromium +
# playwright-core. `npm run test:e2e [-- options]` runs two phases, each against a fresh code-server:
#   scenarios  the packaged .vsix installed as a user would, driven through the DOM (main.mjs)
#   suite      the @vscode/test-electron mocha suite (test/suite) run inside code-server (suite.mjs)
# Options:
#   --screenshots      also save docs/images/{hover,problems,quickfix}.png
#   --only id,id       run only these scenarios, skip the suite (ids: problems, hover-copy, quick-fix,
#                      rule-off, user-notes, zh-cn, grammar, fix-all, hover-layout, hover-layout-zh-cn,
#                      offline-links, build-context, trust, restart, complete-from, outline-view,
#                      goto-stage, rename-stage, format, features-off, both-installed)
#   --no-package       reuse the existing dockerfile-notes-<version>.vsix instead of `npm run package`
#   --no-suite         skip the mocha-suite phase
#   --suite            run only the mocha-suite phase
# Ends with a line "N passed, N failed" (both phases summed) and exits non-zero when anything failed.
set -euo pipefail

E2E=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$E2E/../.." && pwd)
CACHE=$E2E/.cache
STACK=$CACHE/stack
CS=$STACK/node_modules/code-server/out/node/entry.js

PACKAGE=1 SCENARIOS=1 SUITE=1 PASS=() TRUST=1 PEER=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-package) PACKAGE=0 ;;
    --no-suite) SUITE=0 ;;
    --suite) SCENARIOS=0 ;;
    --only) PASS+=("$1" "${2:?--only needs a list of scenario ids}"); SUITE=0
      case ",$2," in *,trust,*) ;; *) TRUST=0 ;; esac
      case ",$2," in *,both-installed,*) ;; *) PEER=0 ;; esac; shift ;;
    *) PASS+=("$1") ;;
  esac
  shift
done

fail_early() { echo "e2e: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

# 1. the stack (idempotent; minutes on the first run, a second afterwards)
bash "$E2E/setup.sh" || fail_early "setup failed (logs in $CACHE/logs)"
export XDG_CONFIG_HOME=$CACHE/xdg/config XDG_DATA_HOME=$CACHE/xdg/data XDG_CACHE_HOME=$CACHE/xdg/cache
export TMPDIR=$CACHE/tmp PW_CORE=$STACK/node_modules/playwright-core
mkdir -p "$TMPDIR"

# 2. a fresh run folder; keep the last three for post-mortems
RUNS=$E2E/.runs
mkdir -p "$RUNS"
RUN=$RUNS/$(date +%Y%m%d-%H%M%S)-$$
mkdir -p "$RUN"
ls -1d "$RUNS"/*/ 2>/dev/null | sort | head -n -3 | while read -r old; do rm -rf "$old"; done
echo "[e2e] run folder $RUN"

# 3. build what the phases need: the .vsix (scenarios), dist/ + out/suite/index.js (suite)
VERSION=$(node -p "require('$ROOT/package.json').version")
VSIX=${E2E_VSIX:-$ROOT/dockerfile-notes-$VERSION.vsix}   # E2E_VSIX: try another build (debugging)
[ -z "${E2E_VSIX:-}" ] || PACKAGE=0
if [ "$SCENARIOS" = 1 ] && [ "$PACKAGE" = 1 ]; then
  echo "[e2e] npm run package"
  (cd "$ROOT" && npm run package >"$RUN/package.log" 2>&1) \
    || { tail -30 "$RUN/package.log"; fail_early "npm run package failed (log: $RUN/package.log)"; }
fi
if [ "$SCENARIOS" = 1 ] && [ ! -f "$VSIX" ]; then fail_early "no $VSIX to install"; fi
if [ "$SUITE" = 1 ]; then
  # the suite runs the repository itself (extensionDevelopmentPath): build dist/ and bundle the suite
  # with the function test:electron uses (test/runElectronTests.ts)
  echo "[e2e] npm run build + bundle test/suite"
  (cd "$ROOT" && npm run build >"$RUN/build.log" 2>&1 \
    && node --import tsx -e "require('./test/runElectronTests.ts').bundleSuite().then((d) => console.log(d))" \
    >>"$RUN/build.log" 2>&1) || { tail -30 "$RUN/build.log"; fail_early "building the extension or the suite failed"; }
fi

# 4. code-server, one per phase: fresh user-data and extensions dirs, a free local port, its own
#    process group (the server, its extension hosts and our language server all end with it).
#    The scenario phase may run a second one with workspace trust enabled (the `trust` scenario).
CS_PIDS=()
stop_server() {
  local pid
  for pid in "${CS_PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  CS_PIDS=()
}
trap stop_server EXIT INT TERM

start_server() {  # $1 = phase folder, $2 = "trust" to keep workspace trust on; sets PORT
  local dir=$1 trust=${2:-} trust_flag=--disable-workspace-trust trust_setting=false
  if [ "$trust" = trust ]; then trust_flag= trust_setting=true; fi
  mkdir -p "$dir/udd/User" "$dir/exts"
  cat >"$dir/udd/User/settings.json" <<EOF
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "security.workspace.trust.enabled": $trust_setting,
  "git.enabled": false,
  "editor.minimap.enabled": false,
  "editor.hover.delay": 200,
  "dockerfileNotes.trace.server": "messages",
  "workbench.colorTheme": "Default Dark Modern"
}
EOF
  PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  # shellcheck disable=SC2086 # $trust_flag is empty or one flag
  setsid node "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
    $trust_flag --disable-getting-started-override \
    --user-data-dir "$dir/udd" --extensions-dir "$dir/exts" >"$dir/code-server.log" 2>&1 &
  local pid=$!
  CS_PIDS+=("$pid")
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$dir/code-server.log"; fail_early "code-server exited"; }
    sleep 0.1
  done
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || fail_early "code-server did not answer on port $PORT"
  echo "[e2e] code-server up on http://127.0.0.1:$PORT ($dir${trust:+, workspace trust on})"
}

install_vsix() {  # $1 = phase folder, $2 = another .vsix to install beside ours (optional)
  local more=()
  [ -z "${2:-}" ] || more=(--install-extension "$2")
  mkdir -p "$1/udd" "$1/exts"
  node "$CS" --user-data-dir "$1/udd" --extensions-dir "$1/exts" \
    --install-extension "$VSIX" "${more[@]}" >"$1/install-extension.log" 2>&1 \
    || { cat "$1/install-extension.log"; fail_early "installing $VSIX ${2:-} failed"; }
}

PASSED=0 FAILED=0
tally() {  # $1 = output file of a phase; adds its closing "N passed, N failed" line to the totals
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -1 || true)
  if [ -z "$line" ]; then FAILED=$((FAILED + 1)); return; fi
  PASSED=$((PASSED + $(echo "$line" | cut -d' ' -f1)))
  FAILED=$((FAILED + $(echo "$line" | cut -d' ' -f3)))
}

# 5. phase one: the packaged extension, driven through the workbench DOM
if [ "$SCENARIOS" = 1 ]; then
  install_vsix "$RUN/scenarios"
  echo "[e2e] installed $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB)"
  start_server "$RUN/scenarios"
  MAIN_URL=http://127.0.0.1:$PORT
  if [ "$TRUST" = 1 ]; then
    # the `trust` scenario needs the trust dialog and restricted mode: its own server, trust left on
    install_vsix "$RUN/scenarios/trust"
    start_server "$RUN/scenarios/trust" trust
    PASS+=(--trust-url "http://127.0.0.1:$PORT")
  fi
  if [ "$PEER" = 1 ]; then
    # the `both-installed` scenario needs a second Dockerfile language server beside ours: a stand-in for
    # Microsoft's Docker extension (test/e2e/peer/), on its own server so the other scenarios never see it
    PEER_VSIX=$(cd "$ROOT" && node test/e2e/peer/build.mjs "$RUN/peer" 2>"$RUN/peer.log") \
      || { cat "$RUN/peer.log"; fail_early "building the stand-in Docker extension failed"; }
    install_vsix "$RUN/scenarios/peer" "$PEER_VSIX"
    start_server "$RUN/scenarios/peer"
    PASS+=(--peer-url "http://127.0.0.1:$PORT")
  fi
  set +e
  node "$E2E/main.mjs" "$MAIN_URL" "$RUN/scenarios" "${PASS[@]}" | tee "$RUN/scenarios/output.txt"
  set -e
  stop_server
  tally "$RUN/scenarios/output.txt"
fi

# 6. phase two: the mocha suite inside code-server's extension host
if [ "$SUITE" = 1 ]; then
  echo "[e2e] mocha suite (test/suite) inside code-server"
  start_server "$RUN/suite"
  set +e
  node "$E2E/suite.mjs" "http://127.0.0.1:$PORT" "$RUN/suite" | tee "$RUN/suite/output.txt"
  set -e
  stop_server
  tally "$RUN/suite/output.txt"
fi

echo "[e2e] logs: $RUN"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
