#!/usr/bin/env python3
"""Round trips across the lab's relay, to check that it delays, drops and partitions as told.

  udp-probe.py echo HOST PORT            answer every datagram with itself, until stdin closes
  udp-probe.py probe HOST PORT COUNT     send COUNT numbered datagrams 20 ms apart, wait 1 s for
                                         stragglers, print one JSON line:
                                         {"sent": N, "received": N, "rtt_ms": [...]} (sorted)
"""
import json
import os
import select
import socket
import struct
import sys
import time


def echo(host, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((host, port))
    print("echoing", flush=True)
    while True:
        readable, _, _ = select.select([sock, sys.stdin], [], [])
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 4096):
            return
        if sock in readable:
            data, peer = sock.recvfrom(2048)
            sock.sendto(data, peer)


def probe(host, port, count):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect((host, port))
    sock.setblocking(False)
    sent_at = {}
    rtts = []
    last_send = None
    for number in range(count):
        sent_at[number] = time.monotonic()
        sock.send(struct.pack("!I", number))
        last_send = time.monotonic()
        deadline = last_send + 0.02
        while time.monotonic() < deadline:
            receive(sock, sent_at, rtts, deadline)
    deadline = last_send + 1.0
    while time.monotonic() < deadline and len(rtts) < count:
        receive(sock, sent_at, rtts, deadline)
    print(json.dumps({"sent": count, "received": len(rtts), "rtt_ms": sorted(rtts)}), flush=True)


def receive(sock, sent_at, rtts, deadline):
    readable, _, _ = select.select([sock], [], [], max(0.0, deadline - time.monotonic()))
    if readable:
        try:
            data = sock.recv(2048)
        except ConnectionRefusedError:
            return  # an ICMP error for an earlier datagram: nobody echoes (yet)
        number = struct.unpack("!I", data[:4])[0]
        if number in sent_at:
            rtts.append(round((time.monotonic() - sent_at.pop(number)) * 1000, 3))


if __name__ == "__main__":
    if sys.argv[1:2] == ["echo"] and len(sys.argv) == 4:
        echo(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ["probe"] and len(sys.argv) == 5:
        probe(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)
