#!/usr/bin/env python3
# Gives a JPEG what a camera and an editor write (for the screenshots of the
# metadata panel): an Exif block with make, model, date, artist and GPS, an
# XMP packet with a creator, and a comment, all made-up values.
#   add-camera-metadata.py IN.jpg OUT.jpg
import struct
import sys


def ifd(entries, offset, next_offset=0):
    """One little-endian IFD at @offset: (tag, type, count, bytes) entries;
    values over 4 bytes go after it."""
    head = struct.pack('<H', len(entries))
    extra = b''
    data_at = offset + 2 + 12 * len(entries) + 4
    for tag, kind, count, value in sorted(entries):
        if len(value) <= 4:
            head += struct.pack('<HHI', tag, kind, count) + value.ljust(4, b'\0')
        else:
            head += struct.pack('<HHII', tag, kind, count, data_at + len(extra))
            extra += value + (b'\0' if len(value) % 2 else b'')
    return head + struct.pack('<I', next_offset) + extra


def ascii(text):
    data = text.encode() + b'\0'
    return (2, len(data), data)


def exif():
    gps_at = 8 + 200
    ifd0 = ifd([(271, *ascii('Examplecam')), (272, *ascii('EC-200 serial 88123')),
                (274, 3, 1, struct.pack('<H', 1)), (306, *ascii('2024:09:17 10:11:12')),
                (315, *ascii('Horatio Grimsby')), (34853, 4, 1, struct.pack('<I', gps_at))], 8)
    gps = ifd([(1, *ascii('N')), (2, 5, 3, struct.pack('<6I', 52, 1, 31, 1, 4411, 100))], gps_at)
    tiff = b'II*\0' + struct.pack('<I', 8) + ifd0.ljust(200, b'\0') + gps
    return b'Exif\0\0' + tiff


def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack('>H', len(payload) + 2) + payload


src = open(sys.argv[1], 'rb').read()
xmp = (b'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Horatio Grimsby'
       b'</dc:creator></x:xmpmeta>')
out = (src[:2] + segment(0xE1, exif()) + segment(0xE1, xmp) + segment(0xFE, b'wound, left calf, Mrs Grimsby')
       + src[2:])
open(sys.argv[2], 'wb').write(out)
