#!/usr/bin/env bash
# Trains the nose detector the way the shipped model was trained, then exports the two TorchScript files the
# worker ships. Run from the repository root; about 260 minutes on 2 shared cores. Not part of CI.
# The learning-rate schedules follow wall-clock time (train.py --minutes), so a run on a busier or faster machine
# sees a different number of epochs: the recipe is reproduced, not the exact weights.
#   stage 1: from scratch, 40-minute schedule
#   stage 2: more no-nose crops (hard negatives such as eyes), 40-minute schedule stopped at 57 % (as it was)
#   stage 3: even more no-nose crops at a lower learning rate, 25 minutes; best.pt chosen on val at threshold 0.5
#   stage 4: from stage 3's export (BatchNorm folded, as shipped then), more close-ups, half of them made the way the
#            phone and the worker make them (square crop + letterbox); 45 minutes; best.pt chosen on 4 such
#            close-ups per val photo at the shipped threshold
#   stage 5: from stage 4, more crop + letterbox close-ups, twice the colour shifts, 40 minutes; best.pt chosen on
#            the val photos of dogs training never saw (--val-unseen) at threshold 0.60
#   stage 6: (issue 12) from stage 5's export, half the samples from rendered phone close-ups and no-nose photos
#            (./noseid synthetic closeups, seed 7100; checkpoint choice adds seed 7200), planned as 70 minutes and
#            stopped after 34 (its negatives were too often accepted: stage 7 follows)
#   stage 7: from stage 6, 1,600 more rendered no-nose photos and more no-nose crops, 45 minutes
set -euo pipefail
RUNS=tools/nose-detector/runs
MODELS=vision-worker/src/main/resources/models
DATA=../shared/datasets/dog-nose-boxes
TRAIN="nice -n 10 /usr/bin/python3 tools/nose-detector/train.py --data $DATA"
RENDERED=$RUNS/rendered
mkdir -p "$RUNS/stage1" "$RUNS/stage2" "$RUNS/stage3" "$RUNS/stage4" "$RUNS/stage5" "$RUNS/stage6" "$RUNS/stage7"
# PASSIVE: on busy cores, spinning OpenMP threads otherwise stall each other.
export OMP_WAIT_POLICY=PASSIVE
$TRAIN --out "$RUNS/stage1" --epochs 150 --minutes 40 --seed 0
$TRAIN --out "$RUNS/stage2" --init "$RUNS/stage1/last.pt" --lr 1e-3 --epochs 200 --minutes 40 --seed 2 \
    --p-scene 0.35 --p-close 0.35 --p-crop 0.2 --stop-at-progress 0.57
$TRAIN --out "$RUNS/stage3" --init "$RUNS/stage2/last.pt" --lr 5e-4 --epochs 200 --minutes 25 --seed 3 \
    --p-scene 0.25 --p-close 0.35 --p-crop 0.3 --select-threshold 0.5
/usr/bin/python3 tools/nose-detector/export.py --weights "$RUNS/stage3/best.pt" --img 320 --out "$RUNS/stage3.torchscript"
$TRAIN --out "$RUNS/stage4" --init-torchscript "$RUNS/stage3.torchscript" --lr 5e-4 --epochs 200 --minutes 45 --seed 4 \
    --p-scene 0.25 --p-close 0.45 --p-crop 0.2 --p-cropped-close 0.5 --val-cropped-close-ups 4 \
    --select-threshold 0.55 --eval-every 3
$TRAIN --out "$RUNS/stage5" --init "$RUNS/stage4/best.pt" --lr 3e-4 --epochs 200 --minutes 40 --seed 5 \
    --p-scene 0.25 --p-close 0.45 --p-crop 0.2 --p-cropped-close 0.6 --colour-strength 2.0 --val-unseen \
    --val-cropped-close-ups 4 --select-threshold 0.60 --eval-every 2
/usr/bin/python3 tools/nose-detector/export.py --weights "$RUNS/stage5/best.pt" --img 320 --out "$RUNS/stage5.torchscript"
# Rendered close-ups (Java, vision-tools): training seed 7100, checkpoint-choice seed 7200; the close-up test set is
# seed 7300 and is rendered by the evaluation itself, never written here.
./noseid synthetic closeups --out "$RENDERED/train" --seed 7100 --dogs 200 --photos 8 --negatives 800
./noseid synthetic closeups --out "$RENDERED/negatives2" --seed 7100 --dogs 0 --photos 8 --first 100 --negatives 1600
./noseid synthetic closeups --out "$RENDERED/val" --seed 7200 --dogs 50 --photos 4 --negatives 240
timeout 34m $TRAIN --out "$RUNS/stage6" --init-torchscript "$RUNS/stage5.torchscript" --lr 1e-3 --epochs 300 \
    --minutes 70 --seed 6 --p-scene 0.25 --p-close 0.45 --p-crop 0.2 --p-cropped-close 0.6 --colour-strength 2.0 \
    --rendered "$RENDERED/train" --p-rendered 0.5 --rendered-val "$RENDERED/val" --val-unseen \
    --val-cropped-close-ups 4 --select-threshold 0.5 --eval-every 3 || true
$TRAIN --out "$RUNS/stage7" --init "$RUNS/stage6/last.pt" --lr 5e-4 --epochs 300 --minutes 45 --seed 7 \
    --p-scene 0.2 --p-close 0.4 --p-crop 0.3 --p-cropped-close 0.6 --colour-strength 2.0 \
    --rendered "$RENDERED/train,$RENDERED/negatives2" --p-rendered 0.45 --rendered-val "$RENDERED/val" --val-unseen \
    --val-cropped-close-ups 4 --select-threshold 0.5 --eval-every 3
for size in 320 256; do
    /usr/bin/python3 tools/nose-detector/export.py --weights "$RUNS/stage7/best.pt" --img "$size" \
        --out "$MODELS/nose-yolov5-$size.torchscript"
done
