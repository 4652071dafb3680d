#!/usr/bin/env python3
"""Adds the symbols that RS0016 reports to a project's PublicAPI.Unshipped.txt (and drops RS0017 removals).

`dotnet format` does not apply the PublicApiAnalyzers code fix (it edits an additional file), so this reads the
analyzer's own symbol names from a SARIF error log. Usage: scripts/update-public-api.py src/Matching
"""
import json, pathlib, subprocess, sys, tempfile

project_dir = pathlib.Path(sys.argv[1]).resolve()
csproj = next(project_dir.glob("*.csproj"))
sarif = pathlib.Path(tempfile.mkdtemp()) / "api.sarif"
subprocess.run(["dotnet", "build", str(csproj), "--no-incremental", f"-p:ErrorLog={sarif}", "-p:TreatWarningsAsErrors=false"],
               stdout=subprocess.DEVNULL, check=False)
log = json.loads(sarif.read_text(encoding="utf-8-sig"))
add, remove = set(), set()
for r in log["runs"][0]["results"]:
    props = r.get("properties", {}).get("customProperties", {})
    if r["ruleId"] == "RS0016" and "APIName" in props:
        add.add(props["APIName"])
    if r["ruleId"] == "RS0017":
        remove.add(r["message"].split("'")[1])
unshipped = project_dir / "PublicAPI.Unshipped.txt"
lines = [l for l in unshipped.read_text(encoding="utf-8").splitlines() if l.strip() and l != "#nullable enable"]
lines = sorted((set(lines) | add) - remove)
unshipped.write_text("#nullable enable\n" + "\n".join(lines) + "\n", encoding="utf-8")
print(f"{csproj.name}: +{len(add)} -{len(remove)} -> {len(lines)} entries")
