# Sourced by the bench scripts, from the repository root.
#   KEEL_JVM_FLAGS     the JVM flags keel runs with, from jvm.flags (the list ./keel reads)
#   bench_classpath M  compiles module M and what it depends on, with their tests, and prints the class path
#                      that runs M's test classes; Maven output goes to stderr
#   nd4j_quiet         a filter for java's stderr: drops blank lines and ND4J's INFO chatter, passes the rest on
# Maven runs online, so that a fresh machine downloads what it lacks; MVN_OPTS=-o builds offline.

mapfile -t KEEL_JVM_FLAGS < <(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' jvm.flags)

bench_classpath() {
  local module="$1"
  # shellcheck disable=SC2086
  mvn -q -B -Dstyle.color=never ${MVN_OPTS:-} -pl "$module" -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 1>&2
  echo "$module/target/test-classes:$module/target/classes:diagnose/target/classes:$(cat "$module/target/bench.classpath")"
}

nd4j_quiet() {
  grep -v '^\s*$' | grep -iv 'info\|^\[' >&2
}
