#!/usr/bin/env bash
# Benchmarks recpub against Hugo on the same synthetic content, in the same run, on tmpfs.
#
#   bash bench/run.sh [SCALE...]        (default: 1 10 100)
#
# For each scale N: `recpub synth --scale N` writes a content folder, bench/hugo-site.py turns it
# into an equivalent Hugo site, then both tools build it K times, alternating (recpub, hugo,
# recpub, …) so that both see the same background noise. Identical reruns move medians by up to
# ±35% on this kind of machine, so only ratios measured within one run mean anything: never
# compare a number here with one from another run.
#
# Each run also builds the offline edition (`build --offline`) and the site without the offline
# edition's ZIP (`build --no-zip`, so the ZIP's cost is the difference), timed the same way.
#
# Prints a Markdown table and writes it, with the machine and versions, to bench/results.md.
# Environment: BENCH_K=<n> overrides the number of runs per tool (default 5 below 100x, 3 from
# 100x on); BENCH_TIMEOUT=<s> bounds each single build (default 900 s); BENCH_SAVES=<n> is the
# number of saves per scale for the serve column (default 7); BENCH_SERVE=0 skips that column.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if [ "$#" -gt 0 ]; then SCALES=("$@"); else SCALES=(1 10 100); fi
for n in "${SCALES[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "error: scale must be a positive integer: $n" >&2; exit 2; }
done
TIMEOUT=${BENCH_TIMEOUT:-900}

log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

# --- tools --------------------------------------------------------------------------------
need_apt=()
command -v hugo >/dev/null || need_apt+=(hugo)
[ -x /usr/bin/time ] || need_apt+=(time)          # GNU time, for peak RSS (%M)
command -v python3 >/dev/null || need_apt+=(python3)
if [ "${#need_apt[@]}" -gt 0 ]; then
    log "installing from Debian: ${need_apt[*]}"
    apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
HUGO_VERSION=$(hugo version | head -n1)

# --- work dir: tmpfs when there is one (ext4 is 2–5x slower and much noisier) ---------------
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    WORK=$(mktemp -d /dev/shm/recpub-bench.XXXXXX)
    FS="tmpfs (/dev/shm)"
else
    WORK=$(mktemp -d)
    FS="$(df -T "$WORK" | awk 'NR==2 {print $2}') ($(dirname "$WORK")): no /dev/shm, expect slower and noisier numbers"
fi
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
log "work dir: $WORK on $FS"
export HUGO_CACHEDIR="$WORK/hugo-cache"   # keep Hugo's cache out of /tmp, and per run

# --- recpub: build once, then run a snapshot --------------------------------------------
# src/ and themes/ may change while this runs: copy the binary and the theme now so
# that every run of this benchmark builds with the same code and the same templates.
log "cargo build --release"
cargo build --release --quiet
mkdir -p "$WORK/recpub"
cp "${CARGO_TARGET_DIR:-target}/release/recpub" "$WORK/recpub/recpub"
cp -r themes "$WORK/recpub/themes"              # `build` reads themes/ relative to its cwd
RECPUB="$WORK/recpub/recpub"
GIT_REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src themes Cargo.toml Cargo.lock 2>/dev/null)" ]; then
    GIT_REV="$GIT_REV + uncommitted changes in src/themes"
fi

# --- helpers ------------------------------------------------------------------------------
# median of numbers on stdin (K is odd; for even K the upper middle)
median() { sort -g | awk '{a[NR]=$1} END {print a[int(NR/2)+1]}'; }
max() { sort -g | tail -n1; }
# sum of the sizes of the regular files under $1 (apparent size, not blocks)
bytes() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
# sum of each file's gzip -9 size: the index is served file by file, compressed
gz_bytes() { find "$1" -type f -print0 | sort -z | xargs -0 -r -n1 sh -c 'gzip -9 -c "$0" | wc -c' | awk '{s+=$1} END {print s+0}'; }
html_pages() { find "$1" -type f -name '*.html' | wc -l; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }          # KiB -> MiB
mbytes() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }    # B -> MiB
kbytes() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1024 }'; }       # B -> KiB

