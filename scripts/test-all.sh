#!/usr/bin/env bash
# The whole test suite, on a fresh machine of this kind: installs what it needs (Debian's
# Chromium, the browser tests' npm packages from their lockfile), then runs formatting and lint
# checks, the Rust tests, then builds the site under a sub-path and runs the browser tests on it.
set -euo pipefail
cd "$(dirname "$0")/.."

# What this needs, checked before anything runs, so a missing tool is one line and not a
# failure minutes in.
step() { echo "== $* ($(date -u +%H:%M:%S))"; }
need() { echo "test-all.sh: $*" >&2; exit 1; }
command -v cargo >/dev/null || need "install Rust 1.88 or later (https://rustup.rs)"
cargo clippy --version >/dev/null 2>&1 || need "install clippy: rustup component add clippy"
cargo fmt --version >/dev/null 2>&1 || need "install rustfmt: rustup component add rustfmt"
command -v cc >/dev/null || need "install a C compiler (gcc or clang): Oniguruma is built from source"
command -v node >/dev/null && command -v npm >/dev/null || need "install Node.js 20 or later with npm"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
  || need "Node.js $(node --version) is too old: install Node.js 20 or later"
chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ]; then
  if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
    need "install Chromium at /usr/bin/chromium (or set CHROMIUM_PATH); installing it here needs apt-get and root"
  fi
  step "installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

# The W3C checker (tests/browser/w3c.test.mjs) is a Java program.
if ! command -v java >/dev/null; then
  if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
    need "install a Java runtime (17 or later) for the W3C checker; installing it here needs apt-get and root"
  fi
  step "installing Debian's default-jre-headless"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq default-jre-headless >/dev/null
fi

step "npm ci (tests/browser)"
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (compiles the crate and its tests: a few minutes the first time)"
cargo clippy --all-targets --locked -- -D warnings

step "cargo test"
cargo test --locked

# The browser tests' sites are built with the debug binary `cargo test` has just built: a
# release build would compile every dependency a third time (about 3 minutes on 2 cores) to
# save a few seconds of site building.
recpub="${CARGO_TARGET_DIR:-$PWD/target}/debug/recpub"
step "build the sites for the browser tests (base URL /lanzarote/)"
site_tmp="$(mktemp -d)"
trap 'rm -rf "$site_tmp"' EXIT
"$recpub" build --out "$site_tmp/site" --base-url /lanzarote/
# A small site whose data carries script payloads, for the search page's XSS tests.
"$recpub" build --content tests/fixtures/xss/content --out "$site_tmp/xss"
# A site of two reports, for the search page over several (tests/browser/search-reports.test.mjs).
"$recpub" build --content tests/fixtures/site-two-reports/content --out "$site_tmp/two" --base-url /two/
export REPORTS_SITE_DIR="$site_tmp/two"
# The offline edition, opened from its folder (file://) by tests/browser/offline.test.mjs.
"$recpub" build --offline --out "$site_tmp/offline" --base-url /lanzarote/
export OFFLINE_SITE_DIR="$site_tmp/offline"
# Ten times the content, where lists are paginated and Party pages split long groups
# (tests/browser/site.test.mjs), with no offline ZIP (not looked at).
"$recpub" synth --scale 10 --out "$site_tmp/content10"
"$recpub" build --no-zip --content "$site_tmp/content10" \
  --out "$site_tmp/site10" --base-url /lanzarote/
export SCALED_SITE_DIR="$site_tmp/site10"

# `serve` in the browser (tests/browser/serve.test.mjs) runs the same binary.
export RECPUB_BIN="$recpub"

step "browser tests"
SITE_DIR="$site_tmp/site" SITE_BASE_PATH=/lanzarote/ XSS_SITE_DIR="$site_tmp/xss" node --test tests/browser/
