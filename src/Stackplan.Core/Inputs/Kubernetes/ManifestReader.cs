using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Inputs.Kubernetes;

/// <summary>
/// A workload read from Kubernetes manifests: its pods' effective requests, how many run (a range
/// under an HorizontalPodAutoscaler), how long (jobs), and the persistent storage its
/// volumeClaimTemplates ask for per replica.
/// </summary>
public sealed record ManifestWorkload(
    string Namespace,
    string Name,
    string Kind,
    WorkloadKind WorkloadKind,
    int MinReplicas,
    int MaxReplicas,
    decimal CpuMillis,
    decimal MemoryMiB,
    ValueRange? RunHoursPerMonth,
    ImmutableArray<(string StorageClass, decimal GiB)> Volumes,
    SourceLocation Location)
{
    /// <summary>The name workloads are known by in a spec: namespace/name, so the namespace stays a label.</summary>
    public string QualifiedName => $"{Namespace}/{Name}";
}

/// <summary>What a set of manifests holds, and what the reader had to assume.</summary>
public sealed record ManifestSet(ImmutableArray<ManifestWorkload> Workloads, ImmutableArray<Diagnostic> Warnings);

/// <summary>
/// Reads multi-document YAML as <c>kubectl get -o yaml</c> or <c>helm template</c> writes it:
/// Deployments, StatefulSets, ReplicaSets, DaemonSets, Jobs and CronJobs, with
/// HorizontalPodAutoscalers (autoscaling/v2) as replica ranges. Other kinds (Services, ConfigMaps...)
/// cost nothing by themselves and are skipped. Effective pod requests follow the Kubernetes rule
/// (kubernetes.io, "Resource sharing within containers" / sidecar containers): the larger of the app
/// containers plus restartable (sidecar) init containers, and each init container plus the sidecars
/// started before it. Malformed YAML or a wrong type is refused with file:line:column.
/// </summary>
public static class ManifestReader
{
    private static readonly string[] WorkloadKinds = ["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Job", "CronJob"];

    public static ManifestSet Read(IEnumerable<SourceText> files)
    {
        var bag = new DiagnosticBag();
        var r = new YamlFieldReader(bag);
        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        var workloads = new List<ManifestWorkload>();
        var autoscalers = new List<(string Namespace, string Kind, string Name, int Min, int Max, SourceLocation At)>();
        foreach (var file in files)
        {
            foreach (var document in Documents(file))
            {
                if (document is not YamlMapping m)
                {
                    if (document is not null and not YamlScalar { IsNull: true })
                    {
                        bag.Add(DiagnosticCodes.WrongType, document.Location, "a Kubernetes manifest is a mapping with apiVersion, kind and metadata");
                    }

                    continue;
                }

                var kind = r.String(m["kind"], "kind");
                if (kind == "List" && r.Sequence(m["items"], "items") is { } list)
                {
                    foreach (var item in list.Items.OfType<YamlMapping>())
                    {
                        ReadObject(r, item, workloads, autoscalers, warnings);
                    }

                    continue;
                }

                ReadObject(r, m, workloads, autoscalers, warnings);
            }
        }

        bag.ThrowIfAny();
        var result = workloads.Select(w =>
        {
            var hpa = autoscalers.FirstOrDefault(a => a.Namespace == w.Namespace && a.Name == w.Name && a.Kind == w.Kind);
            return hpa.Name is null ? w : w with { MinReplicas = hpa.Min, MaxReplicas = hpa.Max };
        });
        foreach (var a in autoscalers.Where(a => !workloads.Any(w => w.Namespace == a.Namespace && w.Name == a.Name && w.Kind == a.Kind)))
        {
            warnings.Add(new Diagnostic(DiagnosticCodes.ManifestAssumption, a.At, $"HorizontalPodAutoscaler targets {a.Kind} {a.Namespace}/{a.Name}, which the manifests do not hold; it is ignored"));
        }

        return new ManifestSet([.. result], warnings.ToImmutable());
    }

