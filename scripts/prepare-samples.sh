#!/usr/bin/env bash
# Builds a small mixed-format set of real speech with known text, for the quickstart and tests.
#
# Usage: scripts/prepare-samples.sh OUTDIR
#
#   OUTDIR/audio/<source>/<clip>.<ext>           audio only (wav, flac, mp3, ogg, opus, m4a)
#   OUTDIR/audio/bad/...                         inputs every decoder must reject (no references)
#   OUTDIR/references/<source>/<clip>.<ext>.txt  the words spoken, lowercase, one line
#
# Sources: Debian pocketsphinx-testdata (LibriVox clips, BSD), asterisk-core-sounds-en-wav with the
# texts of asterisk-core-sounds-en (CC-BY-SA-3.0), and flite's slt voice. Idempotent and
# deterministic: a second run rewrites the same bytes. Prints one line on success.
set -euo pipefail

if [[ $# -ne 1 || "$1" == -* ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1

POCKETSPHINX=/usr/share/pocketsphinx/test/data
ASTERISK=/usr/share/asterisk/sounds/en_US_f_Allison
ASTERISK_TEXTS=/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz

need() {
  if [[ ! -e "$1" ]]; then
    echo "prepare-samples: missing $1 (install it: sudo apt-get install $2)" >&2
    exit 2
  fi
}
for tool in ffmpeg flite sox; do
  command -v "$tool" >/dev/null || { echo "prepare-samples: missing $tool (sudo apt-get install $tool)" >&2; exit 2; }
done
need "$POCKETSPHINX/librivox/transcription" pocketsphinx-testdata
need "$ASTERISK/vm-nomore.wav" asterisk-core-sounds-en-wav
need "$ASTERISK_TEXTS" asterisk-core-sounds-en

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/audio" "$out/references"

# lowercase, no punctuation but apostrophes, single spaces
normalize() {
  tr '[:upper:]' '[:lower:]' | sed -e "s/([^)]*)//g" -e "s/[^a-z0-9' ]/ /g" -e 's/  */ /g' -e 's/^ //' -e 's/ $//'
}

# encode SOURCE_WAV REL_PATH_WITH_EXT TEXT: one clip and its reference, replaced atomically
encode() {
  local src=$1 rel=$2 text=$3 ext=${2##*.} tmp
  local codec=()
  case "$ext" in
    wav) codec=(-c:a pcm_s16le) ;;
    flac) codec=(-c:a flac) ;;
    mp3) codec=(-c:a libmp3lame -b:a 64k) ;;
    ogg) codec=(-c:a libvorbis -q:a 4) ;;
    opus) codec=(-c:a libopus -b:a 32k) ;;
    m4a) codec=(-c:a aac -b:a 64k) ;;
    *) echo "prepare-samples: unknown extension $ext" >&2; exit 1 ;;
  esac
  mkdir -p "$(dirname "$out/audio/$rel")" "$(dirname "$out/references/$rel")"
  tmp="$work/clip.$ext"
  ffmpeg -nostdin -v error -y -i "$src" -map 0:a -map_metadata -1 -fflags +bitexact \
    -flags:a +bitexact "${codec[@]}" "$tmp"
  mv "$tmp" "$out/audio/$rel"
  printf '%s\n' "$text" >"$out/references/$rel.txt"
}

count=0

# pocketsphinx-testdata: five LibriVox sentences and one spoken card sequence (16 kHz)
librivox_formats=(wav flac mp3 ogg m4a)
i=0
while read -r line; do
  id=$(sed -e 's/.*(\(.*\))[[:space:]]*$/\1/' <<<"$line")
  text=$(sed -e 's/<\/\?s>//g' <<<"$line" | normalize)
  encode "$POCKETSPHINX/librivox/$id.wav" "pocketsphinx/$id.${librivox_formats[$i]}" "$text"
  i=$((i + 1)); count=$((count + 1))
done <"$POCKETSPHINX/librivox/transcription"
cards_text=$(grep '(005)' "$POCKETSPHINX/cards/cards.transcription" | sed -e 's/<\/\?s>//g' | normalize)
encode "$POCKETSPHINX/cards/005.wav" "pocketsphinx/cards-005.opus" "$cards_text"
count=$((count + 1))

# asterisk prompts (8 kHz telephone quality)
asterisk_prompts=(conf-onlyperson:flac conf-getpin:mp3 vm-nomore:opus pbx-invalid:wav)
for entry in "${asterisk_prompts[@]}"; do
  name=${entry%%:*} ext=${entry##*:}
  text=$(zcat "$ASTERISK_TEXTS" | grep -m1 "^$name:" | cut -d: -f2- | normalize)
  encode "$ASTERISK/$name.wav" "asterisk/$name.$ext" "$text"
  count=$((count + 1))
done

# flite slt: synthetic but clean read speech
flite_sentences=(
  "the quick brown fox jumps over the lazy dog"
  "please call stella and ask her to bring these things with her from the store"
  "the nightly job finished before the sun came up"
  "seven silver ships sailed slowly into the harbour"
)
flite_formats=(m4a ogg wav flac)
for i in "${!flite_sentences[@]}"; do
  flite -voice slt -t "${flite_sentences[$i]}" -o "$work/flite.wav"
  encode "$work/flite.wav" "flite/sentence-$((i + 1)).${flite_formats[$i]}" "${flite_sentences[$i]}"
  count=$((count + 1))
done

# bad inputs: empty, text named .mp3, a FLAC cut in half, a WAV claiming 500 Hz
bad="$out/audio/bad"
mkdir -p "$bad"
: >"$bad/empty.wav"
printf 'Meeting notes: call the vendor back on Tuesday.\n' >"$bad/notes.mp3"
ffmpeg -nostdin -v error -y -i "$POCKETSPHINX/librivox/sense_and_sensibility_01_austen_64kb-0870.wav" \
  -map_metadata -1 -fflags +bitexact -flags:a +bitexact -c:a flac "$work/whole.flac"
head -c $(($(stat -c %s "$work/whole.flac") / 2)) "$work/whole.flac" >"$bad/truncated.flac"
sox "$ASTERISK/vm-nomore.wav" -t wav -b 16 -e signed-integer "$work/rate.wav"
# the sample rate is the little-endian 32-bit field at byte 24 of a canonical 44-byte header
printf '\xf4\x01\x00\x00' | dd of="$work/rate.wav" bs=1 seek=24 conv=notrunc status=none
mv "$work/rate.wav" "$bad/absurd-rate.wav"

echo "prepared $count speech clips with references and 4 bad inputs in $out"
