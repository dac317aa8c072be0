#!/usr/bin/env bash
# Installs the end-to-end stack idempotently into test/e2e/.cache/ (ignored by git):
#   - Debian packages: chromium (the browser), ripgrep (VS Code's search backend), libkrb5-dev
#     (headers for code-server's native `kerberos` module), fonts-wqy-microhei (a CJK font, so Chinese
#     hovers render as text and not as boxes in the browser and the screenshots)
#   - an npm project holding code-server (VS Code 1.100.3 on the server) and playwright-core.
# Nothing goes into the repository's own package.json, so the main `npm ci` stays fast.
# Re-running is cheap: every step checks for its result first.
set -euo pipefail

E2E=$(cd "$(dirname "$0")" && pwd)
CACHE=$E2E/.cache
STACK=$CACHE/stack
LOGS=$CACHE/logs
CS_VERSION=4.100.3        # last code-server release whose engines.node is 20
PW_VERSION=1              # playwright-core major; drives the system chromium, downloads no browser
RG_PKG_VERSION=1.15.11    # @vscode/ripgrep version pinned inside code-server's bundled VS Code
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
mkdir -p "$CACHE" "$LOGS"
# keep code-server (and anything it spawns) out of $HOME
export XDG_CONFIG_HOME=$CACHE/xdg/config XDG_DATA_HOME=$CACHE/xdg/data XDG_CACHE_HOME=$CACHE/xdg/cache

log() { printf '[e2e setup] %s\n' "$*"; }

# 1. Debian packages
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need_apt+=(fonts-wqy-microhei)
for tool in g++ make python3; do command -v "$tool" >/dev/null 2>&1 || need_apt+=("$tool"); done
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >"$LOGS/apt.log" 2>&1; then
    $SUDO apt-get update -qq >>"$LOGS/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >>"$LOGS/apt.log" 2>&1 \
      || { tail -30 "$LOGS/apt.log"; exit 1; }
  fi
fi

# 2. @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It checks
#    $TMPDIR/vscode-ripgrep-cache-<version>/<asset> first, so seed that with Debian's rg.
export TMPDIR=$CACHE/tmp
rg_cache=$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VERSION
mkdir -p "$rg_cache"
if [ ! -s "$rg_cache/$RG_ASSET" ]; then
  d=$(mktemp -d)
  cp "$(command -v rg)" "$d/rg"
  tar czf "$rg_cache/$RG_ASSET" -C "$d" rg
  rm -rf "$d"
fi

# 3. code-server + playwright-core. code-server's postinstall installs its bundled VS Code, whose
#    native modules build from source with node-gyp (slow on small machines; minutes, once).
#    unsafe_perm: scripts keep running as root; yes: a nested `npx node-gyp` is not cancelled.
mkdir -p "$STACK"
[ -f "$STACK/package.json" ] || echo '{ "name": "dockerfile-notes-e2e-stack", "private": true }' >"$STACK/package.json"
if [ ! -e "$STACK/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
   || [ ! -d "$STACK/node_modules/playwright-core" ]; then
  log "npm install code-server@$CS_VERSION playwright-core@$PW_VERSION (log: $LOGS/npm-install.log)"
  (cd "$STACK" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --foreground-scripts \
    "code-server@$CS_VERSION" "playwright-core@$PW_VERSION" >"$LOGS/npm-install.log" 2>&1) \
    || { tail -40 "$LOGS/npm-install.log"; exit 1; }
fi
log "ready: $(node "$STACK/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | tail -1)"
