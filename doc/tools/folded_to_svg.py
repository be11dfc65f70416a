#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Draw a flame graph (SVG) from folded stacks, as syso-kagg --format folded
writes them: one "frame;frame;...;leaf count" per line, root-most first.

    folded_to_svg.py [--title TEXT] [--width PX] < folded.txt > graph.svg

Standard library only (Debian packages no flame graph tool). Widths are
proportional to counts; children are sorted by name, as flamegraph.pl does.
A frame's colour follows its object (the text before the backquote), so one
object's frames look alike; leaves (the syscalls) are blue. \\xHH escapes in
names are shown as the bytes they stand for.
"""
import argparse
import hashlib
import re
import sys
from xml.sax.saxutils import escape

FRAME_H, FONT, CHAR_W, PAD = 17, 12, 7.0, 10


class Node:
    def __init__(self, name):
        self.name, self.value, self.children = name, 0, {}


def unescape(name):
    raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name.encode())
    return raw.decode("utf-8", "replace")


def parse(lines):
    root = Node("all")
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line:
            continue
        stack, sep, count = line.rpartition(" ")
        if not sep or not count.isdigit():
            sys.exit(f"folded_to_svg: line {n}: not 'frames count': {line[:80]!r}")
        node, c = root, int(count)
        root.value += c
        for frame in stack.split(";"):
            node = node.children.setdefault(frame, Node(frame))
            node.value += c
    return root


def colour(name, leaf):
    if leaf:
        return "rgb(90,150,225)"
    obj = name.split("`", 1)[0]
    h = hashlib.md5(obj.encode()).digest()
    fn = hashlib.md5(name.encode()).digest()[0] / 255
    return f"rgb({205 + h[0] % 50},{int(80 + (h[1] % 100) + 40 * fn)},{h[2] % 60})"


def depth(node):
    return 1 + max((depth(c) for c in node.children.values()), default=0)


def draw(node, x, level, scale, height, out):
    w = node.value * scale
    if w < 0.3:
        return
    y = height - PAD - (level + 1) * FRAME_H
    name = unescape(node.name)
    pct = 100.0 * node.value / draw.total
    tip = escape(f"{name} ({node.value} calls, {pct:.2f}%)")
    label = name if len(name) * CHAR_W <= w - 6 else name[: max(0, int((w - 6) / CHAR_W) - 2)] + ".."
    out.append(f'<g><title>{tip}</title><rect x="{x:.2f}" y="{y}" width="{max(w - 0.5, 0.1):.2f}" '
               f'height="{FRAME_H - 1}" rx="2" fill="{colour(node.name, not node.children)}"/>')
    if len(label) > 2:
        out.append(f'<text x="{x + 3:.2f}" y="{y + FRAME_H - 5}">{escape(label)}</text>')
    out.append("</g>")
    for child in sorted(node.children.values(), key=lambda c: c.name):
        draw(child, x, level + 1, scale, height, out)
        x += child.value * scale


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--title", default="Who makes the system calls")
    ap.add_argument("--width", type=int, default=1200)
    args = ap.parse_args()
    root = parse(sys.stdin)
    if not root.value:
        sys.exit("folded_to_svg: no stacks on standard input")
    draw.total = root.value
    levels = depth(root)
    height = levels * FRAME_H + 2 * PAD + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{args.width}" height="{height}" '
           f'viewBox="0 0 {args.width} {height}" font-family="Verdana, sans-serif" font-size="{FONT}">',
           f'<rect width="100%" height="100%" fill="#f8f8f0"/>',
           f'<text x="{args.width / 2}" y="24" font-size="17" text-anchor="middle">{escape(args.title)}</text>']
    draw(root, PAD, 0, (args.width - 2 * PAD) / root.value, height, out)
    out.append("</svg>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
