#!/bin/sh
# Rebuilds the CLI test fixtures from their sources. Needs wabt (wat2wasm, wast2json): apt-get install -y wabt.
# The outputs are checked in so the tests themselves need no toolchain.
set -eu
cd "$(dirname "$0")"

wat2wasm --debug-names calc.wat -o calc.wasm
wat2wasm imports.wat -o imports.wasm
wat2wasm start_trap.wat -o start_trap.wasm
wat2wasm --no-check invalid.wat -o invalid.wasm

# Malformed: the magic number is right but the version is not, and the bytes stop mid-section.
printf '\000asm\002\000\000\000\001\005' > malformed.wasm

for script in wast/pass/tiny wast/fail/wrong; do
  (cd "$(dirname "$script")" && wast2json "$(basename "$script").wast" -o "$(basename "$script").json")
done
