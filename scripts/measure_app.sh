#!/usr/bin/env bash
# Measures the app's idle CPU and its time from launch to the first drawn frame,
# under Xvfb with Mesa's software Vulkan (as in docs/app.md). Needs xvfb,
# xdotool and mesa-vulkan-drivers (apt-get install xvfb xdotool mesa-vulkan-drivers).
# Usage: scripts/measure_app.sh [SECONDS]   (run from the repository root, after cargo build)
set -euo pipefail
seconds="${1:-30}"
bin="${CARGO_TARGET_DIR:-target}/debug/bedside"
display=":$((90 + RANDOM % 100))"
config="$(mktemp -d)"
log="$(mktemp)"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$config" "$log"' EXIT
sleep 2
DISPLAY="$display" "$bin" --config "$config" --data "$config/data" 2>"$log" &
app=$!
sleep 10
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
hz=$(getconf CLK_TCK)
idle() {
  local a b
  a=$(ticks); sleep "$seconds"; b=$(ticks)
  awk -v t=$((b - a)) -v hz="$hz" -v s="$seconds" 'BEGIN { printf "%.2f%% of one core", 100 * t / hz / s }'
}
echo "first frame: $(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -o 'first frame drawn [0-9]* ms after launch')"
echo "idle on the start screen over ${seconds}s: $(idle)"
# The library screen (create a profile, continue).
window=$(DISPLAY="$display" xdotool search --name '^Bedside$' | head -1)
DISPLAY="$display" xdotool windowfocus --sync "$window"
DISPLAY="$display" xdotool mousemove 250 125 click 1
sleep 0.5
DISPLAY="$display" xdotool type --delay 50 "Idle Test"
DISPLAY="$display" xdotool key Return
sleep 0.5
DISPLAY="$display" xdotool key Return
sleep 3
echo "idle on the library screen over ${seconds}s: $(idle)"
# The encounter screen animates the patient (breathing, blinking) at about 30 frames a second.
DISPLAY="$display" xdotool key Return
sleep 0.5
DISPLAY="$display" xdotool key Return
sleep 3
echo "on the encounter screen (animating) over ${seconds}s: $(idle)"
