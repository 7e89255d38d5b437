#!/usr/bin/env bash
# The load generator and the micro-benchmarks. Builds the bench module when its sources changed.
#
#   bench/run.sh flows --concurrency 64 --duration 60s      whole login flows through the gateway
#   bench/run.sh oidc --concurrency 16 --duration 60s       whole OpenID Connect logins (code + PKCE, client cli)
#   bench/run.sh waiting --browsers 15000 --rate 400         waiting browsers held while flows run
#   bench/run.sh kafka-floor                                 Kafka produce→consume on the local broker
#   bench/run.sh jmh [JMH options] [benchmark regex]         QR render, ES256, Lua (Redis on 6379)
#
# The system under test: QRLOGIN_RATELIMIT_ENABLED=false deploy/local/run.sh (see docs/benchmarks.md).
# JAVA_HOME picks the JRE; BENCH_JAVA_OPTS adds JVM options to the generator.
set -euo pipefail
cd "$(dirname "$0")/.."
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
stamp=bench/target/.built
classpath_file=bench/target/classpath.txt

if [ ! -f "$stamp" ] || [ ! -f "$classpath_file" ] || [ -n "$(find bench qr-image/src/main ticket-core/src/main ticket-engine/src/main \
      -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.lua' \) -newer "$stamp" -print -quit)" ]; then
  echo "Building the bench module…" >&2
  ./mvnw -q -B -ntp -DskipTests -pl bench -am install
  ./mvnw -q -B -ntp -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  touch "$stamp"
fi
classpath="bench/target/classes:$(cat "$classpath_file")"

mode=${1:-}
if [ "$mode" = jmh ]; then
  shift
  exec "$java_cmd" ${BENCH_JAVA_OPTS:-} -cp "$classpath" org.openjdk.jmh.Main "$@"
fi
# The local system's processes, found by their ports, so the report shows where the CPU went and
# the gateway's memory.
listener() {
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}
extra=()
if [ "$mode" = flows ] || [ "$mode" = oidc ] || [ "$mode" = waiting ]; then
  processes=""
  for entry in gateway=8080 qr-service=8081 scan-service=8082 session-service=8083 oidc-provider=8084 kafka=9092 redis=6379; do
    pid=$(listener "${entry#*=}")
    [ -n "$pid" ] && processes="$processes${processes:+,}${entry%=*}=$pid"
  done
  case " $* " in *" --processes"*) ;; *) extra+=(--processes "$processes") ;; esac
  gateway_pid=$(listener 8080)
  case " $* " in *" --gateway-pid"*) ;; *) [ -n "$gateway_pid" ] && extra+=(--gateway-pid "$gateway_pid") ;; esac
fi
exec "$java_cmd" -Xms256m -Xmx1g -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.qrlogin.bench.load.BenchMain \
  "$@" "${extra[@]}"
