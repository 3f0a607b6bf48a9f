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
