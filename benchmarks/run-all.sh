#!/usr/bin/env bash
# Reproduces every figure of docs/performance.md in one command, into one results folder.
#
# usage: benchmarks/run-all.sh [--quick] [--out DIR] [--only STEP[,STEP...]]
#
#   (default)  the full run, as the doc measured it: whole programs at the reference sizes, 3 repetitions; the
#              compiled tier against Wasmtime, 3 rounds; every BenchmarkDotNet suite the doc quotes with
#              `--job short`; fuel/epoch ratios by CPU time (21 rounds); store memory. Roughly 30-60 minutes on
#              2 quiet cores, much longer on a loaded machine.
#   --quick    the same steps, smaller: whole programs at a fraction of the sizes, 1 repetition; the tier benchmark
#              with 1 round at small sizes; BenchmarkDotNet in-process (`--job short --inProcess`) and only the
#              headline suites (interpreter fib, calls, instantiation); fuel/epoch 5 rounds. About 5-10 minutes.
#              Figures from a quick run are indicative; quote the full run.
#   --out DIR  where to write (default: benchmarks/results/<UTC timestamp>, git-ignored).
#   --only     run only these steps: machine, build, programs, startup, tier, bdn, control, calls, store-memory.
#
# Output: DIR/machine.md (date, CPU, load, .NET, commit), DIR/programs/ (run.sh's tables and raw runs),
# DIR/startup.md (hyperfine, when installed), DIR/tier.txt, DIR/bdn/results/*-report-github.md (one per suite),
# DIR/execution-control.md, DIR/call-cost.md, DIR/store-memory.txt, DIR/summary.md (all tables in one file), DIR/run.log.
# Needs: the .NET SDK; for whole programs ../shared/bench (wasm/ and programs/) and gcc; hyperfine for start-up
# (apt-get install -y hyperfine; the step is skipped with a note when it is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
QUICK=0
OUT=""
ONLY=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --out) OUT="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run-all.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
OUT="${OUT:-$ROOT/benchmarks/results/$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
exec > >(tee -a "$OUT/run.log") 2>&1

wants() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
step() { echo; echo "=== $1 ($(date -u +%H:%M:%S) UTC, load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime))"; }
BENCH=(dotnet run -c Release --no-build --project benchmarks/WasmBind.Benchmarks --)
CLI_DLL="$ROOT/src/WasmBind.Cli/bin/Release/net10.0/WasmBind.Cli.dll"
SHARED_BENCH="$(cd "$ROOT/.." && pwd)/shared/bench"

if wants machine; then
  step "machine"
  {
    echo "# Machine and build"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| mode | $([ "$QUICK" = 1 ] && echo quick || echo full) |"
    echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | xargs), $(nproc) logical cores |"
    echo "| memory | $(grep MemTotal /proc/meminfo 2>/dev/null | xargs) |"
    echo "| OS | $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), $(uname -sr) |"
    echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) |"
    echo "| .NET | SDK $(dotnet --version), $(dotnet --list-runtimes | grep Microsoft.NETCore.App | tail -1) |"
    echo "| commit | $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo ' (working tree modified)') |"
  } > "$OUT/machine.md"
  cat "$OUT/machine.md"
fi

if wants build; then
  step "build (Release)"
  dotnet build -c Release -m:1 -v q src/WasmBind.Cli
  dotnet build -c Release -m:1 -v q benchmarks/WasmBind.Benchmarks
  dotnet build -c Release -m:1 -v q benchmarks/WasmBind.TierBenchmarks
fi

