#!/usr/bin/env bash
# fetch-npm.sh PACKAGE@VERSION INTEGRITY FILE DEST
#
# Fetches one file of a pinned npm package: downloads the tarball with
# `npm pack` (npm's cache makes a second fetch free), checks the tarball
# against the pinned sha512 integrity, and extracts FILE from it to DEST.
# DEST is replaced only after every check passed, so a failed or interrupted
# fetch never leaves a half-written file behind. Nothing lands in the
# repository: DEST lives in a cache folder outside it.
set -euo pipefail

if [ $# -ne 4 ]; then
	echo "usage: $0 PACKAGE@VERSION INTEGRITY FILE DEST" >&2
	exit 2
fi
spec=$1 integrity=$2 file=$3 dest=$4

# DEST.integrity records the tarball's integrity and a checksum of DEST as
# extracted: a later run that finds both intact has nothing to do, and one
# that finds DEST damaged (truncated, overwritten) fetches it again.
stamp() { printf '%s\n%s\n' "$integrity" "$(cksum <"$dest")"; }
if [ -f "$dest" ] && [ -f "$dest.integrity" ] && [ "$(cat "$dest.integrity")" = "$(stamp)" ]; then
	exit 0
fi

command -v npm >/dev/null || { echo "fetch-npm: npm is not installed; install Node.js and npm first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/careerkpi-fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "fetching $spec ..." >&2
if ! (cd "$work" && npm pack --silent "$spec" >/dev/null 2>"$work/npm.log"); then
	cat "$work/npm.log" >&2
	echo "fetch-npm: npm could not download $spec" >&2
	exit 1
fi
tarball=$(ls "$work"/*.tgz)

# node comes with npm, so the check needs nothing else installed.
actual=$(node -e '
const h = require("crypto").createHash("sha512");
require("fs").createReadStream(process.argv[1])
  .on("data", (d) => h.update(d))
  .on("end", () => process.stdout.write("sha512-" + h.digest("base64")));
' "$tarball")
if [ "$actual" != "$integrity" ]; then
	echo "fetch-npm: $spec does not match its pinned integrity" >&2
	echo "  expected $integrity" >&2
	echo "  got      $actual" >&2
	exit 1
fi

tar -xzf "$tarball" -C "$work" "package/$file"
mkdir -p "$(dirname "$dest")"
mv "$work/package/$file" "$dest.tmp"
mv "$dest.tmp" "$dest"
stamp >"$dest.integrity"
echo "installed $dest" >&2
