#!/usr/bin/env bash
# Renders the HTML report of the bundled examples in a real headless browser
# and saves screenshots, to look at by eye. Not part of `cargo test`.
#
#   tests/browser/screenshot.sh [OUT_DIR]      (default: target/screenshots)
#
# Installs Debian's chromium and a CJK font itself when they are missing,
# and playwright-core (npm) into target/browser-tools to drive clicks.
# The report needs no network; the browser is run with its background
# networking off.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/screenshots}"
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! fc-list 2>/dev/null | grep -qiE "noto sans cjk|wenquanyi"; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

report="$(cd "$out" && pwd)/report.html"
cargo run --quiet -- check --format html > "$report" || [ $? -eq 1 ]

shot() { # NAME SIZE [FRAGMENT]
  local profile
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$profile" --window-size="$2" --virtual-time-budget=2000 \
    --screenshot="$out/$1.png" "file://$report${3:-}" >/dev/null 2>&1
  rm -rf "$profile"
  echo "$out/$1.png"
}

shot report 1400,1000
# A claim opened as a click would open it: the fragment pins it in the panel.
shot claim-mismatch 1400,1000 "#claim=rev-total"
shot claim-english 1400,1000 "#claim=licensing"
shot narrow 700,1000 "#claim=top5-floor"
# Print layout: every claim in full, no filter.
profile="$(mktemp -d)"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --print-to-pdf="$out/print.pdf" --no-pdf-header-footer "file://$report" >/dev/null 2>&1
rm -rf "$profile"
echo "$out/print.pdf"

# Hover, click, filter and print media, driven by playwright-core (from the
# npm registry; it uses the system chromium and downloads no browser).
tools="target/browser-tools"
if [ ! -d "$tools/node_modules/playwright-core" ]; then
  mkdir -p "$tools"
  npm install --silent --no-save --no-audit --no-fund --prefix "$tools" playwright-core@1.65.1 >/dev/null
fi
cp tests/browser/drive.mjs "$tools/drive.mjs"
node "$tools/drive.mjs" "$report" "$(cd "$out" && pwd)"
ls "$out"/*.png
