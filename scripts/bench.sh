#!/usr/bin/env bash
# Measures nightscribe in one run:
#   - against the peer: nightscribe and vosk-transcriber (PyPI vosk, the Vosk project's own command-line tool, same
#     model, same parallelism) taking turns on the call set of scripts/prepare-calls.sh (long calls and short prompts
#     at 8 kHz and 16 kHz): wall, CPU, peak memory, CPU seconds per audio second and word error rate side by side;
#   - the fixed cost of a night: one short recording, from the launcher's start-up archive and from the plain jar;
#   - the engine alone (audio decoded, cut and batched into memory first) against the whole nightly job from S3 to S3
#     (the application jar as its own process, an S3 server on loopback) on the sample clips copied 12 times: their
#     ratio, the pipeline efficiency, and the job's peak RSS;
#   - decoding speed per format against the ffmpeg command line on the same files.
# With --djl it also runs the shipped DJL CTC model on the call set, cut in fixed windows and at pauses, one chunk per
# forward pass and batched, each replayed (the verdict must be IDENTICAL), and the DJL engine alone (nightscribe's
# default-size network, random weights) at 1 to 32 chunks per call in each batching mode (--djl-minutes M of audio,
# default 5); scripts/bench-gpu.sh does the latter on CUDA.
# With --spark it also runs the call set copied --spark-copies times (default 2: about 42 minutes of audio) in process
# and on a Spark standalone cluster of the same cores (scripts' own, from the build's Spark jars), taking turns: the
# overhead ratio, model loads and the executor's peak memory.
# With --long it also transcribes one 3-hour MP3 (--long-hours H: H hours) and prints the job's memory over time.
# With --scale it measures only the scale of a night instead: nights of 1,000 and 10,000 tiny objects (--scale-sizes
# "N1 N2 ...", one 0.4 s word each) from S3 to S3 with the ledger in PostgreSQL: wall time, the job's peak RSS and its
# ratio between the largest and the smallest night, and the per-object overhead of planning, transcription outside
# the engine, and finishing, against the engine alone on the same clip.
# Prints a markdown summary; docs/benchmarks.md says how to read it. Medians of --runs runs (default 3).
#
# Usage: scripts/bench.sh [--long | --long-hours H] [--djl [--djl-minutes M]] [--spark [--spark-copies N]] [--workers N]
#                        [--runs N] [--copies N]
#        scripts/bench.sh --scale [--scale-sizes "1000 10000"] [--workers N] [--runs N]
set -euo pipefail

long_hours=0
djl=0
djl_minutes=5
spark=0
spark_copies=2
workers=$(nproc)
runs=3
copies=12
scale=0
scale_sizes="1000 10000"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --long) long_hours=3 ;;
    --long-hours) long_hours=$2; shift ;;
    --djl) djl=1 ;;
    --djl-minutes) djl=1; djl_minutes=$2; shift ;;
    --spark) spark=1 ;;
    --spark-copies) spark=1; spark_copies=$2; shift ;;
    --workers) workers=$2; shift ;;
    --runs) runs=$2; shift ;;
    --copies) copies=$2; shift ;;
    --scale) scale=1 ;;
    --scale-sizes) scale=1; scale_sizes=$2; shift ;;
    -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"
work="$(mktemp -d /tmp/nightscribe-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$root"

"$root/scripts/setup.sh"
venv="${NIGHTSCRIBE_VENV:-$HOME/.cache/nightscribe/mlflow-venv}"
[[ -x "$venv/bin/vosk-transcriber" ]] || die "no vosk-transcriber in $venv: run scripts/setup.sh"
# The benchmarks' nightscribe processes start as users' do: through the launcher, with its start-up archive (made
# here once per build); sets process_props, the Java properties that tell NightscribeProcess where they are.
prepare_processes() {
  local cache="${NIGHTSCRIBE_APP_CACHE:-$HOME/.cache/nightscribe/app}"
  NIGHTSCRIBE_JAR="$1" NIGHTSCRIBE_APP_CACHE="$cache" "$root/scripts/nightscribe" --version >/dev/null
  process_props=(-Dnightscribe.jar="$1" -Dnightscribe.launcher="$root/scripts/nightscribe" -Dnightscribe.app-cache="$cache")
}
echo "bench: building..." >&2
if ((scale)); then
  vosk_cp="$(reactor_classpath engine-vosk "$work")"
  jobs_cp="$(reactor_classpath batch-jobs "$work")"
  export NIGHTSCRIBE_JAR
  NIGHTSCRIBE_JAR="$(application_jar)"
  prepare_processes "$NIGHTSCRIBE_JAR"
  clip="$root/batch-jobs/src/test/resources/tiny-night/yes.wav"
  engine_objects=1000
  mkdir -p "$work/tiny"
  for i in $(seq -w 1 "$engine_objects"); do cp "$clip" "$work/tiny/clip-$i.wav"; done
  echo "bench: engine alone on $engine_objects copies of the clip ($workers workers, median of $runs)..." >&2
  read -r _ _ engine_wall _ < <(java -cp "$vosk_cp" io.nightscribe.bench.EngineBenchmark "$work/tiny" "$workers" "$runs" \
    2>/dev/null | grep '^engine ')
  echo "bench: nights of $scale_sizes tiny objects ($workers workers, $runs runs each)..." >&2
  # shellcheck disable=SC2086
  scale_lines="$(java "${process_props[@]}" -cp "$jobs_cp" io.nightscribe.bench.ScaleBenchmark "$workers" "$runs" \
    $scale_sizes 2>"$work/scale.log")" || { tail -n 20 "$work/scale.log" >&2; exit 1; }
  engine_ms=$(awk -v w="$engine_wall" -v n="$engine_objects" 'BEGIN {printf "%.1f", w * 1000 / n}')
  cat <<MARKDOWN
