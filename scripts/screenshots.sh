#!/usr/bin/env bash
# Screenshots of one page of every kind, at 390×844 and 1280×800, in light, dark and print:
# builds the site from the bundled content (base URL /lanzarote/), then writes
# OUT_DIR/<kind>-<width>-<light|dark|print>.png and OUT_DIR/index.md (default OUT_DIR:
# screenshots/, git-ignored). Needs Debian's chromium and tests/browser's npm packages, which
# scripts/test-all.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-screenshots}"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
echo "== build the site (base URL /lanzarote/)"
cargo run --release --locked -q -- build --quiet --out "$site/site" --base-url /lanzarote/
echo "== screenshots into $out/"
node tests/browser/screenshots.mjs "$site/site" "$out" /lanzarote/
