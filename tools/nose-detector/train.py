"""Trains the NoseID nose detector from scratch on the dog-nose-boxes train split.

One command (see MODEL_CARD.md):
  nice -n 10 /usr/bin/python3 tools/nose-detector/train.py --data ../shared/datasets/dog-nose-boxes \
      --out tools/nose-detector/runs/main
Writes last.pt / best.pt (EMA weights, chosen on the held-out val part of the train split) and log.txt.
"""
import argparse
import copy
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

import data
from evaluate import evaluate_model, evaluate_rendered
from model import NoseYolo


def box_ciou(a, b, eps=1e-7):
    """CIoU of boxes given as centre-x, centre-y, width, height (same shape [..., 4])."""
    a1, a2 = a[..., :2] - a[..., 2:] / 2, a[..., :2] + a[..., 2:] / 2
    b1, b2 = b[..., :2] - b[..., 2:] / 2, b[..., :2] + b[..., 2:] / 2
    inter = (torch.min(a2, b2) - torch.max(a1, b1)).clamp(0).prod(-1)
    union = a[..., 2:].prod(-1) + b[..., 2:].prod(-1) - inter + eps
    iou = inter / union
    enclose = torch.max(a2, b2) - torch.min(a1, b1)
    c2 = enclose.pow(2).sum(-1) + eps
    rho2 = (a[..., :2] - b[..., :2]).pow(2).sum(-1)
    v = (4 / math.pi ** 2) * (torch.atan(b[..., 2] / (b[..., 3] + eps)) - torch.atan(a[..., 2] / (a[..., 3] + eps))).pow(2)
    with torch.no_grad():
        alpha = v / (v - iou + (1 + eps))
    return iou - (rho2 / c2 + v * alpha)


class YoloLoss:
    """YOLOv5-style assignment: anchors whose shape ratio is within 4x, centre cell plus two neighbours."""

    def __init__(self, model, image_size, box_gain=0.05, obj_gain=1.0, cls_gain=0.5, anchor_t=4.0):
        det = model.detect
        self.anchors = det.anchors / det.stride.view(-1, 1, 1)  # in grid units
        self.na, self.nl, self.nc = det.na, det.nl, det.nc
        self.balance = [4.0, 1.0, 0.4]
        self.box_gain = box_gain
        self.obj_gain = obj_gain * (image_size / 640) ** 2 * 3 / self.nl
        self.cls_gain = cls_gain * 3 / self.nl
        self.anchor_t = anchor_t
        self.bce = nn.BCEWithLogitsLoss()

    def __call__(self, preds, targets):
        """targets: [m, 6] = image index, class, cx, cy, w, h normalised to 0..1."""
        lbox = torch.zeros(1)
        lobj = torch.zeros(1)
        lcls = torch.zeros(1)
        offsets = torch.tensor([[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]], dtype=torch.float32) * 0.5
        for i, p in enumerate(preds):
            bs, _, ny, nx, _ = p.shape
            tobj = torch.zeros(p.shape[:4])
            if len(targets):
                gain = torch.tensor([1, 1, nx, ny, nx, ny], dtype=torch.float32)
                t = targets * gain  # grid units
                anchors = self.anchors[i]
                ratio = t[None, :, 4:6] / anchors[:, None]
                match = torch.max(ratio, 1 / ratio).max(2)[0] < self.anchor_t  # [na, m]
                ai = torch.arange(self.na).view(-1, 1).repeat(1, len(t))
                t = t[None].repeat(self.na, 1, 1)[match]
                a = ai[match]
                gxy = t[:, 2:4]
                gxi = torch.tensor([nx, ny]) - gxy
                j, k = ((gxy % 1 < 0.5) & (gxy > 1)).T
                l, m = ((gxi % 1 < 0.5) & (gxi > 1)).T
                sel = torch.stack((torch.ones_like(j), j, k, l, m))
                t = t.repeat(5, 1, 1)[sel]
                a = a.repeat(5, 1)[sel]
                off = (torch.zeros_like(gxy)[None] + offsets[:, None])[sel]
                b = t[:, 0].long()
                gxy = t[:, 2:4]
                gwh = t[:, 4:6]
                gij = (gxy - off).long()
                gi = gij[:, 0].clamp(0, nx - 1)
                gj = gij[:, 1].clamp(0, ny - 1)
                if len(b):
                    ps = p[b, a, gj, gi]
                    pxy = ps[:, :2].sigmoid() * 2 - 0.5
                    pwh = (ps[:, 2:4].sigmoid() * 2) ** 2 * self.anchors[i][a]
                    tbox = torch.cat((gxy - torch.stack((gi, gj), 1), gwh), 1)
                    iou = box_ciou(torch.cat((pxy, pwh), 1), tbox)
                    lbox = lbox + (1 - iou).mean()
                    tobj[b, a, gj, gi] = iou.detach().clamp(0).to(tobj.dtype)
                    cls_target = torch.zeros_like(ps[:, 5:])
                    cls_target[range(len(b)), t[:, 1].long()] = 1.0
                    lcls = lcls + self.bce(ps[:, 5:], cls_target)
            lobj = lobj + self.bce(p[..., 4], tobj) * self.balance[i]
        bs = preds[0].shape[0]
        return (lbox * self.box_gain + lobj * self.obj_gain + lcls * self.cls_gain) * bs