    /// <summary>The documents of one multi-document stream, each read with the file's own line numbers.</summary>
    private static IEnumerable<YamlNode?> Documents(SourceText file)
    {
        var lines = file.Text.Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && !(lines[i].StartsWith("---", StringComparison.Ordinal) && lines[i].TrimEnd('\r', ' ').Length == 3))
            {
                continue;
            }

            if (i > start && lines[start..i].Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')))
            {
                // Blank lines before the document keep its line numbers those of the file.
                var text = new string('\n', start) + string.Join('\n', lines[start..i]);
                using var reader = new StringReader(text);
                yield return YamlTreeReader.Read(reader, file.FileName);
            }

            start = i + 1;
        }
    }

    private static void ReadObject(YamlFieldReader r, YamlMapping m, List<ManifestWorkload> workloads, List<(string, string, string, int, int, SourceLocation)> autoscalers, ImmutableArray<Diagnostic>.Builder warnings)
    {
        var kind = r.String(m["kind"], "kind");
        var metadata = r.Mapping(m["metadata"], "metadata");
        var name = r.String(metadata?["name"], "metadata.name") ?? "";
        var ns = r.String(metadata?["namespace"], "metadata.namespace") ?? "default";
        var spec = r.Mapping(m["spec"], $"{kind} {name} spec");
        if (kind == "HorizontalPodAutoscaler" && spec is not null)
        {
            var target = r.Mapping(spec["scaleTargetRef"], "spec.scaleTargetRef");
            var min = r.Int(spec["minReplicas"], "spec.minReplicas", 0, 100_000) ?? 1;
            var max = r.Int(spec["maxReplicas"], "spec.maxReplicas", 1, 100_000) ?? min;
            if (max < min)
            {
                // The API server refuses it ("minReplicas must be less than or equal to maxReplicas"); a range from it would be invented.
                r.Diagnostics.Add(DiagnosticCodes.OutOfRange, spec["minReplicas"]?.Location ?? m.Location, $"HorizontalPodAutoscaler {ns}/{name}: spec.minReplicas {min} is above spec.maxReplicas {max}");
            }

            autoscalers.Add((ns, r.String(target?["kind"], "spec.scaleTargetRef.kind") ?? "", r.String(target?["name"], "spec.scaleTargetRef.name") ?? "", min, Math.Max(min, max), m.Location));
            return;
        }

        if (kind is not null && !WorkloadKinds.Contains(kind) && kind != "HorizontalPodAutoscaler"
            && Spelling.Suggest(kind, [.. WorkloadKinds, "HorizontalPodAutoscaler"]) is { } meant)
        {
            // Other kinds cost nothing and are skipped, but a misspelt workload kind would drop its pods in silence.
            r.Diagnostics.Add(DiagnosticCodes.NotAllowedValue, m["kind"]!.Location, $"kind '{kind}' is not a Kubernetes kind", meant);
            return;
        }

        if (kind is null || !WorkloadKinds.Contains(kind) || spec is null)
        {
            return;
        }

        var what = $"{kind} {ns}/{name}";
        var podSpecAt = kind == "CronJob" ? spec["jobTemplate"] is YamlMapping job ? r.Mapping(job["spec"], what + " jobTemplate.spec") : null : spec;
        var podSpec = r.Mapping(r.Mapping(podSpecAt?["template"], what + " template")?["spec"], what + " template.spec");
        if (podSpec is null)
        {
            return;
        }

        var (cpu, memory) = EffectiveRequests(r, podSpec, what, warnings);
        var volumes = ImmutableArray.CreateBuilder<(string, decimal)>();
        if (kind == "StatefulSet")
        {
            foreach (var claim in r.MappingsIn(spec["volumeClaimTemplates"], what + " volumeClaimTemplates"))
            {
                var claimSpec = r.Mapping(claim["spec"], what + " volumeClaimTemplates[].spec");
                var storage = r.MemoryMiB(r.Mapping(r.Mapping(claimSpec?["resources"], "resources")?["requests"], "requests")?["storage"], what + " volumeClaimTemplates[].spec.resources.requests.storage");
                if (storage is { } mib)
                {
                    volumes.Add((r.String(claimSpec?["storageClassName"], "storageClassName") ?? "", mib / 1024m));
                }
            }
        }

        var (workloadKind, replicas, hours) = kind switch
        {
            "DaemonSet" => (WorkloadKind.DaemonSet, 1, (ValueRange?)null),
            "Job" => (WorkloadKind.Job, r.Int(spec["parallelism"], what + " spec.parallelism", 0, 100_000) ?? 1, (ValueRange?)JobHours(r, spec, 1m, what, m.Location, warnings)),
            "CronJob" => CronJob(r, spec, podSpecAt, what, m.Location, warnings),
            _ => (WorkloadKind.Service, r.Int(spec["replicas"], what + " spec.replicas", 0, 100_000) ?? 1, null),
        };
        workloads.Add(new ManifestWorkload(ns, name, kind, workloadKind, replicas, replicas, cpu, memory, hours, volumes.ToImmutable(), m.Location));
    }

    private static (WorkloadKind, int, ValueRange?) CronJob(YamlFieldReader r, YamlMapping spec, YamlMapping? jobSpec, string what, SourceLocation at, ImmutableArray<Diagnostic>.Builder warnings)
    {
        var schedule = r.String(spec["schedule"], what + " spec.schedule") ?? "";
        var runs = RunsPerMonth(schedule);
        if (runs is null)
        {
            warnings.Add(new Diagnostic(DiagnosticCodes.ManifestAssumption, at, $"{what}: schedule '{schedule}' is not one stackplan counts; one run a day is assumed"));
        }

        var parallelism = r.Int(jobSpec?["parallelism"], what + " jobTemplate.spec.parallelism", 0, 100_000) ?? 1;
        return (WorkloadKind.Job, parallelism, JobHours(r, jobSpec, runs ?? Money.DaysPerMonth, what, at, warnings));
    }

    /// <summary>Hours a month a job's pods run: runs x the duration of one run (activeDeadlineSeconds, or the stackplan.io/run-minutes annotation, else 1 hour, stated).</summary>
    private static ValueRange JobHours(YamlFieldReader r, YamlMapping? jobSpec, decimal runs, string what, SourceLocation at, ImmutableArray<Diagnostic>.Builder warnings)
    {
        var completions = r.Int(jobSpec?["completions"], what + " completions", 0, 100_000) ?? 1;
        var parallelism = Math.Max(1, r.Int(jobSpec?["parallelism"], what + " parallelism", 0, 100_000) ?? 1);
        var waves = Math.Ceiling((decimal)Math.Max(1, completions) / parallelism);
        decimal hoursPerWave;
        if (r.Decimal(jobSpec?["activeDeadlineSeconds"], what + " activeDeadlineSeconds", 1, 10_000_000) is { } seconds)
        {
            hoursPerWave = seconds / 3600m / waves;
        }
        else
        {
            hoursPerWave = 1m;
            warnings.Add(new Diagnostic(DiagnosticCodes.ManifestAssumption, at, $"{what}: how long a run takes is unknown; 1 hour per wave of pods is assumed ({ReadablePlain(waves)} wave(s): completions / parallelism)", "set activeDeadlineSeconds to bound it"));
        }

        return ValueRange.Exactly(Math.Min(Money.HoursPerMonth, runs * waves * hoursPerWave));
    }

    private static string ReadablePlain(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs a month of a five-field cron schedule whose minute and hour are fixed or lists/steps
    /// and whose day fields are '*' or a list: e.g. "0 2 * * *" 30.42, "*/15 * * * *" 2,920,
    /// "0 3 * * 1" 4.35. Null for what it cannot count (ranges of days of month, names, macros other than the common ones).
    /// </summary>
    public static decimal? RunsPerMonth(string schedule)
    {
        var macro = schedule.Trim() switch
        {
            "@hourly" => "0 * * * *",
            "@daily" or "@midnight" => "0 0 * * *",
            "@weekly" => "0 0 * * 0",
            "@monthly" => "0 0 1 * *",
            _ => schedule.Trim(),
        };
        var fields = macro.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 || Count(fields[0], 60) is not { } minutes || Count(fields[1], 24) is not { } hours)
        {
            return null;
        }

        var perDay = minutes * hours;
        var daysOfMonth = fields[2] == "*" ? (decimal?)null : Count(fields[2], 31);
        var daysOfWeek = fields[4] == "*" ? (decimal?)null : Count(fields[4], 7);
        if (fields[3] != "*")
        {
            return null;
        }

        var days = (daysOfMonth, daysOfWeek) switch
        {
            (null, null) => Money.DaysPerMonth,
            ({ } dom, null) => dom,
            (null, { } dow) => dow * Money.DaysPerMonth / 7m,
            _ => (decimal?)null,
        };
        return days is null ? null : Math.Round(perDay * days.Value, 4);
    }

    private static decimal? Count(string field, int range)
    {
        if (field == "*")
        {
            return range;
        }

        if (field.StartsWith("*/", StringComparison.Ordinal) && int.TryParse(field[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step > 0)
        {
            return Math.Ceiling((decimal)range / step);
        }

        var parts = field.Split(',');
        return parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)) ? parts.Length : null;
    }

    /// <summary>
    /// The pod's effective requests: max(app containers + sidecars, max over init containers of the
    /// init's request + the sidecars (restartPolicy: Always) declared before it). A container
    /// without requests takes its limits (as the API server defaults them), else asks for nothing,
    /// with a warning: the scheduler then places it as BestEffort.
    /// </summary>
    private static (decimal Cpu, decimal Memory) EffectiveRequests(YamlFieldReader r, YamlMapping podSpec, string what, ImmutableArray<Diagnostic>.Builder warnings)
    {
        decimal appCpu = 0m, appMemory = 0m, sidecarCpu = 0m, sidecarMemory = 0m, initCpu = 0m, initMemory = 0m;
        foreach (var init in r.MappingsIn(podSpec["initContainers"], what + " initContainers"))
        {
            var (cpu, memory) = Requests(r, init, what, warnings);
            if (r.String(init["restartPolicy"], "restartPolicy") == "Always")
            {
                sidecarCpu += cpu;
                sidecarMemory += memory;
                continue;
            }

            initCpu = Math.Max(initCpu, cpu + sidecarCpu);
            initMemory = Math.Max(initMemory, memory + sidecarMemory);
        }

        foreach (var container in r.MappingsIn(podSpec["containers"], what + " containers"))
        {
            var (cpu, memory) = Requests(r, container, what, warnings);
            appCpu += cpu;
            appMemory += memory;
        }

        return (Math.Max(appCpu + sidecarCpu, initCpu), Math.Max(appMemory + sidecarMemory, initMemory));
    }

    private static (decimal Cpu, decimal Memory) Requests(YamlFieldReader r, YamlMapping container, string what, ImmutableArray<Diagnostic>.Builder warnings)
    {
        var name = r.String(container["name"], "name") ?? "?";
        var resources = r.Mapping(container["resources"], $"{what} container {name} resources");
        var requests = r.Mapping(resources?["requests"], "requests");
        var limits = r.Mapping(resources?["limits"], "limits");
        var cpu = r.CpuMillis(requests?["cpu"], $"{what} container {name} requests.cpu") ?? r.CpuMillis(limits?["cpu"], $"{what} container {name} limits.cpu");
        var memory = r.MemoryMiB(requests?["memory"], $"{what} container {name} requests.memory") ?? r.MemoryMiB(limits?["memory"], $"{what} container {name} limits.memory");
        if (cpu is null || memory is null)
        {
            warnings.Add(new Diagnostic(DiagnosticCodes.ManifestAssumption, container.Location,
                $"{what}: container '{name}' has no {(cpu is null && memory is null ? "CPU or memory" : cpu is null ? "CPU" : "memory")} request or limit; it is sized as asking for none (BestEffort), so its real use is not priced",
                "set resources.requests"));
        }

        return (cpu ?? 0m, memory ?? 0m);
    }
}
