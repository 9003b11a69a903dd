"""Dataset reading and augmentation for the nose detector (PIL + numpy only, no PyPI packages).

Every sample is one of: a scene (whole photo, random scale/shift/rotation), a close-up (zoom-in crop
around a nose so it fills 30-95 % of the frame, as a phone held 10-20 cm from the nose), a negative
crop of a photo away from the nose, or a generated texture without any nose.
"""
import io
import math
import random
import re
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter, ImageDraw

FILL = (114, 114, 114)


def read_split(root, split):
    """Returns a list of (name, RGB PIL image, float array [k, 4] of pixel x1 y1 x2 y2)."""
    items = []
    for image_path in sorted((Path(root) / split / "images").glob("*.jpg")):
        label_path = Path(root) / split / "labels" / (image_path.stem + ".txt")
        image = Image.open(image_path).convert("RGB")
        w, h = image.size
        boxes = []
        if label_path.exists():
            for line in label_path.read_text().split("\n"):
                parts = line.split()
                if len(parts) == 5:
                    _, cx, cy, bw, bh = map(float, parts)
                    boxes.append(((cx - bw / 2) * w, (cy - bh / 2) * h, (cx + bw / 2) * w, (cy + bh / 2) * h))
        items.append((image_path.name, image, np.array(boxes, dtype=np.float32).reshape(-1, 4)))
    return items


class LazyImage:
    """A photo read from disk when used: the rendered sets hold thousands of photos."""

    def __init__(self, path):
        self.path = path

    def load(self):
        return Image.open(self.path).convert("RGB")


def read_rendered(root):
    """A rendered YOLO set (vision-tools CloseUpSetCommand: images/*.jpg, labels/*.txt, empty for no-nose photos):
    a list of (name, LazyImage, boxes as normalised cx cy w h [k, 4])."""
    items = []
    for image_path in sorted((Path(root) / "images").glob("*.jpg")):
        label_path = Path(root) / "labels" / (image_path.stem + ".txt")
        rows = [list(map(float, line.split()[1:])) for line in label_path.read_text().split("\n")
                if len(line.split()) == 5]
        items.append((image_path.name, LazyImage(image_path), np.array(rows, dtype=np.float32).reshape(-1, 4)))
    return items


def load_rendered(item):
    """A rendered item's photo and its boxes in the photo's pixels, x1 y1 x2 y2 [k, 4] (none for no-nose photos)."""
    _, lazy, rows = item
    image = lazy.load()
    w, h = image.size
    boxes = np.stack([(rows[:, 0] - rows[:, 2] / 2) * w, (rows[:, 1] - rows[:, 3] / 2) * h,
                      (rows[:, 0] + rows[:, 2] / 2) * w, (rows[:, 1] + rows[:, 3] / 2) * h], 1) if len(rows) \
        else np.zeros((0, 4), dtype=np.float32)
    return image, boxes.astype(np.float32)