class Ema:
    def __init__(self, model, decay=0.999, tau=400):
        self.ema = copy.deepcopy(model).eval()
        self.updates = 0
        self.decay = lambda n: decay * (1 - math.exp(-n / tau))
        for p in self.ema.parameters():
            p.requires_grad_(False)

    def update(self, model):
        self.updates += 1
        d = self.decay(self.updates)
        msd = model.state_dict()
        with torch.no_grad():
            for k, v in self.ema.state_dict().items():
                if v.dtype.is_floating_point:
                    v.mul_(d).add_(msd[k].detach(), alpha=1 - d)


def load_folded_export(model, path):
    """Loads an export whose BatchNorm was folded into the convolutions (export.py): each conv keeps the folded
    weight, and its BatchNorm becomes the identity plus the folded bias, so the network computes the export's
    function before training resumes."""
    folded = torch.jit.load(path, map_location="cpu").state_dict()
    state = model.state_dict()
    for key, value in folded.items():
        if key.endswith(".conv.bias") and key[:-len("conv.bias")] + "bn.bias" in state:
            prefix = key[:-len("conv.bias")]
            state[prefix + "bn.bias"] = value.clone()
            state[prefix + "bn.weight"] = torch.ones_like(value)
            state[prefix + "bn.running_mean"] = torch.zeros_like(value)
            eps = dict(model.named_modules())[prefix + "bn"].eps
            state[prefix + "bn.running_var"] = torch.full_like(value, 1 - eps)
        elif key in state:
            state[key] = value.clone()
        else:
            raise KeyError(f"{key} of {path} has no place in the network")
    model.load_state_dict(state)


