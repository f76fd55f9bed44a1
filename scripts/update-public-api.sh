#!/usr/bin/env bash
# Adds every public name missing from PublicAPI.Unshipped.txt (RS0016) and drops the ones that no longer exist
# (RS0017), using the PublicApiAnalyzers' own code fixes. Review the diff: it is the change to the public surface.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/WasmBind/WasmBind.csproj src/WasmBind.Wasi/WasmBind.Wasi.csproj; do
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 RS0037 --severity warn
done
