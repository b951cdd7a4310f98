#!/usr/bin/env bash
# The project's test command (README; .ci/run calls it): set-up, type-check, lint, unit tests,
# then the end-to-end tests in a real VS Code when scripts/test-e2e.sh exists.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh
echo "[test] type-check"; npx --no-install tsc --noEmit -p .
echo "[test] lint"; npx --no-install eslint src test/unit webview bench
echo "[test] unit tests"; node scripts/run-unit-tests.mjs
if [ -f scripts/test-e2e.sh ] && [ "${CORENET_SKIP_E2E:-0}" != 1 ]; then
  echo "[test] end-to-end tests"; bash scripts/test-e2e.sh
fi
echo "[test] all stages passed in $(( $(date +%s) - start )) s"
