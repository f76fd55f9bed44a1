#!/usr/bin/env bash
# Builds the SIMD benchmark kernel twice from simd_kernel.c: simd_kernel.wasm with -msimd128 (wasm_simd128.h
# intrinsics) and simd_kernel_scalar.wasm without (plain loops). Both are checked in, so benchmarks need no toolchain.
# No libc: the kernel only exports functions (fill, dot, sad) and uses static arrays in its own memory.
# Needs clang-19 and lld-19 (apt-get install clang-19 lld-19 if missing).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FLAGS=(--target=wasm32-wasi -O2 -nostdlib -Wl,--no-entry -Wl,--strip-all -Wall -Wextra)
clang-19 "${FLAGS[@]}" -msimd128 "$HERE/simd_kernel.c" -o "$HERE/simd_kernel.wasm"
clang-19 "${FLAGS[@]}" -mno-simd128 "$HERE/simd_kernel.c" -o "$HERE/simd_kernel_scalar.wasm"
echo "simd_kernel.wasm: $(stat -c %s "$HERE/simd_kernel.wasm") bytes; simd_kernel_scalar.wasm: $(stat -c %s "$HERE/simd_kernel_scalar.wasm") bytes"
