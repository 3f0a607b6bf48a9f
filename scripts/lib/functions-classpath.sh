# The functions module's dependency classpath (test scope, so it serves the tools in test sources too), resolved by
# Maven once and again whenever a pom changes. Source after common.sh.
functions_classpath() {
  local cache="$ROOT/.local/functions-test.classpath"
  if is_stale "$cache" "$ROOT/functions/pom.xml" "$ROOT/pom.xml"; then
    mkdir -p "$ROOT/.local"
    run_step "Resolving the functions module's dependencies (first run only)" /dev/null \
      "$MVNW" -q -B -f "$ROOT/pom.xml" -pl functions dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$cache.partial"
    mv "$cache.partial" "$cache"
  fi
  printf '%s:%s:%s' "$ROOT/functions/target/classes" "$ROOT/functions/target/test-classes" "$(cat "$cache")"
}
