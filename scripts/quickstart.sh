#!/usr/bin/env bash
# The first README command. Builds nightscribe, prepares sample speech (real speech from Debian's pocketsphinx-testdata
# and asterisk sounds, flite sentences, and four bad files), runs yesterday's night of a "samples" pipeline on the
# embedded defaults (file:// storage, an H2 ledger, the built-in Vosk model; MLflow only when NIGHTSCRIBE_MLFLOW_URI is
# set), and prints each transcript beside its reference with the word error rate.
#
# Usage: scripts/quickstart.sh
# Everything it makes lives in $NIGHTSCRIBE_QUICKSTART_DIR (default ~/.nightscribe/quickstart), never in your own ledger.
# Running it again is safe: the completed night is not redone, and the results are shown again.
set -euo pipefail

if [[ $# -gt 0 ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  [[ "$1" == "-h" || "$1" == "--help" ]] && exit 0
  exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${NIGHTSCRIBE_QUICKSTART_DIR:-$HOME/.nightscribe/quickstart}"
night="$(date -u -d yesterday +%F)"
nightscribe="$root/scripts/nightscribe"

"$root/scripts/setup.sh" --no-python
echo "quickstart: building nightscribe (the first build downloads its Maven dependencies)..."
mkdir -p "$dir"
if ! (cd "$root" && mvn -B -ntp -DskipTests -Dspotless.check.skip=true package >"$dir/build.log" 2>&1); then
  tail -n 40 "$dir/build.log" >&2
  echo "quickstart: the build failed; the whole log is in $dir/build.log" >&2
  exit 1
fi

"$root/scripts/prepare-samples.sh" "$dir/samples" >/dev/null
incoming="$dir/incoming/$(date -u -d yesterday +%Y/%m/%d)"
mkdir -p "$incoming"
cp -R "$dir/samples/audio/." "$incoming/"
echo "quickstart: $(find "$incoming" -type f | wc -l) audio files for the night of $night in $incoming"

config="$dir/nightscribe.yml"
cat >"$config" <<YAML
# Written by scripts/quickstart.sh: one pipeline over the sample folder, a ledger of its own.
nightscribe:
  home: $dir/home
  pipelines:
    samples:
      input: file://$dir/incoming/{date:yyyy/MM/dd}/
      output: file://$dir/transcripts/
      time-zone: UTC
logging:
  level:
    io.nightscribe: WARN
YAML

echo "quickstart: nightscribe transcribe --pipeline samples --config $config"
status=0
"$nightscribe" transcribe --pipeline samples --config "$config" || status=$?
if [[ $status -ne 0 && $status -ne 3 ]]; then
  echo "quickstart: the night failed (exit $status); the message above names the problem" >&2
  exit "$status"
fi

run_record="$(grep -l "\"date\" : \"$night\"" "$dir"/transcripts/_runs/*/run.json | head -n1)"
run_folder="$(dirname "$run_record")"
echo
echo "Quarantined on purpose (the bad files), with the reason recorded in $run_folder/errors.jsonl:"
sed -E 's/^\{"key":"([^"]*)","reason":"(.*)","stage":"([^"]*)"\}$/  \1 (\3): \2/' "$run_folder/errors.jsonl"
echo
echo "Transcripts beside their references:"
"$nightscribe" score --transcripts "file://$dir/transcripts/samples/date=$night/" --references "$dir/samples/references"
echo
echo "Look further:"
echo "  transcripts  $dir/transcripts/samples/date=$night/"
echo "  run record   $run_record (inputs.jsonl, outputs.jsonl, errors.jsonl beside it)"
echo "  more         $nightscribe --help"
