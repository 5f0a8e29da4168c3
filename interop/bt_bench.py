#!/usr/bin/python3
"""1 GiB over loopback between Chordia and libtorrent, every pair in each run, order rotating.

  bt_bench.py --chordia-seed 'java -cp CP io.chordia.app.share.bench.BitTorrentSeed'
              [--chordia-fetch 'java -cp CP io.chordia.app.share.bench.BitTorrentFetcher'] [--size-mib 1024] [--runs 3]
              [--dir /dev/shm/chordia-bt-bench]

Pairs: Chordia seed -> libtorrent leecher, libtorrent seed -> libtorrent leecher and, with --chordia-fetch,
libtorrent seed -> Chordia fetcher (a fresh JVM per run, timed from its fetch's start; every piece SHA-1 checked
by our swarm as by libtorrent).

Makes a random file, starts one Chordia seed (which writes the .torrent: the infohash libtorrent's
create_torrent gives the same file, see TorrentInfoTest) and one libtorrent seed of the same torrent, then
for each run fetches the file with a fresh bt_leech.py process from each seed in turn (order alternating),
every piece SHA-1 checked by libtorrent; prints MB/s (10^6 bytes/s, add_torrent to finished) per run and the
medians. The directory is deleted at the end. Not a test: it never fails on speed.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def lt_seed(args):
    import libtorrent as lt
    sys.path.insert(0, HERE)
    import bt_leech
    ses = lt.session(bt_leech.settings())
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(args.torrent)
    atp.save_path = args.save
    atp.flags = (atp.flags | lt.torrent_flags.seed_mode) & ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused
    ses.add_torrent(atp)
    print("READY %d" % ses.listen_port(), flush=True)
    sys.stdin.read()


def start(cmd):
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline().split()
    if not line or line[0] != "READY":
        p.kill()
        raise SystemExit("seed did not start: %s %s" % (cmd, line))
    return p, int(line[1])


def leech(torrent, port, out, fetcher=None):
    shutil.rmtree(out, ignore_errors=True)
    command = ([sys.executable, os.path.join(HERE, "bt_leech.py"), "--max-seconds", "120"] if fetcher is None
               else shlex.split(fetcher))
    r = subprocess.run(command + ["--torrent", torrent, "--peer", "127.0.0.1:%d" % port, "--out", out],
                       capture_output=True, text=True)
    if r.returncode != 0 or not r.stdout.strip():
        raise SystemExit("fetch from port %d failed: %s %s" % (port, r.stdout[-2000:], r.stderr[-2000:]))
    shutil.rmtree(out, ignore_errors=True)
    res = json.loads(r.stdout.strip().splitlines()[-1])
    if not res["ok"]:
        raise SystemExit("leech from port %d failed: %s" % (port, res))
    return res["MBps"]


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "lt-seed":
        p = argparse.ArgumentParser()
        p.add_argument("cmd")
        p.add_argument("--torrent", required=True)
        p.add_argument("--save", required=True)
        return lt_seed(p.parse_args())
    p = argparse.ArgumentParser()
    p.add_argument("--chordia-seed", required=True)
    p.add_argument("--chordia-fetch", help="command of a Chordia fetcher: adds libtorrent seed -> Chordia fetcher")
    p.add_argument("--size-mib", type=int, default=1024)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--dir", default="/dev/shm/chordia-bt-bench")
    args = p.parse_args()
    src = os.path.join(args.dir, "src")
    os.makedirs(src, exist_ok=True)
    path = os.path.join(src, "bench.bin")
    torrent = os.path.join(args.dir, "bench.torrent")
    seeds = []
    try:
        with open(path, "wb") as f:
            for _ in range(args.size_mib):
                f.write(os.urandom(1 << 20))
        t0 = time.time()
        chordia, cport = start(shlex.split(args.chordia_seed) + ["--file", path, "--torrent", torrent])
        seeds.append(chordia)
        print("chordia seed on %d (hashed %d MiB in %.1f s)" % (cport, args.size_mib, time.time() - t0), flush=True)
        lts, lport = start([sys.executable, os.path.abspath(__file__), "lt-seed", "--torrent", torrent, "--save", src])
        seeds.append(lts)
        pairs = [("chordia seed -> libtorrent leecher", cport, None),
                 ("libtorrent seed -> libtorrent leecher", lport, None)]
        if args.chordia_fetch:
            pairs.append(("libtorrent seed -> chordia fetcher", lport, args.chordia_fetch))
        figures = {name: [] for name, _, _ in pairs}
        for run in range(args.runs):
            order = pairs[run % len(pairs):] + pairs[:run % len(pairs)]
            for name, port, fetcher in order:
                mbps = leech(torrent, port, os.path.join(args.dir, "out"), fetcher)
                figures[name].append(mbps)
                print("run %d: %s %.0f MB/s" % (run + 1, name, mbps), flush=True)
        for name, runs in figures.items():
            print("%s: %s; median %.0f MB/s" % (name, ", ".join("%.0f" % x for x in runs), statistics.median(runs)))
        chordia.stdin.close()
        print(chordia.stdout.read().strip())
    finally:
        for s in seeds:
            s.kill()
        shutil.rmtree(args.dir, ignore_errors=True)


if __name__ == "__main__":
    main()
