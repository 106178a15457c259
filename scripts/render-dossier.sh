#!/usr/bin/env bash
# Builds the HTML brief on a pair of states and renders it with headless Chromium, to look at
# the layout: a PNG of the first 1240x1754 pixels (the size of an A4 page at 150 dpi) and an A4
# PDF through Chromium's print path.
#
# Usage: scripts/render-dossier.sh [STATE [PARTNER [OUT_DIR]]]
#   STATE, PARTNER  by code or name (default: TJ AZ)
#   OUT_DIR         where dossier-STATE-PARTNER.{html,png,pdf} go (default: ./dossier-render)
# Environment:
#   AS_OF           passed as --as-of (e.g. AS_OF=2007-06-01)
#   RELDB_DB        the database to read (default: a fresh seeded one in a temporary folder)
#   CHROMIUM        the browser to run (default: the first of chromium, chromium-browser,
#                   google-chrome on PATH)
#   RELDB           the reldb binary to run (default: `reldb` on PATH if there is one, else
#                   this checkout's, built with `cargo run --release`; CARGO_TARGET_DIR is
#                   honoured by that build)
set -euo pipefail

state=${1:-TJ}
partner=${2:-AZ}
out_dir=${3:-dossier-render}

browser=${CHROMIUM:-}
if [[ -z $browser ]]; then
    for candidate in chromium chromium-browser google-chrome; do
        if command -v "$candidate" >/dev/null 2>&1; then
            browser=$candidate
            break
        fi
    done
fi
if [[ -z $browser ]] || ! command -v "$browser" >/dev/null 2>&1; then
    echo "render-dossier: no Chromium found." >&2
    echo "  On Debian or Ubuntu install it with:  sudo apt-get update && sudo apt-get install -y chromium" >&2
    echo "  or point CHROMIUM at a Chrome or Chromium binary." >&2
    exit 1
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${RELDB_DB:-$work/reldb.db}

mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
name="dossier-$state-$partner"
name=${name// /_}
html="$out_dir/$name.html"
png="$out_dir/$name.png"
pdf="$out_dir/$name.pdf"

args=(dossier "$state" "$partner" --format html -o "$html")
if [[ -n ${AS_OF:-} ]]; then
    args+=(--as-of "$AS_OF")
fi
if [[ -n ${RELDB:-} ]]; then
    "$RELDB" --db "$db" "${args[@]}"
elif command -v reldb >/dev/null 2>&1; then
    reldb --db "$db" "${args[@]}"
else
    (cd "$root" && cargo run --quiet --release -- --db "$db" "${args[@]}")
fi

chrome_flags=(
    --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --hide-scrollbars
)
"$browser" "${chrome_flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
    --screenshot="$png" --window-size=1240,1754 "file://$html" 2>"$work/chromium-png.log" \
    || { cat "$work/chromium-png.log" >&2; exit 1; }
"$browser" "${chrome_flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" \
    --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" 2>"$work/chromium-pdf.log" \
    || { cat "$work/chromium-pdf.log" >&2; exit 1; }

echo "$html"
echo "$png"
echo "$pdf"
