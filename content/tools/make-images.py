#!/usr/bin/env python3
"""Regenerate the PNG background images in content/media/.

Standard library only (zlib + struct). Run from anywhere:

    python3 content/tools/make-images.py

Each image is a 45-degree gradient in institution colours with a few
translucent circles, rings and diagonal bands. Edges are anti-aliased.
Output is deterministic, so re-running produces identical files.
"""
import math
import os
import struct
import zlib

MEDIA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "media")


def hex_rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def lerp(a, b, t):
    return a + (b - a) * t


# ---------------------------------------------------------------- background

def diagonal_gradient(w, h, stops):
    """Bytes for a 45-degree gradient: pixel (x, y) has colour index x + y.

    Row y is then simply diag[3*y : 3*(y+w)], which keeps generation fast and
    makes rows near-copies of each other (compresses very well).
    """
    n = w + h
    cols = [hex_rgb(c) for c in stops]
    segs = len(cols) - 1
    out = bytearray(3 * n)
    for i in range(n):
        t = i / (n - 1) * segs
        k = min(int(t), segs - 1)
        f = t - k
        a, b = cols[k], cols[k + 1]
        out[3 * i:3 * i + 3] = bytes(round(lerp(a[j], b[j], f)) for j in range(3))
    return out


# ---------------------------------------------------------------- shapes
# Every shape answers, for a pixel row, a list of (x0, x1) spans that are
# fully covered and a list of (x, coverage) edge pixels.

def circle_interval(cx, cy_off, r):
    """Half-open x interval of pixel centres within radius r, or None."""
    d2 = r * r - cy_off * cy_off
    if d2 < 0:
        return None
    dx = math.sqrt(d2)
    return (math.ceil(cx - dx - 0.5), math.floor(cx + dx - 0.5) + 1)


def subtract(span, hole):
    if span is None:
        return []
    a, b = span
    if hole is None or hole[1] <= a or hole[0] >= b:
        return [span] if a < b else []
    out = []
    if hole[0] > a:
        out.append((a, hole[0]))
    if hole[1] < b:
        out.append((hole[1], b))
    return out


class Ring:
    """Filled disc when inner == 0, otherwise a ring."""

    def __init__(self, cx, cy, outer, inner, colour, alpha):
        self.cx, self.cy, self.ro, self.ri = cx, cy, outer, inner
        self.colour, self.alpha = hex_rgb(colour), alpha

    def coverage(self, x, y):
        d = math.hypot(x + 0.5 - self.cx, y + 0.5 - self.cy)
        c = min(1.0, max(0.0, self.ro + 0.5 - d))
        if self.ri > 0:
            c = min(c, max(0.0, min(1.0, d - self.ri + 0.5)))
        return c

    def row(self, y, w):
        dy = y + 0.5 - self.cy
        outer_any = circle_interval(self.cx, dy, self.ro + 0.5)
        if outer_any is None:
            return [], []
        outer_full = circle_interval(self.cx, dy, self.ro - 0.5)
        if self.ri > 0:
            inner_none = circle_interval(self.cx, dy, self.ri - 0.5)
            inner_any = circle_interval(self.cx, dy, self.ri + 0.5)
        else:
            inner_none = inner_any = None
        candidates = subtract(outer_any, inner_none)
        full = []
        for seg in subtract(outer_full, inner_any) if outer_full else []:
            full.append(seg)
        edges = []
        for a, b in candidates:
            for x in range(max(a, 0), min(b, w)):
                if any(f0 <= x < f1 for f0, f1 in full):
                    continue
                c = self.coverage(x, y)
                if c > 0:
                    edges.append((x, c))
        full = [(max(a, 0), min(b, w)) for a, b in full if min(b, w) > max(a, 0)]
        return full, edges


class Band:
    """Diagonal band: left edge at x = x0 + slope * y, given pixel width."""

    def __init__(self, x0, slope, width, colour, alpha):
        self.x0, self.slope, self.width = x0, slope, width
        self.colour, self.alpha = hex_rgb(colour), alpha

    def row(self, y, w):
        left = self.x0 + self.slope * (y + 0.5)
        right = left + self.width
        a, b = math.ceil(left), math.floor(right)
        full, edges = [], []
        if a < b:
            full.append((max(a, 0), min(b, w)))
        for x, cov in ((a - 1, a - left), (b, right - b)):
            if 0 <= x < w and cov > 0:
                edges.append((x, cov))
        full = [(p, q) for p, q in full if q > p]
        return full, edges


def dot_grid(x0, y0, cols, rows, step, radius, colour, alpha):
    return [Ring(x0 + i * step, y0 + j * step, radius, 0, colour, alpha)
            for i in range(cols) for j in range(rows)]


# ---------------------------------------------------------------- rendering

def blend_tables(colour, alpha):
    return [bytes(round(v * (1 - alpha) + c * alpha) for v in range(256)) for c in colour]