if wants programs; then
  step "whole programs: ../shared/bench/run.sh through wasmbind run"
  if [ -x "$SHARED_BENCH/run.sh" ] && command -v gcc >/dev/null; then
    NATIVE="$OUT/native"
    mkdir -p "$NATIVE"
    for c in "$SHARED_BENCH"/programs/*.c; do gcc -O2 "$c" -o "$NATIVE/$(basename "$c" .c)" -lm; done
    if [ "$QUICK" = 1 ]; then
      export REPS=1 SIZE_fib=30 SIZE_nbody=100000 SIZE_qsort=100000 SIZE_sha256=32 SIZE_sieve=2000000
    else
      export REPS=3
    fi
    NATIVE_DIR="$NATIVE" RESULTS_DIR="$OUT/programs" RUNTIMES="native wasmbind" WASMBIND="dotnet $CLI_DLL" \
      "$SHARED_BENCH/run.sh"
  else
    echo "skipped: $SHARED_BENCH/run.sh or gcc not found" | tee "$OUT/programs-skipped.txt"
  fi
fi

if wants startup; then
  step "start-up: wasmbind run fib.wasm -- 1 (hyperfine)"
  if command -v hyperfine >/dev/null && [ -f "$SHARED_BENCH/wasm/fib.wasm" ]; then
    RUNS=30; [ "$QUICK" = 1 ] && RUNS=10
    hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown "$OUT/startup.md" \
      "dotnet $CLI_DLL run $SHARED_BENCH/wasm/fib.wasm -- 1"
  else
    echo "skipped: hyperfine (apt-get install -y hyperfine) or $SHARED_BENCH/wasm/fib.wasm missing" | tee "$OUT/startup.md"
  fi
fi

if wants tier; then
  step "compiled tier against the interpreter and Wasmtime (WasmBind.TierBenchmarks)"
  if [ "$QUICK" = 1 ]; then
    TIER_ARGS=(1 fib=30 nbody=100000 qsort=100000 sha256=32 sieve=2000000)
  else
    TIER_ARGS=(3)
  fi
  dotnet run -c Release --no-build --project benchmarks/WasmBind.TierBenchmarks -- "${TIER_ARGS[@]}" | tee "$OUT/tier.txt"
fi

if wants bdn; then
  step "BenchmarkDotNet suites"
  if [ "$QUICK" = 1 ]; then
    JOB=(--job short --inProcess)
    FILTERS=('*InterpreterBenchmarks.FibRecursive*' '*CallBenchmarks*' '*InstantiationBenchmarks*')
  else
    JOB=(--job short)
    FILTERS=('*InterpreterBenchmarks*' '*CallBenchmarks*' '*InstantiationBenchmarks*' '*ModuleLoadBenchmarks*'
      '*ExecutionControlBenchmarks*' '*SimdBenchmarks*' '*MultiMemoryBenchmarks*')
  fi
  LSEEK="$(cd "$ROOT/.." && pwd)/shared/wasi-testsuite/c/lseek.wasm"
  for filter in "${FILTERS[@]}"; do
    echo "--- $filter"
    if [[ "$filter" == *ModuleLoad* && -f "$LSEEK" ]]; then
      WASMBIND_BENCH_MODULES="$LSEEK" "${BENCH[@]}" --filter "$filter" "${JOB[@]}" --artifacts "$OUT/bdn"
    else
      "${BENCH[@]}" --filter "$filter" "${JOB[@]}" --artifacts "$OUT/bdn"
    fi
  done
fi

if wants control; then
  step "fuel and epoch cost by thread CPU time (--execution-control)"
  ROUNDS=21; [ "$QUICK" = 1 ] && ROUNDS=5
  "${BENCH[@]}" --execution-control "$ROUNDS" | tee "$OUT/execution-control.md"
fi

if wants calls; then
  step "one interpreted wasm-to-wasm call by thread CPU time (--call-cost)"
  ROUNDS=21; [ "$QUICK" = 1 ] && ROUNDS=7
  "${BENCH[@]}" --call-cost "$ROUNDS" | tee "$OUT/call-cost.md"
fi

if wants store-memory; then
  step "managed memory per store (--store-memory)"
  "${BENCH[@]}" --store-memory | tee "$OUT/store-memory.txt"
fi

step "summary"
{
  cat "$OUT/machine.md" 2>/dev/null || true
  for f in "$OUT"/programs/tables.md "$OUT"/startup.md; do
    [ -f "$f" ] && { echo; echo "## $(basename "$f")"; echo; cat "$f"; }
  done
  [ -f "$OUT/tier.txt" ] && { echo; echo "## tier.txt"; echo; echo '```'; cat "$OUT/tier.txt"; echo '```'; }
  for f in "$OUT"/bdn/results/*-report-github.md; do
    [ -f "$f" ] && { echo; echo "## $(basename "$f" -report-github.md)"; echo; cat "$f"; }
  done
  [ -f "$OUT/execution-control.md" ] && { echo; echo "## execution-control"; echo; cat "$OUT/execution-control.md"; }
  [ -f "$OUT/call-cost.md" ] && { echo; echo "## call-cost"; echo; cat "$OUT/call-cost.md"; }
  [ -f "$OUT/store-memory.txt" ] && { echo; echo "## store-memory"; echo; echo '```'; cat "$OUT/store-memory.txt"; echo '```'; }
} > "$OUT/summary.md"
echo "results: $OUT (summary.md has every table)"
