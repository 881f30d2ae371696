using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Providers;

namespace Stackplan.Core.Parsing;

/// <summary>Reads a platform spec (YAML, <c>stackplan: 1</c>) into a <see cref="PlatformSpec"/>, or throws <see cref="InputException"/> listing every problem.</summary>
public static partial class SpecReader
{
    public const int CurrentVersion = 1;

    /// <summary>Larger than any real spec by far; a bigger file is refused before it is parsed.</summary>
    public const long MaxSpecBytes = 4 * 1024 * 1024;

    internal static readonly string[] RootKeys =
    [
        "stackplan", "name", "description", "provider", "region", "currency", "freeTiers", "usage", "capabilities",
        "workloads", "environments", "options", "compare", "prices", "lineItems", "instanceTypes", "labour",
        "suppressions", "analysis", "discounts",
    ];

    internal static readonly string[] ClusterKeys = ["kind", "endpoint", "extendedSupport", "fargate"];

    internal static readonly string[] NodeGroupKeys = ["name", "instanceType", "count", "min", "max", "capacity", "spotDiscount", "disk", "hoursPerMonth", "dedicated", "purchase", "maxPods"];

    internal static readonly string[] DiskKeys = ["sizeGb", "type", "iops", "throughput"];

    internal static readonly string[] EnvironmentKeys =
    [
        "extends", "tier", "description", "zones", "natGateways", "cluster", "nodeGroups", "bastion", "retention", "backups",
        "encryption", "deletionProtection", "usage", "components", "capabilities", "lineItems", "policies",
        "provider", "region",
    ];

    public static PlatformSpec Read(string yaml, string fileName)
    {
        if (yaml.Length > MaxSpecBytes)
        {
            throw new InputException(DiagnosticCodes.InputTooLarge, SourceLocation.None(fileName), $"the spec is larger than {MaxSpecBytes / (1024 * 1024)} MiB", "a platform spec is a few hundred lines; is this the right file?");
        }

        using var reader = new StringReader(yaml);
        var root = YamlTreeReader.Read(reader, fileName);
        var bag = new DiagnosticBag();
        var r = new YamlFieldReader(bag);
        if (root is not YamlMapping map)
        {
            throw new InputException(DiagnosticCodes.WrongType, root?.Location ?? new SourceLocation(fileName, 1, 1), "the spec must be a YAML mapping starting with 'stackplan: 1'");
        }

        r.CheckKeys(map, "the spec", RootKeys);
        var version = r.Int(map["stackplan"], "stackplan (the spec format version)", 1, 1000);
        if (map["stackplan"] is null)
        {
            bag.Add(DiagnosticCodes.MissingKey, map.Location, "the spec needs 'stackplan: 1' (the format version) at the top");
        }
        else if (version is { } v && v != CurrentVersion)
        {
            bag.Add(DiagnosticCodes.UnsupportedVersion, map["stackplan"]!.Location, $"this stackplan reads spec version {CurrentVersion}, not {v}");
        }

        // An unsupported provider is reported; the rest of the spec is still read against the first profile, so every other problem is reported too.
        var provider = ReadProvider(r, map["provider"], "provider") ?? ProviderProfiles.All[0];
        var spec = new PlatformSpec(
            Version: version ?? CurrentVersion,
            Name: r.RequiredString(map, "name", "the spec"),
            Provider: provider.Id,
            Region: r.String(map["region"], "region", provider.DefaultRegion)!,
            Currency: r.String(map["currency"], "currency", "USD")!,
            Usage: ReadUsage(r, map["usage"], "usage"),
            Capabilities: ReadCapabilities(r, map["capabilities"], "capabilities"),
            Workloads: ReadWorkloads(r, map["workloads"]),
            Environments: ReadEnvironments(r, map["environments"], fileName, provider),
            Options: ReadOptions(r, map["options"], fileName),
            Compare: ReadCompare(r, map["compare"]),
            Prices: ReadPrices(r, map["prices"]),
            LineItems: ReadLineItems(r, map["lineItems"], "lineItems"),
            InstanceTypes: ReadInstanceTypes(r, map["instanceTypes"]),
            Labour: ReadLabour(r, map["labour"]),
            ApplyFreeTiers: r.Bool(map["freeTiers"], "freeTiers") ?? false,
            Location: map.Location,
            Suppressions: ReadSuppressions(r, map["suppressions"]),
            AnalysisSection: AnalysisReader.Read(r, map["analysis"]),
            Discounts: ReadDiscounts(r, map["discounts"]));

        // Prices are looked up by region name, so a misspelt region prices nothing: refuse it here.
        if (map["region"] is { } regionNode && !provider.Regions.Contains(spec.Region))
        {
            bag.Add(DiagnosticCodes.NotAllowedValue, regionNode.Location, $"unknown region '{spec.Region}' for {provider.DisplayName}",
                Spelling.Suggest(spec.Region, provider.Regions) ?? $"{provider.DisplayName} regions: " + string.Join(", ", provider.Regions));
        }

        if (spec.Currency != "USD")
        {
            bag.Add(DiagnosticCodes.UnsupportedVersion, map["currency"]!.Location, $"currency '{spec.Currency}' is not supported yet: every shipped price is in USD");
        }

        CheckReferences(spec, bag);
        CheckSuppressions(spec, bag);
        AnalysisReader.CheckReferences(spec, bag);
        bag.ThrowIfAny();
        return spec;
    }

