#!/usr/bin/env bash
# A soak of the whole QR Login system on this machine (free ports, two gateways): mixed flows —
# logins, cancels, expiries — for 10 minutes while Redis, Kafka and each service are restarted once.
# Prints the counts and the lost confirms (must be 0); exits 1 if any confirm was lost.
#
#   QRLOGIN_SOAK_MINUTES=10    how long
#   QRLOGIN_SOAK_BROWSERS=6    concurrent flows
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
classpath_file=deploy/local/target/classpath.txt

echo "Building QR Login…"
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp -pl deploy/local dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

exec "$java_cmd" -cp "deploy/local/target/classes:$(cat "$classpath_file")" -Dqrlogin.root="$root" \
  io.qrlogin.local.Soak
