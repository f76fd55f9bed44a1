#!/usr/bin/env bash
# Rebuilds primes.wasm: a C program with several threads, for wasi-threads. The .wasm is checked in, so tests need no
# toolchain; run this after editing a source. Debian's wasi-libc has no threads sysroot (its objects are not built with
# atomics, so wasm-ld refuses them in a shared-memory link), hence -nostdlib and a tiny shim (threads_shim.c,
# thread_start.S) instead of pthreads:
#   -matomics -mbulk-memory            atomic instructions; wasm-ld's passive-segment memory init needs bulk memory
#   --import-memory --shared-memory    one memory, imported, shared by every thread's instance
#   --export-memory                    and exported as "memory", where WASI functions read and write
#   --max-memory=4194304               a shared memory needs a maximum (64 pages)
# Installs clang-19 and lld-19 when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v clang-19 >/dev/null 2>&1 || need+=(clang-19)
command -v wasm-ld-19 >/dev/null 2>&1 || need+=(lld-19)
if [ "${#need[@]}" -gt 0 ]; then
  echo "build.sh: installing ${need[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}"
fi

# clang runs wasm-opt on its output when binaryen is on PATH; hide it so the output does not depend on that.
tooldir="$(mktemp -d)"; trap 'rm -rf "$tooldir"' EXIT
ln -s "$(command -v wasm-ld-19)" "$tooldir/wasm-ld"; ln -s "$(command -v wasm-ld-19)" "$tooldir/wasm-ld-19"

env PATH="$tooldir:/usr/lib/llvm-19/bin" clang-19 --target=wasm32-wasi -O2 -Wall -Wextra -matomics -mbulk-memory -nostdlib \
  primes.c threads_shim.c thread_start.S -o primes.wasm \
  -Wl,--import-memory,--export-memory,--shared-memory,--max-memory=4194304,--strip-debug
ls -l primes.wasm
