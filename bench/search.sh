#!/usr/bin/env bash
# Search budgets at 1× and 100×: index build time (Rust, median), what the first query
# downloads and query-to-render time in headless Chromium (bench/search.mjs).
# Usage: bash bench/search.sh   (needs Debian's chromium and `npm ci --prefix tests/browser`)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d "${TMPDIR:-/tmp}/recpub-search-bench.XXXXXX")"
[ -d /dev/shm ] && work="$(mktemp -d /dev/shm/recpub-search-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

cargo build --release -q
bin="${CARGO_TARGET_DIR:-target}/release/recpub"
"$bin" synth --scale 100 --out "$work/c100" >/dev/null
"$bin" build --out "$work/s1" >/dev/null
"$bin" build --content "$work/c100" --out "$work/s100" >/dev/null

echo "== index build"
RECPUB_BENCH_CONTENT="content:$work/c100" cargo bench -q --bench search_index 2>/dev/null
echo
echo "== first query and query time (Chromium)"
node bench/search.mjs "1×=$work/s1" "100×=$work/s100"
