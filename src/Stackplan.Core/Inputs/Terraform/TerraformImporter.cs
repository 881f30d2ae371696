using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Inputs.Terraform;

/// <summary>Which side of a plan to read: what it will create (planned values) or what exists before it (prior state).</summary>
public enum PlanSide
{
    Planned,
    Prior,
}

/// <summary>A plan mapped onto our model: the spec, and what the user should know about the mapping.</summary>
public sealed record TerraformImport(PlatformSpec Spec, ImmutableArray<ResourceCharge> Charges, ImmutableArray<Diagnostic> Warnings);

/// <summary>
/// Turns a Terraform plan or state into a <see cref="PlatformSpec"/> of the same shape a user could
/// write: one environment (<c>terraform</c>) under one option (<c>planned</c>), each priced
/// resource a set of line items carrying its address and a price-book key. The catalog and price
/// books then price it like any spec. Free resource types are listed at $0 with the reason;
/// types stackplan does not price are listed with their count and no price (never dropped).
/// </summary>
public static class TerraformImporter
{
    public const string EnvironmentName = "terraform";
    public const string OptionName = "planned";

    /// <param name="asOf">the date EKS support windows are judged at when the plan has no timestamp (the price book's as-of date).</param>
    public static TerraformImport Import(TerraformPlan plan, UsageFile? usage = null, DateOnly? asOf = null, PlanSide side = PlanSide.Planned)
    {
        usage ??= UsageFile.Empty;
        var date = PlanDate(plan.Timestamp) ?? asOf;
        var resources = side == PlanSide.Planned ? plan.Planned : plan.Prior;
        var charges = ImmutableArray.CreateBuilder<ResourceCharge>();
        var free = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var unsupported = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var invalid = new List<Diagnostic>();
        var asked = new List<(string Address, string Type, HashSet<string> Keys)>();
        foreach (var resource in resources)
        {
            var reader = new ResourceReader(resource, plan, usage, date, side);
            bool mapped;
            try
            {
                mapped = AwsResources.Map(reader);
            }
            catch (PlanValueException e)
            {
                invalid.Add(new Diagnostic(DiagnosticCodes.InvalidPlan, SourceLocation.None(plan.FileName), $"{resource.Address}: {e.Message}", "fix the value in the Terraform configuration and plan again"));
                continue;
            }

            if (mapped)
            {
                charges.AddRange(reader.Charges);
                asked.Add((resource.Address, resource.Type, reader.AskedUsageKeys));
            }
            else
            {
                var bucket = AwsResources.IsFree(resource.Type) ? free : unsupported;
                if (!bucket.TryGetValue(resource.Type, out var addresses))
                {
                    bucket[resource.Type] = addresses = [];
                }

                addresses.Add(resource.Address);
            }
        }

        if (invalid.Count > 0)
        {
            throw new InputException(invalid);
        }

        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        warnings.AddRange(plan.Warnings);
        var at = SourceLocation.None(plan.FileName);
        var lines = ImmutableArray.CreateBuilder<UserLineItem>();
        foreach (var c in charges)
        {
            lines.Add(c.IsFree
                ? new UserLineItem(c.Item, "other", c.Quantity, c.Unit, 0m, null, $"free: {c.Note}", at, c.Address, Regional(c.Region, plan.Region))
                : new UserLineItem(c.Item, Category(c.Category), c.Quantity, c.Unit, null, c.PriceKey, null, at, c.Address, Regional(c.Region, plan.Region), c.Note));
        }

        foreach (var (type, addresses) in free)
        {
            lines.Add(new UserLineItem($"{addresses.Count} resource(s), free", "other", ValueRange.Exactly(addresses.Count), "resource", 0m, null, $"free: AWS does not charge for {type} itself", at, type, Note: Listed(addresses)));
        }

        foreach (var (type, addresses) in unsupported)
        {
            lines.Add(new UserLineItem($"{addresses.Count} resource(s), not priced", "other", ValueRange.Exactly(addresses.Count), "resource", null, null, null, at, type,
                Note: $"{type} is not a resource type stackplan prices yet ({Listed(addresses)})"));
            warnings.Add(new Diagnostic(DiagnosticCodes.UnpricedResourceType, at, $"{addresses.Count} {type} resource(s) are not priced: stackplan has no mapping for {type} yet; they are listed, not counted"));
        }

        var known = resources.Select(r => r.Address).ToHashSet(StringComparer.Ordinal);
        foreach (var address in usage.Addresses.Where(a => !known.Contains(a) && !(a.EndsWith("[*]", StringComparison.Ordinal) && resources.Any(r => r.Address.StartsWith(a[..^3] + "[", StringComparison.Ordinal)))).Order(StringComparer.Ordinal))
        {
            warnings.Add(new Diagnostic(DiagnosticCodes.UsageFileAddress, SourceLocation.None(usage.FileName), $"resource_usage names '{address}', which is not a resource of the plan; its usage is not used"));
        }

        warnings.AddRange(UnreadUsageKeys(usage, asked));

        var environment = new EnvironmentSpec(
            EnvironmentName, EnvironmentName, 1, NatGatewayMode.None, new ClusterSpec(ClusterKind.ServerlessContainers, EndpointAccess.Private, false), [], null,
            new RetentionSpec(30m, 15m, 30m), new BackupSpec(false, 0m, false, false), new EncryptionSpec(KeyManagement.ProviderManaged, true), false,
            [], [], [], lines.ToImmutable(), ImmutableDictionary<string, string>.Empty, at, ImmutableDictionary<string, SourceLocation>.Empty);
        var option = new HostingOption(OptionName, side == PlanSide.Planned ? "the plan's planned values" : "the plan's prior state", [], [], at);
        var spec = new PlatformSpec(
            SpecReaderVersion, NameOf(plan.FileName), "aws", plan.Region, "USD", [], [], [], [environment], [option], [], [], [], [], null, false, at, []);
        return new TerraformImport(spec, charges.ToImmutable(), warnings.ToImmutable());
    }

