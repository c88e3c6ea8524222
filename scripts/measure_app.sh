#!/usr/bin/env bash
# Measures the app on screen under Xvfb with Mesa's software Vulkan
# (docs/performance.md): the time from launch to the first drawn frame, the
# cores used on the start screen left alone (its window focused, the caret in
# the name field), and on an encounter with the patient breathing and blinking
# and nothing pressed. 1.0 core is one core busy all the time.
#
#   scripts/measure_app.sh [SECONDS] [WIDTHxHEIGHT]   (after cargo build)
#
# Needs xvfb, xdotool and mesa-vulkan-drivers.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
size="${2:-1280x800}"
app="${CARGO_TARGET_DIR:-target}/debug/bedside"
[ -x "$app" ] || { echo "build the app first: cargo build" >&2; exit 1; }

display=":$((RANDOM % 100 + 300))"
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
work=$(mktemp -d)
pid=
trap 'kill $pid $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 2

# Cores used by the app over $seconds seconds.
cores() {
  local t1 t2
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep "$seconds"
  t2=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  awk -v t=$((t2 - t1)) -v hz="$(getconf CLK_TCK)" -v s="$seconds" 'BEGIN { printf "%.2f cores", t / hz / s }'
}

# Starts the app with these arguments at the window size, focuses its window,
# and lets it settle.
launch() {
  DISPLAY="$display" "$app" --window-size "$size" --config "$work/config" --data "$work/data" "$@" \
    2>"$work/log" &
  pid=$!
  local win=
  for _ in $(seq 240); do
    win=$(DISPLAY="$display" xdotool search --onlyvisible --name '^Bedside$' 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.5
  done
  [ -n "$win" ] || { echo "no Bedside window; the log:" >&2; cat "$work/log" >&2; exit 1; }
  DISPLAY="$display" xdotool windowfocus --sync "$win"
  sleep 8
}

stop() {
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

launch
echo "first frame: $(sed 's/\x1b\[[0-9;]*m//g' "$work/log" | grep -o 'first frame drawn [0-9]* ms after launch')"
echo "start screen at $size, left alone, over ${seconds}s: $(cores)"
stop

launch --play scenarios/grieving-relative.ron --seed 3
echo "encounter at $size, the patient breathing and blinking, over ${seconds}s: $(cores)"
stop