def make_batch(items, size, batch, rng, mix, rendered=(), p_rendered=0.0):
    images, targets = [], []
    for bi in range(batch):
        img, boxes = data.sample(items, size, rng, *mix, rendered=rendered, p_rendered=p_rendered)
        images.append(data.to_tensor_array(img))
        for b in boxes:
            cx, cy = (b[0] + b[2]) / 2 / size, (b[1] + b[3]) / 2 / size
            w, h = (b[2] - b[0]) / size, (b[3] - b[1]) / size
            targets.append((bi, 0, cx, cy, w, h))
    return torch.from_numpy(np.stack(images)), torch.tensor(targets, dtype=torch.float32).view(-1, 6)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/datasets/dog-nose-boxes")
    ap.add_argument("--out", default="tools/nose-detector/runs/main")
    ap.add_argument("--img", type=int, default=320)
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--samples-per-epoch", type=int, default=640)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--width", type=float, default=0.25)
    ap.add_argument("--depth", type=float, default=0.33)
    ap.add_argument("--max-channels", type=int, default=112)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--p-scene", type=float, default=0.45, help="share of whole-photo samples")
    ap.add_argument("--p-close", type=float, default=0.35, help="share of close-up samples")
    ap.add_argument("--p-crop", type=float, default=0.1,
                    help="share of no-nose crops of the photos (the rest are generated textures)")
    ap.add_argument("--select-threshold", type=float, default=0.25,
                    help="confidence threshold for the val close-up and no-nose figures that choose best.pt")
    ap.add_argument("--stop-at-progress", type=float, default=1.0,
                    help="end the run once this share of the schedule is done (how stage 2 was cut short)")
    ap.add_argument("--init", default="", help="start from this checkpoint's weights (continue training)")
    ap.add_argument("--init-torchscript", default="",
                    help="start from the weights of a shipped export (BatchNorm folded; unfolded here as identity BN)")
    ap.add_argument("--val-unseen", action="store_true",
                    help="choose best.pt on the val photos of dogs that have no photo in training only")
    ap.add_argument("--colour-strength", type=float, default=1.0, help="hue shift and grey share, times stage 1-4's")
    ap.add_argument("--p-cropped-close", type=float, default=0.0,
                    help="share of close-ups made as the phone and the worker make them (crop + letterbox)")
    ap.add_argument("--val-cropped-close-ups", type=int, default=0,
                    help="close-ups per val photo made by crop + letterbox for choosing best.pt (0 = one rotated zoom)")
    ap.add_argument("--eval-every", type=int, default=5)
    ap.add_argument("--rendered", default="",
                    help="rendered close-up sets (./noseid synthetic closeups), comma-separated, to train on as well")
    ap.add_argument("--p-rendered", type=float, default=0.0, help="share of samples from --rendered")
    ap.add_argument("--rendered-val", default="",
                    help="a rendered set of other seeds: its close-up hit rate and no-nose acceptance join the score "
                         "that chooses best.pt")
    ap.add_argument("--p-thumbnail", type=float, default=0.0,
                    help="share of samples shrunk to a 40-160 px thumbnail and enlarged back (noses and no-nose alike)")
    ap.add_argument("--minutes", type=float, default=0,
                    help="wall-clock budget: the learning-rate schedule follows elapsed time as well as steps, "
                         "so training ends on time on a shared machine (0 = steps only)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    log = open(out / "log.txt", "a")

    def say(msg):
        line = time.strftime("%H:%M:%S ") + msg
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    train_items, val_items = data.train_val_split(data.read_split(args.data, "train"))
    if args.val_unseen:
        val_items = data.unseen_dogs_only(val_items, train_items)
    data.COLOUR_STRENGTH = args.colour_strength
    data.THUMBNAIL_SHARE = args.p_thumbnail
    rendered = [item for folder in args.rendered.split(",") if folder for item in data.read_rendered(folder)]
    rendered_val = data.read_rendered(args.rendered_val) if args.rendered_val else []
    say(f"rendered {len(rendered)} rendered-val {len(rendered_val)}")
    say(f"train {len(train_items)} val {len(val_items)} args {vars(args)}")
    config = dict(width=args.width, depth=args.depth, max_channels=args.max_channels)
    model = NoseYolo(num_classes=1, **config)
    model.detect.init_biases(args.img)
    if args.init:
        model.load_state_dict(torch.load(args.init, map_location="cpu")["model"])
        say(f"initialised from {args.init}")
    if args.init_torchscript:
        load_folded_export(model, args.init_torchscript)
        say(f"initialised from the export {args.init_torchscript}")
    ema = Ema(model)
    loss_fn = YoloLoss(model, args.img)
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 5e-4}, {"params": no_decay, "weight_decay": 0}],
                            lr=args.lr, betas=(0.937, 0.999))
    steps_per_epoch = args.samples_per_epoch // args.batch
    total = steps_per_epoch * args.epochs
    warmup = min(3 * steps_per_epoch, total // 10)
    best = -1.0
    start = time.time()
    step = 0
    budget = args.minutes * 60
    progress = 0.0
    for epoch in range(args.epochs):
        if progress >= args.stop_at_progress:
            break
        model.train()
        running = 0.0
        for _ in range(steps_per_epoch):
            progress = (step - warmup) / (total - warmup)
            if budget:
                progress = max(progress, (time.time() - start) / budget)
            lr = args.lr * (step / warmup if step < warmup else 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))
            for g in opt.param_groups:
                g["lr"] = lr
            images, targets = make_batch(train_items, args.img, args.batch, rng,
                                         (args.p_scene, args.p_close, args.p_crop, args.p_cropped_close),
                                         rendered, args.p_rendered)
            loss = loss_fn(model(images), targets)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            opt.step()
            ema.update(model)
            running += loss.item()
            step += 1
        say(f"epoch {epoch + 1}/{args.epochs} loss {running / steps_per_epoch:.4f} lr {lr:.5f} "
            f"progress {progress:.2f} elapsed {time.time() - start:.0f}s")
        ckpt = {"model": ema.ema.state_dict(), "config": config, "img": args.img, "epoch": epoch + 1}
        torch.save(ckpt, out / "last.pt")
        if (epoch + 1) % args.eval_every == 0 or epoch + 1 == args.epochs or progress >= args.stop_at_progress:
            metrics = evaluate_model(ema.ema, val_items, args.img, seed=1, conf_threshold=args.select_threshold,
                                     cropped_close_ups=args.val_cropped_close_ups)
            score = metrics["ap50"] + metrics["closeup_hit"] - metrics["negative_accept"]
            if rendered_val:
                metrics.update(evaluate_rendered(ema.ema, rendered_val, args.img, args.select_threshold))
                score += metrics["rendered_hit"] - metrics["rendered_negative_accept"]
            say("val " + json.dumps(metrics))
            if score > best:
                best = score
                torch.save(dict(ckpt, val=metrics), out / "best.pt")
                say(f"best so far (score {score:.3f})")
    say(f"done in {time.time() - start:.0f}s")


if __name__ == "__main__":
    main()
