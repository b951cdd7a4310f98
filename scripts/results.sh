#!/usr/bin/env bash
# Regenerates docs/results.md and docs/results/*: the paper's comparison measured by `corenet sweep`
# on the committed LeNet-300-100 (|S| from §4 and |S| = 1000), six methods, eight keep ratios
# (0.5 down to 0.01, geometric), five seeds, no retraining; then the charts (`corenet plot`).
# RESULTS_WIDE=1 also trains the 784-1000-1000-1000-10 net (scripts/make-fixtures.py --model wide,
# needs python3-torch) and sweeps it: a documented benchmark run, not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
F=/usr/share/datasets/fashion-mnist
KEEPS=0.5,0.3,0.17,0.1,0.056,0.032,0.018,0.01
METHODS=${RESULTS_METHODS:-corenet,corenet+,corenet++,uniform,svd,magnitude}
SEEDS=${RESULTS_SEEDS:-5}
OUT=docs/results
mkdir -p "$OUT"
# RESULTS_ONLY=name[,name] limits the run to some sweeps (the document is rebuilt from every JSON present).
want() { [ -z "${RESULTS_ONLY:-}" ] || [[ ",$RESULTS_ONLY," == *",$1,"* ]]; }
sweep() { # name model calib-size [extra sweep options...]
  local name=$1 model=$2 s=$3; shift 3
  want "$name" || return 0
  local t0=$(date +%s)
  node dist/cli.js sweep "$model" --calib "$F/train-images-idx3-ubyte.gz" --eval "$F/t10k-images-idx3-ubyte.gz" \
    --labels "$F/t10k-labels-idx1-ubyte.gz" --methods "$METHODS" --keep "$KEEPS" --seeds "$SEEDS" --seed 0 \
    ${s:+--calib-size $s} --json "$OUT/$name.json" --csv "$OUT/$name.csv" "$@"
  node dist/cli.js plot "$OUT/$name.json" --out "$OUT/$name" --name "$name"
  echo "[results] $name: $(( $(date +%s) - t0 )) s"
}
sweep lenet300-s152 test/fixtures/lenet300.onnx ""
sweep lenet300-s1000 test/fixtures/lenet300.onnx 1000
# How the budget is spread over layers (§6): the paper's allocation against one eps and the tuned default.
for a in theory uniform-eps tuned; do
  METHODS=corenet+ KEEPS=0.3,0.1,0.032 SEEDS=3 sweep "allocation-$a" test/fixtures/lenet300.onnx "" --allocation "$a"
done
if [ "${RESULTS_WIDE:-0}" = 1 ]; then
  # 2.8M parameters: each tuned run evaluates ~20 candidate splits of an 11 MB model, about 20 s a run, so
  # the documented run is smaller than the LeNet grid (4 keep ratios, 3 seeds: about 40 minutes on 2 cores).
  [ -f models/wide.onnx ] || /usr/bin/python3 scripts/make-fixtures.py --model wide --out-dir models
  KEEPS=${RESULTS_WIDE_KEEPS:-0.3,0.1,0.03,0.01} SEEDS=${RESULTS_WIDE_SEEDS:-3} sweep wide-s152 models/wide.onnx ""
fi
node scripts/results-md.mjs "$OUT" > docs/results.md
echo "[results] docs/results.md written"
