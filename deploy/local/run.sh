#!/usr/bin/env bash
# Starts the whole QR Login system on this machine: a real Kafka broker (KRaft) and Redis, the five
# services in demo mode, and the demo relying party (an OpenID Connect client) on 8085. Builds what is
# out of date first. Ctrl-C stops everything.
#
#   QRLOGIN_LOCAL_GATEWAYS=2        a second gateway on 8090
#   QRLOGIN_LOCAL_REDIS=cluster     Redis as a Cluster: 3 masters + 3 replicas on 6379-6384
#   QRLOGIN_LOCAL_REDIS=sentinel    Redis as a master (6379), a replica (6380) and 3 sentinels (26379-26381)
#   QRLOGIN_RATELIMIT_ENABLED=false rate limits off (benchmarks); any QRLOGIN_* reaches the services
#   QRLOGIN_LOCAL_JAVA_OPTS=…       the services' JVM options (replaces the defaults below)
#   QRLOGIN_LOCAL_AOT=off|train     no AOT cache / train one (JDK 25+; deploy/local/train-aot.sh does it)
#   JAVA_HOME=…                     the JDK that builds and runs everything; without it the build uses the
#                                   default java and the system runs on the newest installed JDK 25+, if any
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

# The newest JDK from 25 on among the usual install places, or nothing. The services are built for 17 and run
# better on 25: ES256 about three times faster, AOT caches, compact object headers (docs/benchmarks.md).
newest_jdk() {
  local home version feature best='' best_feature=24
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")
    feature=${version%%[.+-]*}
    [[ $feature =~ ^[0-9]+$ ]] && [ "$feature" -gt "$best_feature" ] || continue
    best=$home best_feature=$feature
  done
  echo "$best"
}

if [ -n "${JAVA_HOME:-}" ]; then
  java_cmd=$JAVA_HOME/bin/java
else
  runtime=$(newest_jdk)
  java_cmd=${runtime:+$runtime/bin/}java
fi
# Seven JVMs, Kafka and Redis share this machine's cores: one GC thread and a bounded heap each, and
# 8-byte object headers where the JVM has them (JDK 25): a waiting browser's socket is many small
# objects (docs/benchmarks.md measures all three).
default_java_opts="-XX:+UseSerialGC -Xms64m -Xmx512m"
if "$java_cmd" -XX:+UseCompactObjectHeaders -version >/dev/null 2>&1; then
  default_java_opts="$default_java_opts -XX:+UseCompactObjectHeaders"
fi
export QRLOGIN_LOCAL_JAVA_OPTS="${QRLOGIN_LOCAL_JAVA_OPTS-$default_java_opts}"
stamp=deploy/local/target/.built
classpath_file=deploy/local/target/classpath.txt

stale() {
  [ ! -f "$stamp" ] || [ ! -f "$classpath_file" ] && return 0
  [ -n "$(find . -path ./deploy/local/.run -prune -o -path '*/target' -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' -o -path './widget/src/*' \) -newer "$stamp" -print -quit)" ]
}

if stale; then
  echo "Building QR Login (first run, or sources changed)…"
  # One reactor run: the class path then names the modules' own jars, so nothing has to be installed
  # in the local Maven repository first (each module writes its target/classpath.txt; this uses deploy/local's).
  # Without the npm package (module widget), which needs Node: the gateway copies the widget's source itself.
  ./mvnw -q -B -ntp -DskipTests -pl '!widget' package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  touch "$stamp"
fi

exec "$java_cmd" -cp "deploy/local/target/classes:$(cat "$classpath_file")" -Dqrlogin.root="$root" \
  io.qrlogin.local.LocalMain