    /// <summary>Cluster kinds by spec word: the neutral words, then each provider's own (eks, ecs-fargate...).</summary>
    private static readonly KeyValuePair<string, ClusterKind>[] ClusterKindWords =
        [.. ProviderProfiles.ClusterKindWords.Select(w => KeyValuePair.Create(w, ProviderProfiles.NeutralClusterKindNames.TryGetValue(w, out var k) ? k : ProviderProfiles.OwnerOfClusterKind(w)!.ClusterKindNames[w]))];

    /// <summary>Key management by spec word: none, provider-managed, customer-managed, then each provider's word for its own keys.</summary>
    private static readonly KeyValuePair<string, KeyManagement>[] KeyManagementWords =
        [.. ProviderProfiles.KeyManagementWords.Select(w => KeyValuePair.Create(w, ProviderProfiles.NeutralKeyManagementNames.TryGetValue(w, out var k) ? k : KeyManagement.ProviderManaged))];

    /// <summary>A provider id, checked against the registered profiles: an unsupported one is an error listing them.</summary>
    internal static IProviderProfile? ReadProvider(YamlFieldReader r, YamlNode? node, string what)
    {
        var id = r.String(node, what);
        if (id is null)
        {
            return null;
        }

        if (ProviderProfiles.Find(id) is { } profile)
        {
            return profile;
        }

        r.Diagnostics.Add(DiagnosticCodes.UnsupportedProvider, node!.Location, $"provider '{id}' is not supported (supported providers: {string.Join(", ", ProviderProfiles.Ids)})", Spelling.Suggest(id, ProviderProfiles.Ids));
        return null;
    }

    private static void CheckReferences(PlatformSpec spec, DiagnosticBag bag)
    {
        if (spec.Environments.IsEmpty)
        {
            bag.Add(DiagnosticCodes.MissingKey, spec.Location, "the spec needs at least one environment under 'environments'");
        }

        // One rule for names given twice: an error at the second, never a silent last-one-wins or a doubled column.
        foreach (var d in spec.Compare.GroupBy(d => (d.Environment, d.Option)).Where(g => g.Count() > 1).Select(g => g.ElementAt(1)))
        {
            bag.Add(DiagnosticCodes.DuplicateKey, d.Location, $"compare lists {d.Environment}/{d.Option} twice");
        }

        foreach (var t in spec.InstanceTypes.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.ElementAt(1)))
        {
            bag.Add(DiagnosticCodes.DuplicateKey, t.Location, $"instance type '{t.Name}' is declared twice under instanceTypes");
        }

        foreach (var w in spec.Workloads.GroupBy(w => w.Name).Where(g => g.Count() > 1).Select(g => g.ElementAt(1)))
        {
            bag.Add(DiagnosticCodes.DuplicateKey, w.Location, $"two workloads are named '{w.Name}'");
        }

        foreach (var env in spec.Environments)
        {
            foreach (var g in env.NodeGroups.GroupBy(g => g.Name).Where(g => g.Count() > 1).Select(g => g.ElementAt(1)))
            {
                bag.Add(DiagnosticCodes.DuplicateKey, g.Location, $"environment '{env.Name}' has two node groups named '{g.Name}'");
            }
        }

        foreach (var d in spec.Compare)
        {
            if (spec.FindEnvironment(d.Environment) is null)
            {
                bag.Add(DiagnosticCodes.UnknownReference, d.Location, $"compare names environment '{d.Environment}', which the spec does not define", Spelling.Suggest(d.Environment, spec.Environments.Select(e => e.Name)));
            }

            if (spec.FindOption(d.Option) is null)
            {
                bag.Add(DiagnosticCodes.UnknownReference, d.Location, $"compare names option '{d.Option}', which the spec does not define", Spelling.Suggest(d.Option, spec.Options.Select(o => o.Name)));
            }
        }

