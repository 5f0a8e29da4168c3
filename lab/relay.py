#!/usr/bin/env python3
"""The lab's network: a user-space relay on a TUN device that delays, drops and partitions.

The lab's router namespace sends every IPv4 packet coming from a host into the TUN device this
script creates (policy routing); the relay decides its fate and writes it back, and the kernel
routes it on to the destination host. The kernel here has no netem, so this is where delay,
jitter, loss and partitions come from. Hosts are 10.77.H.2, H = 1..254.

Model (docs/lab.md):
  * each host has a link setting used for the packets it SENDS: delay D ms, jitter J ms (uniform
    in [-J, +J]) and loss P (0..1); a packet from A to B is delayed and dropped by A's setting,
    so the round trip A -> B -> A takes D(A) + D(B);
  * packets between two hosts keep their order (FIFO per host pair, like a queue on a real link):
    jitter spreads arrival times but never reorders a flow, which would make TCP retransmit;
  * a partition puts hosts in groups; a packet between different groups is dropped. Hosts not
    named in a partition form one more group together.

Commands, one per line on stdin; each gets one line on stdout, "ok ..." or "error ...":
  link HOST|* DELAY_MS JITTER_MS LOSS   set a host's link (or every host's)
  partition 1,2,3 4,5                   groups of hosts that can reach each other
  heal                                  one group again
  stats                                 "ok {json}": packets forwarded and dropped, per cause
End of input stops the relay (and removes the TUN device).

Usage: relay.py --tun NAME [--seed N]
"""
import argparse
import fcntl
import heapq
import json
import os
import random
import select
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
LAB_NET = (10, 77)


def open_tun(name):
    """Creates the TUN device NAME in this network namespace; it lives as long as the fd."""
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def host_of(address):
    """10.77.H.2 -> H; anything else -> None (not a lab host)."""
    if address[0:2] != bytes(LAB_NET) or address[3] != 2:
        return None
    return address[2]


class Relay:
    def __init__(self, rng):
        self.rng = rng
        self.links = {}  # host -> (delay s, jitter s, loss)
        self.default_link = (0.0, 0.0, 0.0)
        self.group = {}  # host -> group number; empty: no partition
        self.queue = []  # (due, sequence, packet)
        self.sequence = 0
        self.last_due = {}  # (src, dst) -> due of that pair's latest packet, for FIFO order
        self.counts = {"forwarded": 0, "lost": 0, "partitioned": 0, "foreign": 0}
        self.pairs = {}  # "A>B" -> [forwarded, lost, partitioned]

    def accept(self, packet, now):
        """Queues the packet for its due time, or drops and counts it."""
        if len(packet) < 20 or packet[0] >> 4 != 4:
            self.counts["foreign"] += 1  # IPv6 router solicitations and the like: not lab traffic
            return
        src, dst = host_of(packet[12:16]), host_of(packet[16:20])
        if src is None or dst is None:
            self.counts["foreign"] += 1
            return
        pair = self.pairs.setdefault("%d>%d" % (src, dst), [0, 0, 0])
        if self.group and self.group.get(src, 0) != self.group.get(dst, 0):
            self.counts["partitioned"] += 1
            pair[2] += 1
            return
        delay, jitter, loss = self.links.get(src, self.default_link)
        if loss > 0 and self.rng.random() < loss:
            self.counts["lost"] += 1
            pair[1] += 1
            return
        due = now + max(0.0, delay + self.rng.uniform(-jitter, jitter))
        due = max(due, self.last_due.get((src, dst), 0.0))
        self.last_due[(src, dst)] = due
        self.sequence += 1
        heapq.heappush(self.queue, (due, self.sequence, packet))
        self.counts["forwarded"] += 1
        pair[0] += 1

    def release(self, now, write):
        """Writes every packet whose time has come."""
        while self.queue and self.queue[0][0] <= now:
            write(heapq.heappop(self.queue)[2])

    def next_due(self):
        return self.queue[0][0] if self.queue else None

    def command(self, words):
        """Applies one control command; returns the reply line."""
        if words[0] == "link" and len(words) == 5:
            setting = (float(words[2]) / 1000, float(words[3]) / 1000, float(words[4]))
            if setting[0] < 0 or setting[1] < 0 or not 0 <= setting[2] <= 1:
                raise ValueError("delay and jitter must be >= 0, loss within 0..1")
            if words[1] == "*":
                self.default_link = setting
                self.links.clear()
            else:
                self.links[int(words[1])] = setting
            return "ok"
        if words[0] == "partition" and len(words) >= 3:
            group = {}
            for number, hosts in enumerate(words[1:], start=1):
                for host in hosts.split(","):
                    if int(host) in group:
                        raise ValueError("host %s is in two groups" % host)
                    group[int(host)] = number
            self.group = group
            return "ok"
        if words == ["heal"]:
            self.group = {}
            return "ok"
        if words == ["stats"]:
            return "ok " + json.dumps({**self.counts, "queued": len(self.queue), "pairs": self.pairs}, sort_keys=True)
        raise ValueError("unknown command: " + " ".join(words))


def main():
    parser = argparse.ArgumentParser(description="The lab's delaying, dropping, partitioning relay.")
    parser.add_argument("--tun", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tun = open_tun(args.tun)
    relay = Relay(random.Random(args.seed))
    stdin = sys.stdin.fileno()
    pending = b""
    print("ready " + args.tun, flush=True)

    def write(packet):
        try:
            os.write(tun, packet)
        except OSError:
            pass  # the router could not take it (no route yet, device going down): a lost packet

    while True:
        due = relay.next_due()
        timeout = None if due is None else max(0.0, due - time.monotonic())
        readable, _, _ = select.select([tun, stdin], [], [], timeout)
        now = time.monotonic()
        if tun in readable:
            while True:
                try:
                    packet = os.read(tun, 65536)
                except BlockingIOError:
                    break
                relay.accept(packet, now)
        if stdin in readable:
            data = os.read(stdin, 4096)
            if not data:
                return  # the lab is gone: stop, and the TUN device goes with us
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                words = line.decode().split()
                if not words:
                    continue
                try:
                    reply = relay.command(words)
                except (ValueError, IndexError) as e:
                    reply = "error " + str(e)
                print(reply, flush=True)
        relay.release(time.monotonic(), write)


if __name__ == "__main__":
    main()
