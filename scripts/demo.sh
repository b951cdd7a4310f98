#!/usr/bin/env bash
# The main job: set-up, then compress the shipped LeNet-300-100 fixture to 10% of its parameters
# with CoreNet+ on Fashion-MNIST, and print where the compressed model and the report went.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
F=/usr/share/datasets/fashion-mnist
mkdir -p demo-output
node dist/cli.js compress test/fixtures/lenet300.onnx \
  --calib "$F/train-images-idx3-ubyte.gz" \
  --eval "$F/t10k-images-idx3-ubyte.gz" --labels "$F/t10k-labels-idx1-ubyte.gz" \
  --method corenet+ --keep 0.1 --seed 0 \
  --out demo-output/lenet300.corenet.onnx --report demo-output/lenet300.corenet.json "$@"
