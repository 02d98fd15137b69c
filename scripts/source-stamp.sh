# Sourced by ./webhooks: a fingerprint of the sources a build is made from, to tell a stale jar.
#
# source_stamp PATH...  prints one line that changes when a file under the paths is added, deleted,
# renamed or edited (names and contents, via cksum), and only then: builds, tests and benchmarks
# that write under target/ change nothing here, and neither does touching a file without editing
# it. Files under target/ and node_modules/ do not count. POSIX tools only (find, sort, xargs,
# cksum), so it works alike on Linux and macOS.
source_stamp() {
  find "$@" \( -name target -o -name node_modules \) -prune -o -type f -print 2>/dev/null \
    | LC_ALL=C sort | tr '\n' '\0' | xargs -0 cksum 2>/dev/null | cksum
}
