#!/usr/bin/env bash
# `serve` under load at 100×: slow readers of the 12.4 MB data file and fast clients of pages,
# with edits, on loopback only; the server's memory and the fast clients' latency.
#
#   bash bench/serve-load.sh [SLOW] [FAST] [SECONDS]    defaults: 300 slow readers, 20 fast
#                                                       clients, 20 s (at most 1,000, 200, 120)
#
# Makes a 100× content folder with `recpub synth --scale 100` (seed 1), starts `recpub serve`
# on 127.0.0.1 with a free port, waits for its first build, then runs bench/serve-load.py
# (see there: each slow reader reads at 64 KiB/s; the fast clients time each page from connect
# to last byte; with EDITS=1, the default, II-1.md gains a word every 2 s). Prints the JSON
# figures. RECPUB_BIN (default: the release binary, built here) picks the binary to measure.
set -euo pipefail
cd "$(dirname "$0")/.."
slow="${1:-300}" fast="${2:-20}" seconds="${3:-20}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
if [[ -z "${RECPUB_BIN:-}" ]]; then
  cargo build --release --locked -q
fi
bin="${RECPUB_BIN:-$target/release/recpub}"
work="$(mktemp -d)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" synth --scale 100 --out "$work/content" >/dev/null
cp -r themes "$work/themes"
# The edits must be named in the next release's note, as a maintainer would.
if [[ -d "$work/content/releases" ]]; then
  echo "II-1 edited." >"$work/content/releases/next.md"
fi
# More open files than connections, so that the default connection cap is not what is measured.
ulimit -n 4096 2>/dev/null || true
(cd "$work" && exec "$bin" serve --port 0 >"$work/serve.out" 2>"$work/serve.err") &
pid=$!
url=""
for _ in $(seq 1 1200); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.out" 2>/dev/null | head -1 || true)"
  [[ -n "$url" ]] && grep -q 'first build' "$work/serve.out" && break
  sleep 0.05
done
[[ -n "$url" ]] || { echo "serve did not start: $(cat "$work/serve.err")" >&2; exit 1; }
port="${url#http://127.0.0.1:}" port="${port%/}"
edit=()
[[ "${EDITS:-1}" == 1 ]] && edit=(--edit "$work/content/recommendations/II-1.md")
python3 bench/serve-load.py "$port" "$pid" --slow "$slow" --fast "$fast" --seconds "$seconds" "${edit[@]}"
grep -c 'changed)' "$work/serve.out" | sed 's/^/rebuilds during the run: /' >&2
