# Shared helpers for the project's scripts. Source it; it sets ROOT to the repository root.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MVNW="$ROOT/mvnw"
KAFKA_BROKER_VERSION="${LOGWISE_KAFKA_BROKER_VERSION:-4.4.0}"

say() { printf '%s\n' "$*" >&2; }

# "1m05s", "2h03m", "45s": a duration in seconds as people read it.
human_seconds() {
  local s=$1
  if ((s >= 3600)); then printf '%dh%02dm' $((s / 3600)) $((s % 3600 / 60))
  elif ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60))
  else printf '%ds' "$s"; fi
}

# Process groups of the long steps started by run_step that are still running; stop_steps ends them.
STEP_GROUPS=()

# run_step LABEL OUT COMMAND... — runs a long step (a build, a download, a broker start) in its own process group,
# says what it does at once and every 5 s until it ends, and returns its exit code. Its stdout goes to OUT (a file,
# or /dev/null), its stderr to a log whose end is printed if it fails. A trapped signal interrupts the wait at once,
# and stop_steps (call it from the trap) ends the whole step, children included, instead of leaving it running.
run_step() {
  local label="$1" out="$2"; shift 2
  local log started=$SECONDS status=0 pid
  log="$(mktemp "${TMPDIR:-/tmp}/logwise-step.XXXXXX")"
  say "$label..."
  setsid "$@" >"$out" 2>"$log" &
  pid=$!
  STEP_GROUPS+=("$pid")
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1 & wait $! || true
    if kill -0 "$pid" 2>/dev/null && (((SECONDS - started) % 5 == 0)); then
      say "  ... ${label%% (*}: $(human_seconds $((SECONDS - started)))"
    fi
  done
  wait "$pid" || status=$?
  local remaining=() group
  for group in "${STEP_GROUPS[@]}"; do
    [[ "$group" != "$pid" ]] && remaining+=("$group")
  done
  STEP_GROUPS=("${remaining[@]+"${remaining[@]}"}")
  if ((status != 0)); then
    say "$label failed (exit $status) after $(human_seconds $((SECONDS - started))); the end of its output:"
    tail -n 25 "$log" >&2
  elif (((SECONDS - started) >= 5)); then
    say "  ${label%% (*}: done in $(human_seconds $((SECONDS - started)))"
  fi
  rm -f "$log"
  return "$status"
}

# Ends every step run_step started that is still running (its whole process group), and waits for them.
stop_steps() {
  local group
  for group in "${STEP_GROUPS[@]}"; do
    [[ -n "$group" ]] && kill -TERM -- "-$group" 2>/dev/null || true
  done
  for group in "${STEP_GROUPS[@]}"; do
    [[ -n "$group" ]] && wait "$group" 2>/dev/null || true
  done
  STEP_GROUPS=()
}

# True when target is missing or any file under the given sources is newer than it.
is_stale() {
  local target="$1"; shift
  [[ ! -e "$target" ]] && return 0
  [[ -n "$(find "$@" -newer "$target" -type f -print -quit 2>/dev/null)" ]]
}

# Stops the broker scripts/local-kafka started in DIR (its recorded pid, only if that process is still a Kafka broker
# of DIR: a reused pid is never signalled), without Java or a build, so that stopping always works. Waits up to
# 15 s for a clean shutdown, then kills it.
stop_local_broker() {
  local dir="$1" pid i
  [[ -s "$dir/broker.pid" ]] || return 0
  pid="$(<"$dir/broker.pid")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $dir/"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    say "Kafka stopped (pid $pid)"
  fi
  rm -f "$dir/broker.pid"
}

# The classpath of the real Kafka broker and Kafka's tools, resolved once from Maven (same cache as the tests).
broker_classpath() {
  local cache="$ROOT/.local/kafka-broker-$KAFKA_BROKER_VERSION.classpath"
  if [[ ! -s "$cache" ]]; then
    mkdir -p "$ROOT/.local"
    run_step "Resolving Apache Kafka $KAFKA_BROKER_VERSION from Maven (first run only)" /dev/null \
      "$MVNW" -q -B -f "$ROOT/scripts/kafka-broker/pom.xml" dependency:build-classpath \
      -Dkafka.broker.version="$KAFKA_BROKER_VERSION" -Dmdep.outputFile="$cache.partial"
    mv "$cache.partial" "$cache"
  fi
  cat "$cache"
}

