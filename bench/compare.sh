#!/usr/bin/env bash
# Compares this checkout's `recpub build` with an earlier recpub binary, in one run, on tmpfs.
#
#   bash bench/compare.sh OLD_BINARY OLD_CHECKOUT [SCALE]     (default scale: 1)
#
# OLD_CHECKOUT is the source folder OLD_BINARY was built from: each binary builds the content
# its own `synth --scale SCALE` writes from its own bundled content, with its own theme, so
# each is measured on the product as it was (features, pages and files included). Builds
# alternate (old, new, new --no-zip, old, …) so that all see the same background noise; K
# runs each (BENCH_K, default 21) after one warm-up build, which fills the preview and ZIP
# caches as an author's second build would find them. Prints the median wall time, its
# quartiles, and mean user and system CPU, with the ratios new / old.
#
# Then the cold runs: each binary builds for an absolute base URL (so that it draws the
# preview images) from an empty cache (`.recpub-cache` removed before each build, the
# images, the highlighted code and the offline ZIP all made again), alternating old, new;
# BENCH_COLD_K runs each (default 5, and 1 from scale 100 on: a cold 100x build draws 11,101
# images); BENCH_COLD_K=0 skips them.
set -euo pipefail

OLD_BIN=$(realpath "${1:?usage: bench/compare.sh OLD_BINARY OLD_CHECKOUT [SCALE]}")
OLD_SRC=$(realpath "${2:?usage: bench/compare.sh OLD_BINARY OLD_CHECKOUT [SCALE]}")
SCALE=${3:-1}
K=${BENCH_K:-21}
if [ "$SCALE" -ge 100 ]; then COLD_K=${BENCH_COLD_K:-1}; else COLD_K=${BENCH_COLD_K:-5}; fi
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -x /usr/bin/time ] || { echo "error: needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 2; }

cd "$ROOT"
cargo build --release --quiet
WORK=$(mktemp -d /dev/shm/recpub-compare.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "${CARGO_TARGET_DIR:-target}/release/recpub" "$WORK/new"
cp "$OLD_BIN" "$WORK/old"
# Each version in a folder of its own: its themes, its synthetic content, its caches.
for v in old new; do
    src=$([ "$v" = old ] && echo "$OLD_SRC" || echo "$ROOT")
    mkdir -p "$WORK/$v.d"
    cp -r "$src/themes" "$WORK/$v.d/themes"
    (cd "$src" && "$WORK/$v" synth --scale "$SCALE" --out "$WORK/$v.d/content" >/dev/null)
done

# run NAME BINARY ARGS…: one timed build in NAME's folder, appended to NAME.txt.
# Wall time from the shell's microsecond clock; CPU from GNU time (hundredths of a second,
# so only its mean over K runs means anything).
run() {
    local name=$1 bin=$2 dir=$3 start end; shift 3
    start=$EPOCHREALTIME
    (cd "$WORK/$dir" && /usr/bin/time -f "%U %S" -o "$WORK/t" \
        "$WORK/$bin" build -q --content content --out out "$@" >/dev/null 2>&1)
    end=$EPOCHREALTIME
    echo "$(echo "$end - $start" | bc -l) $(cat "$WORK/t")" >> "$WORK/$name.txt"
}
cold() {  # cold NAME BINARY: one build from an empty cache, drawing the preview images
    rm -rf "$WORK/$2.d/.recpub-cache"
    run "$1" "$2" "$2.d" --base-url https://example.org/lanzarote/
}
run old old old.d; run new new new.d; run nozip new new.d --no-zip
rm -f "$WORK"/*.txt
for _ in $(seq "$K"); do
    run old old old.d
    run new new new.d
    run nozip new new.d --no-zip
done

for _ in $(seq "$COLD_K"); do
    cold oldcold old
    cold newcold new
done

stats() {  # median wall (ms) q1 q3, mean user (ms), mean sys (ms)
    sort -g "$WORK/$1.txt" | awk '{w[NR]=$1*1000; u+=$2*1000; s+=$3*1000}
        END {printf "%d %d %d %d %d", w[int((NR+1)/2)], w[int(NR/4)+1], w[int(3*NR/4)], u/NR, s/NR}'
}
read -r ow oq1 oq3 ou os <<<"$(stats old)"
echo "scale ${SCALE}x, K=$K alternated runs, load before/after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| build | wall ms (median, q1–q3) | user ms | sys ms | wall / old (cold: / old cold) |"
echo "| --- | ---: | ---: | ---: | ---: |"
names=(old new nozip)
[ "$COLD_K" -gt 0 ] && names+=(oldcold newcold) && read -r ocw _ <<<"$(stats oldcold)"
for name in "${names[@]}"; do
    read -r w q1 q3 u s <<<"$(stats "$name")"
    ref=$ow
    [[ $name == *cold ]] && ref=$ocw    # cold against cold
    case $name in
        nozip) label="new --no-zip" ;;
        oldcold) label="old, cold cache (K=$COLD_K)" ;;
        newcold) label="new, cold cache (K=$COLD_K)" ;;
        *) label=$name ;;
    esac
    printf "| %s | %d (%d–%d) | %d | %d | %.2f |\n" "$label" "$w" "$q1" "$q3" "$u" "$s" \
        "$(echo "$w / $ref" | bc -l)"
done
