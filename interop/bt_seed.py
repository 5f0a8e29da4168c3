#!/usr/bin/python3
"""Seeds for the BitTorrent fetch tests and benchmark (docs/protocols/bittorrent.md): Chordia fetching from them.

  bt_seed.py --torrent T --save DIR [--dht HOST:PORT]   a libtorrent 2.0 seed of T (files in DIR), TCP on 127.0.0.1;
                                                       with --dht it joins that Mainline node and announces T there
  bt_seed.py --torrent T --save DIR --corrupt          a plain Python BEP 3 seed that flips one byte of every block
                                                       it sends: a hostile peer a fetcher must ban

Prints "READY <port>" once it accepts connections, then serves until stdin closes. The corrupting seed
speaks just enough BEP 3 for a fetcher (handshake, full bitfield, unchoke on interested, piece for
request) and no extensions; it prints "SERVED <blocks>" when it stops.
"""
import argparse
import hashlib
import os
import socket
import struct
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))


def lt_seed(args):
    import libtorrent as lt
    sys.path.insert(0, HERE)
    import bt_leech
    settings = dict(bt_leech.settings(), **bt_leech.DHT) if args.dht else bt_leech.settings()
    ses = lt.session(settings)
    if args.dht:
        host, port = args.dht.rsplit(":", 1)
        ses.add_dht_node((host, int(port)))
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(args.torrent)
    atp.save_path = args.save
    atp.flags = (atp.flags | lt.torrent_flags.seed_mode) & ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused
    ses.add_torrent(atp)
    print("READY %d" % ses.listen_port(), flush=True)
    sys.stdin.read()


def bdecode(data, i=0):
    c = data[i:i + 1]
    if c == b"i":
        end = data.index(b"e", i)
        return int(data[i + 1:end]), end + 1
    if c in (b"l", b"d"):
        i += 1
        items = []
        while data[i:i + 1] != b"e":
            v, i = bdecode(data, i)
            items.append(v)
        if c == b"l":
            return items, i + 1
        return dict(zip(items[::2], items[1::2])), i + 1
    colon = data.index(b":", i)
    n = int(data[i:colon])
    return data[colon + 1:colon + 1 + n], colon + 1 + n


def info_span(torrent):
    """The info dictionary's bytes exactly as in the file, and it decoded."""
    key = b"4:info"
    at = torrent.index(key) + len(key)
    info, end = bdecode(torrent, at)
    return torrent[at:end], info


def read_exact(conn, n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def corrupt_seed(args):
    raw = open(args.torrent, "rb").read()
    info_bytes, info = info_span(raw)
    info_hash = hashlib.sha1(info_bytes).digest()
    piece_length = info[b"piece length"]
    pieces = len(info[b"pieces"]) // 20
    path = os.path.join(args.save, info[b"name"].decode())
    data = open(path, "rb").read()
    served = [0]
    lock = threading.Lock()
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)

    def serve(conn):
        try:
            hs = read_exact(conn, 68)
            if hs[28:48] != info_hash:
                return
            conn.sendall(bytes([19]) + b"BitTorrent protocol" + bytes(8) + info_hash + b"-PY0001-corruptseed1")
            bits = bytearray(b"\xff" * ((pieces + 7) // 8))
            if pieces % 8:
                bits[-1] = (0xFF << (8 - pieces % 8)) & 0xFF
            conn.sendall(struct.pack(">IB", 1 + len(bits), 5) + bytes(bits))
            while True:
                (length,) = struct.unpack(">I", read_exact(conn, 4))
                if length == 0:
                    continue
                body = read_exact(conn, length)
                if body[0] == 2:  # interested
                    conn.sendall(struct.pack(">IB", 1, 1))
                elif body[0] == 6:  # request
                    index, begin, n = struct.unpack(">III", body[1:13])
                    at = index * piece_length + begin
                    block = bytearray(data[at:at + n])
                    block[0] ^= 0xFF
                    conn.sendall(struct.pack(">IBII", 9 + n, 7, index, begin) + bytes(block))
                    with lock:
                        served[0] += 1
        except (EOFError, OSError):
            pass
        finally:
            conn.close()

    def accept():
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    print("READY %d" % srv.getsockname()[1], flush=True)
    sys.stdin.read()
    srv.close()
    print("SERVED %d" % served[0], flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--torrent", required=True)
    p.add_argument("--save", required=True)
    p.add_argument("--dht", help="host:port of a Mainline DHT node to join and announce the torrent at")
    p.add_argument("--corrupt", action="store_true", help="a Python seed that corrupts every block")
    args = p.parse_args()
    if args.corrupt:
        corrupt_seed(args)
    else:
        lt_seed(args)


if __name__ == "__main__":
    main()
