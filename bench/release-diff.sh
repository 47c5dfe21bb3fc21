#!/usr/bin/env bash
# Times `check` and `build` on the change history of one very long recommendation: II-1's text
# made 60,000 words long (a 180 KB file, inside the 256 KiB limit) and released as 1.2, then
# three words changed (its first, middle and last) and released as 1.3, which leaves the whole
# text to compare word by word on 1.3's page (tests/release_diff_memory.rs checks the memory).
#
#   bash bench/release-diff.sh [RECPUB]     (default: target/release/recpub, built if missing)
#
# Prints the elapsed time and peak resident memory of each command (GNU time's %e and %M).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${1:-}
if [ -z "$BIN" ]; then
    (cd "$ROOT" && cargo build --release --locked -q)
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/recpub"
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r "$ROOT/content" "$ROOT/themes" "$WORK/"
cd "$WORK"

# II-1 keeps its front matter and first paragraph; the rest is 60,000 two-letter words.
long_body() {
    python3 - "$1" <<'PY'
import sys
letters = "abcdefghijklmnopqrstuvwxyz"
words = [letters[(i * 7) % 26] + letters[(i // 26 + i) % 26] for i in range(60000)]
if sys.argv[1] == "edited":
    words[0], words[30000], words[59999] = "start", "middle", "end"
path = "content/recommendations/II-1.md"
text = open(path).read()
end = text.index("+++", 3) + 4
first = text[end:].strip().split("\n\n")[0]
open(path, "w").write(text[:end] + "\n" + first + "\n\n" + " ".join(words) + "\n")
PY
}

long_body original
echo "II-1: the text made long." > content/releases/next.md
"$BIN" release 1.2 --note content/releases/next.md --date 2026-12-02 >/dev/null
long_body edited
echo "II-1: three words changed." > content/releases/next.md
"$BIN" release 1.3 --note content/releases/next.md --date 2026-12-03 >/dev/null

for cmd in check "build -q --out site"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "$cmd: %e s, peak %M KB" "$BIN" $cmd >/dev/null 2>"$WORK/time" || true
    tail -n 1 "$WORK/time"
done
