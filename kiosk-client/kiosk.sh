#!/usr/bin/env bash
# Starts Chromium full screen as a Campus Signage kiosk, and starts it again if it exits.
#
#   kiosk.sh SERVER_URL [PROFILE_DIR]
#
#   SERVER_URL   the Campus Signage server, e.g. https://signage.albertslund.dk
#                (the player is opened at SERVER_URL/kiosk/)
#   PROFILE_DIR  where Chromium keeps this kiosk's pairing, last manifest and cached media
#                (default: $KIOSK_PROFILE, else ~/.local/share/campus-signage-kiosk)
#
# Environment: KIOSK_BROWSER (the browser binary), KIOSK_NO_RESTART=1 (run once, for testing).
# A touch screen is the screen's setting on the server (README.md "Touch kiosk"), nothing here.
set -euo pipefail

usage="usage: $(basename "$0") SERVER_URL [PROFILE_DIR]   e.g. $(basename "$0") https://signage.albertslund.dk"
server="${1:?$usage}"
server="${server%/}"
server="${server%/kiosk}"
case "$server" in
  http://*|https://*) ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
origin=$(printf '%s' "$server" | sed -E 's#^(https?://[^/]+).*#\1#')
profile="${2:-${KIOSK_PROFILE:-$HOME/.local/share/campus-signage-kiosk}}"

browser="${KIOSK_BROWSER:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "$(basename "$0"): Chromium is not installed. Install it with: sudo apt install chromium" >&2
  exit 1
fi

mkdir -p "$profile"

args=(
  --kiosk
  --noerrdialogs
  --disable-infobars
  --autoplay-policy=no-user-gesture-required
  --check-for-update-interval=31536000
  --user-data-dir="$profile"
  --no-first-run
  --no-default-browser-check
  --disable-session-crashed-bubble
  --disable-features=Translate,TranslateUI
  --disable-pinch
  --overscroll-history-navigation=0
  --password-store=basic
)

# The player's offline store (service worker, Cache Storage, SHA-256 checks) only works in
# a secure context: https, or localhost. For a server on plain http in the local network,
# this profile alone treats that one origin as secure.
case "$origin" in
  https://*|http://localhost|http://localhost:*|http://127.*|http://\[::1\]*) ;;
  http://*) args+=(--unsafely-treat-insecure-origin-as-secure="$origin") ;;
esac

blank_off() {
  # X11: no screen saver, no blanking, no power saving. (Wayland: see README.)
  if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1; then
    xset s off -dpms s noblank 2>/dev/null || true
  fi
}

clean_exit_flag() {
  # after a power cut Chromium would offer to "restore pages"; tell it the last exit was clean
  local prefs="$profile/Default/Preferences"
  if [ -f "$prefs" ]; then
    sed -i -e 's/"exited_cleanly":false/"exited_cleanly":true/' -e 's/"exit_type":"[A-Za-z]*"/"exit_type":"Normal"/' "$prefs" || true
  fi
}

while true; do
  blank_off
  clean_exit_flag
  status=0
  "$browser" "${args[@]}" "$server/kiosk/" || status=$?
  [ "${KIOSK_NO_RESTART:-0}" = 1 ] && exit "$status"
  echo "$(date -Is) $(basename "$browser") exited ($status); starting it again in 5 s" >&2
  sleep 5
done
