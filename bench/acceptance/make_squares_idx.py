#!/usr/bin/env python3
"""Writes a synthetic MNIST-style IDX file: 28x28 images, each a bright 8x8 square at a random place
(real MNIST cannot be downloaded on the development machines). Usage: make_squares_idx.py OUT [N]"""
import random, struct, sys

out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = random.Random(1)
with open(out, "wb") as f:
    f.write(struct.pack(">BBBBiii", 0, 0, 8, 3, n, 28, 28))
    for _ in range(n):
        image = bytearray(28 * 28)
        top, left = rng.randrange(0, 20), rng.randrange(0, 20)
        for y in range(top, top + 8):
            image[y * 28 + left:y * 28 + left + 8] = b"\xff" * 8
        f.write(image)
