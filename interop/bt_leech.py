#!/usr/bin/python3
"""A libtorrent 2.0 leecher for the BitTorrent interop tests (docs/protocols/bittorrent.md).

Fetches one content from a peer given by hand (--peer, or a magnet link's x.pe; add_peer and
connect_peer) or found through a Mainline DHT node (--dht: get_peers), no tracker, TCP only, 127.0.0.1, from a .torrent (--torrent) or a magnet link
(--magnet, so the info dictionary comes from the peer over ut_metadata), into --out. Prints one JSON line: ok, seconds from
add_torrent to finished, bytes, MB/s, hash failures, whether metadata came from the peer, and the payload bytes
downloaded from each peer (downloaded_from, by host:port, the largest count seen while connected).
Exits 0 when the content is complete and every piece passed libtorrent's hash check.

With --linger (a peer of a mixed swarm, MixedSwarmIT) it prints "READY <port>" once its torrent is added (any
pieces already in --out checked), keeps seeding after it finishes and prints its JSON line once stdin closes.
"""
import argparse
import json
import sys
import threading
import time

import libtorrent as lt

import alert_wait


# Throughput settings for both roles, from lt.high_performance_seed() or larger (as the libtorrent anchor
# benchmark in docs/benchmarks.md), so a libtorrent seed is measured at its best beside ours.
TUNED = {
    "send_buffer_watermark": 8 * 1024 * 1024,
    "send_buffer_low_watermark": 1 * 1024 * 1024,
    "send_buffer_watermark_factor": 150,
    "send_not_sent_low_watermark": 512 * 1024,
    "max_allowed_in_request_queue": 4000,
    "max_queued_disk_bytes": 32 * 1024 * 1024,
    "max_peer_recv_buffer_size": 8 * 1024 * 1024,
    "unchoke_slots_limit": -1,
    "aio_threads": 4,
    "hashing_threads": 2,
    "suggest_mode": 0,
}


# As interop/libtorrent_dht.py: every node is on 127.0.0.1, which libtorrent's DHT restricts by default.
DHT = {
    "enable_dht": True,
    "dht_restrict_routing_ips": False,
    "dht_restrict_search_ips": False,
    "dht_enforce_node_id": False,
    "dht_block_ratelimit": 100_000_000,
    "dht_block_timeout": 1,
}


def settings(port=0):
    return dict(TUNED, **{
        "listen_interfaces": "127.0.0.1:%d" % port,
        "outgoing_interfaces": "127.0.0.1",
        "enable_outgoing_utp": False,
        "enable_incoming_utp": False,
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "dht_bootstrap_nodes": "",
        "allow_multiple_connections_per_ip": True,
        "max_out_request_queue": 1500,
        "alert_mask": lt.alert.category_t.status_notification | lt.alert.category_t.error_notification
        | lt.alert.category_t.peer_notification,
    })


def main():
    p = argparse.ArgumentParser()
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--torrent")
    src.add_argument("--magnet")
    p.add_argument("--peer", action="append", default=[],
                   help="host:port of a peer to connect to, may repeat (else the magnet link's x.pe peers)")
    p.add_argument("--out", required=True)
    p.add_argument("--dht", help="host:port of a Mainline DHT node to join: peers are then found with get_peers")
    p.add_argument("--max-seconds", type=float, default=120)
    p.add_argument("--stop-on-ban", action="store_true", help="give up as soon as libtorrent bans a peer")
    p.add_argument("--linger", action="store_true", help="print READY <port>, seed once finished until stdin closes")
    args = p.parse_args()

    ses = lt.session(dict(settings(), **DHT) if args.dht else settings())
    waker = alert_wait.AlertWaker(ses)
    if args.dht:
        host, port = args.dht.rsplit(":", 1)
        ses.add_dht_node((host, int(port)))
    if args.torrent:
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(args.torrent)
    else:
        atp = lt.parse_magnet_uri(args.magnet)
    atp.save_path = args.out
    atp.flags = (atp.flags | lt.torrent_flags.disable_pex) & ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused
    if args.peer:
        atp.peers = [(host, int(port)) for host, port in (peer.rsplit(":", 1) for peer in args.peer)]
    start = time.time()
    h = ses.add_torrent(atp)
    for peer in atp.peers:
        h.connect_peer(peer)
    finished = None
    hash_failed = 0
    metadata = False
    first_byte = None
    banned = []
    errors = []
    downloaded_from = {}
    stdin_closed = threading.Event()
    if args.linger:
        # Pieces already in --out are checked before any peer is asked, so a peer that starts with some offers them.
        while h.status().state in (lt.torrent_status.checking_files, lt.torrent_status.checking_resume_data):
            time.sleep(0.02)
        print("READY %d" % ses.listen_port(), flush=True)
        threading.Thread(target=lambda: (sys.stdin.read(), stdin_closed.set()), daemon=True).start()
    deadline = start + args.max_seconds
    while ((finished is None or (args.linger and not stdin_closed.is_set())) and time.time() < deadline
           and not (args.stop_on_ban and banned)):
        waker.wait(0.02)
        if first_byte is None and h.status().total_payload_download > 0:
            first_byte = time.time()
        # A peer's counters go with its connection (two seeds disconnect), so keep the largest seen.
        for peer in h.get_peer_info():
            key = "%s:%d" % tuple(peer.ip)
            downloaded_from[key] = max(downloaded_from.get(key, 0), peer.total_download)
        for a in ses.pop_alerts():
            if isinstance(a, lt.torrent_finished_alert) and finished is None:
                finished = time.time()
            elif isinstance(a, lt.metadata_received_alert):
                metadata = True
            elif isinstance(a, lt.peer_ban_alert):
                banned.append("%s:%d" % tuple(a.endpoint))
            elif isinstance(a, lt.hash_failed_alert):
                hash_failed += 1
            elif isinstance(a, (lt.torrent_error_alert, lt.peer_error_alert, lt.metadata_failed_alert)):
                errors.append(a.message())
    st = h.status()
    size = st.total_wanted
    ok = finished is not None and st.is_seeding and hash_failed == 0
    print(json.dumps({
        "ok": ok, "seconds": (finished - start) if finished else None, "bytes": size,
        "MBps": size / (finished - start) / 1e6 if finished else None, "hash_failed": hash_failed,
        "metadata_from_peer": metadata, "first_byte_seconds": (first_byte - start) if first_byte else None,
        "pieces": st.num_pieces, "banned": banned, "errors": errors[-5:], "downloaded_from": downloaded_from,
    }), flush=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
