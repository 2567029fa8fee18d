"""A TCP port that accepts connections and never answers: a hung or black-holed server."""
from __future__ import annotations

import socket
import threading
from contextlib import contextmanager


@contextmanager
def silent_listener():
    """Yields ``(port, accepted)``; every accepted socket is kept open (and silent) until the end."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)  # close() does not wake a blocked accept(): poll instead
    accepted: list[socket.socket] = []
    closing = threading.Event()

    def accept():
        while not closing.is_set():
            try:
                accepted.append(listener.accept()[0])
            except socket.timeout:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        closing.set()
        thread.join(5)
        listener.close()
        for conn in accepted:
            conn.close()