    private const int SpecReaderVersion = 1;

    /// <summary>
    /// One SP2025 warning per usage-file key that no priced resource it applies to asks for (a
    /// misspelt monthly_data_processd_gb changes no figure, so it must not pass in silence), with the
    /// keys those resources do read. Keys for resources the plan lacks or does not price are left to
    /// SP2021 and the unpriced-type warning.
    /// </summary>
    private static IEnumerable<Diagnostic> UnreadUsageKeys(UsageFile usage, List<(string Address, string Type, HashSet<string> Keys)> asked)
    {
        foreach (var entry in usage.Entries)
        {
            var readers = asked.Where(r => UsageFile.Applies(entry, r.Address, r.Type)).ToList();
            if (readers.Count == 0 || readers.Any(r => r.Keys.Contains(entry.Key)))
            {
                continue;
            }

            var read = readers.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            yield return new Diagnostic(
                DiagnosticCodes.UnreadUsageKey,
                entry.Location,
                $"{entry.Section}.{entry.Name}: usage '{entry.Key}' is read by no resource it applies to, so it changes no figure",
                Spelling.Suggest(entry.Key, read) ?? (read.Count > 0 ? $"{readers[0].Type} reads: {string.Join(", ", read)}" : $"stackplan reads no usage for {readers[0].Type}"));
        }
    }

    private static string? Regional(string region, string planRegion) => region == planRegion ? null : region;

    private static string Category(Category category) => category.ToString().ToLowerInvariant();

    private static string Listed(List<string> addresses) =>
        string.Join(", ", addresses.Take(5)) + (addresses.Count > 5 ? $" and {addresses.Count - 5} more" : "");

    private static string NameOf(string fileName)
    {
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? name[..^5] : name;
    }

    /// <summary>The date part of the plan's RFC 3339 timestamp ("2026-11-29T22:15:00Z").</summary>
    private static DateOnly? PlanDate(string? timestamp) =>
        timestamp is { Length: >= 10 } && DateOnly.TryParseExact(timestamp[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
