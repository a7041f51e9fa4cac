#!/usr/bin/env python3
# reshape.py - rewrite a little-endian microsecond pcap in another layout
# of the same packets, for the pipe tests (the reader must take every
# layout the formats allow, as libpcap does):
#   reshape.py be-nano IN OUT   classic pcap, big-endian, nanosecond magic
#   reshape.py pcapng-be IN OUT pcapng, big-endian sections, if_tsresol 9 (ns),
#                               two sections (the packets split in half, each
#                               section with its own interface), and a block
#                               of an unknown type between packets
import struct
import sys


def records(data):
    if struct.unpack("<I", data[:4])[0] != 0xA1B2C3D4:
        sys.exit("reshape.py: want a little-endian microsecond pcap")
    snaplen, network = struct.unpack("<II", data[16:24])
    off, out = 24, []
    while off + 16 <= len(data):
        sec, usec, caplen, length = struct.unpack("<IIII", data[off:off + 16])
        out.append((sec, usec, data[off + 16:off + 16 + caplen], length))
        off += 16 + caplen
    return snaplen, network, out


def block(btype, body):
    body += b"\0" * (-len(body) % 4)
    total = 12 + len(body)
    return struct.pack(">II", btype, total) + body + struct.pack(">I", total)


def main():
    kind, src, dst = sys.argv[1:4]
    with open(src, "rb") as f:
        snaplen, network, recs = records(f.read())
    out = bytearray()
    if kind == "be-nano":
        out += struct.pack(">IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, snaplen, network)
        for sec, usec, data, length in recs:
            out += struct.pack(">IIII", sec, usec * 1000, len(data), length) + data
    elif kind == "pcapng-be":
        half = len(recs) // 2
        for part in (recs[:half], recs[half:]):
            out += block(0x0A0D0D0A, struct.pack(">IHHq", 0x1A2B3C4D, 1, 0, -1))
            # if_tsresol = 9: nanoseconds; end of options
            out += block(1, struct.pack(">HHI", network, 0, snaplen) +
                         struct.pack(">HHB3x", 9, 1, 9) + struct.pack(">HH", 0, 0))
            for i, (sec, usec, data, length) in enumerate(part):
                ns = sec * 1000000000 + usec * 1000
                out += block(6, struct.pack(">IIIII", 0, ns >> 32, ns & 0xFFFFFFFF,
                                            len(data), length) + data)
                if i == 3:
                    out += block(0x00000BAD, b"not a packet")
    else:
        sys.exit("reshape.py: unknown layout " + kind)
    with open(dst, "wb") as f:
        f.write(out)


main()
