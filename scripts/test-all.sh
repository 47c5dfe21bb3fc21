#!/usr/bin/env bash
# The whole test suite, on a fresh machine of this kind: installs what it needs (Debian's
# Chromium, the browser tests' npm packages from their lockfile), then runs formatting and lint
# checks, the Rust tests, then builds the site under a sub-path and runs the browser tests on it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

echo "== npm ci (tests/browser)"
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --locked

echo "== build the site for the browser tests (base URL /lanzarote/)"
site_tmp="$(mktemp -d)"
trap 'rm -rf "$site_tmp"' EXIT
cargo run --release --locked -q -- build --out "$site_tmp/site" --base-url /lanzarote/
# A small site whose data carries script payloads, for the search page's XSS tests.
cargo run --release --locked -q -- build --content tests/fixtures/xss/content --out "$site_tmp/xss"

# `serve` in the browser (tests/browser/serve.test.mjs) runs the release binary built above.
export RECPUB_BIN="$PWD/target/release/recpub"

echo "== browser tests"
SITE_DIR="$site_tmp/site" SITE_BASE_PATH=/lanzarote/ XSS_SITE_DIR="$site_tmp/xss" node --test tests/browser/
