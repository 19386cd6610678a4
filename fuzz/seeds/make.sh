#!/usr/bin/env bash
# Rebuilds the seed corpora from the repository's speech recording (examples/assets) with sox:
# short real WAV files in every format the decoder reads, and raw speech PCM behind parameter
# bytes for the stream targets. The seeds are committed; run this only to change them.
set -euo pipefail
cd "$(dirname "$0")"
speech=../../examples/assets/speech-48k-stereo.wav
cut() { sox "$speech" "$@" trim 0.6 0.02; }

mkdir -p wav_decode sample_convert resample_stream vad_webrtc vad_silero kit_node_create
cut -b 16 wav_decode/s16-48k-stereo.wav
cut -b 8 -e unsigned-integer -r 8000 -c 1 wav_decode/u8-8k-mono.wav
cut -b 24 -r 16000 -c 1 wav_decode/s24-16k-mono.wav
cut -b 32 -e signed-integer -r 22050 -c 1 wav_decode/s32-22k-mono.wav
cut -b 32 -e floating-point -r 16000 -c 2 wav_decode/f32-16k-stereo.wav
cut -b 64 -e floating-point -r 8000 -c 1 wav_decode/f64-8k-mono.wav

# 20 ms of 16 kHz mono speech as raw s16, behind the parameter bytes each target reads first.
pcm=$(mktemp)
trap 'rm -f "$pcm"' EXIT
sox "$speech" -t raw -b 16 -e signed-integer -r 16000 -c 1 "$pcm" trim 0.6 0.2
params() { printf "$1" | cat - "${2:-$pcm}"; }
params '\x00\x02' >sample_convert/s16-speech
params '\x00\x08\x01\x00' >sample_convert/u8-split-speech
# The same speech as G.711 mu-law and A-law codes (8 kHz, as a phone line carries it).
for law in u-law a-law; do
  sox "$speech" -t raw -e "$law" -r 8000 -c 1 "$pcm.$law" trim 0.6 0.2
  params '\x00\x06\x04' "$pcm.$law" >"sample_convert/${law/-/}-speech"
  rm "$pcm.$law"
done
params '\x00\x00\x00\x00\x02\x07\x01\x02\x00\x03\x40\x01\x80\x00' >resample_stream/16k-to-48k-speech
params '\xff\xff\xff\xff\x07\x02\x02\x01\x01\x05\x00\x20\x00\x01' >resample_stream/48k-to-16k-stereo
params '\x02\x00\x02\x01\x10\x20\x30\x40\x50\x60\x00\x00\x00\x00\x00\x01\x02\x07\x00' >vad_webrtc/16k-speech
params '\x07\x01\x03\x02\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x01\x01\x04\x10\x00' >vad_webrtc/48k-stereo-speech
# Silero: 20 parameter bytes (threshold 0.5, negThreshold 0.35, 16 or 8 kHz, segmenter) and 34
# chunk-plan bytes, then 0.5 s of speech (the most samples the target reads).
sox "$speech" -t raw -b 16 -e signed-integer -r 16000 -c 1 "$pcm" trim 0.6 0.5
plan='\x03\x01\x2c\x00\x07\x10\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'
params "\x31\x00\x46\x02\x00\x40\x00\x20\x01\x00\x00\x00\x00\x3f\x00\x00\x00\x3f\x00\x01$plan" >vad_silero/16k-speech
params "\x20\x01\x10\x07\x00\x00\x00\x00\x00\x00\x01\x03\x00\xff\xff\xff\xff\x00\x00\x00\x00\x00$plan" >vad_silero/48k-stereo-speech

printf '\x00{"format":"s16","channels":1,"dither":true}' >kit_node_create/format-s16
printf '\x00{"format":"u8","sampleRate":48000}' >kit_node_create/format-u8
printf '\x01{"to":16000,"quality":"fast"}' >kit_node_create/resample-16k
printf '\x02{"mode":"aggressive","frameMs":20}' >kit_node_create/vad-aggressive
printf '\x02{"mode":3,"minSilenceMs":100}' >kit_node_create/vad-mode-3
