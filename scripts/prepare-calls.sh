#!/usr/bin/env bash
# Builds the benchmark's call set: real recorded speech with known text, as long calls and as short prompts,
# at 8 kHz and at 16 kHz, in four formats (wav, mp3, flac, ogg).
#
# Usage: scripts/prepare-calls.sh OUTDIR
#
#   OUTDIR/audio/8k-call-N.<ext>              8 calls of 2-3 minutes: asterisk prompts (one speaker, 8 kHz telephone
#                                             quality) one after another with pauses of 0.3-2.5 s, one hold of 6-12 s
#                                             and a faint noise floor, as a recorded call has
#   OUTDIR/audio/8k-prompt-<name>.<ext>       24 single asterisk prompts
#   OUTDIR/audio/16k-call-N.<ext>             3 calls of about 1.7 minutes of pocketsphinx-testdata's clips (LibriVox
#                                             sentences and spoken card sequences, 16 kHz), same pauses, hold and noise
#   OUTDIR/audio/16k-clip-<clip>.<ext>        the 10 clips alone
#   OUTDIR/references/<file name>.txt         the words spoken, lowercase, one line
#
# One flat folder, because vosk-transcriber (the benchmark's peer) reads one.
#
# Only prompts whose text is said as written are used (no digits, symbols or sound descriptions). Deterministic:
# choices and pauses come from sha256 of fixed names, noise from sox's repeatable mode; a second run writes the same
# audio. Prints one line on success.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

if [[ $# -ne 1 || "$1" == -* ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1

SPHINX=/usr/share/pocketsphinx/test/data
ASTERISK=/usr/share/asterisk/sounds/en_US_f_Allison
ASTERISK_TEXTS=/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz
FORMATS=(wav mp3 flac ogg)

for tool in ffmpeg sox; do
  command -v "$tool" >/dev/null || die "missing $tool (sudo apt-get install $tool, or run scripts/setup.sh)"
done
[[ -f "$SPHINX/librivox/transcription" ]] || die "missing $SPHINX (run scripts/setup.sh: it installs pocketsphinx-testdata)"
[[ -f "$ASTERISK_TEXTS" && -d "$ASTERISK" ]] ||
  die "missing the asterisk prompts (run scripts/setup.sh: it installs asterisk-core-sounds-en and -en-wav)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/audio" "$out/references"

normalize() {
  tr '[:upper:]' '[:lower:]' | sed -e "s/[^a-z' ]/ /g" -e 's/  */ /g' -e 's/^ //' -e 's/ $//'
}

# number KEY MODULUS: a deterministic number in [0, MODULUS) drawn from KEY
number() {
  local hex
  hex=$(printf '%s' "$1" | sha256sum | cut -c1-8)
  echo $((16#$hex % $2))
}

# encode WAV REL TEXT: writes OUTDIR/audio/REL (its extension picks the codec) and its reference
encode() {
  local src=$1 rel=$2 text=$3 codec=()
  case "${rel##*.}" in
    wav) codec=(-c:a pcm_s16le) ;;
    mp3) codec=(-c:a libmp3lame -b:a 64k) ;;
    flac) codec=(-c:a flac) ;;
    ogg) codec=(-c:a libvorbis -q:a 4) ;;
  esac
  mkdir -p "$(dirname "$out/audio/$rel")" "$(dirname "$out/references/$rel")"
  ffmpeg -nostdin -v error -y -i "$src" -map_metadata -1 -fflags +bitexact -flags:a +bitexact "${codec[@]}" \
    "$work/clip.${rel##*.}"
  mv "$work/clip.${rel##*.}" "$out/audio/$rel"
  printf '%s\n' "$text" >"$out/references/$rel.txt"
}

