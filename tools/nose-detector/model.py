"""YOLOv5-architecture nose detector (Conv-BN-SiLU, C3, SPPF, PAN neck, anchor-based Detect head).

Written for NoseID. The export mode returns the ultralytics YOLOv5 export layout, one tensor
[1, N, 5 + classes]: centre-x, centre-y, width, height in input pixels, objectness, class scores,
all after the sigmoid, so the Java side reads our model and any ultralytics YOLOv5 export alike.
"""
import math

import torch
import torch.nn as nn

# Anchors in input pixels for strides 8, 16, 32. Chosen for noses that range from a few pixels
# (whole-dog photos) to almost the whole frame (mobile close-ups) at a 320 px input.
DEFAULT_ANCHORS = (
    (10, 8, 18, 15, 30, 24),
    (44, 36, 66, 54, 96, 78),
    (136, 110, 196, 160, 290, 240),
)
STRIDES = (8, 16, 32)


def make_divisible(x, divisor=8):
    return int(math.ceil(x / divisor) * divisor)


class Conv(nn.Module):
    def __init__(self, c_in, c_out, k=1, s=1, p=None):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, k, s, k // 2 if p is None else p, bias=False)
        self.bn = nn.BatchNorm2d(c_out, eps=1e-3, momentum=0.03)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Bottleneck(nn.Module):
    def __init__(self, c_in, c_out, shortcut=True):
        super().__init__()
        self.cv1 = Conv(c_in, c_out, 1)
        self.cv2 = Conv(c_out, c_out, 3)
        self.add = shortcut and c_in == c_out

    def forward(self, x):
        y = self.cv2(self.cv1(x))
        return x + y if self.add else y


class C3(nn.Module):
    def __init__(self, c_in, c_out, n=1, shortcut=True):
        super().__init__()
        hidden = c_out // 2
        self.cv1 = Conv(c_in, hidden, 1)
        self.cv2 = Conv(c_in, hidden, 1)
        self.cv3 = Conv(2 * hidden, c_out, 1)
        self.m = nn.Sequential(*(Bottleneck(hidden, hidden, shortcut) for _ in range(n)))

    def forward(self, x):
        return self.cv3(torch.cat((self.m(self.cv1(x)), self.cv2(x)), 1))


class SPPF(nn.Module):
    def __init__(self, c_in, c_out, k=5):
        super().__init__()
        hidden = c_in // 2
        self.cv1 = Conv(c_in, hidden, 1)
        self.cv2 = Conv(hidden * 4, c_out, 1)
        self.m = nn.MaxPool2d(kernel_size=k, stride=1, padding=k // 2)

    def forward(self, x):
        x = self.cv1(x)
        y1 = self.m(x)
        y2 = self.m(y1)
        return self.cv2(torch.cat((x, y1, y2, self.m(y2)), 1))


class Detect(nn.Module):
    def __init__(self, num_classes, anchors, channels):
        super().__init__()
        self.nc = num_classes
        self.no = num_classes + 5
        self.nl = len(anchors)
        self.na = len(anchors[0]) // 2
        self.register_buffer("anchors", torch.tensor(anchors, dtype=torch.float32).view(self.nl, self.na, 2))
        self.register_buffer("stride", torch.tensor(STRIDES, dtype=torch.float32))
        self.m = nn.ModuleList(nn.Conv2d(c, self.no * self.na, 1) for c in channels)
        self.export = False

    def init_biases(self, image_size):
        # Start with a low objectness prior (few objects per image) so early training is stable.
        for conv, s in zip(self.m, STRIDES):
            b = conv.bias.view(self.na, -1)
            b.data[:, 4] += math.log(8 / (image_size / s) ** 2)
            b.data[:, 5:] += math.log(0.6 / (self.nc - 0.99))
            conv.bias = nn.Parameter(b.view(-1), requires_grad=True)

    def forward(self, xs):
        raw = []
        decoded = []
        for i in range(self.nl):
            x = self.m[i](xs[i])
            bs, _, ny, nx = x.shape
            x = x.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).contiguous()
            raw.append(x)
            if self.export:
                yv, xv = torch.meshgrid(torch.arange(ny, dtype=torch.float32),
                                        torch.arange(nx, dtype=torch.float32), indexing="ij")
                grid = torch.stack((xv, yv), 2).view(1, 1, ny, nx, 2)
                anchor_grid = self.anchors[i].view(1, self.na, 1, 1, 2)
                y = x.sigmoid()
                xy = (y[..., 0:2] * 2 - 0.5 + grid) * self.stride[i]
                wh = (y[..., 2:4] * 2) ** 2 * anchor_grid
                decoded.append(torch.cat((xy, wh, y[..., 4:]), -1).view(bs, -1, self.no))
        if self.export:
            return torch.cat(decoded, 1)
        return raw


class NoseYolo(nn.Module):
    """YOLOv5 v6 layout: backbone P1..P5 with C3 + SPPF, FPN/PAN neck, three-scale Detect head."""

    def __init__(self, num_classes=1, width=0.25, depth=0.33, max_channels=1024, anchors=DEFAULT_ANCHORS):
        super().__init__()
        # max_channels caps the deep layers: the shipped file must stay small (two exports <= 8 MB).
        c = [min(make_divisible(v * width), max_channels) for v in (64, 128, 256, 512, 1024)]
        n = [max(round(v * depth), 1) for v in (3, 6, 9, 3)]
        self.b0 = Conv(3, c[0], 6, 2, 2)
        self.b1 = Conv(c[0], c[1], 3, 2)
        self.b2 = C3(c[1], c[1], n[0])
        self.b3 = Conv(c[1], c[2], 3, 2)
        self.b4 = C3(c[2], c[2], n[1])          # P3
        self.b5 = Conv(c[2], c[3], 3, 2)
        self.b6 = C3(c[3], c[3], n[2])          # P4
        self.b7 = Conv(c[3], c[4], 3, 2)
        self.b8 = C3(c[4], c[4], n[3])
        self.b9 = SPPF(c[4], c[4])              # P5
        self.h10 = Conv(c[4], c[3], 1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.h13 = C3(c[3] * 2, c[3], n[3], shortcut=False)
        self.h14 = Conv(c[3], c[2], 1)
        self.h17 = C3(c[2] * 2, c[2], n[3], shortcut=False)   # out P3
        self.h18 = Conv(c[2], c[2], 3, 2)
        self.h20 = C3(c[2] * 2, c[3], n[3], shortcut=False)   # out P4
        self.h21 = Conv(c[3], c[3], 3, 2)
        self.h23 = C3(c[3] * 2, c[4], n[3], shortcut=False)   # out P5
        self.detect = Detect(num_classes, anchors, (c[2], c[3], c[4]))

    def forward(self, x):
        x = self.b2(self.b1(self.b0(x)))
        p3 = self.b4(self.b3(x))
        p4 = self.b6(self.b5(p3))
        p5 = self.b9(self.b8(self.b7(p4)))
        h10 = self.h10(p5)
        h13 = self.h13(torch.cat((self.up(h10), p4), 1))
        h14 = self.h14(h13)
        out3 = self.h17(torch.cat((self.up(h14), p3), 1))
        out4 = self.h20(torch.cat((self.h18(out3), h14), 1))
        out5 = self.h23(torch.cat((self.h21(out4), h10), 1))
        return self.detect([out3, out4, out5])
