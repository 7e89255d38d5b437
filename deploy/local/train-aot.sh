#!/usr/bin/env bash
# Trains the services' AOT caches (JDK 25 and later): starts the local system with QRLOGIN_LOCAL_AOT=train,
# runs QR and OpenID Connect logins through it, and stops it; each service writes its cache as it stops
# (about half a minute each). Later starts of deploy/local/run.sh on the same JDK use the caches for as long as
# the services' jars stay the ones trained; docs/benchmarks.md measures what they change.
#
#   deploy/local/train-aot.sh                      (run.sh's JDK: the newest 25+ installed, or JAVA_HOME)
set -euo pipefail
cd "$(dirname "$0")/../.."
log=deploy/local/target/train-aot.log
mkdir -p deploy/local/target
QRLOGIN_LOCAL_AOT=train QRLOGIN_RATELIMIT_ENABLED=false deploy/local/run.sh >"$log" 2>&1 &
system=$!
trap 'kill -TERM "$system" 2>/dev/null || true' EXIT
echo "Starting the system to train (log: $log)…"
until grep -q "QR Login is running" "$log"; do
  kill -0 "$system" 2>/dev/null || { echo "The system did not start; see $log" >&2; exit 1; }
  sleep 2
done
# Every service's request paths: whole QR logins (gateway, qr-, scan- and session-service), then OpenID Connect
# logins (the provider too). The demo relying party trains its start only.
bench/run.sh flows --concurrency 16 --warmup 20s --duration 60s
bench/run.sh oidc --concurrency 8 --warmup 10s --duration 40s
echo "Stopping the system: the services write their caches…"
kill -TERM "$system"
wait "$system" || true
trap - EXIT
# A stopped service hands its recorded training to a second JVM that assembles the cache and then deletes the
# recording: wait for those to end.
for _ in $(seq 1 120); do
  compgen -G 'deploy/local/target/aot/*/service.aot.config' >/dev/null || break
  sleep 2
done
ls -l deploy/local/target/aot/*/service.aot
