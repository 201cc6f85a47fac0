# shellcheck shell=bash
# Shared helpers for nightscribe's scripts; source it, don't run it.

# die MESSAGE: prints "<script>: MESSAGE" on stderr and exits 1. Messages name the problem and the fix.
die() { echo "$(basename "$0" .sh): $*" >&2; exit 1; }

# as_root COMMAND...: runs COMMAND as root, through sudo when not root already.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "'$*' needs root: run this script as root or install sudo"
  fi
}

# ensure_debian_packages PACKAGE...: installs the Debian packages that are not installed yet (apt-get update first).
# Services that a package would start are not started (policy-rc.d): the scripts start what they need themselves.
ensure_debian_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null || die "needs the Debian packages ${missing[*]}, and this is no Debian machine (no apt-get): install them by hand"
  echo "$(basename "$0" .sh): installing Debian packages ${missing[*]}" >&2
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && added_policy=1
  fi
  local ok=1 log
  log="$(mktemp /tmp/nightscribe-apt-XXXXXX.log)"
  as_root apt-get update -qq >"$log" 2>&1 || ok=0
  ((ok)) && { DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >>"$log" 2>&1 || ok=0; }
  ((added_policy)) && as_root rm -f "$policy"
  ((ok)) || die "cannot install ${missing[*]} with apt-get ($(grep -m1 -E '^(E|Err):' "$log" || tail -n 1 "$log")): check the Debian mirror in /etc/apt/sources.list, then run 'apt-get install ${missing[*]}'"
  rm -f "$log"
}

# reactor_classpath MODULE WORKDIR: builds MODULE and the modules it needs from this checkout (never from ~/.m2, where
# another checkout's snapshots may be; nothing is installed there) and prints its test class path: its test classes,
# its classes, then every dependency, sibling modules as the jars just built.
reactor_classpath() {
  local module=$1 out=$2 checkout
  checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # every module of the reactor writes the file; MODULE comes last, so its class path is what remains
  (cd "$checkout" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl "$module" -am package \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/$module.cp") >"$out/$module.build.log" 2>&1 \
    || die "cannot build $module: $(tail -n 1 "$out/$module.build.log") (the whole log is $out/$module.build.log)"
  echo "$checkout/$module/target/test-classes:$checkout/$module/target/classes:$(cat "$out/$module.cp")"
}

# application_jar: prints the application jar of this checkout, if it was built
application_jar() {
  local candidate checkout
  checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  for candidate in "$checkout"/batch-jobs/target/batch-jobs-*.jar; do
    if [[ -f "$candidate" && "$candidate" != *-plain.jar && "$candidate" != *-tests.jar ]]; then
      echo "$candidate"
      return
    fi
  done
}
