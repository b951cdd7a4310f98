#!/usr/bin/env bash
# End-to-end stage of scripts/test.sh: the packaged extension in a real VS Code (code-server +
# Debian's chromium, offline), driven two ways:
#   - test/e2e/ext/*.test.js      mocha inside the extension host (commands with arguments, files on disk)
#   - test/e2e/scenarios/*.js     Playwright clicking through the workbench (menus, prompts, webviews)
# Screenshots and logs land in test-results/e2e/ (gitignored). Exits non-zero if anything fails.
#
#   bash scripts/test-e2e.sh [run.js options...]     e.g. --only ui --scenario compress-from-explorer --keep-going
# Env: CORENET_E2E_VSIX=path   test this VSIX instead of packaging one (skips `npm run package`)
#      CORENET_E2E_OUT=dir     output folder (default test-results/e2e)
# Expects scripts/setup.sh to have run (npm ci + build); installs the e2e environment itself.
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$EPOCHREALTIME
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

OUT="${CORENET_E2E_OUT:-test-results/e2e}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/corenet-e2e.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "[e2e] environment (scripts/install-e2e-env.sh)"
t=$EPOCHREALTIME
bash scripts/install-e2e-env.sh >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; echo "[e2e] installing the e2e environment failed" >&2; exit 1; }
tail -n 1 "$WORK/install.log"
echo "[e2e] environment ready ($(elapsed "$t") s)"

if [ -n "${CORENET_E2E_VSIX:-}" ]; then
  VSIX="$(realpath "$CORENET_E2E_VSIX")"
  echo "[e2e] using $VSIX"
else
  echo "[e2e] npm run package"
  t=$EPOCHREALTIME
  npm run --silent package >"$WORK/package.log" 2>&1 || { cat "$WORK/package.log" >&2; echo "[e2e] npm run package failed" >&2; exit 1; }
  node scripts/build.mjs >/dev/null  # packaging leaves a minified dist/: restore the development build
  # package.json's script names its --out; take the newest .vsix it wrote
  VSIX="$(ls -t ./*.vsix 2>/dev/null | head -n 1 || true)"
  [ -n "$VSIX" ] || { cat "$WORK/package.log" >&2; echo "[e2e] npm run package wrote no .vsix" >&2; exit 1; }
  # a private copy: the repo's .vsix may be rebuilt while the tests run
  cp "$VSIX" "$WORK/corenet.vsix"
  echo "[e2e] packaged $(basename "$VSIX") ($(du -h "$VSIX" | cut -f1), $(elapsed "$t") s)"
  VSIX="$WORK/corenet.vsix"
fi

echo "[e2e] workspace"
node test/e2e/workspace/make-workspace.js "$WORK/workspace" --big >/dev/null
ls "$WORK/workspace" "$WORK/workspace/data" | tr '\n' ' '; echo

# Stale screenshots and logs of an earlier run must not pass for this run's.
mkdir -p "$OUT"
find "$OUT" -maxdepth 1 -type f \( -name '*.png' -o -name '*.log' \) -delete
rm -rf "$OUT/ext-host-vscode-logs"
rc=0
node test/e2e/run.js --vsix "$VSIX" --workspace "$WORK/workspace" --out "$OUT" "$@" || rc=$?
echo "[e2e] screenshots and logs: $OUT/"
ls "$OUT" | sed 's/^/    /'
echo "[e2e] stage took $(elapsed "$T0") s; $([ $rc -eq 0 ] && echo passed || echo "FAILED (exit $rc)")"
exit $rc
