#!/usr/bin/env bash
# The Debian packages SPR Portal needs beyond Python and npm, installed when missing.
#   scripts/system-packages.sh run    fonts for the board report PDF
#   scripts/system-packages.sh test   the same, plus Chromium's headless shell (browser tests)
#                                     and poppler (PDF text)
#   scripts/system-packages.sh bench  the same as run, plus wrk (make bench's load generator)
#   scripts/system-packages.sh scale  the same as bench, plus nginx (make scale-test's balancer)
# Liberation Sans has Arial's metrics, so the PDF lays out like the force's papers; HarfBuzz's
# subsetter lets WeasyPrint embed fonts without its slower, deprecated fontTools path.
# As root with apt-get it installs what is missing; otherwise it says what to install.
set -euo pipefail
packages=(fonts-liberation2 fonts-dejavu-core libharfbuzz-subset0)
[ "${1:-run}" = test ] && packages+=(chromium-headless-shell poppler-utils)
[ "${1:-run}" = bench ] && packages+=(wrk)
[ "${1:-run}" = scale ] && packages+=(wrk nginx-light)

command -v dpkg-query >/dev/null || {
  echo "Not a Debian system: install Chromium, poppler, wrk, Liberation fonts and HarfBuzz yourself."
  exit 0
}
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages: ${missing[*]}"
  echo "Install them with: sudo apt-get install ${missing[*]}"
  [ "${1:-run}" != run ] && exit 1  # the browser tests or the benchmark cannot run without them
  exit 0
fi
