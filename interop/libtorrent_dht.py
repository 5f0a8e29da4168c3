#!/usr/bin/python3
"""A libtorrent 2.0.x DHT node as a test peer for Chordia's interop tests (docs/interop.md).

  /usr/bin/python3 libtorrent_dht.py --port P [--bootstrap HOST:PORT ...]

Runs a DHT-only session on 127.0.0.1:P, prints {"ready":true,...} once the DHT runs, then reads one
JSON command per line on stdin and prints one JSON line per command on stdout, {"ok":true,...} or
{"ok":false,"error":...}. End of input or {"cmd":"quit"} stops it. libtorrent works through alerts, so
each command starts an operation and pumps alerts until the one that finishes it, or "timeout_ms".

What the Python bindings of 2.0.8 cannot do, and what the driver does instead:
- no dht_direct_request: "ping" adds the node (libtorrent probes a new node with get_peers) and
  waits for that query's reply; "find_node" is an iterative lookup (get_peers traversal) reporting
  the nodes that answered.
- no converter for dht_announce's flags: "announce" adds a magnet torrent, which libtorrent announces
  at once with its own listen port (implied_port), so the "port" argument is not used.
"""
import argparse
import collections
import faulthandler
import hashlib
import json
import queue
import sys
import threading
import time

import libtorrent as lt

import alert_wait
import ed25519_keys

K = 8
DEFAULT_TIMEOUT_MS = 10_000


def settings(port):
    cat = lt.alert.category_t
    return {
        "listen_interfaces": "127.0.0.1:%d" % port,
        "outgoing_interfaces": "127.0.0.1",
        "enable_dht": True,
        # Nodes to join through are added as plain nodes (join()): libtorrent never puts its
        # bootstrap "router" nodes in its routing table, nor do nodes add a querier still in its
        # bootstrap traversal, so a small network joined through routers keeps empty tables.
        "dht_bootstrap_nodes": "",
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        # Every test node is on 127.0.0.1: by default libtorrent keeps one node per IP in its
        # routing table and in a lookup, and enforces BEP 42 ids, which no loopback id satisfies.
        "dht_restrict_routing_ips": False,
        "dht_restrict_search_ips": False,
        "dht_enforce_node_id": False,
        # By default one source IP is banned for 300 s after ~50 queries in 10 s, and the DHT may
        # send 8000 bytes/s: on loopback every peer is one IP. Values from anchor-bench.
        "dht_block_ratelimit": 100_000_000,
        "dht_block_timeout": 1,
        "dht_upload_rate_limit": 500_000_000,
        "dht_announce_interval": 3600,
        "alert_queue_size": 100_000,
        "alert_mask": cat.dht_notification | cat.dht_log_notification
        | cat.dht_operation_notification | cat.error_notification,
    }