        var usageKeys = spec.Usage.Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var env in spec.Environments)
        {
            foreach (var u in env.Usage.Where(u => !usageKeys.Contains(u.Key)))
            {
                bag.Add(DiagnosticCodes.UnknownReference, u.Location, $"environment '{env.Name}' overrides usage '{u.Key}', which the spec's usage does not declare", Spelling.Suggest(u.Key, usageKeys));
            }
        }
    }

    private static ImmutableArray<UsageEntry> ReadUsage(YamlFieldReader r, YamlNode? node, string what)
    {
        var map = r.Mapping(node, what);
        if (map is null)
        {
            return [];
        }

        var items = ImmutableArray.CreateBuilder<UsageEntry>();
        foreach (var (key, value) in map.Entries)
        {
            string? description = null;
            var rangeNode = value;
            if (value is YamlMapping m && m["description"] is not null)
            {
                // A usage entry may carry a description beside its range: {expected: 10, description: "..."}.
                description = r.String(m["description"], $"{what}.{key.Value}.description");
                rangeNode = m with { Entries = [.. m.Entries.Where(e => e.Key.Value != "description")] };
            }

            if (r.Range(rangeNode, $"{what}.{key.Value}") is { } range)
            {
                items.Add(new UsageEntry(key.Value, range, description, key.Location, ValueLocation: value.Location));
            }
        }

        return items.ToImmutable();
    }

    internal static ImmutableArray<CapabilityBinding> ReadCapabilities(YamlFieldReader r, YamlNode? node, string what)
    {
        var map = r.Mapping(node, what);
        if (map is null)
        {
            return [];
        }

        var items = ImmutableArray.CreateBuilder<CapabilityBinding>();
        foreach (var (key, value) in map.Entries)
        {
            var path = $"{what}.{key.Value}";
            if (value is YamlScalar s)
            {
                // Shorthand: "logs: loki", or "logs: off" to drop the capability.
                var off = s.Value is "off" or "none" or "false" || s.IsNull;
                items.Add(new CapabilityBinding(key.Value, off ? null : s.Value, null, ImmutableDictionary<string, SettingValue>.Empty, key.Location));
                continue;
            }

            var m = r.Mapping(value, path);
            if (m is null)
            {
                continue;
            }

            r.CheckKeys(m, path, "component", "mode", "settings");
            items.Add(new CapabilityBinding(
                key.Value,
                r.RequiredString(m, "component", path),
                r.String(m["mode"], path + ".mode"),
                r.Settings(m["settings"], path + ".settings"),
                key.Location));
        }

        return items.ToImmutable();
    }

    private static ImmutableArray<Workload> ReadWorkloads(YamlFieldReader r, YamlNode? node)
    {
        var map = r.Mapping(node, "workloads");
        if (map is null)
        {
            return [];
        }

        r.CheckKeys(map, "workloads", "services", "jobs", "daemonSets");
        var items = ImmutableArray.CreateBuilder<Workload>();
        foreach (var (listKey, kind) in new[] { ("services", WorkloadKind.Service), ("jobs", WorkloadKind.Job), ("daemonSets", WorkloadKind.DaemonSet) })
        {
            foreach (var item in r.Sequence(map[listKey], "workloads." + listKey)?.Items ?? [])
            {
                var what = $"workloads.{listKey}[]";
                if (r.Mapping(item, what) is not { } m)
                {
                    continue;
                }

                r.CheckKeys(m, what, "name", "replicas", "min", "max", "cpu", "memory", "runHoursPerMonth", "nodeGroup", "description");
                var name = r.RequiredString(m, "name", what);
                what = $"workloads.{listKey}.{name}";
                var replicas = ReadReplicas(r, m, what, kind);
                var runHours = r.Range(m["runHoursPerMonth"], what + ".runHoursPerMonth", Money.HoursPerMonth);
                if (kind == WorkloadKind.Job && runHours is null)
                {
                    r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"job '{name}' needs 'runHoursPerMonth' (how long it runs in a month)");
                }

                items.Add(new Workload(
                    name,
                    kind,
                    replicas,
                    r.CpuMillis(m["cpu"], what + ".cpu") ?? 0m,
                    r.MemoryMiB(m["memory"], what + ".memory") ?? 0m,
                    runHours,
                    r.String(m["nodeGroup"], what + ".nodeGroup"),
                    m.Location));
            }
        }

        return items.ToImmutable();
    }

    /// <summary>
    /// A fixed <c>replicas</c>, or <c>min</c>/<c>max</c> for a service that autoscales (ECS service
    /// autoscaling, a Kubernetes HPA); then <c>replicas</c>, if given, is the typical count, and
    /// without it the expected count is <c>min</c>, where an autoscaler rests with no load.
    /// </summary>
    private static ValueRange ReadReplicas(YamlFieldReader r, YamlMapping m, string what, WorkloadKind kind)
    {
        var replicas = r.Int(m["replicas"], what + ".replicas", 0, 10_000);
        var min = r.Int(m["min"], what + ".min", 0, 10_000);
        var max = r.Int(m["max"], what + ".max", 0, 10_000);
        if (min is null && max is null)
        {
            return ValueRange.Exactly(replicas ?? 1);
        }

        if (kind == WorkloadKind.DaemonSet)
        {
            r.Diagnostics.Add(DiagnosticCodes.ConflictingKeys, m.Location, $"{what} is a DaemonSet, which runs one pod per node: it takes no 'min'/'max'");
            return ValueRange.Exactly(1);
        }

        if (min is null || max is null)
        {
            r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"{what} needs both 'min' and 'max' to autoscale");
            return ValueRange.Exactly(replicas ?? min ?? max ?? 1);
        }

        var expected = replicas ?? min.Value;
        if (min > expected || expected > max)
        {
            r.Diagnostics.Add(DiagnosticCodes.OutOfRange, m.Location, $"{what} must have min <= replicas <= max, not {min} / {expected} / {max}");
            return ValueRange.Exactly(expected);
        }

        return new ValueRange(min.Value, expected, max.Value);
    }

    private static ImmutableArray<EnvironmentSpec> ReadEnvironments(YamlFieldReader r, YamlNode? node, string fileName, IProviderProfile provider)
    {
        var map = r.Mapping(node, "environments");
        if (map is null)
        {
            return [];
        }

        var raw = new Dictionary<string, (YamlScalar Key, YamlMapping Body)>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (r.Mapping(value, $"environments.{key.Value}") is { } body)
            {
                raw[key.Value] = (key, body);
            }
            else if (value is YamlScalar { IsNull: true })
            {
                raw[key.Value] = (key, new YamlMapping(key.Location, []));
            }
        }

        var resolved = new Dictionary<string, YamlMapping>(StringComparer.Ordinal);
        var items = ImmutableArray.CreateBuilder<EnvironmentSpec>();
        foreach (var (name, (key, _)) in raw)
        {
            if (Flatten(name, []) is { } flat)
            {
                items.Add(ReadEnvironment(r, name, key.Location, flat, provider));
            }
        }

        return items.ToImmutable();

        // Applies 'extends' chains parent-first; a cycle is reported once, with its path.
        YamlMapping? Flatten(string name, List<string> path)
        {
            if (resolved.TryGetValue(name, out var done))
            {
                return done;
            }

            var (key, body) = raw[name];
            if (path.Contains(name))
            {
                r.Diagnostics.Add(DiagnosticCodes.ExtendsCycle, key.Location, $"environments extend each other in a cycle: {string.Join(" -> ", path)} -> {name}");
                return null;
            }

            var own = body with { Entries = [.. body.Entries.Where(e => e.Key.Value != "extends")] };
            var parentName = r.String(body["extends"], $"environments.{name}.extends");
            if (parentName is null)
            {
                return resolved[name] = own;
            }

            if (!raw.ContainsKey(parentName))
            {
                r.Diagnostics.Add(DiagnosticCodes.UnknownReference, body["extends"]!.Location, $"environment '{name}' extends '{parentName}', which is not defined", Spelling.Suggest(parentName, raw.Keys));
                return resolved[name] = own;
            }

            path.Add(name);
            var parent = Flatten(parentName, path);
            path.RemoveAt(path.Count - 1);
            if (parent is null)
            {
                return null;
            }

            // The child's own components/usage overrides are added to the parent's, key by key.
            return resolved[name] = parent.MergedWith(own);
        }
    }

    private static EnvironmentSpec ReadEnvironment(YamlFieldReader r, string name, SourceLocation location, YamlMapping m, IProviderProfile provider)
    {
        var what = $"environments.{name}";
        r.CheckKeys(m, what, EnvironmentKeys);

        var cluster = r.Mapping(m["cluster"], what + ".cluster");
        if (cluster is not null)
        {
            r.CheckKeys(cluster, what + ".cluster", ClusterKeys);
        }

        var retention = r.Mapping(m["retention"], what + ".retention");
        if (retention is not null)
        {
            r.CheckKeys(retention, what + ".retention", "logsDays", "metricsDays", "tracesDays");
        }

        var backups = r.Mapping(m["backups"], what + ".backups");
        if (backups is not null)
        {
            r.CheckKeys(backups, what + ".backups", "enabled", "retentionDays", "crossRegion", "restoreTested");
        }

        var encryption = r.Mapping(m["encryption"], what + ".encryption");
        if (encryption is not null)
        {
            r.CheckKeys(encryption, what + ".encryption", "kms", "atRest");
        }

        var kind = r.Word(cluster?["kind"], what + ".cluster.kind", ClusterKindWords);
        var kms = r.Word(encryption?["kms"], what + ".encryption.kms", KeyManagementWords);
        var zones = r.Int(m["zones"], what + ".zones", 1, 6) ?? 1;
        var backupsEnabled = r.Bool(backups?["enabled"], what + ".backups.enabled") ?? false;
        return new EnvironmentSpec(
            Name: name,
            Tier: r.String(m["tier"], what + ".tier", name)!,
            Zones: zones,
            NatGateways: r.Enum<NatGatewayMode>(m["natGateways"], what + ".natGateways") ?? NatGatewayMode.Single,
            Cluster: new ClusterSpec(
                kind?.Value ?? ClusterKind.ManagedKubernetes,
                r.Enum<EndpointAccess>(cluster?["endpoint"], what + ".cluster.endpoint") ?? EndpointAccess.Public,
                r.Bool(cluster?["extendedSupport"], what + ".cluster.extendedSupport") ?? false,
                kind is { Word: var kindWord } ? ProviderProfiles.OwnerOfClusterKind(kindWord)?.Id : null,
                ReadServerless(r, cluster?["fargate"], what + ".cluster.fargate"),
                kind is { Word: var word } && ProviderProfiles.OwnerOfClusterKind(word)?.KubernetesOnServerlessKinds.Contains(word) == true),
            NodeGroups: ReadNodeGroups(r, m["nodeGroups"], what, provider),
            Bastion: ReadBastion(r, m["bastion"], what),
            Retention: new RetentionSpec(
                r.Decimal(retention?["logsDays"], what + ".retention.logsDays", 0, 3650) ?? 30m,
                r.Decimal(retention?["metricsDays"], what + ".retention.metricsDays", 0, 3650) ?? 15m,
                r.Decimal(retention?["tracesDays"], what + ".retention.tracesDays", 0, 3650) ?? 30m),
            Backups: new BackupSpec(
                backupsEnabled,
                r.Decimal(backups?["retentionDays"], what + ".backups.retentionDays", 0, 3650) ?? (backupsEnabled ? 7m : 0m),
                r.Bool(backups?["crossRegion"], what + ".backups.crossRegion") ?? false,
                r.Bool(backups?["restoreTested"], what + ".backups.restoreTested") ?? false),
            Encryption: new EncryptionSpec(
                kms?.Value ?? KeyManagement.ProviderManaged,
                r.Bool(encryption?["atRest"], what + ".encryption.atRest") ?? true,
                kms is { Word: var kmsWord } ? ProviderProfiles.OwnerOfKeyManagement(kmsWord)?.Id : null),
            DeletionProtection: r.Bool(m["deletionProtection"], what + ".deletionProtection") ?? false,
            Usage: ReadUsage(r, m["usage"], what + ".usage"),
            Overrides: ReadOverrides(r, m["components"], what + ".components"),
            Capabilities: ReadCapabilities(r, m["capabilities"], what + ".capabilities"),
            LineItems: ReadLineItems(r, m["lineItems"], what + ".lineItems"),
            Policies: ReadPolicies(r, m["policies"], what + ".policies"),
            Location: location,
            SettingLocations: SettingLocations(m),
            Placement: ReadPlacement(r, m, what));
    }

    /// <summary>An environment's or option's own provider and region, if it sets either.</summary>
    private static Placement? ReadPlacement(YamlFieldReader r, YamlMapping? m, string what)
    {
        if (m is null || (m["provider"] is null && m["region"] is null))
        {
            return null;
        }

        var provider = ReadProvider(r, m["provider"], what + ".provider");
        var region = r.String(m["region"], what + ".region");
        return new Placement(provider?.Id, region, (m["provider"] ?? m["region"])!.Location);
    }

    private static BastionSpec? ReadBastion(YamlFieldReader r, YamlNode? node, string what)
    {
        if (node is YamlScalar s)
        {
            return s.IsNull || s.Value is "none" or "off" or "false" ? null : new BastionSpec(s.Value, s.Location);
        }

        var m = r.Mapping(node, what + ".bastion");
        if (m is null)
        {
            return null;
        }

        r.CheckKeys(m, what + ".bastion", "instanceType");
        return new BastionSpec(r.RequiredString(m, "instanceType", what + ".bastion"), m.Location);
    }

    private static ServerlessSpec? ReadServerless(YamlFieldReader r, YamlNode? node, string what)
    {
        var m = r.Mapping(node, what);
        if (m is null)
        {
            return null;
        }

        r.CheckKeys(m, what, "architecture", "capacity", "spotDiscount");
        var capacity = r.Enum<CapacityType>(m["capacity"], what + ".capacity") ?? CapacityType.OnDemand;
        var discount = r.Range(m["spotDiscount"], what + ".spotDiscount", 0.95m);
        if (capacity == CapacityType.Spot && discount is null)
        {
            r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"{what} is Fargate Spot but has no spotDiscount", "AWS publishes no fixed Fargate Spot price: state the discount you assume, e.g. spotDiscount: 0.7");
        }

        return new ServerlessSpec(r.Enum<CpuArchitecture>(m["architecture"], what + ".architecture") ?? CpuArchitecture.X86_64, capacity, discount);
    }

    /// <summary>The node-group keys whose written place is kept, so <c>size</c> can edit them in the spec's own text.</summary>
    private static readonly string[] NodeGroupPatchable = ["instanceType", "count", "min", "max"];

    private static ImmutableArray<NodeGroupSpec> ReadNodeGroups(YamlFieldReader r, YamlNode? node, string what, IProviderProfile provider)
    {
        var items = ImmutableArray.CreateBuilder<NodeGroupSpec>();
        foreach (var m in r.MappingsIn(node, what + ".nodeGroups"))
        {
            var path = $"{what}.nodeGroups[{items.Count}]";
            r.CheckKeys(m, path, NodeGroupKeys);
            var disk = r.Mapping(m["disk"], path + ".disk");
            if (disk is not null)
            {
                r.CheckKeys(disk, path + ".disk", DiskKeys);
            }

            var count = r.Int(m["count"], path + ".count", 0, 10_000);
            var min = r.Int(m["min"], path + ".min", 0, 10_000);
            var max = r.Int(m["max"], path + ".max", 0, 10_000);
            if (count is null && (min is null || max is null))
            {
                r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"{path} needs 'count', or 'min' and 'max' for an autoscaling group");
            }
            else if (count is not null && (min is not null || max is not null))
            {
                r.Diagnostics.Add(DiagnosticCodes.ConflictingKeys, m.Location, $"{path} has 'count' and 'min'/'max': give one or the other");
            }
            else if (min > max)
            {
                r.Diagnostics.Add(DiagnosticCodes.ConflictingKeys, m.Location, $"{path} has min {min} above max {max}");
            }

            var capacity = r.Enum<CapacityType>(m["capacity"], path + ".capacity") ?? CapacityType.OnDemand;
            var spotDiscount = r.Range(m["spotDiscount"], path + ".spotDiscount", 0.95m);
            if (capacity == CapacityType.Spot && m["spotDiscount"] is null)
            {
                // AWS publishes no fixed spot price: without the spec's assumed discount the group has no price at all.
                r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"{path} is a spot group and needs 'spotDiscount' (the share off the on-demand price it assumes, e.g. 0.7 or {{low: 0.6, expected: 0.7, high: 0.8}})", "spot prices move; the spec states the discount it assumes");
            }
            var purchase = ReadPurchase(r, m["purchase"], path + ".purchase");
            if (purchase is not null && capacity == CapacityType.Spot)
            {
                r.Diagnostics.Add(DiagnosticCodes.ConflictingKeys, m["purchase"]!.Location, $"{path} is a spot group: a commitment ('purchase') applies to on-demand capacity only");
            }

            // IOPS and throughput can be provisioned on some storage classes only: the provider says which.
            var volumeType = r.String(disk?["type"], path + ".disk.type");
            var iops = r.Decimal(disk?["iops"], path + ".disk.iops", 0, 256_000);
            var throughput = r.Decimal(disk?["throughput"], path + ".disk.throughput", 0, 4_000);
            var storageClass = volumeType ?? provider.StorageClasses[0];
            var performance = provider.Performance(storageClass);
            if (iops is not null && performance is null)
            {
                r.Diagnostics.Add(DiagnosticCodes.ConflictingKeys, disk!["iops"]!.Location, $"{path}.disk.iops cannot be provisioned on {storageClass} volumes",
                    "IOPS can be provisioned on " + string.Join(", ", provider.StorageClasses.Where(c => provider.Performance(c) is not null)));
            }

            if (throughput is not null && performance?.IncludedThroughputMiBps is null)
            {
                r.Diagnostics.Add(DiagnosticCodes.ConflictingKeys, disk!["throughput"]!.Location, $"{path}.disk.throughput cannot be provisioned on {storageClass} volumes",
                    "throughput can be provisioned on " + string.Join(", ", provider.StorageClasses.Where(c => provider.Performance(c)?.IncludedThroughputMiBps is not null)));
            }


            items.Add(new NodeGroupSpec(
                r.String(m["name"], path + ".name", $"group-{items.Count + 1}")!,
                r.RequiredString(m, "instanceType", path),
                count,
                min,
                max,
                capacity,
                spotDiscount,
                new DiskSpec(r.Decimal(disk?["sizeGb"], path + ".disk.sizeGb", 0, 64_000) ?? 20m, volumeType, iops, throughput),
                r.Range(m["hoursPerMonth"], path + ".hoursPerMonth", Money.HoursPerMonth),
                r.Bool(m["dedicated"], path + ".dedicated") ?? false,
                m.Location,
                purchase,
                r.Int(m["maxPods"], path + ".maxPods", 1, 737),
                NodeGroupPatchable.Where(k => m[k] is YamlScalar).ToImmutableDictionary(k => k, k => m[k]!.Location, StringComparer.Ordinal) is var written && disk?["type"] is YamlScalar type
                    ? written.Add("disk.type", type.Location)
                    : written));
        }

        return items.ToImmutable();
    }

    /// <summary>
    /// A commitment: reserved-1y|3y[-standard|-convertible][-no|-partial|-all-upfront] or
    /// savings-plan-1y|3y[-compute|-ec2-instance][-...-upfront], returned in full (the short forms
    /// mean standard or compute, no upfront, the plainest term AWS sells); on-demand is null.
    /// </summary>
    private static string? ReadPurchase(YamlFieldReader r, YamlNode? node, string what)
    {
        var text = r.String(node, what, null);
        if (text is null or "on-demand")
        {
            return null;
        }

        var match = PurchasePattern().Match(text);
        if (!match.Success)
        {
            r.Diagnostics.Add(DiagnosticCodes.NotAllowedValue, node!.Location, $"{what} '{text}' is not a purchase option",
                Spelling.Suggest(text, ["on-demand", "reserved-1y", "reserved-3y", "savings-plan-1y", "savings-plan-3y"])
                    ?? "use on-demand, reserved-1y, reserved-3y, savings-plan-1y or savings-plan-3y (optionally -standard|-convertible or -compute|-ec2-instance, then -no-upfront|-partial-upfront|-all-upfront)");
            return null;
        }

        var reserved = match.Groups["kind"].Value == "reserved";
        var flavour = match.Groups["flavour"].Success ? match.Groups["flavour"].Value : reserved ? "standard" : "compute";
        if (reserved != flavour is "standard" or "convertible")
        {
            r.Diagnostics.Add(DiagnosticCodes.NotAllowedValue, node!.Location, $"{what} '{text}': reserved instances are standard or convertible, Savings Plans compute or ec2-instance");
            return null;
        }

        var payment = match.Groups["payment"].Success ? match.Groups["payment"].Value : "no";
        return $"{match.Groups["kind"].Value}-{match.Groups["years"].Value}y-{flavour}-{payment}-upfront";
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(?<kind>reserved|savings-plan)-(?<years>[13])y(?:-(?<flavour>standard|convertible|compute|ec2-instance))?(?:-(?<payment>no|partial|all)-upfront)?$")]
    private static partial System.Text.RegularExpressions.Regex PurchasePattern();

    private static ImmutableArray<ComponentOverride> ReadOverrides(YamlFieldReader r, YamlNode? node, string what)
    {
        var map = r.Mapping(node, what);
        var items = ImmutableArray.CreateBuilder<ComponentOverride>();
        foreach (var (key, value) in map?.Entries ?? [])
        {
            var path = $"{what}.{key.Value}";
            if (value is YamlScalar s)
            {
                if (s.Value is "off" or "false" or "none")
                {
                    items.Add(new ComponentOverride(key.Value, true, null, ImmutableDictionary<string, SettingValue>.Empty, key.Location));
                }
                else if (s.Value is "on" or "true")
                {
                    items.Add(new ComponentOverride(key.Value, false, null, ImmutableDictionary<string, SettingValue>.Empty, key.Location));
                }
                else
                {
                    r.Diagnostics.Add(DiagnosticCodes.WrongType, s.Location, $"{path} must be 'off' or a mapping with mode/settings, not '{s.Value}'");
                }

                continue;
            }

            if (r.Mapping(value, path) is not { } m)
            {
                continue;
            }

            r.CheckKeys(m, path, "off", "mode", "settings");
            items.Add(new ComponentOverride(key.Value, r.Bool(m["off"], path + ".off") ?? false, r.String(m["mode"], path + ".mode"), r.Settings(m["settings"], path + ".settings"), key.Location));
        }

        return items.ToImmutable();
    }

    private static ImmutableArray<HostingOption> ReadOptions(YamlFieldReader r, YamlNode? node, string fileName)
    {
        var map = r.Mapping(node, "options");
        if (map is null)
        {
            // No options: one implicit option that uses the capabilities as written.
            return [new HostingOption("default", null, [], [], SourceLocation.None(fileName))];
        }

        var items = ImmutableArray.CreateBuilder<HostingOption>();
        foreach (var (key, value) in map.Entries)
        {
            var path = $"options.{key.Value}";
            var m = r.Mapping(value, path);
            if (m is not null)
            {
                r.CheckKeys(m, path, "description", "capabilities", "lineItems", "provider", "region");
            }

            items.Add(new HostingOption(
                key.Value,
                r.String(m?["description"], path + ".description"),
                ReadCapabilities(r, m?["capabilities"], path + ".capabilities"),
                ReadLineItems(r, m?["lineItems"], path + ".lineItems"),
                key.Location,
                ReadPlacement(r, m, path)));
        }

        return items.ToImmutable();
    }

    private static ImmutableArray<DeploymentRef> ReadCompare(YamlFieldReader r, YamlNode? node)
    {
        var items = ImmutableArray.CreateBuilder<DeploymentRef>();
        foreach (var item in r.Sequence(node, "compare")?.Items ?? [])
        {
            if (item is YamlScalar s && s.Value.Split('/') is [var env, var option])
            {
                items.Add(new DeploymentRef(env, option, s.Location));
                continue;
            }

            if (r.Mapping(item, "compare[] (environment/option, or {environment, option})") is { } m)
            {
                r.CheckKeys(m, "compare[]", "environment", "option");
                items.Add(new DeploymentRef(r.RequiredString(m, "environment", "compare[]"), r.RequiredString(m, "option", "compare[]"), m.Location));
            }
        }

        return items.ToImmutable();
    }

    private static ImmutableArray<UserPrice> ReadPrices(YamlFieldReader r, YamlNode? node)
    {
        var items = ImmutableArray.CreateBuilder<UserPrice>();
        foreach (var m in r.MappingsIn(node, "prices"))
        {
            r.CheckKeys(m, "prices[]", "key", "unit", "usd", "source", "asOf");
            var key = r.RequiredString(m, "key", "prices[]");
            var source = r.RequiredString(m, "source", $"price '{key}'");
            if (items.Any(p => p.Key == key))
            {
                r.Diagnostics.Add(DiagnosticCodes.DuplicateKey, m.Location, $"price '{key}' is given twice; one of them would silently win");
            }

            items.Add(new UserPrice(key, r.RequiredString(m, "unit", $"price '{key}'"), r.Decimal(m["usd"], $"price '{key}'.usd", 0) ?? MissingUsd(r, m, key), source, r.String(m["asOf"], "asOf"), m.Location));
        }

        return items.ToImmutable();
    }

    private static ImmutableArray<NegotiatedDiscount> ReadDiscounts(YamlFieldReader r, YamlNode? node)
    {
        var items = ImmutableArray.CreateBuilder<NegotiatedDiscount>();
        foreach (var m in r.MappingsIn(node, "discounts"))
        {
            r.CheckKeys(m, "discounts[]", "family", "share", "source");
            var family = r.RequiredString(m, "family", "discounts[]").TrimEnd('/');
            var share = r.Range(m["share"], $"discount on '{family}'.share", 0.95m);
            if (share is null && m["share"] is null)
            {
                r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"discount on '{family}' needs 'share' (0.1 for 10% off list prices)");
            }

            if (items.Any(d => d.Family == family))
            {
                r.Diagnostics.Add(DiagnosticCodes.DuplicateKey, m.Location, $"discount on '{family}' is given twice");
            }

            items.Add(new NegotiatedDiscount(family, share ?? ValueRange.Zero, r.RequiredString(m, "source", $"discount on '{family}'"), m.Location));
        }

        return items.ToImmutable();
    }

    private static decimal MissingUsd(YamlFieldReader r, YamlMapping m, string key)
    {
        if (m["usd"] is null)
        {
            r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"price '{key}' needs 'usd'");
        }

        return 0m;
    }

    internal static ImmutableArray<UserLineItem> ReadLineItems(YamlFieldReader r, YamlNode? node, string what)
    {
        var items = ImmutableArray.CreateBuilder<UserLineItem>();
        foreach (var m in r.MappingsIn(node, what))
        {
            r.CheckKeys(m, what + "[]", "item", "category", "quantity", "unit", "unitPrice", "priceKey", "source", "resource", "region", "note");
            var name = r.RequiredString(m, "item", what + "[]");
            var unitPrice = r.Decimal(m["unitPrice"], $"{what}.{name}.unitPrice", 0);
            var priceKey = r.String(m["priceKey"], $"{what}.{name}.priceKey");
            var source = r.String(m["source"], $"{what}.{name}.source");
            if (unitPrice is not null && string.IsNullOrWhiteSpace(source))
            {
                r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"line item '{name}' gives a unitPrice without a 'source'", "say where the price comes from: a quote, an invoice, a salary band");
            }

            items.Add(new UserLineItem(
                name,
                r.String(m["category"], $"{what}.{name}.category", "other")!,
                r.Range(m["quantity"], $"{what}.{name}.quantity") ?? ValueRange.Exactly(1m),
                r.String(m["unit"], $"{what}.{name}.unit", "month")!,
                unitPrice,
                priceKey,
                source,
                m.Location,
                r.String(m["resource"], $"{what}.{name}.resource"),
                r.String(m["region"], $"{what}.{name}.region"),
                r.String(m["note"], $"{what}.{name}.note")));
        }

        return items.ToImmutable();
    }

    private static ImmutableArray<InstanceTypeSpec> ReadInstanceTypes(YamlFieldReader r, YamlNode? node)
    {
        var map = r.Mapping(node, "instanceTypes");
        var items = ImmutableArray.CreateBuilder<InstanceTypeSpec>();
        foreach (var (key, value) in map?.Entries ?? [])
        {
            var path = $"instanceTypes.{key.Value}";
            if (r.Mapping(value, path) is not { } m)
            {
                continue;
            }

            r.CheckKeys(m, path, "vcpu", "memoryGiB", "maxPods");
            items.Add(new InstanceTypeSpec(key.Value, r.Decimal(m["vcpu"], path + ".vcpu", 0.25m, 1024) ?? 1, r.Decimal(m["memoryGiB"], path + ".memoryGiB", 0.5m, 65_536) ?? 1, r.Int(m["maxPods"], path + ".maxPods", 1, 1000) ?? 110, key.Location));
        }

        return items.ToImmutable();
    }

    private static Labour? ReadLabour(YamlFieldReader r, YamlNode? node)
    {
        var m = r.Mapping(node, "labour");
        if (m is null)
        {
            return null;
        }

        r.CheckKeys(m, "labour", "ratePerHour", "source");
        return new Labour(r.Decimal(m["ratePerHour"], "labour.ratePerHour", 0, 10_000) ?? 0m, r.RequiredString(m, "source", "labour"), m.Location);
    }
}
