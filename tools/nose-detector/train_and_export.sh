#!/usr/bin/env bash
# Trains the nose detector and exports the two TorchScript files the worker ships. Run from the repository root.
# Extra arguments go to train.py (e.g. --minutes 40 --epochs 150).
set -euo pipefail
RUN=tools/nose-detector/runs/main
MODELS=vision-worker/src/main/resources/models
mkdir -p "$RUN"
# PASSIVE: with busy cores, spinning OpenMP threads otherwise stall each other.
export OMP_WAIT_POLICY=PASSIVE
nice -n 10 /usr/bin/python3 tools/nose-detector/train.py --data ../shared/datasets/dog-nose-boxes --out "$RUN" "$@"
/usr/bin/python3 tools/nose-detector/export.py --weights "$RUN/best.pt" --img 320 --out "$MODELS/nose-yolov5-320.torchscript"
/usr/bin/python3 tools/nose-detector/export.py --weights "$RUN/best.pt" --img 256 --out "$MODELS/nose-yolov5-256.torchscript"