def render(w, h, stops, shapes):
    diag = diagonal_gradient(w, h, stops)
    tables = [blend_tables(s.colour, s.alpha) for s in shapes]
    raw = bytearray()
    for y in range(h):
        row = bytearray(diag[3 * y:3 * (y + w)])
        for shape, tab in zip(shapes, tables):
            full, edges = shape.row(y, w)
            for a, b in full:
                for ch in range(3):
                    sl = slice(3 * a + ch, 3 * b, 3)
                    row[sl] = row[sl].translate(tab[ch])
            for x, cov in edges:
                al = shape.alpha * cov
                for ch in range(3):
                    i = 3 * x + ch
                    row[i] = round(row[i] * (1 - al) + shape.colour[ch] * al)
        raw.append(0)  # filter type None; zlib finds the row-to-row repeats
        raw += row
    return bytes(raw)


def write_png(path, w, h, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)
    return len(png)


# ---------------------------------------------------------------- images
# Colours follow institutions.yml.
NAVY, ORANGE, GREEN, PURPLE = "#1d4e89", "#a84300", "#1b7340", "#6a2c91"
CRIMSON, CHARCOAL, MAGENTA, PETROL, SLATE = "#b00030", "#2e2e2e", "#a0256e", "#006d77", "#4b5d6e"
WHITE, GOLD = "#ffffff", "#ffd166"

IMAGES = {
    # Education: navy to burnt orange, rising rings.
    "uddannelse-1920x1080.png": (1920, 1080, ["#10294a", NAVY, ORANGE], [
        Band(-400, 0.55, 260, WHITE, 0.06),
        Ring(1480, 540, 420, 330, WHITE, 0.14),
        Ring(1480, 540, 250, 0, GOLD, 0.22),
        Ring(300, 900, 180, 0, WHITE, 0.08),
    ] + dot_grid(120, 120, 6, 4, 60, 9, WHITE, 0.25)),
    # Concerts: crimson to charcoal, "sound waves" as concentric rings.
    "koncert-1920x1080.png": (1920, 1080, [CRIMSON, "#5a0a22", CHARCOAL], [
        Ring(1500, 720, 520, 500, WHITE, 0.12),
        Ring(1500, 720, 400, 380, WHITE, 0.16),
        Ring(1500, 720, 280, 260, WHITE, 0.20),
        Ring(1500, 720, 150, 0, GOLD, 0.30),
        Band(200, -0.4, 90, WHITE, 0.07),
        Band(420, -0.4, 40, WHITE, 0.07),
    ]),
    # Library: green to petrol, stacked "book spine" bands (portrait).
    "bibliotek-1080x1920.png": (1080, 1920, ["#0d3b22", GREEN, PETROL], [
        Band(-200, 0.35, 120, WHITE, 0.08),
        Band(40, 0.35, 60, WHITE, 0.08),
        Ring(760, 520, 300, 230, WHITE, 0.14),
        Ring(760, 520, 150, 0, GOLD, 0.25),
        Ring(220, 1580, 260, 0, WHITE, 0.07),
    ] + dot_grid(120, 1000, 4, 6, 70, 10, WHITE, 0.22)),
    # Youth: magenta to petrol, playful bubbles (portrait).
    "ungdom-1080x1920.png": (1080, 1920, [MAGENTA, PURPLE, PETROL], [
        Ring(800, 380, 260, 0, WHITE, 0.12),
        Ring(250, 800, 180, 120, GOLD, 0.35),
        Ring(700, 1250, 340, 300, WHITE, 0.15),
        Ring(300, 1650, 120, 0, GOLD, 0.25),
        Band(-600, 0.7, 180, WHITE, 0.06),
    ]),
    # Practical notices: calm slate, one clear bar (leaves room for text).
    "praktisk-1920x1080.png": (1920, 1080, ["#2f3b47", SLATE, "#6b7f91"], [
        Band(1300, 0.0, 24, GOLD, 0.85),
        Ring(1650, 540, 160, 125, WHITE, 0.5),
        Ring(1650, 540, 40, 0, WHITE, 0.5),
    ]),
    # Standby / default: all campus colours as a row of discs.
    "standby-1920x1080.png": (1920, 1080, ["#1b2433", NAVY, "#1b2433"], [
        Ring(240 + i * 180, 780, 70, 0, c, 0.95)
        for i, c in enumerate([NAVY, ORANGE, GREEN, PURPLE, CRIMSON, CHARCOAL, MAGENTA, PETROL, SLATE])
    ] + [
        Ring(240 + i * 180, 780, 86, 74, WHITE, 0.35) for i in range(9)
    ] + [Band(-1000, 1.0, 300, WHITE, 0.04)]),
}


def main():
    os.makedirs(MEDIA_DIR, exist_ok=True)
    for name, (w, h, stops, shapes) in IMAGES.items():
        size = write_png(os.path.join(MEDIA_DIR, name), w, h, render(w, h, stops, shapes))
        print(f"{name}: {w}x{h}, {size // 1024} KB")


if __name__ == "__main__":
    main()
