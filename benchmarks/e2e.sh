#!/usr/bin/env bash
# Whole-process timings: `stackplan compare` against a dotnet hello-world on the same machine,
# measured in one hyperfine run. Needs hyperfine (apt-get install hyperfine).
# Usage: benchmarks/e2e.sh [runs]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
out=$(mktemp -d)
spec=examples/nist-observability/platform.yaml

echo "== hello world (framework-dependent, the SDK template)" >&2
mkdir -p "$out/hello" && (cd "$out/hello" && dotnet new console -n hello -o . >/dev/null && dotnet build -c Release -o bin >/dev/null)

echo "== stackplan, framework-dependent build (what dotnet run uses)" >&2
dotnet build src/Stackplan.Cli -c Release -o "$out/fd" >/dev/null

echo "== stackplan, self-contained ReadyToRun composite (the release build)" >&2
dotnet publish src/Stackplan.Cli -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$out/r2r" >/dev/null

hyperfine -N --warmup 5 --runs "$runs" --export-json "$out/e2e.json" \
  -n "hello world" "dotnet $out/hello/bin/hello.dll" \
  -n "compare (build output)" "dotnet $out/fd/stackplan.dll compare $spec --format json" \
  -n "compare (R2R composite)" "$out/r2r/stackplan compare $spec --format json" \
  -n "compare table (R2R composite)" "$out/r2r/stackplan compare $spec"
jq -r '(.results[0].median) as $hello | .results[] |
  "\(.command)\tmedian \(.median * 1000 | . * 10 | round / 10) ms\t\(.median / $hello * 100 | round / 100)x hello world"' "$out/e2e.json" | column -t -s $'\t'
