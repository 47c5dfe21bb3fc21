"""Load on a running `recpub serve`, on loopback only: slow readers of one large file and fast
clients of pages, for a bounded time, while the server's resident memory is sampled.

    python3 bench/serve-load.py PORT PID [--slow N] [--fast N] [--seconds S] [--edit FILE]

- N slow readers (default 300, at most 1,000) each GET `/data/recommendations.json` and read it
  at 64 KiB/s through a 16 KiB receive buffer, as a client on a slow link would;
- N fast clients (default 20, at most 200) GET a rotation of pages (the home page, Party pages,
  recommendation pages, the data file) one after another, each timed from connect to the last
  byte; their p50/p99/max are the latency figures, pages and the data file apart;
- with --edit, FILE (a recommendation) gains a word every 2 s, so the server rebuilds while it
  serves;
- the server's VmRSS is read from /proc/PID/status every 0.25 s; VmHWM at the end.

Prints one JSON object. Everything ends after --seconds (default 20, at most 120): sockets are
closed, the file is restored.
"""

import argparse
import asyncio
import json
import os
import socket
import time

HOST = "127.0.0.1"
BIG = "/data/recommendations.json"
PAGES = ["/", "/parties/finland/", "/parties/albania/", "/recommendations/ii-1/",
         "/recommendations/iii-16/", "/sections/ii/", "/levels/request/", BIG]


def rss_mb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0


async def connect(port, rcvbuf=None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, (HOST, port))
    return await asyncio.open_connection(sock=sock, limit=rcvbuf or 2**16)


def request(port, path):
    return f"GET {path} HTTP/1.0\r\nHost: {HOST}:{port}\r\n\r\n".encode()


async def slow_reader(port, deadline, stats):
    """Reads the big file at 64 KiB/s until it ends or time is up."""
    try:
        reader, writer = await connect(port, rcvbuf=16 * 1024)
    except OSError:
        stats["refused"] += 1
        return
    writer.write(request(port, BIG))
    await writer.drain()
    got = 0
    try:
        while time.monotonic() < deadline:
            chunk = await asyncio.wait_for(reader.read(16 * 1024), deadline - time.monotonic())
            if not chunk:
                stats["slow_done"] += 1
                break
            got += len(chunk)
            await asyncio.sleep(0.25)
    except (asyncio.TimeoutError, OSError):
        pass
    finally:
        stats["slow_bytes"] += got
        writer.close()


async def fast_client(port, deadline, times, errors, offset):
    i = offset
    while time.monotonic() < deadline:
        path = PAGES[i % len(PAGES)]
        i += 1
        t0 = time.monotonic()
        try:
            reader, writer = await connect(port)
            writer.write(request(port, path))
            await writer.drain()
            data = await asyncio.wait_for(reader.read(), 30)
            writer.close()
            if not data.startswith(b"HTTP/1.1 200") and not data.startswith(b"HTTP/1.0 200"):
                errors.append(data[:40].decode(errors="replace"))
                continue
        except (OSError, asyncio.TimeoutError) as e:
            errors.append(type(e).__name__)
            continue
        times.append((path == BIG, time.monotonic() - t0))


async def sampler(pid, deadline, samples):
    while time.monotonic() < deadline:
        samples.append(rss_mb(pid))
        await asyncio.sleep(0.25)


async def editor(path, deadline, count):
    original = open(path).read()
    try:
        i = 0
        while time.monotonic() < deadline:
            await asyncio.sleep(2)
            i += 1
            with open(path, "w") as f:
                f.write(original.rstrip("\n") + f" loaded{i}\n")
            count[0] += 1
    finally:
        with open(path, "w") as f:
            f.write(original)


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("pid", type=int)
    ap.add_argument("--slow", type=int, default=300)
    ap.add_argument("--fast", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--edit")
    a = ap.parse_args()
    slow, fast = min(a.slow, 1000), min(a.fast, 200)
    seconds = min(a.seconds, 120)
    before = rss_mb(a.pid)
    deadline = time.monotonic() + seconds
    stats = {"refused": 0, "slow_done": 0, "slow_bytes": 0}
    times, errors, samples, edits = [], [], [], [0]
    tasks = [sampler(a.pid, deadline, samples)]
    tasks += [slow_reader(a.port, deadline, stats) for _ in range(slow)]
    tasks += [fast_client(a.port, deadline, times, errors, i) for i in range(fast)]
    if a.edit:
        tasks.append(editor(a.edit, deadline, edits))
    await asyncio.gather(*tasks)
    ms = lambda s: None if s is None else round(s * 1000)
    pages = [t for is_big, t in times if not is_big]
    big = [t for is_big, t in times if is_big]
    print(json.dumps({
        "slow_readers": slow, "fast_clients": fast, "seconds": seconds, "edits": edits[0],
        "rss_before_mb": round(before), "rss_peak_sampled_mb": round(max(samples, default=0)),
        "vmhwm_mb": round(rss_mb(a.pid, "VmHWM")), "rss_end_mb": round(rss_mb(a.pid)),
        "requests": len(times), "errors": len(errors), "error_kinds": sorted(set(errors))[:5],
        "pages_p50_ms": ms(pct(pages, 50)), "pages_p99_ms": ms(pct(pages, 99)),
        "pages_max_ms": ms(max(pages, default=None)),
        "data_file_p50_ms": ms(pct(big, 50)), "data_file_max_ms": ms(max(big, default=None)),
        "slow_bytes_read_mb": round(stats["slow_bytes"] / 2**20), "slow_finished": stats["slow_done"],
        "slow_refused": stats["refused"],
    }))


if __name__ == "__main__":
    asyncio.run(main())
