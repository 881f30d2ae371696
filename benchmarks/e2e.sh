#!/usr/bin/env bash
# Whole-process timings, all in ONE hyperfine run so their ratios are comparable on a shared machine:
# `stackplan compare` as the native AOT binary, the ReadyToRun composite and the framework-dependent
# build, the native AOT binary of the last build before the world price book (issue 9's reference),
# against a native-AOT hello world and a `dotnet hello.dll` built from the SDK template today.
# Needs hyperfine (apt-get install hyperfine) and jq, and a C compiler for the AOT builds (clang or gcc).
# Usage: benchmarks/e2e.sh [runs]     (from the repository root)
#   E2E_OUT=DIR   build into DIR and reuse what is already built there (default: a new temporary folder)
#   BEFORE=REV    the reference build's commit (default 398b3f4: branch aot before main's world book)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-40}"
out="${E2E_OUT:-$(mktemp -d)}"
before="${BEFORE:-398b3f4}"
spec=examples/nist-observability/platform.yaml
mkdir -p "$out"

if [ ! -x "$out/hello/aot/hello" ]; then
  echo "== hello world from the SDK template: framework-dependent and native AOT" >&2
  mkdir -p "$out/hello" && (cd "$out/hello" && dotnet new console -n hello -o . >/dev/null \
    && dotnet build -c Release -o bin >/dev/null \
    && dotnet publish -c Release -r linux-x64 -p:PublishAot=true -o aot >/dev/null)
fi

if [ ! -f "$out/fd/stackplan.dll" ]; then
  echo "== stackplan, framework-dependent build (what dotnet run uses)" >&2
  dotnet build src/Stackplan.Cli -c Release -o "$out/fd" >/dev/null
fi

if [ ! -x "$out/r2r/stackplan" ]; then
  echo "== stackplan, self-contained ReadyToRun composite (for machines that cannot run the AOT binary)" >&2
  dotnet publish src/Stackplan.Cli -c Release -r linux-x64 --self-contained true \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$out/r2r" >/dev/null
fi

if [ ! -x "$out/aot/stackplan" ]; then
  echo "== stackplan, native AOT (the release binary)" >&2
  dotnet publish src/Stackplan.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" >/dev/null
fi

if [ ! -x "$out/before/stackplan" ]; then
  echo "== stackplan $before, native AOT (before the world price book), built from its files in $out/before-src" >&2
  mkdir -p "$out/before-src" && git archive "$before" | tar -x -C "$out/before-src"
  (cd "$out/before-src" && dotnet publish src/Stackplan.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/before" >/dev/null)
fi
before_spec="$out/before-src/$spec"

# Every command must print what it should before it is timed: a crash would otherwise time fast.
"$out/aot/stackplan" compare $spec --format json | cmp - examples/nist-observability/expected/compare.json
"$out/r2r/stackplan" compare $spec --format json | cmp - examples/nist-observability/expected/compare.json
"$out/before/stackplan" compare "$before_spec" --format json | cmp - "$out/before-src/examples/nist-observability/expected/compare.json"
"$out/hello/aot/hello" | grep -q "Hello, World!"

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
hyperfine -N --warmup 5 --runs "$runs" --export-json "$out/e2e.json" \
  -n "hello world (native AOT)" "$out/hello/aot/hello" \
  -n "hello world (dotnet hello.dll)" "dotnet $out/hello/bin/hello.dll" \
  -n "compare (native AOT)" "$out/aot/stackplan compare $spec --format json" \
  -n "compare table (native AOT)" "$out/aot/stackplan compare $spec" \
  -n "compare (native AOT, $before: the reference build)" "$out/before/stackplan compare $before_spec --format json" \
  -n "compare (R2R composite)" "$out/r2r/stackplan compare $spec --format json" \
  -n "compare (framework-dependent build output)" "dotnet $out/fd/stackplan.dll compare $spec --format json"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
jq -r '(.results[0].median) as $aot | (.results[1].median) as $dll | .results[] |
  "\(.command)\tmedian \(.median * 1000 | . * 10 | round / 10) ms\t\(.median / $aot * 100 | round / 100)x AOT hello\t\(.median / $dll * 100 | round / 100)x dotnet hello.dll\tCPU \((.user + .system) * 1000 | . * 10 | round / 10) ms"' \
  "$out/e2e.json" | column -t -s $'\t'