## nightscribe at scale, $(date -u +%F)

Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB; Java $(java -version 2>&1 | head -n1 | cut -d'"' -f2);
load average after $(cut -d' ' -f1-3 /proc/loadavg). Commit $(git -C "$root" rev-parse --short HEAD).

Nights of tiny objects (one 0.4 s word, 12 KB WAV) from S3 to S3 (s3proxy on loopback), ledger in PostgreSQL,
$workers workers, the application jar as its own process (-Xmx1g); medians of $runs runs. Engine alone on the same clip:
${engine_ms} ms per object ($engine_objects copies, median of $runs).

| objects | upload s | job wall s | run wall s | plan ms | transcribe s | finish ms | peak RSS MiB (min-max) |
|---:|---:|---:|---:|---:|---:|---:|---:|
$(awk '/^scale / {printf "| %d | %.1f | %.1f | %.1f | %d | %.1f | %d | %d (%d-%d) |\n", $2, $3, $4, $5, $6, $7 / 1000, $8, $9, $10, $11}' <<<"$scale_lines")

Per object, ms:

| objects | plan | transcribe | of which engine alone | transcribe outside the engine | finish | overhead (plan + outside the engine + finish) |
|---:|---:|---:|---:|---:|---:|---:|
$(awk -v e="$engine_ms" '/^scale / {n = $2; printf "| %d | %.2f | %.2f | %.2f | %.2f | %.3f | %.2f |\n", n, $6 / n, $7 / n, e, $7 / n - e, $8 / n, ($6 + $7 + $8) / n - e}' <<<"$scale_lines")

Peak RSS, largest night / smallest: $(awk '/^scale / {if (first == "") first = $9; last = $9} END {printf "%.2f", last / first}' <<<"$scale_lines").
MARKDOWN
  exit 0
fi
core_cp="$(reactor_classpath asr-core "$work")"
vosk_cp="$(reactor_classpath engine-vosk "$work")"
djl_cp="$(reactor_classpath engine-djl "$work")"
jobs_cp="$(reactor_classpath batch-jobs "$work")"
jar="$(application_jar)"
launcher="$root/scripts/nightscribe"
export NIGHTSCRIBE_JAR="$jar"
prepare_processes "$jar"

echo "bench: preparing the call set..." >&2
"$root/scripts/prepare-calls.sh" "$work/calls" >&2
mkdir -p "$work/one"
cp "$(find "$work/calls/audio" -name '8k-prompt-*.wav' | sort | head -n1)" "$work/one/"
# a first night makes what is made once per build or machine (the launcher's start-up archive, the unpacked
# built-in model, which the peer reads too) before anything is timed
printf 'nightscribe:\n  home: %s/warm-up\n' "$work" >"$work/warm-up.yml"
"$launcher" transcribe --input "file://$work/one/" --output "file://$work/warm-up-out/" --config "$work/warm-up.yml" \
  >"$work/warm-up.log" 2>&1 || die "the warm-up night failed: $(tail -n 1 "$work/warm-up.log")"
peer_model="${NIGHTSCRIBE_MODEL_CACHE:-$HOME/.cache/nightscribe/models}/vosk-model-small-en-us-0.3.45"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "bench: nightscribe against vosk-transcriber ($workers workers, $runs runs each, taking turns)..." >&2
peer_table="$(java -Dnightscribe.launcher="$launcher" -Dpeer.command="$venv/bin/vosk-transcriber" \
  -Dpeer.model="$peer_model" -cp "$jobs_cp" io.nightscribe.bench.PeerBenchmark "$work/calls" "$workers" "$runs" \
  2>"$work/peer.log")" || { tail -n 20 "$work/peer.log" >&2; exit 1; }

