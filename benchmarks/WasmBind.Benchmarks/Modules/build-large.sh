#!/usr/bin/env bash
# Builds large.wasm, the module-load benchmark's big input (checked in: 266,894 bytes, 650 generated functions).
# gen-large.py writes a deterministic C program of about 13,000 lines (to $OUT_C, default /tmp/wasmbind-large.c; it is
# not checked in, the generator is its source), and clang-14 compiles it for wasm32-wasi at -O2 against Debian's wasi-libc,
# as ../shared/bench/build.sh does. clang-14 also runs binaryen's `wasm-opt -O2` on the result when wasm-opt is
# on PATH (the checked-in large.wasm was built so).
# A native gcc -O2 build goes to /tmp/wasmbind-large-native; its output line must equal the wasm's:
#   /tmp/wasmbind-large-native
#   dotnet src/WasmBind.Cli/bin/Release/net10.0/WasmBind.Cli.dll run benchmarks/WasmBind.Benchmarks/Modules/large.wasm
# usage: Modules/build-large.sh [FUNCTIONS]      (default 650)
# Needs python3, clang-14, lld-14, wasi-libc, libclang-rt-14-dev-wasm32 (apt-get install them if missing).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_C="${OUT_C:-/tmp/wasmbind-large.c}"
python3 "$HERE/gen-large.py" "${1:-650}" >"$OUT_C"
clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wno-self-assign -Wl,--strip-debug "$OUT_C" -o "$HERE/large.wasm" -lm
gcc -O2 "$OUT_C" -o /tmp/wasmbind-large-native -lm
echo "$HERE/large.wasm: $(stat -c %s "$HERE/large.wasm") bytes, from $(wc -l <"$OUT_C") lines of C ($OUT_C)"
