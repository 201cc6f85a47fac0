#!/usr/bin/env bash
# Builds nightscribe's application image as a tarball, without a Docker engine and without changing any pom: jib
# (jib-maven-plugin, called by its coordinates) layers the application module's classes, resources and dependency jars
# on the base image of scripts/image-base.sh. The image runs as user nightscribe (uid 10001) in /home/nightscribe,
# where the built-in models are unpacked on first use; nothing is downloaded at run time (DJL offline).
# Prints the tarball's path (docker-save format: `podman load -i` reads it).
#
# --smoke then loads it into podman and runs it: `--help`, and `transcribe` on a folder of wav files that flite
# speaks, mounted at /in; it checks the exit code (0, or 3 when inputs were quarantined) and that every wav got a
# transcript under /out. Installs podman, runc and flite with apt-get when missing; needs root (or sudo) for podman.
#
# The build runs Maven on the reactor (-pl MODULE -am), so sibling modules come from this checkout, never from a
# stale ~/.m2; jib.containerize keeps the other modules out of it. Builds run under nice.
#
# Usage: scripts/image.sh [--smoke] [--output FILE]     (default FILE: <module>/target/nightscribe-image.tar)
set -euo pipefail

# What to containerize: these move when the modules are restructured.
APP_GROUP=io.nightscribe
APP_MODULE=batch-jobs
MAIN_CLASS=io.nightscribe.batch.Nightscribe
IMAGE_REF=nightscribe:dev
JIB_VERSION=3.5.2
APP_USER_ID=10001
APP_HOME=/home/nightscribe
JVM_FLAGS="-XX:MaxRAMPercentage=75,-XX:+ExitOnOutOfMemoryError,-Dai.djl.offline=true"
ENVIRONMENT="DJL_OFFLINE=true"
# podman as it works on these machines: crun fails on this cgroup setup, default rlimits are too low.
PODMAN=(podman --runtime=runc --cgroup-manager=cgroupfs)
PODMAN_RUN=(run --rm --network=host --ulimit nofile=20000:20000 --ulimit nproc=32768:32768)

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

smoke=0
output="$root/$APP_MODULE/target/nightscribe-image.tar"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --output) [[ -n ${2:-} ]] || { echo "image: --output needs a file (try --help)" >&2; exit 2; }; output=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "image: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ $output == /* ]] || output="$PWD/$output"

command -v mvn >/dev/null || die "Maven is missing: install it (apt-get install maven) and Java 17"
base="$("$root/scripts/image-base.sh" | tail -n 1)"

work="$(mktemp -d /tmp/nightscribe-image-XXXXXX)"
loaded=""
cleanup() {
  # The smoke test's image is removed again: each build would otherwise leave ~450 MB in podman's storage.
  [[ -n $loaded ]] && as_root "${PODMAN[@]}" rmi "$loaded" >/dev/null 2>&1
  as_root rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
mkdir -p "$(dirname "$output")"
build_log="${output%.tar}-build.log"
echo "image: building $APP_MODULE and its image with jib $JIB_VERSION on $(basename "$base") (log $build_log)..." >&2
if ! (cd "$root" && nice -n 10 mvn -B -ntp -DskipTests -Dspotless.check.skip=true -pl "$APP_MODULE" -am \
    package "com.google.cloud.tools:jib-maven-plugin:$JIB_VERSION:buildTar" \
    -Djib.containerize="$APP_GROUP:$APP_MODULE" \
    -Djib.from.image="tar://$base" \
    -Djib.to.image="$IMAGE_REF" \
    -Djib.outputPaths.tar="$output" \
    -Djib.container.mainClass="$MAIN_CLASS" \
    -Djib.container.jvmFlags="$JVM_FLAGS" \
    -Djib.container.environment="$ENVIRONMENT" \
    -Djib.container.user="$APP_USER_ID:$APP_USER_ID" \
    -Djib.container.workingDirectory="$APP_HOME") >"$build_log" 2>&1; then
  die "the Maven/jib build failed ($(grep -m1 -E '^\[ERROR\]' "$build_log" | cut -c1-300)): see $build_log"
fi
echo "image: built $output in $((SECONDS - started)) s, $(du -m "$output" | cut -f1) MB" >&2
echo "$output"

((smoke)) || exit 0

ensure_debian_packages podman runc flite
started=$SECONDS
loaded="$(as_root "${PODMAN[@]}" load -i "$output" 2>"$work/load.log" | sed -n 's/^Loaded image[^:]*: //p' | tail -n 1)" \
  || die "podman load failed: $(tail -n 1 "$work/load.log")"
[[ -n $loaded ]] || die "podman load named no image: $(tail -n 1 "$work/load.log")"
echo "image: smoke test of $loaded (loaded in $((SECONDS - started)) s)" >&2

mkdir -p "$work/in" "$work/out"
sentences=("hello world" "the night shift transcribes the day's audio" "every run is recorded in the ledger")
for i in "${!sentences[@]}"; do
  flite -voice slt -t "${sentences[$i]}" -o "$work/in/clip-$i.wav"
done
as_root chown -R "$APP_USER_ID:$APP_USER_ID" "$work/out"

set +e
as_root "${PODMAN[@]}" "${PODMAN_RUN[@]}" "$loaded" --help >"$work/help.txt" 2>&1
rc=$?
set -e
((rc == 0)) || die "'nightscribe --help' in the image exited $rc: $(head -n 3 "$work/help.txt" | tr '\n' ' ')"
grep -q transcribe "$work/help.txt" || die "'nightscribe --help' in the image does not list the transcribe command: $(head -n 3 "$work/help.txt" | tr '\n' ' ')"
echo "image: --help exit 0: $(grep -m1 -i usage "$work/help.txt")" >&2

started=$SECONDS
set +e
as_root "${PODMAN[@]}" "${PODMAN_RUN[@]}" -v "$work/in:/in:ro" -v "$work/out:/out" "$loaded" \
  transcribe --input file:///in/ --output file:///out/ >"$work/transcribe.log" 2>&1
rc=$?
set -e
cp "$work/transcribe.log" /tmp/nightscribe-image-smoke.log
[[ $rc -eq 0 || $rc -eq 3 ]] || die "'nightscribe transcribe' in the image exited $rc (expected 0, or 3 with quarantined inputs): see /tmp/nightscribe-image-smoke.log"
echo "image: transcribe exit $rc in $((SECONDS - started)) s" >&2
untranscribed=0
for wav in "$work"/in/*.wav; do
  transcript="$(find "$work/out" -path "$work/out/_*" -prune -o -name "$(basename "$wav").json" -print | head -n 1)"
  if [[ -z $transcript ]]; then
    echo "image: no transcript for $(basename "$wav")" >&2
    untranscribed=1
  else
    echo "  ${transcript#"$work/out/"}: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("text", "?"))' "$transcript")"
  fi
done
((untranscribed == 0)) || die "transcripts are missing under /out (exit $rc): see /tmp/nightscribe-image-smoke.log"
echo "image: smoke test passed" >&2
