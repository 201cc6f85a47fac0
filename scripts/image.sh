#!/usr/bin/env bash
# Builds nightscribe's application image as a tarball, without a Docker engine and without changing any pom: jib
# (jib-maven-plugin, called by its coordinates) layers the application module's classes, resources and dependency jars
# on the base image of scripts/image-base.sh, and the module's src/main/jib folder (the GPU discovery script Spark on
# Kubernetes runs, /opt/nightscribe/spark/discover-gpus.sh), and the Spark application --runner spark submits with Spark's
# jars under /opt/nightscribe/spark/app. The image runs as user nightscribe (uid 10001) in
# /home/nightscribe, where the built-in models are unpacked on first use; nothing is downloaded at run time (DJL
# offline). One image serves every pipeline and model: models are resolved from their references when a run starts.
# Prints the tarball's path (docker-save format: `podman load -i` reads it).
#
# --smoke then loads it into podman and runs it as a CronJob's pod runs it: `--help`; one night of a pipeline whose
# configuration file is mounted where the pods have it (NIGHTSCRIBE_CONFIG), its input a folder of wav files that
# flite speaks (file:///in/{date}/), with a read-only root file system and writable /tmp and home; it checks the exit
# code (0, or 3 when inputs were quarantined), a transcript for every wav and the run record; then the GPU discovery
# script with a stand-in nvidia-smi. Needs root (or sudo) for podman.
#
# On a fresh Debian machine it installs what it needs with apt-get (Java 17 and Maven; podman, runc and flite for
# --smoke; Go comes through scripts/tools.sh). The build runs Maven on the reactor (-pl MODULE -am), so sibling modules
# come from this checkout, never from a stale ~/.m2; jib.containerize keeps the other modules out of it. Builds run
# under nice.
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
# The Spark application `--runner spark` submits (a pod is the Spark driver; executors run this image too), its
# dependencies and Spark's own jars, staged from spark-inference's build where nightscribe finds them
SPARK_APP=/opt/nightscribe/spark/app
ENVIRONMENT="DJL_OFFLINE=true,NIGHTSCRIBE_SPARK_APPLICATION=$SPARK_APP/spark-inference.jar"
ENVIRONMENT+=",NIGHTSCRIBE_SPARK_APPLICATIONCLASSPATH=$SPARK_APP/application.classpath"
ENVIRONMENT+=",NIGHTSCRIBE_SPARK_RUNTIMECLASSPATH=$SPARK_APP/runtime.classpath"
# jib copies files with mode 644; Spark runs the discovery script itself
PERMISSIONS="/opt/nightscribe/spark/discover-gpus.sh=755,/opt/nightscribe/spark/executor.sh=755"
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
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "image: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ $output == /* ]] || output="$PWD/$output"

# java_release: the feature release of the javac on PATH (17 for 17.0.21), or 0 without one.
java_release() { javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p' | grep . || echo 0; }
(($(java_release) >= 17)) || ensure_debian_packages openjdk-17-jdk-headless
(($(java_release) >= 17)) || die "javac $(java_release) is on PATH and nightscribe needs Java 17 or newer: put a JDK 17 first on PATH"
command -v mvn >/dev/null || ensure_debian_packages maven
command -v python3 >/dev/null || ensure_debian_packages python3
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
echo "image: staging the Spark application (log $build_log)..." >&2
if ! (cd "$root" && nice -n 10 mvn -B -ntp -DskipTests -Dspotless.check.skip=true -pl spark-inference -am package) \
    >"$build_log" 2>&1; then
  die "the Maven build of spark-inference failed ($(grep -m1 -E '^\[ERROR\]' "$build_log" | cut -c1-300)): see $build_log"
fi
stage="$root/$APP_MODULE/target/jib-spark"
rm -rf "$stage" && mkdir -p "$stage$SPARK_APP/lib"
# stage_classpath FILE NAME: copies FILE's jars into lib/ (one per file name) and writes NAME with their image paths
stage_classpath() {
  local jar entries=()
  while read -r jar; do
    [[ -f "$jar" ]] || continue
    cp -n "$jar" "$stage$SPARK_APP/lib/"
    entries+=("$SPARK_APP/lib/$(basename "$jar")")
  done < <(tr ':' '\n' <"$1" | grep '\.jar$')
  (IFS=:; echo "${entries[*]}") >"$stage$SPARK_APP/$2"
}
stage_classpath "$root/spark-inference/target/spark-application.classpath" application.classpath
stage_classpath "$root/spark-inference/target/spark-runtime.classpath" runtime.classpath
cp "$(ls "$root"/spark-inference/target/spark-inference-*.jar | grep -v -- -tests.jar | head -n1)" \
  "$stage$SPARK_APP/spark-inference.jar"

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
    -Djib.container.workingDirectory="$APP_HOME" \
    -Djib.extraDirectories.paths="$root/$APP_MODULE/src/main/jib,$stage" \
    -Djib.extraDirectories.permissions="$PERMISSIONS") >>"$build_log" 2>&1; then
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

