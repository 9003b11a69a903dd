"""Validation figures used during training (on the val part of the train split, never on test).

The acceptance figures on the test split come from the Java evaluation command (DetectorEvaluation),
which runs the exported TorchScript exactly as the worker does.
"""
import random

import numpy as np
import torch

import data


def nms(boxes, scores, iou_threshold):
    order = scores.argsort(descending=True)
    keep = []
    while len(order):
        i = order[0]
        keep.append(int(i))
        if len(order) == 1:
            break
        rest = order[1:]
        iou = box_iou(boxes[i:i + 1], boxes[rest])[0]
        order = rest[iou <= iou_threshold]
    return keep


def box_iou(a, b):
    lt = torch.max(a[:, None, :2], b[None, :, :2])
    rb = torch.min(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(0).prod(2)
    area_a = (a[:, 2:] - a[:, :2]).prod(1)
    area_b = (b[:, 2:] - b[:, :2]).prod(1)
    return inter / (area_a[:, None] + area_b[None, :] - inter + 1e-9)


@torch.no_grad()
def predict(model, image, size, conf=0.001, iou=0.5):
    """Returns (boxes [k,4] x1 y1 x2 y2 in image pixels, scores [k]) for one PIL image."""
    boxed, scale, px, py = data.letterbox(image, size)
    x = torch.from_numpy(data.to_tensor_array(boxed))[None]
    was = model.detect.export
    model.detect.export = True
    out = model(x)[0]
    model.detect.export = was
    scores = out[:, 4] * out[:, 5]
    mask = scores > conf
    out, scores = out[mask], scores[mask]
    if len(scores) > 300:
        top = scores.topk(300).indices
        out, scores = out[top], scores[top]
    boxes = torch.stack((out[:, 0] - out[:, 2] / 2, out[:, 1] - out[:, 3] / 2,
                         out[:, 0] + out[:, 2] / 2, out[:, 1] + out[:, 3] / 2), 1)
    keep = nms(boxes, scores, iou)
    boxes, scores = boxes[keep], scores[keep]
    boxes[:, [0, 2]] = (boxes[:, [0, 2]] - px) / scale
    boxes[:, [1, 3]] = (boxes[:, [1, 3]] - py) / scale
    return boxes, scores


def average_precision(records, total_gt):
    """records: list of (score, is_true_positive). VOC-style all-point interpolated AP."""
    if total_gt == 0:
        return 0.0
    records = sorted(records, key=lambda r: -r[0])
    tp = np.cumsum([r[1] for r in records])
    fp = np.cumsum([1 - r[1] for r in records])
    recall = tp / total_gt
    precision = tp / np.maximum(tp + fp, 1e-9)
    mrec = np.concatenate(([0.0], recall, [1.0]))
    mpre = np.concatenate(([1.0], precision, [0.0]))
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    idx = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))


def evaluate_model(model, items, size, seed=1, conf_threshold=0.25, negatives=120, cropped_close_ups=0):
    """AP@0.5 on the photos, close-up hit rate and no-nose acceptance at conf_threshold. With cropped_close_ups > 0
    the close-ups are that many crops per photo as the Java evaluation makes them (data.cropped_close_up, nose
    40-90 % of the crop side) instead of one rotated zoom per photo: less noise when choosing a checkpoint."""
    model.eval()
    rng = random.Random(seed)
    records, total_gt = [], 0
    for _, image, gt in items:
        boxes, scores = predict(model, image, size)
        total_gt += len(gt)
        matched = set()
        gt_t = torch.from_numpy(gt)
        for b, s in zip(boxes, scores):
            tp = 0
            if len(gt):
                ious = box_iou(b[None], gt_t)[0]
                j = int(ious.argmax())
                if ious[j] >= 0.5 and j not in matched:
                    matched.add(j)
                    tp = 1
            records.append((float(s), tp))
    hits = 0
    close_ups = []
    for _, image, gt in items:
        if cropped_close_ups:
            close_ups += [data.cropped_close_up(image, gt, size, rng, fill_range=(0.4, 0.9))
                          for _ in range(cropped_close_ups)]
        else:
            close_ups.append(data.close_up(image, gt, size, rng, fill_range=(0.4, 0.9)))
    for img, boxes in close_ups:
        pb, ps = predict(model, img, size)
        if len(boxes) and len(pb) and ps[0] >= conf_threshold:
            hits += int(box_iou(pb[:1], torch.from_numpy(boxes)).max() >= 0.5)
    accepted = 0
    neg_scores = []
    for i in range(negatives):
        if i % 2 == 0:
            _, image, gt = items[rng.randrange(len(items))]
            img, _ = data.negative_crop(image, gt, size, rng)
        else:
            img, _ = data.texture(size, rng)
        _, ps = predict(model, img, size)
        top = float(ps[0]) if len(ps) else 0.0
        neg_scores.append(top)
        accepted += int(top >= conf_threshold)
    return {"ap50": round(average_precision(records, total_gt), 4),
            "closeup_hit": round(hits / len(close_ups), 4),
            "negative_accept": round(accepted / negatives, 4)}


def evaluate_rendered(model, items, size, conf_threshold):
    """On a rendered set (data.read_rendered): the share of close-ups whose best box (at conf_threshold) has IoU
    >= 0.5 with the nose, and the share of no-nose photos with any box at conf_threshold."""
    model.eval()
    hits = closeups = accepted = negatives = 0
    for item in items:
        image, boxes = data.load_rendered(item)  # predict letterboxes the photo as the worker does
        pb, ps = predict(model, image, size)
        found = len(ps) and float(ps[0]) >= conf_threshold
        if len(boxes):
            closeups += 1
            if found:
                hits += int(box_iou(pb[:1], torch.from_numpy(boxes)).max() >= 0.5)
        else:
            negatives += 1
            accepted += int(bool(found))
    return {"rendered_hit": round(hits / max(1, closeups), 4),
            "rendered_negative_accept": round(accepted / max(1, negatives), 4)}

