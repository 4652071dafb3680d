#!/usr/bin/env python3
"""Bytes of a Lucene index folder (and its subfolders) by file extension, looking inside compound files.

usage: index-bytes.py INDEX_DIR DOCS [--lucene8]
Reads each .cfe entry table (Lucene 4.x layout, or Lucene 8.x with --lucene8: object id and suffix in the header),
so .fdt stored fields, .tim/.tip terms, .doc/.pos postings, .nvd norms, .dvd doc values are counted even when a
segment is a compound file. Prints bytes and bytes per document.
"""
import collections
import os
import struct
import sys


def vint(b, p):
    r = s = 0
    while True:
        x = b[p]
        p += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, p


def string(b, p):
    n, p = vint(b, p)
    return b[p:p + n].decode(), p + n


def entries(path, lucene8):
    b = open(path, 'rb').read()
    p = 4                      # codec magic
    _, p = string(b, p)        # codec name
    p += 4                     # version
    if lucene8:
        p += 16                # segment id
        p += 1 + b[p]          # suffix
    n, p = vint(b, p)
    for _ in range(n):
        name, p = string(b, p)
        _, length = struct.unpack('>qq', b[p:p + 16])
        p += 16
        yield name, length


def main():
    root, docs, lucene8 = sys.argv[1], int(sys.argv[2]), '--lucene8' in sys.argv
    sizes, total = collections.Counter(), 0
    for folder, _, files in os.walk(root):
        for f in files:
            path = os.path.join(folder, f)
            total += os.path.getsize(path)
            if f.endswith('.cfs'):
                continue
            if f.endswith('.cfe'):
                for name, length in entries(path, lucene8):
                    sizes[os.path.splitext(name)[1] or name] += length
            else:
                sizes[os.path.splitext(f)[1] or ('segments_N' if f.startswith('segments') else f)] += os.path.getsize(path)
    print(f"total {total} bytes, {total / docs:.1f} B/doc")
    for ext, n in sizes.most_common():
        print(f"{ext:12} {n:12} {n / docs:9.1f}")


if __name__ == '__main__':
    main()
