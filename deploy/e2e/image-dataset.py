#!/usr/bin/env python3
"""Writes a small image dataset as NumPy .npy (uint8, N x 28 x 28) with the standard library only:
bright 8 x 8 squares at positions that vary with the index, so the upload path and an image job are
exercised without shipping a file. Usage: image-dataset.py OUT.npy [COUNT]"""
import struct
import sys

out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 256
side = 28
pixels = bytearray(count * side * side)
for n in range(count):
    top, left = (n * 7) % (side - 8), (n * 11) % (side - 8)
    for y in range(top, top + 8):
        start = n * side * side + y * side + left
        pixels[start:start + 8] = bytes([200 + (n % 56)] * 8)

header = "{'descr': '|u1', 'fortran_order': False, 'shape': (%d, %d, %d), }" % (count, side, side)
header += " " * (63 - (10 + len(header)) % 64) + "\n"  # the data starts at a multiple of 64 bytes
with open(out, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
    f.write(pixels)
