#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: system packages, npm dependencies, build.
# Every install step of the project lives here (or in scripts/install-e2e-env.sh for the e2e stage).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

# Fashion-MNIST (IDX, gzipped) from Debian: the demo and the tests read it.
if [ ! -f /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz ]; then
  echo "[setup] installing dataset-fashion-mnist (apt)"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends dataset-fashion-mnist
fi

# npm dependencies. onnxruntime-node's postinstall would download CUDA libraries (offline: fails);
# the CPU binaries ship in the package. @tensorflow/tfjs-node is optional: its download fails and npm skips it.
stamp=node_modules/.corenet-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[setup] npm ci"
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

echo "[setup] build"
node scripts/build.mjs
