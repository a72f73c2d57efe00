#!/usr/bin/env bash
# ensure-chromium.sh: make sure the test suite has a browser for the page
# tests. dashboard/browsertest runs Debian's chromium headless (or the one
# CAREERKPI_CHROMIUM names), and fonts-noto-cjk gives it the Japanese glyphs
# that screenshots of the Japanese pages need.
set -euo pipefail

missing=()
if [ -n "${CAREERKPI_CHROMIUM:-}" ]; then
	if ! command -v "$CAREERKPI_CHROMIUM" >/dev/null 2>&1; then
		echo "CAREERKPI_CHROMIUM=$CAREERKPI_CHROMIUM is not an executable" >&2
		exit 1
	fi
elif [ ! -x /usr/bin/chromium ]; then
	missing+=(chromium)
fi
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja family 2>/dev/null)" ]; }; then
	missing+=(fonts-noto-cjk)
fi
if [ ${#missing[@]} = 0 ]; then
	exit 0
fi

install() {
	echo "installing Debian's ${missing[*]} for the page tests ..." >&2
	$1 env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$1 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	install ""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then
	install "sudo -n"
elif [ "${missing[*]}" = fonts-noto-cjk ]; then
	# The tests pass without the fonts; only the screenshots suffer.
	echo "warning: no Japanese font, so screenshots show Japanese text as boxes: sudo apt-get install -y fonts-noto-cjk" >&2
else
	cat >&2 <<'MSG'
The page tests need chromium, which is not installed.
Install it with:   sudo apt-get install -y chromium fonts-noto-cjk
or point the suite at another chromium:
                   CAREERKPI_CHROMIUM=/path/to/chromium make test
MSG
	exit 1
fi
