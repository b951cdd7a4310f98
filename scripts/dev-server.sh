#!/usr/bin/env bash
# Try the extension in a real VS Code in your browser: code-server on 127.0.0.1 with the freshly
# built extension installed, opened on a workspace holding the LeNet-300-100 fixture model and
# Fashion-MNIST data. Runs until Ctrl-C.
#
#   bash scripts/dev-server.sh          (or: npm run try)
#
# Then open the printed URL, right-click model.onnx → "Compress with CoreNet", pick
# data/calib-images-idx3-ubyte.gz, data/eval-images-idx3-ubyte.gz and data/eval-labels-idx1-ubyte.gz.
# The workspace (.e2e/try-workspace, gitignored) is kept between runs, so your results stay; delete
# it for a fresh one. On a remote machine forward the port first (ssh -L PORT:127.0.0.1:PORT host).
#
# Env: CORENET_TRY_PORT (default 8080; a free port when that one is taken)
#      CORENET_TRY_WORKSPACE (default .e2e/try-workspace)
#      CORENET_TRY_VSIX=path  install this VSIX instead of running `npm run package`
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"

WS="${CORENET_TRY_WORKSPACE:-$REPO/.e2e/try-workspace}"
E2E_HOME="${CORENET_E2E_HOME:-$HOME/.cache/corenet-e2e}"
CS="$E2E_HOME/cs/node_modules/.bin/code-server"

echo "[try] e2e environment (code-server; scripts/install-e2e-env.sh, idempotent)"
bash scripts/install-e2e-env.sh | tail -n 1

[ -d node_modules ] || { echo "[try] node_modules missing: run bash scripts/setup.sh first" >&2; exit 1; }
if [ -n "${CORENET_TRY_VSIX:-}" ]; then
  VSIX="$(realpath "$CORENET_TRY_VSIX")"
else
  echo "[try] npm run package"
  npm run --silent package >/dev/null
  VSIX="$(ls -t ./*.vsix | head -n 1)"
fi

if [ ! -f "$WS/model.onnx" ]; then
  echo "[try] creating the workspace $WS"
  rm -rf "$WS"
  node test/e2e/workspace/make-workspace.js "$WS" --full --no-broken >/dev/null
fi

STATE="$(mktemp -d "${TMPDIR:-/tmp}/corenet-try.XXXXXX")"
CS_PID=""
cleanup() {
  if [ -n "$CS_PID" ]; then kill -TERM "-$CS_PID" 2>/dev/null || true; fi
  rm -rf "$STATE"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export PATH="$E2E_HOME/node24/bin:$PATH" XDG_CONFIG_HOME="$STATE/xc" XDG_DATA_HOME="$STATE/xd"
mkdir -p "$STATE/ud/User" "$STATE/ext" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
cat >"$STATE/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false
}
JSON
echo "[try] installing $(basename "$VSIX")"
"$CS" --user-data-dir "$STATE/ud" --extensions-dir "$STATE/ext" --install-extension "$VSIX" --force >/dev/null

PORT="${CORENET_TRY_PORT:-8080}"
if ! node -e "const s=require('net').createServer().once('error',()=>process.exit(1)).listen($PORT,'127.0.0.1',()=>s.close())"; then
  PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
fi

# own process group, so cleanup() ends code-server and everything it started (extension host, worker)
set -m
"$CS" --auth none --bind-addr "127.0.0.1:$PORT" --user-data-dir "$STATE/ud" --extensions-dir "$STATE/ext" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$WS" >"$STATE/code-server.log" 2>&1 &
CS_PID=$!
set +m
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$STATE/code-server.log" >&2; echo "[try] code-server exited" >&2; exit 1; }
  sleep 0.2
done
URL="http://127.0.0.1:$PORT/?folder=$WS"
echo
echo "  CoreNet in VS Code: $URL"
echo "  workspace: $WS (model.onnx, data/, fashion-mnist/)"
echo "  code-server log: $STATE/code-server.log"
echo "  Ctrl-C to stop."
echo
wait "$CS_PID"
