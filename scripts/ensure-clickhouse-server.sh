#!/usr/bin/env bash
# ensure-clickhouse-server.sh: make sure the test suite has a ClickHouse
# server to start. The server cases of the suite run against Debian's
# clickhouse-server, which the test harness starts on loopback itself; or
# against the server CAREERKPI_TEST_CLICKHOUSE_DSN names.
set -euo pipefail

if [ -n "${CAREERKPI_TEST_CLICKHOUSE_DSN:-}" ]; then
	exit 0
fi
for b in clickhouse-server /usr/sbin/clickhouse-server /usr/bin/clickhouse-server; do
	if command -v "$b" >/dev/null 2>&1; then exit 0; fi
done

install() {
	echo "installing Debian's clickhouse-server for the server tests ..." >&2
	$1 env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$1 env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clickhouse-server >/dev/null
}
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	install ""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then
	install "sudo -n"
else
	cat >&2 <<'MSG'
The server tests need clickhouse-server, which is not installed.
Install it with:   sudo apt-get install -y clickhouse-server
or point the suite at a running server:
                   CAREERKPI_TEST_CLICKHOUSE_DSN=clickhouse://user:password@host:9000/default make test
MSG
	exit 1
fi
