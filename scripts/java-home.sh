# Sourced by ./webhooks and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Order: JAVA_HOME if it is new enough, then `java` on the PATH, then the newest JDK under
# /usr/lib/jvm. Fails with a message naming what it found when there is none.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

pick_java_home() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    major=$(java_major "$(command -v java)")
    if [ "${major:-0}" -ge 21 ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
      export JAVA_HOME
      return 0
    fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
    if [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ]; then
      major=$(java_major "$candidate/bin/java")
      if [ "${major:-0}" -ge 21 ]; then
        JAVA_HOME=${candidate%/}
        export JAVA_HOME
        return 0
      fi
    fi
  done
  echo "SmartComply Webhooks needs a JDK 21 or newer; none found (JAVA_HOME=${JAVA_HOME:-unset})." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at it." >&2
  return 1
}
