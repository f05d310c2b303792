#!/usr/bin/env bash
# The fault-load run: simulated browsers (each with its own session) and bearer clients on a Kestrel app at
# 127.0.0.1, tokens of 10 s, while the emulator fails refreshes in phases (500s, answers after the refresh timeout,
# 429 bursts with Retry-After, the JWKS gone while the signing key rotates). Prints a table; exits non-zero when a
# session was lost or the app answered 5xx.
#
#   tests/WorkOS.AspNetCore.Benchmarks/load/fault-load.sh            # 200 browsers for 60 s
#   tests/WorkOS.AspNetCore.Benchmarks/load/fault-load.sh --short    # 40 browsers for 25 s (CI)
#   tests/WorkOS.AspNetCore.Benchmarks/load/fault-load.sh --browsers 500 --duration 120
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=$(cd "$here/.." && pwd)

echo "== building (Release)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build "$bench" -c Release -v q --nologo >"$log" 2>&1 || { cat "$log"; echo "fault-load FAILED: build failed" >&2; exit 1; }

echo "== fault-load $* (load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
dotnet "$bench/bin/Release/net10.0/WorkOS.AspNetCore.Benchmarks.dll" fault-load "$@"
