#!/usr/bin/env bash
# Runs the README's walk-through (the bash blocks between the try-it markers) exactly as written, against a
# NoseID that is already up, and checks that it registered, matched and refused a stranger.
set -euo pipefail
cd "$(dirname "$0")/.."
script=$(awk '/<!-- try-it:begin -->/{on=1; next} /<!-- try-it:end -->/{on=0} on' README.md \
  | awk '/^```bash$/{code=1; next} /^```$/{code=0; next} code')
[[ -n $script ]] || { echo "try-readme: no walk-through found in README.md" >&2; exit 1; }
output=$(bash -euo pipefail -c "$script")
echo "$output"
outcomes=$(jq -r '.result.outcome' <<<"$output" | paste -sd' ')
if [[ $outcomes != "REGISTERED MATCH NO_MATCH" ]]; then
  echo "try-readme: expected outcomes 'REGISTERED MATCH NO_MATCH', got '$outcomes'" >&2
  exit 1
fi
registered=$(jq -rs '.[0].result.registrationNumber' <<<"$output")
matched=$(jq -rs '.[1].result.registrationNumber' <<<"$output")
[[ $registered == "$matched" && $registered =~ ^[0-9]{14}ㅊㅋ5678$ ]] \
  || { echo "try-readme: registration number '$registered' vs match '$matched'" >&2; exit 1; }
echo "try-readme: the README walk-through works (REGISTERED $registered, MATCH, NO_MATCH)"
