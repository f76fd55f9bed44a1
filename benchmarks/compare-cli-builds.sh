#!/usr/bin/env bash
# Whole-program CPU time (user+sys) of two builds of the wasmbind CLI, interleaved, on ../shared/bench/wasm, so a change
# to the interpreter is compared with the build before it in the same run (the order alternates every round).
#
# usage: benchmarks/compare-cli-builds.sh <before-cli-dir> <after-cli-dir> [rounds]   (TIER=interpreter by default)
# Build each side with: dotnet build src/WasmBind.Cli -c Release -m:1 -o <dir>
# Output: one line per run, then a Markdown table of medians and after/before ratios with their geometric mean.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$HERE/../../shared/bench/wasm"
BEFORE="$1/WasmBind.Cli"
AFTER="$2/WasmBind.Cli"
ROUNDS="${3:-5}"
TIER="${TIER:-interpreter}"
declare -A SIZE=([fib]=35 [nbody]=600000 [qsort]=400000 [sha256]=96 [sieve]=16000000)
RESULTS="$(mktemp)"
for round in $(seq 1 "$ROUNDS"); do
  for program in fib nbody qsort sha256 sieve; do
    if [ $((round % 2)) = 0 ]; then order="before after"; else order="after before"; fi
    for side in $order; do
      cli="$BEFORE"; [ "$side" = after ] && cli="$AFTER"
      out="$(mktemp)"
      cpu=$( { /usr/bin/time -f "%U %S" "$cli" run --tier "$TIER" "$BENCH/$program.wasm" -- "${SIZE[$program]}" > "$out"; } 2>&1 | tail -1)
      echo "$round $program $side $cpu $(head -1 "$out")" | tee -a "$RESULTS"
      rm -f "$out"
    done
  done
done
python3 - "$RESULTS" <<'PY'
import math, statistics, sys
times = {}
outputs = {}
for line in open(sys.argv[1]):
    round_, program, side, user, system, *output = line.split()
    times.setdefault((program, side), []).append(float(user) + float(system))
    outputs.setdefault(program, set()).add(" ".join(output))
print("\n| program | before s | after s | after / before |\n|---|---:|---:|---:|")
logs = []
for program in dict.fromkeys(p for p, _ in times):
    if len(outputs[program]) != 1: sys.exit(f"{program}: the two builds printed different results")
    before, after = statistics.median(times[(program, "before")]), statistics.median(times[(program, "after")])
    logs.append(math.log(after / before))
    print(f"| {program} | {before:.2f} | {after:.2f} | {after / before:.3f} |")
print(f"\ngeometric mean after / before: {math.exp(sum(logs) / len(logs)):.3f}")
PY
rm -f "$RESULTS"
