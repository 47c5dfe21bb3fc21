#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices, SEO) for one page of every
# kind, in Debian's headless Chromium with Lighthouse's mobile emulation. Builds the release
# binary, installs the pinned Lighthouse (bench/lighthouse/package-lock.json) and the browser
# harness (tests/browser) when missing, then runs bench/lighthouse/run.mjs, which builds the
# site for http://127.0.0.1:PORT/, serves it there, prints a table and writes
# bench/lighthouse/results.md.
# Usage: bash bench/lighthouse.sh [--strict] [--port N] [--runs N] [--only slug,slug] [--json-dir DIR]
#   --strict: exit 1 if a page is below 95 in performance or below 100 in any other category.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
for dir in tests/browser bench/lighthouse; do
  if [ ! -d "$dir/node_modules" ]; then
    echo "== npm ci ($dir)"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

cargo build --release --locked -q
exec node bench/lighthouse/run.mjs "$@"
