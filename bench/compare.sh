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
set -euo pipefail

OLD_BIN=$(realpath "${1:?usage: bench/compare.sh OLD_BINARY OLD_CHECKOUT [SCALE]}")
OLD_SRC=$(realpath "${2:?usage: bench/compare.sh OLD_BINARY OLD_CHECKOUT [SCALE]}")
SCALE=${3:-1}
K=${BENCH_K:-21}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -x /usr/bin/time ] || { echo "error: needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 2; }

cd "$ROOT"
cargo build --release --quiet
WORK=$(mktemp -d /dev/shm/recpub-compare.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp target/release/recpub "$WORK/new"
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
run old old old.d; run new new new.d; run nozip new new.d --no-zip
rm -f "$WORK"/*.txt
for _ in $(seq "$K"); do
    run old old old.d
    run new new new.d
    run nozip new new.d --no-zip
done

stats() {  # median wall (ms) q1 q3, mean user (ms), mean sys (ms)
    sort -g "$WORK/$1.txt" | awk '{w[NR]=$1*1000; u+=$2*1000; s+=$3*1000}
        END {printf "%d %d %d %d %d", w[int((NR+1)/2)], w[int(NR/4)+1], w[int(3*NR/4)], u/NR, s/NR}'
}
read -r ow oq1 oq3 ou os <<<"$(stats old)"
echo "scale ${SCALE}x, K=$K alternated runs, load before/after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| build | wall ms (median, q1–q3) | user ms | sys ms | wall / old |"
echo "| --- | ---: | ---: | ---: | ---: |"
for name in old new nozip; do
    read -r w q1 q3 u s <<<"$(stats "$name")"
    label=$([ "$name" = nozip ] && echo "new --no-zip" || echo "$name")
    printf "| %s | %d (%d–%d) | %d | %d | %.2f |\n" "$label" "$w" "$q1" "$q3" "$u" "$s" \
        "$(echo "$w / $ow" | bc -l)"
done
