#!/usr/bin/env bash
# Rebuilds the checked-in plugins (*.wasm beside this script) from src/. The sample itself needs only the .NET SDK.
#
# Toolchains (Debian 12): apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 rustc libstd-rust-dev-wasm32
# Rust is Debian's /usr/bin/rustc (1.63) with its wasm32-wasi standard library, not a rustup toolchain.
set -euo pipefail
cd "$(dirname "$0")"

CLANG=${CLANG:-clang-19}
RUSTC=${RUSTC:-/usr/bin/rustc}

# No crt1 and no entry point: a plugin is a library the host calls, not a command. -O2 keeps the modules small;
# the exports are named in the sources (export_name), so nothing else is exported.
for source in src/*.c; do
  name=$(basename "$source" .c)
  "$CLANG" --target=wasm32-wasi -O2 -nostartfiles -Wl,--no-entry -Wl,--strip-all \
    -Wall -Wextra -Werror -o "$name.wasm" "$source"
  echo "built $name.wasm"
done

"$RUSTC" --target wasm32-wasi --crate-type cdylib -C opt-level=2 -C strip=symbols -o rot13.wasm src/rot13.rs
echo "built rot13.wasm"

# A truncated module: the host must report it as not loadable and go on with the others.
head -c 300 shout.wasm > broken.wasm
echo "built broken.wasm (truncated on purpose)"