echo "bench: the fixed cost of a night..." >&2
startup_table="$(java -Dnightscribe.launcher="$launcher" -cp "$jobs_cp" io.nightscribe.bench.StartupBenchmark \
  "$work/one" "$runs" 2>"$work/startup.log")" || { tail -n 20 "$work/startup.log" >&2; exit 1; }

# the sample clips, copied under distinct prefixes
"$root/scripts/prepare-samples.sh" "$work/samples" >/dev/null
for copy in $(seq -w 1 "$copies"); do
  mkdir -p "$work/set/copy-$copy"
  for source in pocketsphinx asterisk flite; do
    cp -R "$work/samples/audio/$source" "$work/set/copy-$copy/"
  done
done
echo "bench: engine alone ($workers workers, median of $runs)..." >&2
read -r _ _ engine_wall engine_speed < <(java -cp "$vosk_cp" io.nightscribe.bench.EngineBenchmark "$work/set" "$workers" "$runs" 2>/dev/null | grep '^engine ')
echo "bench: nightly job S3 to S3 ($workers workers, median of $runs)..." >&2
read -r _ job_audio job_wall job_speed run_wall peak_rss < <(java "${process_props[@]}" -cp "$jobs_cp" io.nightscribe.bench.NightlyJobBenchmark "$work/set" "$workers" "$runs" 2>/dev/null | grep '^job ')

