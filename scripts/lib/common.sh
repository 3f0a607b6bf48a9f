# Shared helpers for the project's scripts. Source it; it sets ROOT to the repository root.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MVNW="$ROOT/mvnw"
KAFKA_BROKER_VERSION="${LOGWISE_KAFKA_BROKER_VERSION:-4.4.0}"

say() { printf '%s\n' "$*" >&2; }

# True when target is missing or any file under the given sources is newer than it.
is_stale() {
  local target="$1"; shift
  [[ ! -e "$target" ]] && return 0
  [[ -n "$(find "$@" -newer "$target" -type f -print -quit 2>/dev/null)" ]]
}

# The classpath of the real Kafka broker and Kafka's tools, resolved once from Maven (same cache as the tests).
broker_classpath() {
  local cache="$ROOT/.local/kafka-broker-$KAFKA_BROKER_VERSION.classpath"
  if [[ ! -s "$cache" ]]; then
    mkdir -p "$ROOT/.local"
    say "Resolving Apache Kafka $KAFKA_BROKER_VERSION from Maven (first run only)..."
    "$MVNW" -q -B -f "$ROOT/scripts/kafka-broker/pom.xml" dependency:build-classpath \
      -Dkafka.broker.version="$KAFKA_BROKER_VERSION" -Dmdep.outputFile="$cache.partial" >&2
    mv "$cache.partial" "$cache"
  fi
  cat "$cache"
}

# Compiles the functions module's main and test classes when they are missing or older than their sources.
ensure_test_classes() {
  local stamp="$ROOT/functions/target/test-classes/.logwise-compiled"
  if is_stale "$stamp" "$ROOT/functions/src" "$ROOT/functions/pom.xml" "$ROOT/pom.xml"; then
    say "Compiling the functions module..."
    "$MVNW" -q -B -f "$ROOT/pom.xml" -pl functions test-compile >&2
    touch "$stamp"
  fi
}

# Builds the deployment jar (which also compiles the test classes: the local runtime, the demo) when it is missing or
# older than the functions' sources. Set LOGWISE_INVOKE_NO_BUILD to fail instead of building.
ensure_deployment_jar() {
  local functions="$ROOT/functions"
  local jar="$functions/target/logwise-kafka-functions-0.1.0-SNAPSHOT.jar"
  if [[ ! -f "$functions/target/test-classes/io/logwise/kafka/local/LocalLambdaRuntime.class" \
        || ! -s "$functions/target/local-runtime/ric.classpath" ]] \
      || is_stale "$jar" "$functions/src" "$functions/pom.xml" "$ROOT/pom.xml"; then
    if [[ -n "${LOGWISE_INVOKE_NO_BUILD:-}" ]]; then
      say "the deployment jar or the local runtime is missing or stale, and LOGWISE_INVOKE_NO_BUILD is set"
      return 1
    fi
    say "building the deployment jar (missing or older than its sources; the first run downloads dependencies)..."
    "$MVNW" -q -B -f "$ROOT/pom.xml" -pl functions -am package -DskipTests -DskipITs >&2
  fi
}
