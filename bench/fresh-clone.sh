#!/usr/bin/env bash
# What a newcomer waits for: the whole test suite (`bash scripts/test-all.sh`) run from a fresh
# `git clone` of the current commit, with an empty target folder, then the size of `target/`.
#
#   bash bench/fresh-clone.sh [RUNS]     (default 1; Chromium and Java already installed)
#
# Prints, per run, the suite's elapsed time and the size of the clone's `target/`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-1}
for run in $(seq 1 "$RUNS"); do
    WORK=$(mktemp -d)
    git clone -q "$ROOT" "$WORK/clone"
    start=$(date +%s)
    (cd "$WORK/clone" && unset CARGO_TARGET_DIR && bash scripts/test-all.sh >"$WORK/log" 2>&1) || {
        tail -40 "$WORK/log"
        echo "run $run: the suite failed (log above)" >&2
        exit 1
    }
    end=$(date +%s)
    secs=$((end - start))
    size=$(du -sh "$WORK/clone/target" | cut -f1)
    printf 'run %d: suite %d min %02d s, target/ %s\n' "$run" $((secs / 60)) $((secs % 60)) "$size"
    rm -rf "$WORK"
done
