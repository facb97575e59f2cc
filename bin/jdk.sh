# Finds a JDK 25 or newer and exports JAVA_HOME to it; sourced by ./grokgram and .ci/run.
# Order: $JAVA_HOME, then `java` on the PATH, then the system JVM folder (/usr/lib/jvm on Debian and Ubuntu).

grokgram_java_feature() { # prints the feature release of the java binary $1 (e.g. 25), or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

grokgram_find_jdk() {
  local candidate version
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/*; do candidates+=("$candidate"); done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(grokgram_java_feature "$candidate/bin/java")
    if [ -n "$version" ] && [ "$version" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  {
    echo "grokgram: no JDK 25 or newer found."
    echo "  looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), java on the PATH, and /usr/lib/jvm/*"
    echo "  install one (e.g. Temurin 25) and set JAVA_HOME to it, then run this again."
  } >&2
  return 1
}
