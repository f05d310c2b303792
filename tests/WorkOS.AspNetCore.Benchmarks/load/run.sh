#!/usr/bin/env bash
# The loopback load comparison. One process per configuration (load-server mode of the benchmarks program), driven
# by wrk in interleaved rounds; server CPU and allocations per request read from each server's /_stats before and
# after every run; then the refresh storm and the cookie sizes. Writes results/load-report.md.
#
#   tests/WorkOS.AspNetCore.Benchmarks/load/run.sh            # ROUNDS=5 DURATION=10 CONNECTIONS=32 WARMUP=5 STORM=1000
#   tests/WorkOS.AspNetCore.Benchmarks/load/run.sh --smoke    # 1 round of 1 s: checks the harness works; report in a temp dir
#
# Everything listens on 127.0.0.1 only. Needs dotnet, node/npm, and wrk (installed with apt-get when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=$(cd "$here/.." && pwd)
root=$(cd "$bench/../.." && pwd)

smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  ROUNDS=1 DURATION=1 CONNECTIONS=4 WARMUP=1
fi
ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-10} CONNECTIONS=${CONNECTIONS:-32} WARMUP=${WARMUP:-5} STORM=${STORM:-1000}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "load comparison FAILED: $*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk || fail "installing wrk failed"
fi

echo "== building (Release)"
dotnet build "$bench" -c Release -v q --nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build failed"; }
dll="$bench/bin/Release/net10.0/WorkOS.AspNetCore.Benchmarks.dll"

load_before=$(uptime)
configs=(none cookie cookie-tokens authkit jwtbearer workosbearer
         cookie+policy cookie-tokens+policy authkit+policy jwtbearer+policy workosbearer+policy)

echo "== starting ${#configs[@]} servers"
for name in "${configs[@]}"; do
  args=(--config "${name%+policy}")
  [ "$name" != "${name%+policy}" ] && args+=(--policy)
  dotnet "$dll" load-server "${args[@]}" >"$work/$name.out" 2>&1 &
  pids+=($!)
done
declare -A url header
for i in "${!configs[@]}"; do
  name=${configs[$i]}
  for _ in $(seq 1 240); do
    grep -q '^READY$' "$work/$name.out" && break
    kill -0 "${pids[$i]}" 2>/dev/null || { cat "$work/$name.out"; fail "server $name exited before it was ready"; }
    sleep 0.5
  done
  grep -q '^READY$' "$work/$name.out" || fail "server $name not ready after 120 s"
  url[$name]=$(sed -n 's/^URL=//p' "$work/$name.out")
  header[$name]=$(sed -n 's/^HEADER=//p' "$work/$name.out")
done

# One wrk run against a configuration; prints "rps cpu_us_per_request allocated_bytes_per_request".
measure() {
  local name=$1 seconds=$2 before after hargs=()
  [ -n "${header[$name]}" ] && hargs=(-H "${header[$name]}")
  before=$(curl -sf "${url[$name]}/_stats") || fail "$name: /_stats unreachable"
  wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" "${hargs[@]}" "${url[$name]}/hello" >"$work/wrk.txt" 2>&1 || { cat "$work/wrk.txt"; fail "$name: wrk failed"; }
  after=$(curl -sf "${url[$name]}/_stats") || fail "$name: /_stats unreachable"
  if grep -q 'Non-2xx' "$work/wrk.txt"; then cat "$work/wrk.txt"; fail "$name: responses other than 200 (the credential was refused)"; fi
  node -e '
    const [b, a, rps] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2]), parseFloat(process.argv[3])];
    const n = a.requests - b.requests;
    if (!(n > 0) || !(rps > 0)) { console.error("no requests served"); process.exit(1); }
    console.log(rps, ((a.cpuMicroseconds - b.cpuMicroseconds) / n).toFixed(2), ((a.allocatedBytes - b.allocatedBytes) / n).toFixed(0));
  ' "$before" "$after" "$(sed -n 's/^Requests\/sec: *//p' "$work/wrk.txt")" || fail "$name: nothing measured"
}

echo "== warm-up (${WARMUP} s each)"
for name in "${configs[@]}"; do measure "$name" "$WARMUP" >/dev/null; done

echo "== ${ROUNDS} rounds x ${#configs[@]} configurations, ${DURATION} s, ${CONNECTIONS} connections, 1 wrk thread"
printf 'round\tconfig\trps\tcpu_us\talloc_bytes\n' >"$work/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
  # Interleaved: every round runs every configuration, starting one further along the list each time.
  for k in "${!configs[@]}"; do
    name=${configs[$(( (k + round - 1) % ${#configs[@]} ))]}
    out=$(measure "$name" "$DURATION") || exit 1
    read -r rps cpu alloc <<<"$out"
    printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$cpu" "$alloc" >>"$work/results.tsv"
    printf '  round %s %-22s %10s req/s %8s us/req %8s B/req\n' "$round" "$name" "$rps" "$cpu" "$alloc"
  done
done
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
load_after=$(uptime)

echo "== refresh storm (${STORM} concurrent requests, one cookie due for refresh)"
storm_status=0
dotnet "$dll" refresh-storm "$STORM" >"$work/storm.txt" 2>&1 || storm_status=$?
cat "$work/storm.txt"
grep -q '^STORM ' "$work/storm.txt" || fail "the refresh storm did not run"

echo "== cookie sizes"
dotnet "$dll" cookie-sizes "$work/session.json" >"$work/sizes.txt" 2>&1 || { cat "$work/sizes.txt"; fail "cookie sizes (AuthKit) failed"; }
(cd "$here" && npm ci --engine-strict=false --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1) || { cat "$work/npm.log"; fail "npm ci failed"; }
node "$here/cookie-sizes.mjs" "$work/session.json" >>"$work/sizes.txt" 2>&1 || { cat "$work/sizes.txt"; fail "cookie sizes (Node) failed"; }
cat "$work/sizes.txt"

if [ "$smoke" -eq 1 ]; then report="$work/load-report.md"; else report="$bench/results/load-report.md"; mkdir -p "$bench/results"; fi
export ROUNDS DURATION CONNECTIONS WARMUP STORM
LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" DOTNET_VERSION="$(dotnet --version)" WRK_VERSION="$(wrk -v 2>&1 | head -1 || true)" \
  node "$here/report.mjs" "$work" "$report" || fail "writing the report failed"
echo "== report: $report"
[ "$smoke" -eq 1 ] && cat "$report"
if [ "$smoke" -eq 1 ] && [ "$storm_status" -ne 0 ]; then fail "refresh storm: $(cat "$work/storm.txt" | grep '^STORM ') (goal: 1 refresh, every request 200)"; fi
echo "load comparison done"
