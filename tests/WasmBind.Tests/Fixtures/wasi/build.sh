#!/usr/bin/env bash
# Rebuilds the WASI fixtures. The .wasm files are checked in, so tests need none of these tools; run this after editing
# a source:
#   *.c   -> *.wasm  with clang-14 --target=wasm32-wasi against Debian's wasi-libc (headers in /usr/include/wasm32-wasi,
#                    libraries in /usr/lib/wasm32-wasi, hence --sysroot=/usr)
#   *.wat -> *.wasm  with wat2wasm (wabt)
# Installs the Debian packages it needs when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v clang-14 >/dev/null 2>&1 || need+=(clang-14)
command -v wasm-ld-14 >/dev/null 2>&1 || need+=(lld-14)
[ -f /usr/lib/wasm32-wasi/libc.a ] || need+=(wasi-libc)
ls /usr/lib/llvm-14/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1 || need+=(libclang-rt-14-dev-wasm32)
command -v wat2wasm >/dev/null 2>&1 || need+=(wabt)
if [ "${#need[@]}" -gt 0 ]; then
  echo "build.sh: installing ${need[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need[@]}"
fi

# clang-14 runs wasm-opt on its output when binaryen is on PATH; hide it so the output does not depend on that.
tooldir="$(mktemp -d)"; trap 'rm -rf "$tooldir"' EXIT
ln -s "$(command -v wasm-ld-14)" "$tooldir/wasm-ld-14"

for c in *.c; do
  # --strip-debug drops the DWARF Debian's libc.a carries; the name section stays, so backtraces have names.
  env PATH="$tooldir:/usr/lib/llvm-14/bin" /usr/lib/llvm-14/bin/clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra \
    "$c" -o "${c%.c}.wasm" -Wl,--strip-debug
done
for wat in *.wat; do
  wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"
done
ls -l *.wasm
