#!/usr/bin/env bash
# Screenshots of one page of every kind, at 390×844 and 1280×800, in light, dark and print:
# builds the site from the bundled content (base URL /lanzarote/), a site of ten times the
# content (a Party's brief in parts) and the fixture site of two reports
# (tests/fixtures/site-two-reports), then writes OUT_DIR/<kind>-<width>-<light|dark|print>.png
# and OUT_DIR/index.md for the first, and the same in OUT_DIR/scaled/ and OUT_DIR/reports/ for
# the other two (default OUT_DIR: screenshots/, git-ignored). Needs Debian's chromium and
# tests/browser's npm packages, which scripts/test-all.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-screenshots}"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
recpub() { cargo run --release --locked -q -- "$@"; }
echo "== build the sites (base URL /lanzarote/)"
recpub build --quiet --out "$site/site" --base-url /lanzarote/
recpub synth --scale 8 --out "$site/content8" >/dev/null
recpub build --quiet --no-zip --content "$site/content8" --out "$site/scaled" --base-url /lanzarote/
recpub build --quiet --content tests/fixtures/site-two-reports/content --out "$site/reports" \
  --base-url /lanzarote/
echo "== screenshots into $out/"
node tests/browser/screenshots.mjs "$site/site" "$out" /lanzarote/ bundled
node tests/browser/screenshots.mjs "$site/scaled" "$out/scaled" /lanzarote/ scaled
node tests/browser/screenshots.mjs "$site/reports" "$out/reports" /lanzarote/ reports