# one file per format, each the same minute of speech
mkdir -p "$work/formats" "$work/pcm"
# the concat demuxer needs one codec: bring every clip to 16 kHz mono PCM first
n=0
for clip in "$work"/samples/audio/{pocketsphinx,flite}/*; do
  n=$((n + 1))
  ffmpeg -nostdin -v error -i "$clip" -ar 16000 -ac 1 -c:a pcm_s16le "$work/pcm/$(printf %03d $n).wav"
  echo "file '$work/pcm/$(printf %03d $n).wav'" >>"$work/concat.txt"
done
ffmpeg -nostdin -v error -f concat -safe 0 -i "$work/concat.txt" -c copy "$work/minute.wav"
for spec in "wav:-c:a pcm_s16le" "flac:-c:a flac" "mp3:-c:a libmp3lame -b:a 64k" "ogg:-c:a libvorbis" \
    "opus:-c:a libopus -b:a 32k" "m4a:-c:a aac -b:a 64k"; do
  ext=${spec%%:*}
  # shellcheck disable=SC2086
  ffmpeg -nostdin -v error -stream_loop 1 -i "$work/minute.wav" ${spec#*:} "$work/formats/speech.$ext"
done
echo "bench: decoding per format against the ffmpeg CLI..." >&2
decode_table="$(java -cp "$core_cp" io.nightscribe.bench.DecodeSpeedBenchmark "$work/formats" 2>/dev/null)"

if ((djl)); then
  echo "bench: the shipped DJL model on the call set, fixed windows and at pauses, replayed..." >&2
  djl_night_table="$(java -Dnightscribe.launcher="$launcher" -cp "$jobs_cp" io.nightscribe.bench.DjlNightBenchmark \
    "$work/calls" "$workers" "$runs" 2>"$work/djl-night.log")" || { tail -n 20 "$work/djl-night.log" >&2; exit 1; }
  echo "bench: DJL engine alone, batch sizes 1-32, each batching mode..." >&2
  djl_lines="$(java -Dai.djl.offline=true -cp "$djl_cp" io.nightscribe.bench.DjlEngineBenchmark "$djl_minutes" "$runs" 2>"$work/djl.log")" \
    || { tail -n 20 "$work/djl.log" >&2; exit 1; }
fi

if ((spark)); then
  echo "bench: the call set x $spark_copies in process and on Spark ($workers cores each, $runs runs each, taking turns)..." >&2
  spark_lines="$(java "${process_props[@]}" -Dnightscribe.spark.classpath="@$root/spark-inference/target/spark-runtime.classpath" \
    -Dnightscribe.spark.application="$(ls "$root"/spark-inference/target/spark-inference-*.jar | grep -v -- -tests.jar | head -n1)" \
    -Dnightscribe.spark.application-classpath="$root/spark-inference/target/spark-application.classpath" \
    -cp "$jobs_cp" io.nightscribe.bench.SparkNightBenchmark "$work/calls/audio" "$spark_copies" "$workers" "$runs" \
    2>"$work/spark.log")" || { tail -n 20 "$work/spark.log" >&2; exit 1; }
  read -r _ spark_audio local_wall < <(grep '^inprocess ' <<<"$spark_lines")
  read -r _ _ spark_wall spark_ratio spark_loads spark_executor_peak spark_tasks < <(grep '^spark ' <<<"$spark_lines")
fi

cat <<MARKDOWN
## nightscribe benchmark, $(date -u +%F)

Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; Java $(java -version 2>&1 | head -n1 | cut -d'"' -f2);
load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg).

### Against vosk-transcriber, on the call set

$peer_table

### The fixed cost of a night

$startup_table

### Engine alone and the nightly job, S3 to S3

The 14 sample clips x $copies = ${job_audio} s of speech in 6 formats; built-in Vosk model; $workers workers;
medians of $runs runs.

| measure | value |
|---|---:|
| engine alone, audio s per wall s | $engine_speed |
| nightly job S3 to S3 (whole process), audio s per wall s | $job_speed |
| pipeline efficiency (job / engine) | $(awk -v j="$job_speed" -v e="$engine_speed" 'BEGIN {printf "%.2f", j / e}') |
| nightly job, run's own wall time (run.json), s | $run_wall |
| nightly job, whole process wall time, s | $job_wall |
| engine alone wall time, s | $engine_wall |
| job peak RSS, MiB | $peak_rss |

Decoding to 16 kHz mono float, in-process against the ffmpeg command line (median of 5, x real time):

$decode_table
MARKDOWN

if ((djl)); then
  cat <<MARKDOWN

### The shipped DJL model on the call set

$djl_night_table

### DJL engine alone

$(sed -n 's/^setup //p' <<<"$djl_lines"); greedy decoding, ConvCtcNetwork(80, 256, 8, 11, 2, 29) with random weights; seven
in ten chunks 30 s, the rest 1-29 s; the log-mel front end alone runs at $(awk '/^frontend / {print $2}' <<<"$djl_lines") x real
time. Medians of $runs runs:

$(awk -f "$root/scripts/djl-table.awk" <<<"$djl_lines")
MARKDOWN
fi

if ((spark)); then
  cat <<MARKDOWN

### In process and on Spark

The call set x $spark_copies (${spark_audio} s of audio), S3 to S3, ledgers in PostgreSQL, whole \`nightscribe transcribe\`
processes taking turns; in process with $workers workers, on Spark a standalone cluster on this machine (one worker, one
executor with $workers cores, client mode). Medians of $runs runs.

| | wall s | x real time |
|---|---:|---:|
| in process | $local_wall | $(awk -v a="$spark_audio" -v w="$local_wall" 'BEGIN {printf "%.1f", a / w}') |
| on Spark | $spark_wall | $(awk -v a="$spark_audio" -v w="$spark_wall" 'BEGIN {printf "%.1f", a / w}') |
| Spark / in process | $spark_ratio | |

Spark: $spark_loads model loads for 1 executor, $spark_tasks transcription task attempts, executor peak RSS
$spark_executor_peak MiB.
MARKDOWN
fi

if [[ "$long_hours" != 0 ]]; then
  seconds=$(awk -v h="$long_hours" 'BEGIN {printf "%d", h * 3600}')
  echo "bench: building a $long_hours-hour MP3 and transcribing it..." >&2
  mkdir -p "$work/long"
  ffmpeg -nostdin -v error -stream_loop -1 -i "$work/minute.wav" -t "$seconds" -c:a libmp3lame -b:a 48k "$work/long/long.mp3"
  profile="$(java "${process_props[@]}" -cp "$jobs_cp" io.nightscribe.bench.NightlyJobBenchmark "$work/long" "$workers" 1 --profile 2>/dev/null)"
  read -r _ long_audio long_wall long_speed _ long_peak < <(grep '^job ' <<<"$profile")
  cat <<MARKDOWN

### One long recording

One $long_hours-hour MP3 ($(du -m "$work/long/long.mp3" | cut -f1) MB, ${long_audio} s of audio): ${long_wall} s wall, ${long_speed} x real time,
peak RSS ${long_peak} MiB. Resident memory over the run (MiB):

| time into the run | RSS MiB |
|---|---:|
$(grep '^rss ' <<<"$profile" | awk '{ rows[NR] = $0 } END { n = NR; split("0.05 0.1 0.25 0.5 0.75 0.9 1.0", q, " "); for (i = 1; i <= 7; i++) { k = int(q[i] * n); if (k < 1) k = 1; split(rows[k], f, " "); printf "| %.0f s (%.0f%%) | %s |\n", f[2], q[i] * 100, f[3] } }')
MARKDOWN
fi