# A night as a CronJob's pod runs it: the configuration where the ConfigMap is mounted, a read-only root file system,
# writable home (unpacked models, native libraries, the embedded ledger) and /tmp; the date's input folder from flite.
night=2026-11-21
mkdir -p "$work/in/${night//-//}" "$work/out" "$work/config" "$work/home"
sentences=("hello world" "the night shift transcribes the day's audio" "every run is recorded in the ledger")
for i in "${!sentences[@]}"; do
  flite -voice slt -t "${sentences[$i]}" -o "$work/in/${night//-//}/clip-$i.wav"
done
cat >"$work/config/nightscribe.yml" <<'YAML'
nightscribe:
  pipelines:
    smoke:
      input: file:///in/{date:yyyy/MM/dd}/
      output: file:///out/
YAML
as_root chown -R "$APP_USER_ID:$APP_USER_ID" "$work/out" "$work/home"

set +e
as_root "${PODMAN[@]}" "${PODMAN_RUN[@]}" "$loaded" --help >"$work/help.txt" 2>&1
rc=$?
set -e
((rc == 0)) || die "'nightscribe --help' in the image exited $rc: $(head -n 3 "$work/help.txt" | tr '\n' ' ')"
grep -q transcribe "$work/help.txt" || die "'nightscribe --help' in the image does not list the transcribe command: $(head -n 3 "$work/help.txt" | tr '\n' ' ')"
echo "image: --help exit 0: $(grep -m1 -i usage "$work/help.txt")" >&2

started=$SECONDS
set +e
# --read-only gives the container a writable /tmp; home is a folder of the user's, as a pod's emptyDir
as_root "${PODMAN[@]}" "${PODMAN_RUN[@]}" --read-only -v "$work/home:$APP_HOME" \
  -v "$work/in:/in:ro" -v "$work/out:/out" -v "$work/config:/etc/nightscribe/config:ro" \
  -e NIGHTSCRIBE_CONFIG=/etc/nightscribe/config/nightscribe.yml \
  "$loaded" transcribe --pipeline smoke --date "$night" >"$work/transcribe.log" 2>&1
rc=$?
set -e
cp "$work/transcribe.log" /tmp/nightscribe-image-smoke.log
[[ $rc -eq 0 || $rc -eq 3 ]] || die "'nightscribe transcribe --pipeline smoke' in the image exited $rc (expected 0, or 3 with quarantined inputs): see /tmp/nightscribe-image-smoke.log"
echo "image: transcribe --pipeline smoke --date $night exit $rc in $((SECONDS - started)) s (read-only root)" >&2
untranscribed=0
for wav in "$work/in/${night//-//}"/*.wav; do
  transcript="$work/out/smoke/date=$night/$(basename "$wav").json"
  if [[ ! -s $transcript ]]; then
    echo "image: no transcript for $(basename "$wav")" >&2
    untranscribed=1
  else
    echo "  ${transcript#"$work/out/"}: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("text", "?"))' "$transcript")"
  fi
done
((untranscribed == 0)) || die "transcripts are missing under /out/smoke/date=$night/ (exit $rc): see /tmp/nightscribe-image-smoke.log"
records=("$work"/out/_runs/*/run.json)
[[ -s ${records[0]} ]] || die "the night left no run record (out/_runs/<run-id>/run.json): see /tmp/nightscribe-image-smoke.log"
echo "  ${records[0]#"$work/out/"}: status $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("status", "?"))' "${records[0]}")"

# The discovery script Spark on Kubernetes runs on GPU executors, with a stand-in for the nvidia-smi a GPU node brings.
mkdir -p "$work/fake-bin"
printf '#!/bin/sh\nprintf "0\\n1\\n"\n' >"$work/fake-bin/nvidia-smi"
chmod 755 "$work/fake-bin" "$work/fake-bin/nvidia-smi"
set +e
discovered="$(as_root "${PODMAN[@]}" "${PODMAN_RUN[@]}" --read-only -v "$work/fake-bin:/opt/fake-bin:ro" \
  -e PATH=/opt/fake-bin:/usr/bin:/bin --entrypoint /opt/nightscribe/spark/discover-gpus.sh "$loaded" 2>&1)"
rc=$?
set -e
[[ $rc -eq 0 && $discovered == '{"name":"gpu","addresses":["0","1"]}' ]] \
  || die "the image's GPU discovery script exited $rc with: $discovered"
echo "image: /opt/nightscribe/spark/discover-gpus.sh: $discovered" >&2
# The Spark submitter the image's nightscribe runs for --runner spark (no Spark distribution in the image)
set +e
spark_version="$(as_root "${PODMAN[@]}" "${PODMAN_RUN[@]}" --read-only --entrypoint /bin/sh "$loaded" -c \
  "java -cp \"\$(cat $SPARK_APP/runtime.classpath):$SPARK_APP/spark-inference.jar:\$(cat $SPARK_APP/application.classpath)\" \
  org.apache.spark.deploy.SparkSubmit --version" 2>&1)"
rc=$?
set -e
grep -q 'version 4\.' <<<"$spark_version" || die "SparkSubmit in the image exited $rc without a version: $(tail -n 3 <<<"$spark_version")"
echo "image: SparkSubmit in the image: Spark $(grep -o -m1 'version 4[.0-9]*' <<<"$spark_version")" >&2
echo "image: smoke test passed" >&2
