#!/usr/bin/env bash
# ensure-libreoffice.sh: make sure the test suite can open the Excel report
# as a person would. dashboard/report converts it to PDF with LibreOffice
# headless (soffice, from libreoffice-calc-nogui) and renders a page with
# pdftoppm (poppler-utils).
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} = 0 ]; then
	exit 0
fi

install() {
	echo "installing Debian's ${missing[*]} for the Excel report's tests ..." >&2
	$1 env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$1 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	install ""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then
	install "sudo -n"
else
	cat >&2 <<'MSG'
The Excel report's tests need LibreOffice and poppler-utils, which are not installed.
Install them with:   sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils
MSG
	exit 1
fi
