# Sourced by ./amsgrid and the scripts: picks a JDK >= 21 and puts project-local tools on PATH.
_amsgrid_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [[ -z "${JAVA_HOME:-}" ]] || [[ "$(_java_major "$JAVA_HOME")" -lt 21 ]]; then
  JAVA_HOME=""
  for d in /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* /usr/lib/jvm/*; do
    if [[ -x "$d/bin/javac" ]] && [[ "$(_java_major "$d")" -ge 21 ]]; then JAVA_HOME="$d"; break; fi
  done
  if [[ -z "$JAVA_HOME" ]]; then
    echo "amsgrid: needs a JDK 21 or newer (none under /usr/lib/jvm); install one and set JAVA_HOME" >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$_amsgrid_root/.tools/node_modules/.bin:$JAVA_HOME/bin:$PATH"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
if [[ "$(_java_major "$JAVA_HOME")" -ge 24 ]] && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe* ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
