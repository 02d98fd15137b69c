#!/bin/sh
# Runs one client library's tests: ./run-tests.sh node | python (the clients module's `mvn test` calls it).
# Without the interpreter the tests are skipped with a loud message, except under CI (CI=true),
# where they must run: .ci/run installs node, and python3 is part of the image.
set -eu
cd "$(dirname "$0")"
case "${1:-}" in
  node)   tool=node;    dir=node;   set -- node --test test/ ;;
  python) tool=python3; dir=python; set -- python3 -m unittest ;;
  *) echo "usage: $0 node|python" >&2; exit 2 ;;
esac
if ! command -v "$tool" >/dev/null 2>&1; then
  message="'$tool' is not on PATH: the $dir client library's tests cannot run."
  if [ "${CI:-}" = "true" ]; then
    echo "$message CI must run them, so this fails instead of skipping." >&2
    exit 1
  fi
  echo "!!!!!!!!!! SKIPPING clients/$dir tests: $message" >&2
  exit 0
fi
cd "$dir"
echo "clients/$dir: $*"
exec "$@"
