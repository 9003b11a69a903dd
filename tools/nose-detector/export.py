"""Exports a checkpoint to TorchScript in the ultralytics YOLOv5 export layout ([1, N, 6] for one class).

  /usr/bin/python3 tools/nose-detector/export.py --weights tools/nose-detector/runs/main/best.pt \
      --img 320 --out vision-worker/src/main/resources/models/nose-yolov5-320.torchscript
The input size is fixed by tracing; export the same weights at another size for a second file.
"""
import argparse

import torch
import torch.nn as nn

from model import Conv, NoseYolo


def fuse_conv_bn(conv: Conv):
    """Folds BatchNorm into the convolution (inference only): fewer ops, same output."""
    c, bn = conv.conv, conv.bn
    fused = nn.Conv2d(c.in_channels, c.out_channels, c.kernel_size, c.stride, c.padding, groups=c.groups, bias=True)
    std = torch.sqrt(bn.running_var + bn.eps)
    fused.weight.data = c.weight.data * (bn.weight.data / std).view(-1, 1, 1, 1)
    fused.bias.data = bn.bias.data - bn.running_mean * bn.weight.data / std
    conv.conv = fused
    conv.bn = nn.Identity()


def load(weights):
    ckpt = torch.load(weights, map_location="cpu")
    model = NoseYolo(num_classes=1, **ckpt["config"])
    model.load_state_dict(ckpt["model"])
    return model.eval(), ckpt


def export(weights, img, out):
    model, ckpt = load(weights)
    for m in model.modules():
        if isinstance(m, Conv):
            fuse_conv_bn(m)
    model.detect.export = True
    example = torch.zeros(1, 3, img, img)
    with torch.no_grad():
        traced = torch.jit.trace(model, example, check_trace=False)
        y = traced(example)
    traced.save(out)
    print(f"exported {weights} (epoch {ckpt.get('epoch')}) at {img}px to {out}: output {tuple(y.shape)}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--img", type=int, default=320)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(1)
    export(a.weights, a.img, a.out)
