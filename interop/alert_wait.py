"""Waiting for libtorrent alerts without session.wait_for_alert (docs/interop.md).

wait_for_alert returns a pointer to the first alert still in libtorrent's queue, and the Python
bindings wrap it at once; the network thread may grow that queue meanwhile, which moves its alerts,
and the wrapper then reads freed memory (CI saw the libtorrent driver die of SIGSEGV inside
wait_for_alert). libtorrent writes a byte to a file descriptor when an alert lands in an empty
queue, so the waiting here is a select() on a pipe, and alerts are only ever touched through
pop_alerts.
"""
import os
import select


class AlertWaker:
    def __init__(self, session):
        self._read, write = os.pipe()
        os.set_blocking(self._read, False)
        # libtorrent writes from its network thread: a full pipe must not block it
        os.set_blocking(write, False)
        session.set_alert_fd(write)

    def wait(self, timeout_s):
        """Returns once an alert may be waiting, or after timeout_s."""
        ready, _, _ = select.select([self._read], [], [], max(timeout_s, 0))
        if ready:
            try:
                os.read(self._read, 4096)
            except BlockingIOError:
                pass