def rendered_sample(item, size, rng):
    """A rendered close-up or no-nose photo as the worker sees it (letterboxed); a third are first cropped to a
    random window that keeps at least half of the nose, so noses run off the frame more often."""
    image, boxes = load_rendered(item)
    w, h = image.size
    if rng.random() < 0.33:
        cw, ch = round(w * rng.uniform(0.7, 1.0)), round(h * rng.uniform(0.7, 1.0))
        x0, y0 = rng.randrange(w - cw + 1), rng.randrange(h - ch + 1)
        clipped = boxes.copy()
        if len(boxes):
            clipped[:, [0, 2]] = np.clip(boxes[:, [0, 2]] - x0, 0, cw)
            clipped[:, [1, 3]] = np.clip(boxes[:, [1, 3]] - y0, 0, ch)
        area = lambda b: (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
        if not len(boxes) or (area(clipped) >= 0.5 * area(boxes)).all():
            image, boxes = image.crop((x0, y0, x0 + cw, y0 + ch)), clipped
    boxed, scale, px, py = letterbox(image, size)
    boxes = boxes.astype(np.float32)
    if len(boxes):
        boxes[:, [0, 2]] = boxes[:, [0, 2]] * scale + px
        boxes[:, [1, 3]] = boxes[:, [1, 3]] * scale + py
    return boxed, boxes


def train_val_split(items, val_fraction=0.15):
    """Deterministic hold-out by file name hash: the val part is never trained on and tunes thresholds."""
    train, val = [], []
    for item in items:
        (val if zlib.crc32(item[0].encode()) % 1000 < val_fraction * 1000 else train).append(item)
    return train, val


def dog_of(file_name):
    """The dog a photo shows: the name in "hash-Name_Name_0003.jpg", or the file itself for ImageNet photos."""
    if "-n0" in file_name:
        return file_name
    return re.sub(r"_\d+\.jpg$", "", file_name.split("-", 1)[1])


def unseen_dogs_only(val_items, train_items):
    """The val photos of dogs with no photo in train_items (same rule as the Java split "val-unseen")."""
    trained = {dog_of(name) for name, _, _ in train_items}
    return [item for item in val_items if dog_of(item[0]) not in trained]


# Colour augmentation strength: 1.0 as stages 1-4 were trained; higher shifts hue further and greys more photos.
COLOUR_STRENGTH = 1.0
# Share of samples (noses and no-nose alike) shrunk to a thumbnail and enlarged back: the look of a small, upscaled
# photo (set by train.py --p-thumbnail; stage 9).
THUMBNAIL_SHARE = 0.0
THUMBNAIL_SIDES = (40, 160)


def letterbox(image, size):
    """Same letterbox as the Java worker and ultralytics: keep aspect ratio, centre, pad with grey 114."""
    w, h = image.size
    scale = min(size / w, size / h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    canvas = Image.new("RGB", (size, size), FILL)
    pad_x, pad_y = (size - nw) // 2, (size - nh) // 2
    canvas.paste(image.resize((nw, nh), Image.BILINEAR), (pad_x, pad_y))
    return canvas, scale, pad_x, pad_y


def _ellipse_points(boxes):
    # Noses are roughly elliptical: rotating an inscribed ellipse gives a tighter box than rotating corners.
    t = np.linspace(0, 2 * math.pi, 16, endpoint=False)
    cx = (boxes[:, 0] + boxes[:, 2]) / 2
    cy = (boxes[:, 1] + boxes[:, 3]) / 2
    rx = (boxes[:, 2] - boxes[:, 0]) / 2
    ry = (boxes[:, 3] - boxes[:, 1]) / 2
    xs = cx[:, None] + rx[:, None] * np.cos(t)[None, :]
    ys = cy[:, None] + ry[:, None] * np.sin(t)[None, :]
    return xs, ys


def affine(image, boxes, size, scale, angle_deg, src_centre, dst_centre, rotate_corners=False):
    """Maps src_centre to dst_centre with scale and rotation; returns the size x size image and boxes."""
    a = math.radians(angle_deg)
    cos, sin = math.cos(a) * scale, math.sin(a) * scale
    # forward: dst = R*S*(src - src_centre) + dst_centre
    fwd = np.array([[cos, -sin, dst_centre[0] - cos * src_centre[0] + sin * src_centre[1]],
                    [sin, cos, dst_centre[1] - sin * src_centre[0] - cos * src_centre[1]],
                    [0, 0, 1]])
    inv = np.linalg.inv(fwd)
    out = image.transform((size, size), Image.AFFINE, tuple(inv[:2].reshape(-1)), resample=Image.BILINEAR,
                          fillcolor=FILL)
    if len(boxes) == 0:
        return out, boxes
    xs, ys = _ellipse_points(boxes)
    if rotate_corners or angle_deg == 0:
        xs = np.stack([boxes[:, 0], boxes[:, 2], boxes[:, 0], boxes[:, 2]], 1)
        ys = np.stack([boxes[:, 1], boxes[:, 1], boxes[:, 3], boxes[:, 3]], 1)
    tx = fwd[0, 0] * xs + fwd[0, 1] * ys + fwd[0, 2]
    ty = fwd[1, 0] * xs + fwd[1, 1] * ys + fwd[1, 2]
    new = np.stack([tx.min(1), ty.min(1), tx.max(1), ty.max(1)], 1)
    clipped = np.clip(new, 0, size)
    area = (new[:, 2] - new[:, 0]) * (new[:, 3] - new[:, 1])
    area_c = (clipped[:, 2] - clipped[:, 0]) * (clipped[:, 3] - clipped[:, 1])
    keep = (area_c > 0.5 * area) & ((clipped[:, 2] - clipped[:, 0]) > 2) & ((clipped[:, 3] - clipped[:, 1]) > 2)
    return out, clipped[keep].astype(np.float32)


def scene(image, boxes, size, rng):
    w, h = image.size
    scale = size / max(w, h) * rng.uniform(0.6, 1.35)
    shift = size * 0.2
    dst = (size / 2 + rng.uniform(-shift, shift), size / 2 + rng.uniform(-shift, shift))
    return affine(image, boxes, size, scale, rng.uniform(-12, 12), (w / 2, h / 2), dst)


def close_up(image, boxes, size, rng, fill_range=(0.3, 0.95)):
    box = boxes[rng.randrange(len(boxes))]
    bw, bh = box[2] - box[0], box[3] - box[1]
    fill = rng.uniform(*fill_range)
    scale = fill * size / max(bw, bh)
    room_x = max(0.0, (size - bw * scale) / 2)
    room_y = max(0.0, (size - bh * scale) / 2)
    dst = (size / 2 + rng.uniform(-room_x, room_x), size / 2 + rng.uniform(-room_y, room_y))
    src = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    return affine(image, boxes, size, scale, rng.uniform(-15, 15), src, dst)


def cropped_close_up(image, boxes, size, rng, fill_range=(0.3, 0.95)):
    """A close-up the way a phone delivers it: a square crop of the photo around a nose (the nose spans
    fill_range of the crop side), letterboxed to the model size with bilinear upscaling, as the worker does.
    Unlike close_up() there is no rotation and no grey outside the photo: the crop stops at the photo's edges."""
    box = boxes[rng.randrange(len(boxes))]
    w, h = image.size
    fill = rng.uniform(*fill_range)
    side = max(box[2] - box[0], box[3] - box[1]) / fill
    cw, ch = min(w, round(side)), min(h, round(side))
    x0 = _placement(rng, box[0], box[2], cw, w)
    y0 = _placement(rng, box[1], box[3], ch, h)
    crop = image.crop((x0, y0, x0 + cw, y0 + ch))
    boxed, scale, px, py = letterbox(crop, size)
    inside = np.array([[max(0, box[0] - x0), max(0, box[1] - y0), min(cw, box[2] - x0), min(ch, box[3] - y0)]],
                      dtype=np.float32)
    inside[:, [0, 2]] = inside[:, [0, 2]] * scale + px
    inside[:, [1, 3]] = inside[:, [1, 3]] * scale + py
    return boxed, inside


def _placement(rng, lo, hi, crop, limit):
    low = max(0.0, hi - crop)
    high = min(limit - crop, lo)
    v = low + rng.random() * (high - low) if high >= low else (lo + hi - crop) / 2
    return int(max(0, min(limit - crop, round(v))))


def negative_crop(image, boxes, size, rng):
    """A crop of the photo that does not touch any nose (ears, eyes, fur, background)."""
    w, h = image.size
    for _ in range(30):
        side = rng.uniform(0.15, 0.6) * min(w, h)
        x0, y0 = rng.uniform(0, w - side), rng.uniform(0, h - side)
        margin = 0.1
        clear = True
        for b in boxes:
            mx, my = (b[2] - b[0]) * margin, (b[3] - b[1]) * margin
            if x0 < b[2] + mx and x0 + side > b[0] - mx and y0 < b[3] + my and y0 + side > b[1] - my:
                clear = False
                break
        if clear:
            out, _ = affine(image, np.zeros((0, 4), np.float32), size, size / side, rng.uniform(-15, 15),
                            (x0 + side / 2, y0 + side / 2), (size / 2, size / 2))
            return out, np.zeros((0, 4), np.float32)
    return texture(size, rng)


def texture(size, rng):
    """Generated non-dog textures: smooth noise, gradients, stripes, checkers and dark blobs."""
    kind = rng.randrange(5)
    nprng = np.random.default_rng(rng.randrange(1 << 30))
    if kind == 0:
        cells = rng.choice((4, 8, 16, 32, 64))
        base = nprng.uniform(0, 255, (cells, cells, 3)).astype(np.uint8)
        img = Image.fromarray(base).resize((size, size), Image.BICUBIC)
    elif kind == 1:
        y, x = np.mgrid[0:size, 0:size] / size
        c0, c1 = nprng.uniform(0, 255, 3), nprng.uniform(0, 255, 3)
        t = (x * rng.uniform(-1, 1) + y * rng.uniform(-1, 1)) % 1.0
        img = Image.fromarray((c0 * t[..., None] + c1 * (1 - t[..., None])).astype(np.uint8))
    elif kind == 2:
        period = rng.uniform(4, 40)
        y, x = np.mgrid[0:size, 0:size]
        a = rng.uniform(0, math.pi)
        v = (np.sin((x * math.cos(a) + y * math.sin(a)) / period * 2 * math.pi) > 0).astype(np.float32)
        c0, c1 = nprng.uniform(0, 255, 3), nprng.uniform(0, 255, 3)
        img = Image.fromarray((c0 * v[..., None] + c1 * (1 - v[..., None])).astype(np.uint8))
    elif kind == 3:
        cell = rng.randrange(8, 64)
        y, x = np.mgrid[0:size, 0:size]
        v = (((x // cell) + (y // cell)) % 2).astype(np.float32)
        c0, c1 = nprng.uniform(0, 255, 3), nprng.uniform(0, 255, 3)
        img = Image.fromarray((c0 * v[..., None] + c1 * (1 - v[..., None])).astype(np.uint8))
    else:
        img = Image.new("RGB", (size, size), tuple(int(v) for v in nprng.uniform(60, 255, 3)))
        draw = ImageDraw.Draw(img)
        for _ in range(rng.randrange(1, 12)):
            r = rng.uniform(5, size / 3)
            cx, cy = rng.uniform(0, size), rng.uniform(0, size)
            draw.ellipse((cx - r, cy - r * rng.uniform(0.5, 1.5), cx + r, cy + r),
                         fill=tuple(int(v) for v in nprng.uniform(0, 120, 3)))
    return img, np.zeros((0, 4), np.float32)


def photometric(img, rng):
    if rng.random() < 0.8:
        img = ImageEnhance.Brightness(img).enhance(rng.uniform(0.6, 1.4))
        img = ImageEnhance.Contrast(img).enhance(rng.uniform(0.6, 1.4))
        img = ImageEnhance.Color(img).enhance(rng.uniform(0.3, 1.6))
    if rng.random() < 0.3:
        hsv = np.array(img.convert("HSV"))
        shift = round(12 * COLOUR_STRENGTH)
        hsv[..., 0] = (hsv[..., 0].astype(np.int16) + rng.randint(-shift, shift)) % 256
        img = Image.fromarray(hsv, "HSV").convert("RGB")
    if rng.random() < 0.05 * COLOUR_STRENGTH:
        img = img.convert("L").convert("RGB")
    if rng.random() < 0.3:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 2.0)))
    if rng.random() < 0.3:
        arr = np.asarray(img).astype(np.float32)
        arr += np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(2, 14), arr.shape)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.5:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=rng.randint(25, 95))
        buf.seek(0)
        img = Image.open(buf).convert("RGB")
    return img