# Compiles the real-broker test kit (testkit/: scripts/local-kafka's broker) when its classes are missing or stale.
ensure_testkit_classes() {
  # A class Maven writes, so that a full build (./mvnw verify) counts as compiled too.
  local stamp="$ROOT/testkit/target/classes/io/logwise/kafka/testkit/LocalKafkaMain.class"
  if is_stale "$stamp" "$ROOT/testkit/src/main" "$ROOT/testkit/pom.xml" "$ROOT/pom.xml"; then
    run_step "Compiling the test kit" /dev/null "$MVNW" -q -B -f "$ROOT/pom.xml" -pl testkit compile
    touch "$stamp"
  fi
}

# Builds the deployment jar (functions/) and the tools module (tools/: the local runtime, the demo, the bench and
# target/local-runtime, the Lambda runtime client's classpath) when either is missing or older than its sources.
# Set LOGWISE_INVOKE_NO_BUILD to fail instead of building.
ensure_deployment_jar() {
  local jar="$ROOT/functions/target/logwise-kafka-functions-0.1.0-SNAPSHOT.jar"
  if [[ ! -s "$ROOT/tools/target/local-runtime/ric.classpath" ]] \
      || is_stale "$jar" "$ROOT/functions/src/main" "$ROOT/functions/pom.xml" "$ROOT/pom.xml" \
      || tools_stale; then
    if [[ -n "${LOGWISE_INVOKE_NO_BUILD:-}" ]]; then
      say "the deployment jar or the local runtime is missing or stale, and LOGWISE_INVOKE_NO_BUILD is set"
      return 1
    fi
    run_step "Building the deployment jar and the tools (missing or older than their sources; the first run downloads dependencies)" \
      /dev/null "$MVNW" -q -B -f "$ROOT/pom.xml" -pl functions,tools -am package -DskipTests -DskipITs
    touch_tools_stamps
  fi
}

# The classes that stand for a module's compiled main classes: Maven recompiles every class of a module when one of
# its sources changes, so one class file is as new as the module's last compilation.
TOOLS_STAMPS=(
  "$ROOT/tools/target/classes/io/logwise/kafka/local/LocalLambdaRuntime.class:tools"
  "$ROOT/functions/target/classes/io/logwise/kafka/handler/LagScannerHandler.class:functions"
  "$ROOT/testkit/target/classes/io/logwise/kafka/testkit/LocalKafkaMain.class:testkit"
)

# True when the tools' classes, or the classes of the functions or of the test kit they use, are older than their
# sources, or the list of their other dependencies (tools/target/tools.classpath, rewritten by every compilation of
# tools/) is older than a pom.
tools_stale() {
  local entry
  for entry in "${TOOLS_STAMPS[@]}"; do
    is_stale "${entry%:*}" "$ROOT/${entry##*:}/src/main" && return 0
  done
  [[ ! -s "$ROOT/tools/target/tools.classpath" ]] \
    || is_stale "$ROOT/tools/target/tools.classpath" "$ROOT/tools/pom.xml" "$ROOT/functions/pom.xml" \
         "$ROOT/testkit/pom.xml" "$ROOT/pom.xml"
}

touch_tools_stamps() {
  local entry
  for entry in "${TOOLS_STAMPS[@]}"; do touch "${entry%:*}"; done
  touch "$ROOT/tools/target/tools.classpath"
}

# Compiles the tools (tools/) with the functions and the test kit when any of their classes is stale.
ensure_tools_classes() {
  if tools_stale; then
    run_step "Compiling the tools (tools/), the functions and the test kit" /dev/null \
      "$MVNW" -q -B -f "$ROOT/pom.xml" -pl tools -am compile
    touch_tools_stamps
  fi
}
