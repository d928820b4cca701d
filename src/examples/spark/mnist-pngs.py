#!/usr/bin/env python3
"""Writes the first COUNT images of an MNIST idx3 file (gzip) as 8-bit grey PNGs: OUT_DIR/00000.png, ...

    mnist-pngs.py data/mnist/t10k-images-idx3-ubyte.gz OUT_DIR COUNT

Python's standard library only (zlib for the PNG's compressed data). The images are MNIST's own, white ink on black,
as lenet predict takes them from any PNG.
"""
import gzip
import os
import struct
import sys
import zlib


def png(width, height, grey):
    """The bytes of a PNG file: colour type 0 (grey), 8 bits, each row behind filter byte 0."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    rows = b"".join(b"\0" + grey[y * width:(y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def main(argv):
    if len(argv) != 4:
        print("usage: mnist-pngs.py IDX3_GZ OUT_DIR COUNT", file=sys.stderr)
        return 2
    source, out, count = argv[1], argv[2], int(argv[3])
    with gzip.open(source, "rb") as f:
        magic, images, height, width = struct.unpack(">IIII", f.read(16))
        if magic != 2051:
            print("mnist-pngs.py: %s: not an idx3 image file (magic %d)" % (source, magic), file=sys.stderr)
            return 2
        count = min(count, images)
        os.makedirs(out, exist_ok=True)
        for i in range(count):
            with open(os.path.join(out, "%05d.png" % i), "wb") as png_file:
                png_file.write(png(width, height, f.read(width * height)))
    print("mnist-pngs.py: %d images of %s written to %s" % (count, source, out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