class Driver:
    def __init__(self, port):
        self.session = lt.session(settings(port))
        self.waker = alert_wait.AlertWaker(self.session)
        self.port = port
        self.node_id = None
        self.traversals = {}  # traversal number -> target hex, from the DHT's log
        # Alerts popped but not yet shown to a command: valid only until the next pop_alerts.
        self.backlog = collections.deque()
        self.handlers = {
            "node_id": self.cmd_node_id, "ping": self.cmd_ping, "find_node": self.cmd_find_node,
            "table": self.cmd_table, "table_size": self.cmd_table_size,
            "get_peers": self.cmd_get_peers, "announce": self.cmd_announce,
            "put_immutable": self.cmd_put_immutable, "get": self.cmd_get,
            "put_mutable": self.cmd_put_mutable, "get_mutable": self.cmd_get_mutable,
        }

    # --- alert plumbing -------------------------------------------------------------------------

    def pump(self, timeout_ms, on_alert):
        """Feeds alerts to on_alert until it returns a result (not None) or the time is up."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            if not self.backlog:
                self.backlog.extend(self.session.pop_alerts())
            while self.backlog:
                alert = self.backlog.popleft()
                self.observe(alert)
                result = on_alert(alert)
                if result is not None:
                    return result  # the rest of the batch waits for the next command
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer in %d ms" % timeout_ms)
            self.waker.wait(min(left, 0.1))

    def observe(self, alert):
        """Keeps what later commands need: our node id and which traversal looks for what."""
        if isinstance(alert, lt.dht_log_alert):
            text = alert.log_message()
            if self.node_id is None and "DHT tracker with node id: " in text:
                self.node_id = text.rsplit(": ", 1)[1].strip()
            elif " NEW target: " in text:
                number, rest = text.split("] NEW target: ", 1)
                self.traversals[number.lstrip("[")] = rest.split()[0]

    def completed(self, alert, target_hex):
        """True when alert says a traversal towards target_hex finished."""
        if not isinstance(alert, lt.dht_log_alert):
            return False
        text = alert.log_message()
        if "] COMPLETED" not in text:
            return False
        return self.traversals.get(text.split("]", 1)[0].lstrip("[")) == target_hex

    def wait_ready(self):
        self.pump(DEFAULT_TIMEOUT_MS, lambda a: True if self.node_id and self.session.is_dht_running() else None)

    def join(self, bootstrap):
        """Meets each bootstrap node, then looks up our own id, so that our neighbours know us."""
        for addr in bootstrap:
            self.ping(addr, DEFAULT_TIMEOUT_MS)
        if bootstrap:
            self.session.dht_get_peers(lt.sha1_hash(bytes.fromhex(self.node_id)))
            self.lookup(self.node_id, DEFAULT_TIMEOUT_MS, lambda alert: None)

    # --- commands -------------------------------------------------------------------------------

    def cmd_node_id(self, cmd):
        return {"id": self.node_id, "port": self.port}

    def cmd_ping(self, cmd):
        return self.ping(cmd["addr"], timeout_of(cmd))

    def ping(self, addr, timeout_ms):
        host, port = split_addr(addr)
        self.session.add_dht_node((host, port))
        sent = {}

        def on_alert(alert):
            packet = packet_of(alert)
            if packet is None or packet[1] != (host, port):
                return None
            direction, _, msg = packet
            if direction == "out" and msg.get(b"y") == b"q" and not sent:
                sent["t"], sent["q"] = msg.get(b"t"), msg.get(b"q", b"").decode()
            elif direction == "in" and sent and msg.get(b"t") == sent["t"] and msg.get(b"y") == b"r":
                return {"id": msg[b"r"][b"id"].hex(), "query": sent["q"]}
            elif direction == "in" and sent and msg.get(b"t") == sent["t"] and msg.get(b"y") == b"e":
                return {"error": "answered with an error: %r" % msg.get(b"e")}
            return None

        return self.pump(timeout_ms, on_alert)

    def cmd_find_node(self, cmd):
        target = cmd["target"]
        self.session.dht_get_peers(lt.sha1_hash(bytes.fromhex(target)))
        return {"nodes": self.lookup(target, timeout_of(cmd), lambda alert: None)}

    def lookup(self, target_hex, timeout_ms, also):
        """Waits for the traversal towards target_hex; returns the k closest nodes that answered it."""
        answered = {}

        def on_alert(alert):
            also(alert)
            packet = packet_of(alert)
            if packet and packet[0] == "in" and packet[2].get(b"y") == b"r":
                node_id = packet[2][b"r"].get(b"id", b"")
                if len(node_id) == 20 and node_id.hex() != self.node_id:
                    answered[node_id.hex()] = "%s:%d" % packet[1]
            return True if self.completed(alert, target_hex) else None

        self.pump(timeout_ms, on_alert)
        closest = sorted(answered, key=lambda n: int(n, 16) ^ int(target_hex, 16))[:K]
        return [{"id": n, "addr": answered[n]} for n in closest]

    def cmd_table(self, cmd):
        return {"nodes": self.live_nodes(cmd)}

    def cmd_table_size(self, cmd):
        return {"size": len(self.live_nodes(cmd))}

    def live_nodes(self, cmd):
        self.session.dht_live_nodes(lt.sha1_hash(bytes.fromhex(self.node_id)))
        alert = self.pump(timeout_of(cmd), lambda a: a if isinstance(a, lt.dht_live_nodes_alert) else None)
        return [{"id": str(n["nid"]), "addr": "%s:%d" % n["endpoint"]} for n in alert.nodes]

    def cmd_get_peers(self, cmd):
        info_hash = cmd["info_hash"]
        self.session.dht_get_peers(lt.sha1_hash(bytes.fromhex(info_hash)))
        peers = set()

        def collect(alert):
            if isinstance(alert, lt.dht_get_peers_reply_alert) and str(alert.info_hash) == info_hash:
                peers.update("%s:%d" % p for p in alert.peers())

        self.lookup(info_hash, timeout_of(cmd), collect)
        return {"peers": sorted(peers)}

    def cmd_announce(self, cmd):
        info_hash = cmd["info_hash"]
        params = lt.add_torrent_params()
        params.info_hashes = lt.info_hash_t(lt.sha1_hash(bytes.fromhex(info_hash)))
        params.save_path = "/nonexistent-chordia-interop"  # never written: the torrent gets no metadata
        self.session.add_torrent(params)
        sent, answered, acked = set(), set(), set()

        def on_alert(alert):
            packet = packet_of(alert)
            if packet is None:
                return None
            direction, _, msg = packet
            t = msg.get(b"t")
            if direction == "out" and msg.get(b"q") == b"announce_peer" \
                    and msg[b"a"].get(b"info_hash", b"").hex() == info_hash:
                sent.add(t)
            elif direction == "in" and t in sent:
                answered.add(t)
                if msg.get(b"y") == b"r":
                    acked.add(t)
            # libtorrent sends all of a lookup's announces at once, when the lookup ends
            return True if sent and answered == sent else None

        try:
            self.pump(timeout_of(cmd), on_alert)
        except TimeoutError:
            if not sent:
                raise  # the lookup before the announces did not finish
        return {"port": self.port, "sent": len(sent), "acked": len(acked)}

    def cmd_put_immutable(self, cmd):
        target = str(self.session.dht_put_immutable_item(cmd["value"].encode()))
        alert = self.pump(timeout_of(cmd), lambda a: a if isinstance(a, lt.dht_put_alert)
                          and str(a.target) == target else None)
        return {"target": target, "stored": alert.num_success}

    def cmd_get(self, cmd):
        target = cmd["target"]
        self.session.dht_get_immutable_item(lt.sha1_hash(bytes.fromhex(target)))
        alert = self.pump(timeout_of(cmd), lambda a: a if isinstance(a, lt.dht_immutable_item_alert)
                          and str(a.target) == target else None)
        try:
            value = alert.item["value"]
        except RuntimeError:  # an empty entry: nobody had it
            return {"found": False}
        return dict(found=True, **value_fields(value))

    def cmd_put_mutable(self, cmd):
        public_key, secret_key = ed25519_keys.keypair(bytes.fromhex(cmd["seed"]))
        salt = cmd.get("salt", "").encode()
        self.session.dht_put_mutable_item(secret_key, public_key, cmd["value"].encode(), salt)
        alert = self.pump(timeout_of(cmd), lambda a: a if isinstance(a, lt.dht_put_alert)
                          and as_bytes(a.public_key) == public_key and as_bytes(a.salt) == salt else None)
        return {"public_key": public_key.hex(), "target": mutable_target(public_key, salt),
                "seq": alert.seq, "stored": alert.num_success}

    def cmd_get_mutable(self, cmd):
        public_key = bytes.fromhex(cmd["public_key"])
        salt = cmd.get("salt", "").encode()
        self.session.dht_get_mutable_item(public_key, salt)
        alert = self.pump(timeout_of(cmd), lambda a: a if isinstance(a, lt.dht_mutable_item_alert)
                          and as_bytes(a.key) == public_key and as_bytes(a.salt) == salt and a.authoritative else None)
        try:
            value = alert.item["value"]
        except RuntimeError:  # an empty entry: nobody had it
            return {"found": False}
        return dict(found=True, seq=alert.seq, **value_fields(value))

    def run(self, bootstrap):
        try:
            self.wait_ready()
            self.join(bootstrap)
        except Exception as e:
            reply({"ready": False, "error": "%s: %s" % (type(e).__name__, e)})
            sys.exit(1)
        reply({"ready": True, "id": self.node_id, "port": self.port})
        # A reader thread, so that lines arriving together are all seen (select() on a buffered
        # stdin misses the second), while this thread keeps draining alerts between commands.
        lines = queue.Queue()
        threading.Thread(target=read_lines, args=(lines,), daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                # pop_alerts frees the alerts it returned last time: a command may have left some of
                # them in the backlog, and they must be seen before popping again.
                if not self.backlog:
                    self.backlog.extend(self.session.pop_alerts())
                while self.backlog:
                    self.observe(self.backlog.popleft())
                continue
            if not line:
                return
            if line.strip() and not self.execute(line):
                return

    def execute(self, line):
        cmd = {}
        try:
            cmd = json.loads(line)
            if cmd.get("cmd") == "quit":
                reply({"ok": True, "cmd": "quit"})
                return False
            handler = self.handlers.get(cmd.get("cmd"))
            if handler is None:
                raise ValueError("unknown command %r" % cmd.get("cmd"))
            result = handler(cmd)
            ok = "error" not in result
            reply(dict({"ok": ok, "cmd": cmd["cmd"]}, **result))
        except Exception as e:  # the test reads the failure; the peer keeps serving
            reply({"ok": False, "cmd": cmd.get("cmd") if isinstance(cmd, dict) else None,
                   "error": "%s: %s" % (type(e).__name__, e)})
        return True


def read_lines(lines):
    for line in sys.stdin:
        lines.put(line)
    lines.put("")  # end of input


def packet_of(alert):
    """(direction, (host, port), message) of a DHT packet alert, None for other alerts."""
    if not isinstance(alert, lt.dht_pkt_alert):
        return None
    text = alert.message()  # "<== [127.0.0.1:6881] ..." for incoming, "==>" for outgoing
    endpoint = text[text.index("[") + 1:text.index("]")]
    msg = lt.bdecode(alert.pkt_buf)
    if not isinstance(msg, dict):
        return None
    return ("in" if text.startswith("<==") else "out"), split_addr(endpoint), msg


def as_bytes(text_or_bytes):
    """The bindings hand some byte strings over as str."""
    return text_or_bytes.encode() if isinstance(text_or_bytes, str) else bytes(text_or_bytes)


def split_addr(text):
    host, port = text.rsplit(":", 1)
    return host, int(port)


def timeout_of(cmd):
    return int(cmd.get("timeout_ms", DEFAULT_TIMEOUT_MS))


def mutable_target(public_key, salt):
    return hashlib.sha1(public_key + salt).hexdigest()


def value_fields(value):
    return {"value": value.decode("utf-8", "replace"), "value_hex": value.hex()}


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--bootstrap", nargs="*", default=[], help="HOST:PORT of nodes to join through")
    args = ap.parse_args()
    Driver(args.port).run(args.bootstrap)


if __name__ == "__main__":
    faulthandler.enable()  # a crash in libtorrent's native code would otherwise leave stderr empty
    main()