# timed OUTFILE CMD...: runs CMD (cwd unchanged), appends "wall_s rss_kb cpu_s" to OUTFILE.
# Wall time from date(1) in ns (GNU time's %e has 10 ms steps, too coarse at 1x); peak RSS and
# user+sys CPU from GNU time.
timed() {
    local out=$1; shift
    local tf="$WORK/time.txt" t0 t1
    t0=$(date +%s%N)
    if ! timeout "$TIMEOUT" /usr/bin/time -f '%M %U %S' -o "$tf" "$@" >"$WORK/last.log" 2>&1; then
        echo "error: failed (or exceeded ${TIMEOUT}s): $*" >&2
        cat "$WORK/last.log" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    awk -v w="$(( t1 - t0 ))" '{ printf "%.4f %d %.2f\n", w / 1e9, $1, $2 + $3 }' "$tf" >>"$out"
}

run_recpub() { (cd "$WORK/recpub" && timed "$1" "$RECPUB" build --content "$2" --out "$3"); }
run_hugo() { timed "$1" hugo --quiet --source "$2" --destination "$3"; }
run_nozip() { (cd "$WORK/recpub" && timed "$1" "$RECPUB" build --no-zip --content "$2" --out "$3"); }
run_offline() { (cd "$WORK/recpub" && timed "$1" "$RECPUB" build --offline --content "$2" --out "$3"); }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the runs -----------------------------------------------------------------------------
ROWS=()
declare -A T_RECPUB T_HUGO
DETAILS=""
TARGETS=""
# The issue's targets: time ratio and peak RSS (MiB) per scale; "-" = none.
declare -A MAX_RATIO=([1]=0.1 [10]=0.25 [100]=0.5) MAX_MB=([1]=40 [100]=400) MAX_SERVE_MS=([1]=50 [100]=500)
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v <= lim) ? "met" : "MISSED" }'; }
for n in "${SCALES[@]}"; do
    if [ "$n" -ge 100 ]; then K=${BENCH_K:-3}; else K=${BENCH_K:-5}; fi
    d="$WORK/x$n"
    mkdir -p "$d"
    log "scale ${n}x: synth"
    timeout "$TIMEOUT" "$RECPUB" synth --scale "$n" --out "$d/content" >/dev/null
    recs=$(find "$d/content/recommendations" -name '*.md' | wc -l)
    timeout "$TIMEOUT" python3 "$ROOT/bench/hugo-site.py" "$d/content" "$d/hugo" --static "$WORK/recpub/themes/default/static" >/dev/null

    for i in $(seq 1 "$K"); do
        # Fresh output folders, removed outside the timing, so neither tool pays for deleting
        # the previous site (recpub would swap and delete it; Hugo would overwrite in place).
        rm -rf "$d/out-recpub" "$d/out-hugo"
        log "scale ${n}x: run $i/$K recpub"
        run_recpub "$d/recpub.txt" "$d/content" "$d/out-recpub"
        log "scale ${n}x: run $i/$K hugo"
        run_hugo "$d/hugo.txt" "$d/hugo" "$d/out-hugo"
        rm -rf "$d/out-offline" "$d/out-nozip"
        log "scale ${n}x: run $i/$K recpub build --offline"
        run_offline "$d/offline.txt" "$d/content" "$d/out-offline"
        log "scale ${n}x: run $i/$K recpub build --no-zip"
        run_nozip "$d/nozip.txt" "$d/content" "$d/out-nozip"
    done

    r_t=$(cut -d' ' -f1 "$d/recpub.txt" | median); h_t=$(cut -d' ' -f1 "$d/hugo.txt" | median)
    r_m=$(cut -d' ' -f2 "$d/recpub.txt" | max);    h_m=$(cut -d' ' -f2 "$d/hugo.txt" | max)
    r_c=$(cut -d' ' -f3 "$d/recpub.txt" | median); h_c=$(cut -d' ' -f3 "$d/hugo.txt" | median)
    o_t=$(cut -d' ' -f1 "$d/offline.txt" | median); o_m=$(cut -d' ' -f2 "$d/offline.txt" | max)
    z_t=$(cut -d' ' -f1 "$d/nozip.txt" | median); z_c=$(cut -d' ' -f3 "$d/nozip.txt" | median)
    zip_bytes=$(stat -c %s "$d/out-recpub/data/offline.zip" 2>/dev/null || echo 0)
    T_RECPUB[$n]=$r_t; T_HUGO[$n]=$h_t
    r_pages=$(html_pages "$d/out-recpub"); h_pages=$(html_pages "$d/out-hugo")
    r_bytes=$(bytes "$d/out-recpub");       h_bytes=$(bytes "$d/out-hugo")
    s_bytes=0; s_gz=0
    if [ -d "$d/out-recpub/search" ]; then
        s_bytes=$(bytes "$d/out-recpub/search"); s_gz=$(gz_bytes "$d/out-recpub/search")
    fi

    # Serve: save of one recommendation's text → reload event, measured by
    # bench/serve-reload.sh, whose interface is `serve-reload.sh CONTENT_DIR [RUNS]` printing
    # the median in milliseconds on its last line; it runs the same binary and theme snapshot.
    # Anything else (missing, failing, not a number) shows as n/a, with the reason on stderr.
    # BENCH_SERVE=0 skips it.
    serve="n/a"
    if [ "${BENCH_SERVE:-1}" != 0 ] && [ -f "$ROOT/bench/serve-reload.sh" ]; then
        log "scale ${n}x: serve-reload.sh"
        if out=$(RECPUB_BIN="$RECPUB" RECPUB_THEMES="$WORK/recpub/themes" timeout "$TIMEOUT" \
            bash "$ROOT/bench/serve-reload.sh" "$d/content" "${BENCH_SAVES:-7}" 2>"$WORK/serve.err" </dev/null); then
            last=$(printf '%s\n' "$out" | tail -n1 | tr -d '[:space:]')
            if [[ "$last" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
                serve=$last
            else
                log "serve-reload.sh: last line is not milliseconds (${last:0:60}…): n/a"
            fi
        else
            log "serve-reload.sh CONTENT_DIR failed: n/a"; sed 's/^/  serve-reload: /' "$WORK/serve.err" | head -n5 >&2
        fi
    fi

    ROWS+=("| ${n}× | $recs | $r_t | $h_t | **$(ratio "$r_t" "$h_t")** | $r_c / $h_c | $(mb "$r_m") | $(mb "$h_m") | $(ratio "$r_m" "$h_m") | $r_pages / $h_pages | $(mbytes "$r_bytes") / $(mbytes "$h_bytes") | $(kbytes "$s_bytes") ($(kbytes "$s_gz")) | $serve | $z_t / $z_c | $o_t / $(mb "$o_m") | $(mbytes "$(bytes "$d/out-offline")") / $(mbytes "$zip_bytes") |")
    if [ -n "${MAX_RATIO[$n]:-}" ]; then
        TARGETS+="- ${n}×: time ratio $(ratio "$r_t" "$h_t") ≤ ${MAX_RATIO[$n]}: $(verdict "$(ratio "$r_t" "$h_t")" "${MAX_RATIO[$n]}")"
        [ -n "${MAX_MB[$n]:-}" ] && TARGETS+="; peak RSS $(mb "$r_m") MB ≤ ${MAX_MB[$n]} MB: $(verdict "$(mb "$r_m")" "${MAX_MB[$n]}")"
        TARGETS+=$'\n'
    fi
    if [ -n "${MAX_SERVE_MS[$n]:-}" ]; then
        TARGETS+="- ${n}× serve: save → reload $serve ms ≤ ${MAX_SERVE_MS[$n]} ms: $(verdict "${serve/n\/a/1e9}" "${MAX_SERVE_MS[$n]}")"$'\n'
    fi
    DETAILS+="- ${n}× (K=$K): recpub wall s $(cut -d' ' -f1 "$d/recpub.txt" | tr '\n' ' ')| Hugo wall s $(cut -d' ' -f1 "$d/hugo.txt" | tr '\n' ' ')| build --offline wall s $(cut -d' ' -f1 "$d/offline.txt" | tr '\n' ' ')| --no-zip wall s $(cut -d' ' -f1 "$d/nozip.txt" | tr '\n' ' ')"$'\n'
    rm -rf "$d"    # 100x leaves ~0.5 GB on tmpfs: free it before the next scale
done

# Linearity: (t_b / t_a) / (b / a) for each step between consecutive scales; 1.00 is linear.
LIN=""
if [ -n "${T_RECPUB[10]:-}" ] && [ -n "${T_RECPUB[100]:-}" ]; then
    l=$(awk -v x="${T_RECPUB[100]}" -v y="${T_RECPUB[10]}" 'BEGIN { printf "%.2f", (x / y) / 10 }')
    TARGETS+="- 10×→100×: recpub linearity $l ≤ 1.3: $(verdict "$l" 1.3)"$'\n'
fi
for ((i = 1; i < ${#SCALES[@]}; i++)); do
    a=${SCALES[i-1]}; b=${SCALES[i]}
    LIN+="- ${a}×→${b}×: recpub $(awk -v x="${T_RECPUB[$b]}" -v y="${T_RECPUB[$a]}" -v f="$(( b ))" -v g="$(( a ))" 'BEGIN { printf "%.2f", (x / y) / (f / g) }'), Hugo $(awk -v x="${T_HUGO[$b]}" -v y="${T_HUGO[$a]}" -v f="$(( b ))" -v g="$(( a ))" 'BEGIN { printf "%.2f", (x / y) / (f / g) }')"$'\n'
done

MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
TABLE=$(
    echo "| scale | recommendations | recpub s | Hugo s | time ratio | CPU s recpub / Hugo | recpub MB | Hugo MB | RSS ratio | HTML pages recpub / Hugo | output MB recpub / Hugo | search index KB (gzip -9) | serve: text edit → reload, ms | --no-zip s / CPU s | build --offline s / MB | offline MB: folder / ZIP |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${ROWS[@]}"
)
REPORT="# recpub vs Hugo

- date: $(date -u '+%Y-%m-%d %H:%M UTC')
- machine: $(nproc) CPUs ($CPU), $MEM memory, $(uname -sr)
- file system: $FS
- recpub: $GIT_REV, $(rustc --version 2>/dev/null || echo 'rustc ?'), release profile
- Hugo: $HUGO_VERSION
- load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)
  (anything well above 0 means other work shared the CPUs: the ratios hold, the seconds less)

Medians of K alternated runs (wall time; CPU = user + sys; MB = the largest peak RSS of the
runs, MiB). Ratios are recpub / Hugo, from this run only.

$TABLE

Linearity, (t_big / t_small) / (big / small), 1.00 = linear:
$LIN
Targets (issue): 1× ≤ 0.1× Hugo's time and ≤ 40 MB; 10× ≤ 0.25×; 100× ≤ 0.5×, ≤ 400 MB, and
within 1.3× of linear from 10× to 100×; serve, one edited recommendation to reload event:
≤ 50 ms at 1×, ≤ 500 ms at 100× (median of BENCH_SAVES saves of II-1's text, default 7).
${TARGETS:-- (none of the scales 1, 10, 100 was run)
}
All runs, wall seconds in order:
$DETAILS"
printf '%s\n' "$REPORT"
printf '%s\n' "$REPORT" >"$ROOT/bench/results.md"
log "wrote bench/results.md"
