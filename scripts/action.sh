#!/usr/bin/env bash
# The work of the aibom GitHub Action (action.yml): scan, check, report, diff.
#
# Reads the action's inputs from INPUT_* variables (action.yml maps each input explicitly:
# composite actions do not export them) and GitHub's own GITHUB_WORKSPACE, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY and RUNNER_TEMP. Runs outside GitHub too (tests do), with AIBOM_CMD
# naming the aibom command (default: aibom).
#
# Exit status: 0 when the step itself worked; policy results are NOT a failure here but the
# `exit-code` output (0 clean, 1 findings at or above fail-on or a new model with
# fail-on-new-model), so the SARIF upload step still runs and the gate step fails the job.
# Invalid input, policy or BOM (aibom exit 2/3) fails this step at once.
set -euo pipefail

read -r -a AIBOM <<<"${AIBOM_CMD:-aibom}"
workspace="${GITHUB_WORKSPACE:-$PWD}"
scan_path="${INPUT_PATH:-.}"
out_dir="${INPUT_OUTPUT_DIR:-aibom-results}"
fail_on="${INPUT_FAIL_ON:-error}"
formats="${INPUT_FORMATS:-cyclonedx-json}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
outputs="${GITHUB_OUTPUT:-/dev/null}"
tmp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"

cd "$workspace"
mkdir -p "$out_dir"

say() { printf '%s\n' "$*" >&2; }
output() { printf '%s=%s\n' "$1" "$2" >>"$outputs"; }
run() {
  # aibom, with exit codes 0 and 1 passed back and anything else (2 usage, 3 internal) fatal
  local code=0
  "${AIBOM[@]}" "$@" || code=$?
  if [ "$code" -gt 1 ]; then
    say "::error title=aibom::aibom $1 failed (exit $code); see the log above"
    exit "$code"
  fi
  return "$code"
}

# --policies: comma-, space- or newline-separated names or files
policy_args=()
for p in $(printf '%s' "${INPUT_POLICIES:-default}" | tr ',\n' '  '); do
  policy_args+=(--policy "$p")
done
if [ -n "${INPUT_WAIVERS:-}" ]; then
  policy_args+=(--waivers "$INPUT_WAIVERS")
fi

# formats are checked before anything runs, so a typo fails fast
fmt_list=()
for fmt in $(printf '%s' "$formats" | tr ',\n' '  '); do
  case "$fmt" in
    cyclonedx-json | json | cyclonedx | cyclonedx-xml | xml | spdx3-json | spdx3) fmt_list+=("$fmt") ;;
    *)
      say "::error title=aibom::unknown format '$fmt' in 'formats': use cyclonedx-json, cyclonedx-xml or spdx3-json"
      exit 2
      ;;
  esac
done

# 1. the BOM (CycloneDX JSON always: check, report and diff read it), then the other formats
bom="$out_dir/aibom.cdx.json"
run scan "$scan_path" --output "$bom" --format cyclonedx-json --quiet
output bom "$bom"
for fmt in ${fmt_list[@]+"${fmt_list[@]}"}; do
  case "$fmt" in
    cyclonedx-json | json | cyclonedx) ;;
    cyclonedx-xml | xml)
      run scan "$scan_path" --output "$out_dir/aibom.cdx.xml" --format cyclonedx-xml --quiet
      output bom-xml "$out_dir/aibom.cdx.xml"
      ;;
    spdx3-json | spdx3)
      run convert "$bom" --format spdx3-json --output "$out_dir/aibom.spdx3.json"
      output spdx "$out_dir/aibom.spdx3.json"
      ;;
  esac
done

# 2. SARIF for code scanning, then annotations and the gate's exit code
sarif="$out_dir/aibom.sarif"
run check "$bom" "${policy_args[@]}" --format sarif --output "$sarif" --fail-on "$fail_on" || true
output sarif "$sarif"
gate=0
run check "$bom" "${policy_args[@]}" --format github --fail-on "$fail_on" || gate=1

# 3. the report (lineage and findings) as the job summary
report="$out_dir/aibom-report.md"
run report "$bom" "${policy_args[@]}" --format md --output "$report"
output report "$report"

# 4. what this pull request adds: diff against the base branch's BOM
base_bom="${INPUT_BASE_BOM:-}"
if [ -z "$base_bom" ] && [ -n "${INPUT_BASE_REF:-}" ]; then
  base_tree="$tmp/aibom-base-tree"
  rm -rf "$base_tree"
  ref="$INPUT_BASE_REF"
  if ! git rev-parse --verify --quiet "$ref^{commit}" >/dev/null; then
    git fetch --quiet --depth=1 origin "$ref" 2>/dev/null || true
    ref="origin/$INPUT_BASE_REF"
    git rev-parse --verify --quiet "$ref^{commit}" >/dev/null || ref=FETCH_HEAD
  fi
  if git worktree add --quiet --detach "$base_tree" "$ref" 2>/dev/null; then
    base_bom="$tmp/aibom-base.cdx.json"
    (cd "$base_tree" && "${AIBOM[@]}" scan "$scan_path" --output "$base_bom" --no-hash --quiet) \
      || base_bom=""
    git worktree remove --force "$base_tree" >/dev/null 2>&1 || true
  else
    say "::warning title=aibom::cannot check out base ref '$INPUT_BASE_REF' (use actions/checkout with fetch-depth: 0); no diff"
  fi
fi
new_models=false
if [ -n "$base_bom" ]; then
  diff_md="$out_dir/aibom-diff.md"
  run diff "$base_bom" "$bom" --format md --output "$diff_md"
  run diff "$base_bom" "$bom" --format json --output "$out_dir/aibom-diff.json" \
    --fail-on-new-model 2>/dev/null || new_models=true
  output diff "$diff_md"
  if [ "$new_models" = true ] && [ "${INPUT_FAIL_ON_NEW_MODEL:-false}" = true ]; then
    gate=1
  fi
fi
output new-models "$new_models"

{
  printf '# aibom: AI supply chain\n\n'
  if [ -n "$base_bom" ]; then
    if [ "$new_models" = true ]; then
      printf '## New models in this PR\n\n'
    else
      printf '## Changes to the AI supply chain\n\n'
    fi
    cat "$out_dir/aibom-diff.md"
    printf '\n'
  fi
  # GitHub keeps at most 1 MiB of summary per step
  head -c 900000 "$report"
  printf '\n'
} >>"$summary"

output exit-code "$gate"
if [ "$gate" -ne 0 ]; then
  say "aibom: policy findings at or above '$fail_on'${INPUT_FAIL_ON_NEW_MODEL:+ or new models}; the gate step fails the job"
fi
exit 0
