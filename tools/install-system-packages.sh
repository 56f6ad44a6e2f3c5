#!/usr/bin/env bash
# Installs the Debian packages Storeside needs (Qt's libraries, audio, a CJK font, the build's
# strip) when missing.
# Used by .ci/run and by `make demo`/`make screenshots`; without root it only says what is missing.
set -euo pipefail

packages=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3  # Qt
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0  # Qt's xcb window platform
  libpulse0          # QtMultimedia's audio back end (the app degrades to a visual alarm)
  fonts-noto-cjk     # Chinese glyphs in widgets and screenshots
  binutils           # `make package`: PyInstaller strips the Linux build's libraries with strip
)
command -v dpkg-query >/dev/null || { echo "not a Debian system: install Qt's libraries and a CJK font yourself"; exit 0; }
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
