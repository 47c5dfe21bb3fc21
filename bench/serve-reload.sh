#!/usr/bin/env bash
# Time from saving a recommendation file to the live-reload event reaching a connected client.
#
#   bash bench/serve-reload.sh CONTENT_DIR [RUNS]   one content folder: details on stderr, the
#                                                   median in milliseconds on the last stdout
#                                                   line (what bench/run.sh reads)
#   bash bench/serve-reload.sh [RUNS]               the real content and a 100x synth folder:
#                                                   a Markdown table
#
# Each save edits recommendation II-1 in place (it exists at every scale): EDIT=body (the
# default) adds a word to its text, which only its own page and the files that read every
# recommendation show; EDIT=title rewrites its title, shown in every list that has it (every
# Party page: it is addressed to all Parties); EDIT=level moves it to the next level (with the
# Committee's verb), which changes every list's counts; EDIT=addressees turns "all Parties"
# into "Parties not already doing so" and back; EDIT=add adds a recommendation after the last
# of section II on odd saves and deletes it on even ones. The
# client is `curl -N` on the event stream, timestamped with bash's $EPOCHREALTIME (no fork) as
# each "event: reload" line arrives. The serve process's own "built N pages in X ms" lines give
# the rebuild time alone; the rest is the watcher's latency plus the 50 ms debounce window.
# RECPUB_BIN (default: target/release/recpub, built here) and RECPUB_THEMES (default: themes)
# let bench/run.sh pass the snapshot it benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
single=""
if [[ $# -gt 0 && -d "$1" ]]; then
  single="$(cd "$1" && pwd)"
  shift
fi
runs="${1:-10}"
edit="${EDIT:-body}"
if [[ -z "${RECPUB_BIN:-}" ]]; then
  cargo build --release --locked -q
fi
bin="${RECPUB_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/recpub}"
themes="${RECPUB_THEMES:-$PWD/themes}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

now_us() { local t="${EPOCHREALTIME/./}"; echo "$t"; }

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print m}'; }

# bench_scale NAME CONTENT_DIR: one serve, $runs saves; prints one table row.
bench_scale() {
  local name="$1" content="$2" site="$work/$1"
  mkdir -p "$site"
  cp -r "$content" "$site/content"
  cp -r "$themes" "$site/themes"
  local file="$site/content/recommendations/II-1.md" # exists at every scale
  local text latencies=() levels=(invite request require)
  local last
  last="$(find "$site/content/recommendations" -name 'II-*.md' | sed 's/.*II-//; s/\.md$//' | sort -n | tail -1)"
  # With releases, an edit must be named in the next release's note, as a maintainer would.
  if [[ -d "$site/content/releases" ]]; then
    echo "II-1 and II-$((last + 1)) edited." >>"$site/content/releases/next.md"
  fi
  # Every edit of a level starts from II-1's own: invite.
  if [[ "$edit" == level ]] && ! grep -q 'level = "invite"' "$file"; then
    echo "II-1 is not at level invite" >&2
    exit 1
  fi
  (cd "$site" && exec "$bin" serve --port 0 >"$site/serve.out" 2>"$site/serve.err") &
  pids+=($!)
  local url=""
  for _ in $(seq 1 600); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$site/serve.out" 2>/dev/null | head -1 || true)"
    [[ -n "$url" ]] && break
    sleep 0.05
  done
  [[ -n "$url" ]] || { echo "serve did not start: $(cat "$site/serve.err")" >&2; exit 1; }
  : >"$site/reloads"
  (curl -sN "${url}__recpub/events" | while IFS= read -r line; do
    [[ "$line" == "event: reload"* ]] && now_us >>"$site/reloads"
  done) &
  pids+=($!)
  sleep 0.3 # let curl connect before the first save
  for i in $(seq 1 "$runs"); do
    text="$(cat "$file")"
    local t0
    t0="$(now_us)"
    local extra="$site/content/recommendations/II-$((last + 1)).md"
    if [[ "$edit" == title ]]; then
      printf '%s\n' "${text/title = \"/title = \"$i }" >"$file"
    elif [[ "$edit" == level ]]; then
      local from="${levels[$(( (i - 1) % 3 ))]}" to="${levels[$(( i % 3 ))]}"
      text="${text/level = \"$from\"/level = \"$to\"}"
      printf '%s\n' "${text/ ${from}s / ${to}s }" >"$file"
    elif [[ "$edit" == addressees ]]; then
      if (( i % 2 )); then
        printf '%s\n' "${text/scope = \"all\"/scope = \"open\"}" >"$file"
      else
        printf '%s\n' "${text/scope = \"open\"/scope = \"all\"}" >"$file"
      fi
    elif [[ "$edit" == add ]]; then
      if (( i % 2 )); then
        printf '%s\n' "${text/id = \"II-1\"/id = \"II-$((last + 1))\"}" >"$extra"
      else
        rm "$extra"
      fi
    else
      # The last line of the body gains a word: the text changes, nothing it is listed by.
      printf '%s edited%s\n' "$text" "$i" >"$file"
    fi
    for _ in $(seq 1 2000); do
      (( $(wc -l <"$site/reloads") >= i )) && break
      sleep 0.005
    done
    local t1
    t1="$(sed -n "${i}p" "$site/reloads")"
    [[ -n "$t1" ]] || { echo "no reload after save $i" >&2; exit 1; }
    latencies+=("$(( (t1 - t0) / 1000 ))")
    sleep 0.2 # separate saves, so each is its own batch
  done
  local recs rebuilds first
  recs="$(find "$site/content/recommendations" -name '*.md' | wc -l)"
  first="$(grep -o 'in [0-9]* ms (first build)' "$site/serve.out" | grep -o '[0-9]*' | head -1)"
  rebuilds="$(grep 'changed)' "$site/serve.out" | grep -o 'in [0-9]* ms' | grep -o '[0-9]*')"
  # The server's resident memory after the saves, and its peak (kernel's VmRSS, VmHWM).
  local serve_pid="${pids[-2]}" rss hwm
  rss="$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$serve_pid/status")"
  hwm="$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$serve_pid/status")"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s / %s |\n' "$name" "$recs" "$first" \
    "$(printf '%s\n' $rebuilds | median)" \
    "$(printf '%s\n' "${latencies[@]}" | median)" \
    "$(printf '%s\n' "${latencies[@]}" | sort -n | tail -1)" "$runs" "$rss" "$hwm"
}

if [[ -n "$single" ]]; then
  echo "| scale | recommendations | first build ms | rebuild ms (median) | save → reload event ms (median) | max ms | saves | serve MB now / peak |" >&2
  # Not in $(…): the server and the client run in the background and would hold it open.
  bench_scale single "$single" >"$work/row"
  row="$(cat "$work/row")"
  echo "$row" >&2
  # The median save → reload time: the last line, for bench/run.sh.
  echo "$row" | awk -F'|' '{ gsub(/ /, "", $6); print $6 }'
  exit 0
fi
"$bin" synth --scale 100 --out "$work/synth-100" >/dev/null
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + uncommitted changes'); EDIT=$edit"
echo
echo "| scale | recommendations | first build ms | rebuild ms (median) | save → reload event ms (median) | max ms | saves | serve MB now / peak |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
bench_scale 1x content
bench_scale 100x "$work/synth-100"
