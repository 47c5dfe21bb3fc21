#!/usr/bin/env bash
# What each layer of serve's rebuild gains: `bench/serve-reload.sh CONTENT_DIR RUNS` with every
# layer, then with each switched off in turn (`RECPUB_REBUILD_WITHOUT`, see docs/rebuild.md).
#
#   bash bench/rebuild-layers.sh CONTENT_DIR [RUNS] [LAYERS]
#
# EDIT as for serve-reload.sh (body, title, level, addressees, add; at 1× a body edit is refused:
# the bundled text must match the report's). LAYERS: the settings of
# RECPUB_REBUILD_WITHOUT to compare, space-separated ("-" for none; default: "- keep
# pieces inverse"). One Markdown row per setting; the table's columns are serve-reload.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
content="$1"
runs="${2:-7}"
read -r -a settings <<<"${3:-- keep pieces inverse}"
if [[ -z "${RECPUB_BIN:-}" ]]; then
  cargo build --release --locked -q
  export RECPUB_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/recpub"
fi
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg); $(git rev-parse --short HEAD); EDIT=${EDIT:-body}"
echo
echo "| without | scale | recommendations | first build ms | rebuild ms (median) | save → reload event ms (median) | max ms | saves | serve MB now / peak |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for without in "${settings[@]}"; do
  [[ "$without" == - ]] && without=""
  row="$(RECPUB_REBUILD_WITHOUT="$without" bash bench/serve-reload.sh "$content" "$runs" 2>&1 >/dev/null | tail -1 || true)"
  echo "| ${without:-(all layers)} $row"
done
