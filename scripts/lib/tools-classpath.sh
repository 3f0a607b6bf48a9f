# The classpath of what runs locally (tools/: the command-line tools, the demo, the bench): the classes of tools/,
# functions/ and testkit/ (as compiled, not the deployment jar) and every other runtime dependency of tools/, listed by
# its build in tools/target/tools.classpath. Source after common.sh; call ensure_tools_classes first.
tools_classpath() {
  printf '%s:%s:%s:%s' "$ROOT/tools/target/classes" "$ROOT/functions/target/classes" "$ROOT/testkit/target/classes" \
    "$(cat "$ROOT/tools/target/tools.classpath")"
}
