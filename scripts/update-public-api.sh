#!/usr/bin/env bash
# Brings PublicAPI.Unshipped.txt of the tracked assemblies (src/WasmBind, src/WasmBind.Wasi) up to date: builds them,
# adds every public name the build reports as undeclared (RS0016) and drops every declared name that no longer
# exists (RS0017). Review the diff: it is the change to the public surface.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/WasmBind src/WasmBind.Wasi; do
  log=$(mktemp)
  dotnet build "$project" -c Release -p:EnforceCodeStyleInBuild=false -p:TreatWarningsAsErrors=false -nologo >"$log" 2>&1 || true
  python3 - "$project" "$log" <<'PY'
import re, sys
project, log = sys.argv[1], sys.argv[2]
text = open(log, encoding="utf-8").read()
mine = lambda line: f"/{project}/" in line.replace("\\", "/")
added = {m.group(1) for line in text.splitlines() if "RS0016" in line and mine(line)
         for m in [re.search(r"Symbol '(.+?)' is not part of the declared public API", line)] if m}
removed = {m.group(1) for line in text.splitlines() if "RS0017" in line and mine(line)
           for m in [re.search(r"Symbol '(.+?)' is part of the declared API", line)] if m}
path = f"{project}/PublicAPI.Unshipped.txt"
lines = [l for l in open(path, encoding="utf-8").read().splitlines() if l.strip()]
header = [l for l in lines if l.startswith("#")] or ["#nullable enable"]
body = sorted((set(l for l in lines if not l.startswith("#")) | added) - removed, key=str.lower)
open(path, "w", encoding="utf-8").write("\n".join(header + body) + "\n")
print(f"{path}: +{len(added)} -{len(removed)}")
PY
  rm -f "$log"
done