def thumbnail(img, rng):
    """The sample as a thumbnail of 40-160 px enlarged back to its size: soft, blocky detail, as a small photo or a
    zoom into a low-resolution one looks. Noses and no-nose samples get it alike, so softness alone says nothing."""
    if rng.random() >= THUMBNAIL_SHARE:
        return img
    w, h = img.size
    side = rng.randint(*THUMBNAIL_SIDES)
    small = img.resize((max(8, round(w * side / max(w, h))), max(8, round(h * side / max(w, h)))), Image.BOX)
    return small.resize((w, h), Image.BILINEAR if rng.random() < 0.7 else Image.BICUBIC)


def flip(img, boxes, size, rng):
    if rng.random() < 0.5:
        img = img.transpose(Image.FLIP_LEFT_RIGHT)
        if len(boxes):
            boxes = boxes.copy()
            boxes[:, [0, 2]] = size - boxes[:, [2, 0]]
    return img, boxes


def sample(items, size, rng, p_scene=0.45, p_close=0.35, p_crop=0.1, p_cropped_close=0.0, rendered=(),
           p_rendered=0.0):
    """One augmented training sample: (RGB image size x size, boxes [k, 4] pixel x1 y1 x2 y2).
    p_cropped_close is the share of close-ups made by cropped_close_up() instead of close_up(); p_rendered the share
    of samples drawn from the rendered close-ups and no-nose photos (the other shares apply to the rest)."""
    if rendered and rng.random() < p_rendered:
        img, b = rendered_sample(rendered[rng.randrange(len(rendered))], size, rng)
        img, b = flip(img, b, size, rng)
        return photometric(thumbnail(img, rng), rng), b
    name, image, boxes = items[rng.randrange(len(items))]
    u = rng.random()
    if u < p_scene:
        img, b = scene(image, boxes, size, rng)
    elif u < p_scene + p_close:
        if rng.random() < p_cropped_close:
            img, b = cropped_close_up(image, boxes, size, rng)
        else:
            img, b = close_up(image, boxes, size, rng)
    elif u < p_scene + p_close + p_crop:
        img, b = negative_crop(image, boxes, size, rng)
    else:
        img, b = texture(size, rng)
    img, b = flip(img, b, size, rng)
    return photometric(thumbnail(img, rng), rng), b


def to_tensor_array(img):
    return np.asarray(img, dtype=np.float32).transpose(2, 0, 1) / 255.0