# call NAME RATE CLIP...: joins the clips (each "path|text") with pauses, a hold and a noise floor into
# $work/NAME.wav at RATE; its words go to $work/NAME.txt
call() {
  local name=$1 rate=$2 i=0 entry pause hold_at
  shift 2
  hold_at=$(($(number "$name-hold" $(($# - 2))) + 1))
  : >"$work/$name.list"
  : >"$work/$name.txt"
  for entry in "$@"; do
    i=$((i + 1))
    pause=$((300 + $(number "$name-pause-$i" 2200)))
    ((i == hold_at)) && pause=$((6000 + $(number "$name-hold-length" 6000)))
    sox -R -n -r "$rate" -c 1 -b 16 "$work/$name-pause-$i.wav" trim 0 "$(awk -v ms="$pause" 'BEGIN {printf "%.3f", ms / 1000}')"
    sox -R "${entry%%|*}" -r "$rate" -c 1 -b 16 "$work/$name-clip-$i.wav"
    printf '%s\n%s\n' "$work/$name-clip-$i.wav" "$work/$name-pause-$i.wav" >>"$work/$name.list"
    printf '%s ' "${entry#*|}" >>"$work/$name.txt"
  done
  mapfile -t parts <"$work/$name.list"
  sox -R "${parts[@]}" "$work/$name-speech.wav"
  sox -R -n -r "$rate" -c 1 -b 16 "$work/$name-noise.wav" synth "$(soxi -D "$work/$name-speech.wav")" pinknoise vol 0.004
  sox -R -m "$work/$name-speech.wav" "$work/$name-noise.wav" -b 16 "$work/$name.wav"
  sed -i -e 's/ $//' "$work/$name.txt"
}

# asterisk prompts said as written, in an order fixed by their names' hashes
zcat "$ASTERISK_TEXTS" | grep -E "^[A-Za-z0-9_-]+: [A-Za-z ,.'?!-]+$" | while IFS=: read -r name text; do
  [[ -f "$ASTERISK/$name.wav" ]] && printf '%s %s|%s\n' "$(number "prompt-$name" 1000000)" "$name" "$(normalize <<<"$text")"
done | sort -n | cut -d' ' -f2- >"$work/prompts"
mapfile -t prompts <"$work/prompts"

count=0
for i in $(seq 0 23); do
  entry=${prompts[$i]}
  name=${entry%%|*}
  encode "$ASTERISK/$name.wav" "8k-prompt-$name.${FORMATS[$((i % 4))]}" "${entry#*|}"
  count=$((count + 1))
done

# each call takes prompts from the rest of the list, in turn, until it holds 2-3 minutes of speech
next=24
for c in $(seq 1 8); do
  target=$((95 + $(number "call-$c-length" 50)))
  clips=()
  seconds=0
  while ((seconds < target)); do
    entry=${prompts[$((next % ${#prompts[@]}))]}
    next=$((next + 1))
    clips+=("$ASTERISK/${entry%%|*}.wav|${entry#*|}")
    seconds=$((seconds + $(soxi -D "$ASTERISK/${entry%%|*}.wav" | cut -d. -f1) + 1))
  done
  call "call-8k-$c" 8000 "${clips[@]}"
  encode "$work/call-8k-$c.wav" "8k-call-$c.${FORMATS[$((c % 4))]}" "$(cat "$work/call-8k-$c.txt")"
  count=$((count + 1))
done

# pocketsphinx-testdata's LibriVox sentences and card sequences (16 kHz)
sphinx=()
while read -r line; do
  id=${line##*(}
  id=${id%%)*}
  sphinx+=("$SPHINX/librivox/$id.wav|$(sed -e 's/<\/\?s>//g' -e 's/([^)]*)//' <<<"$line" | normalize)")
done <"$SPHINX/librivox/transcription"
while read -r line; do
  id=${line##*(}
  id=${id%%)*}
  sphinx+=("$SPHINX/cards/$id.wav|$(sed -e 's/<\/\?s>//g' -e 's/([^)]*)//' <<<"$line" | normalize)")
done <"$SPHINX/cards/cards.transcription"
for i in "${!sphinx[@]}"; do
  entry=${sphinx[$i]}
  clip=$(basename "${entry%%|*}" .wav)
  [[ "$entry" == */cards/* ]] && clip="cards-$clip"
  encode "${entry%%|*}" "16k-clip-$clip.${FORMATS[$((i % 4))]}" "${entry#*|}"
  count=$((count + 1))
done
# each call is the clips twice over, in an order of its own
for c in $(seq 1 3); do
  for round in 1 2; do
    for i in "${!sphinx[@]}"; do
      printf '%s %s\n' "$(number "call-16k-$c-$round-$i" 1000000)" "${sphinx[$i]}"
    done | sort -n | cut -d' ' -f2-
  done >"$work/call-16k-$c.order"
  mapfile -t clips <"$work/call-16k-$c.order"
  call "call-16k-$c" 16000 "${clips[@]}"
  encode "$work/call-16k-$c.wav" "16k-call-$c.${FORMATS[$((c % 4))]}" "$(cat "$work/call-16k-$c.txt")"
  count=$((count + 1))
done

echo "prepared $count recordings ($(find "$out/audio" -type f -exec ffprobe -v error -show_entries format=duration -of csv=p=0 {} \; | awk '{s += $1} END {printf "%.0f", s}') s) with references in $out"
