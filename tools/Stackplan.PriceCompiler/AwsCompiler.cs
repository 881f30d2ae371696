using System.Globalization;
using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;

namespace Stackplan.PriceCompiler;

/// <summary>One file the compiler writes, by its path relative to the repository root.</summary>
public sealed record ArtifactFile(string Path, byte[] Content);

/// <summary>What a compile produced, and the counts it reports.</summary>
public sealed record CompileResult(IReadOnlyList<ArtifactFile> Files, int Regions, int Keys, int Entries, int InstanceTypes, int Disagreements, IReadOnlyList<string> Unmapped);

/// <summary>
/// Compiles the cited AWS reference price data (aws-prices.csv, aws-instance-types.csv) into the
/// embedded world book: one gzipped CSV per region, loaded lazily by the price book, plus a sources
/// table, a key index (which regions have a key) and the disagreement report. Output depends only on
/// the inputs: rows are sorted, numbers are written canonically and gzip carries no timestamp, so a
/// re-run reproduces the committed artifact byte for byte.
/// </summary>
public static class AwsCompiler
{
    public const string WorldFolder = "data/prices/world/aws";
    public const string InstanceTypesPath = "data/instance-types.csv";
    public const string DisagreementsPath = "docs/price-disagreements.md";

    /// <summary>Differences up to this share are rounding, not disagreement.</summary>
    private const decimal Tolerance = 0.01m;

    public static CompileResult Compile(string referenceFolder, string curatedCsv)
    {
        var map = KeyMap.Load();
        var rows = ReadPrices(Path.Combine(referenceFolder, "aws-prices.csv"));

        // (source key, region) -> the candidate ladders, one per (source, as-of).
        var groups = rows
            .GroupBy(r => (r.Key, r.Region))
            .ToDictionary(g => g.Key, g => g.GroupBy(r => (r.Source, r.AsOf)).Select(s => new Ladder(s.Key.Source, s.Key.AsOf, [.. s.OrderBy(r => r.TierStart)])).ToList());

        var winners = new Dictionary<(string Key, string Region), Ladder>();
        var disagreements = new List<Disagreement>();
        foreach (var ((key, region), ladders) in groups.OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Region, StringComparer.Ordinal))
        {
            var winner = Choose(key, ladders, out var why);
            winners[(key, region)] = winner;
            foreach (var other in ladders.Where(l => l != winner).OrderBy(l => l.Source, StringComparer.Ordinal))
            {
                if (Differs(winner.Prices, other.Prices))
                {
                    disagreements.Add(new Disagreement(key, region, winner, other, why));
                }
            }
        }

        var entries = new List<WorldEntry>();
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        var mappedSourceKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in map)
        {
            foreach (var ((key, region), ladder) in winners)
            {
                if (!rule.Matches(key, out var capture, mappedSourceKeys))
                {
                    continue;
                }

                var prices = ladder.Prices;
                var addedRateCode = "";
                var source = ladder.Source;
                var asOf = ladder.AsOf;
                if (rule.AddedKey is { } added)
                {
                    // A surcharge published apart from the price it is added to (EKS extended support):
                    // the catalog key is the sum, so both flat prices must come from one source.
                    if (!winners.TryGetValue((added, region), out var addend) || prices.Length != 1 || addend.Prices.Length != 1)
                    {
                        continue;
                    }

                    prices = [prices[0] with { Usd = prices[0].Usd + addend.Prices[0].Usd }];
                    addedRateCode = addend.Prices[0].RateCode;
                    if (addend.Source != source)
                    {
                        source += " + " + addend.Source;
                    }

                    asOf = string.CompareOrdinal(addend.AsOf, asOf) < 0 ? addend.AsOf : asOf;
                }

                foreach (var p in prices)
                {
                    entries.Add(new WorldEntry(
                        region,
                        rule.KeyFor(capture),
                        rule.Unit.Length == 0 ? p.Unit : rule.Unit,
                        p.TierStart / rule.Scale,
                        p.TierEnd is { } end ? end / rule.Scale : null,
                        p.Usd * rule.Scale,
                        // A zero-priced band is the account's free allowance (AMP's 40 M samples, three
                        // dashboards): like the curated book's, it applies only under freeTiers: true.
                        p.Usd == 0 && (p.TierEnd is not null || p.TierStart > 0 || prices.Length > 1),
                        string.Join(" + ", new[] { p.RateCode, addedRateCode }.Where(c => c.Length > 0)),
                        source,
                        asOf,
                        rule.DescriptionFor(capture)));
                }
            }

            foreach (var key in winners.Keys.Select(k => k.Key).Distinct())
            {
                if (rule.Matches(key, out _, null))
                {
                    mappedSourceKeys.Add(key);
                }
            }
        }

        foreach (var key in winners.Keys.Select(k => k.Key).Where(k => !mappedSourceKeys.Contains(k)))
        {
            unmapped.Add(key);
        }

        // One catalog key must come from one rule per region: two rules writing one key would be a map mistake.
        var duplicated = entries.GroupBy(e => (e.Region, e.Key, e.TierStart)).FirstOrDefault(g => g.Count() > 1);
        if (duplicated is not null)
        {
            throw new InvalidDataException($"key map writes '{duplicated.Key.Key}' in {duplicated.Key.Region} twice");
        }

        var files = WorldBookFiles.Write(WorldFolder, entries);
        var regions = entries.Select(e => e.Region).Distinct().ToList();

        var instanceTypes = InstanceTypes(Path.Combine(referenceFolder, "aws-instance-types.csv"), out var typeCount);
        files.Add(new ArtifactFile(InstanceTypesPath, instanceTypes));

        var curated = CuratedDisagreements(curatedCsv, entries);
        files.Add(new ArtifactFile(DisagreementsPath, Encoding.UTF8.GetBytes(Report(disagreements, curated))));

        return new CompileResult(files, regions.Count, entries.Select(e => e.Key).Distinct().Count(), entries.Select(e => (e.Key, e.Region)).Distinct().Count(), typeCount, disagreements.Count + curated.Count, [.. unmapped]);
    }

    /// <summary>
    /// The newest source wins, except where the reference README documents a source as wrong for a
    /// kind of key: karpenter's metal prices (read from the Pricing API) are 6-10% above the three
    /// pricing-page feeds that agree with each other, so a metal size takes the pricing pages' price.
    /// </summary>
    private static Ladder Choose(string key, List<Ladder> ladders, out string why)
    {
        var candidates = ladders;
        why = "newest";
        if (key.StartsWith("ec2.instance.", StringComparison.Ordinal) && key.Contains(".metal", StringComparison.Ordinal))
        {
            var withoutKarpenter = ladders.Where(l => !l.Source.StartsWith("aws/karpenter-provider-aws@", StringComparison.Ordinal)).ToList();
            if (withoutKarpenter.Count > 0 && withoutKarpenter.Count < ladders.Count)
            {
                candidates = withoutKarpenter;
                why = "newest pricing-page feed (karpenter metal price set aside, reference README)";
            }
        }

        return candidates.OrderByDescending(l => l.AsOf, StringComparer.Ordinal).ThenBy(l => l.Source, StringComparer.Ordinal).First();
    }

    private static bool Differs(IReadOnlyList<Price> a, IReadOnlyList<Price> b)
    {
        if (a.Count != b.Count)
        {
            return true;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].TierStart != b[i].TierStart || a[i].TierEnd != b[i].TierEnd)
            {
                return true;
            }

            var high = Math.Max(a[i].Usd, b[i].Usd);
            if (high > 0 && Math.Abs(a[i].Usd - b[i].Usd) / high > Tolerance)
            {
                return true;
            }
        }

        return false;
    }

    private static List<Price> ReadPrices(string path)
    {
        var rows = new List<Price>();
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var row in reader)
        {
            var end = row["tier_end"].Span;
            rows.Add(new Price(
                row["key"].ToString(),
                row["region"].ToString(),
                row["unit"].ToString(),
                decimal.Parse(row["tier_start"].Span, NumberStyles.Float, CultureInfo.InvariantCulture),
                end.Length == 0 ? null : decimal.Parse(end, NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(row["usd"].Span, NumberStyles.Float, CultureInfo.InvariantCulture),
                row["rate_code"].ToString(),
                row["source"].ToString(),
                row["as_of"].ToString()));
        }

        return rows;
    }

    /// <summary>
    /// data/instance-types.csv from the reference's 1,389 types. A type without vCPU, memory or an
    /// ENI max-pods figure cannot be sized honestly, so it is left out rather than guessed.
    /// </summary>
    private static byte[] InstanceTypes(string path, out int count)
    {
        var text = new StringBuilder("type,vcpu,memory_mib,arch,gpus,max_pods,source,as_of\n");
        var rows = new List<string[]>();
        using (var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path))
        {
            foreach (var row in reader)
            {
                rows.Add([row["instance_type"].ToString(), row["vcpu"].ToString(), row["memory_mib"].ToString(), row["arch"].ToString(), row["gpu_count"].ToString(), row["max_pods_eni"].ToString(), row["source"].ToString(), row["as_of"].ToString()]);
            }
        }

        count = 0;
        foreach (var r in rows.Where(r => r[1].Length > 0 && r[2].Length > 0 && r[5].Length > 0).OrderBy(r => r[0], StringComparer.Ordinal))
        {
            text.AppendJoin(',', r.Select(Csv)).Append('\n');
            count++;
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static List<CuratedDifference> CuratedDisagreements(string curatedCsv, List<WorldEntry> entries)
    {
        var world = entries.GroupBy(e => (e.Key, e.Region)).ToDictionary(g => g.Key, g => g.OrderBy(e => e.TierStart).ToList());
        var result = new List<CuratedDifference>();
        var curated = new List<(string Key, string Region, decimal From, decimal? To, decimal Usd, bool Free, string Source)>();
        using (var reader = Sep.Reader(o => o with { Unescape = true }).FromText(curatedCsv))
        {
            foreach (var row in reader)
            {
                var to = row["tier_end"].ToString();
                curated.Add((row["key"].ToString(), row["region"].ToString(), decimal.Parse(row["tier_start"].Span, CultureInfo.InvariantCulture),
                    to.Length == 0 ? null : decimal.Parse(to, CultureInfo.InvariantCulture), decimal.Parse(row["usd"].Span, CultureInfo.InvariantCulture),
                    row["free_tier"].ToString() == "true", row["source"].ToString()));
            }
        }

        foreach (var g in curated.GroupBy(c => (c.Key, c.Region)).OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Region, StringComparer.Ordinal))
        {
            if (!world.TryGetValue(g.Key, out var compiled))
            {
                continue;
            }

            var a = g.OrderBy(c => c.From).Select(c => new Price(g.Key.Key, g.Key.Region, "", c.From, c.To, c.Usd, "", "", "")).ToList();
            var b = compiled.Select(e => new Price(e.Key, e.Region, "", e.TierStart, e.TierEnd, e.Usd, "", "", "")).ToList();
            if (Differs(a, b))
            {
                result.Add(new CuratedDifference(g.Key.Key, g.Key.Region, Describe(a), Describe(b), compiled[0].Source));
            }
        }

        return result;
    }

    private static string Describe(IEnumerable<Price> prices) =>
        string.Join("; ", prices.Select(p => p.TierStart == 0 && p.TierEnd is null ? Number(p.Usd) : $"{Number(p.TierStart)}-{(p.TierEnd is { } e ? Number(e) : "")}: {Number(p.Usd)}"));

    private static string Report(List<Disagreement> disagreements, List<CuratedDifference> curated)
    {
        var text = new StringBuilder();
        text.Append("# Price disagreements\n\n")
            .Append("Written by `tools/Stackplan.PriceCompiler` from ../shared/reference/price-data; do not edit by hand.\n")
            .Append("Every key and region where two sources of the reference data differ by more than 1%, the price the\n")
            .Append("compiler kept (the newest source, except karpenter's metal prices, which the reference README documents\n")
            .Append("as 6-10% above the three pricing-page feeds) and the one it set aside. The second table lists the\n")
            .Append("curated, hand-cited rows (data/prices/aws-curated.csv) that differ from the compiled book; the curated\n")
            .Append("row is the one an estimate uses.\n\n")
            .Append(CultureInfo.InvariantCulture, $"## Between reference sources ({disagreements.Count})\n\n")
            .Append("| key | region | kept | kept from | set aside | set aside from | why |\n|---|---|---:|---|---:|---|---|\n");
        foreach (var d in disagreements)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {d.Key} | {d.Region} | {Describe(d.Kept.Prices)} | {Short(d.Kept.Source)} {d.Kept.AsOf[..10]} | {Describe(d.SetAside.Prices)} | {Short(d.SetAside.Source)} {d.SetAside.AsOf[..10]} | {d.Why} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n## Curated rows that differ from the compiled book ({curated.Count})\n\n")
            .Append("| key | region | curated (used) | compiled | compiled from |\n|---|---|---|---|---|\n");
        foreach (var c in curated)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {c.Key} | {c.Region} | {c.Curated} | {c.Compiled} | {Short(c.Source)} |\n");
        }

        text.Append("\nSources: yeo = yeo/ec2.shop@74c9fd8a, QuinnyPig = QuinnyPig/aws-price-watcher@a6645eb2, lamng = lamngockhuong/aws-price@508fb452,\n")
            .Append("karpenter = aws/karpenter-provider-aws@1d927085, coroot = coroot/cloud-pricing@af03eada (full paths in data/prices/world/aws/sources.csv).\n");
        return text.ToString();
    }

    private static string Short(string source) => source switch
    {
        _ when source.StartsWith("yeo/", StringComparison.Ordinal) => "yeo",
        _ when source.StartsWith("QuinnyPig/", StringComparison.Ordinal) => "QuinnyPig",
        _ when source.StartsWith("lamngockhuong/", StringComparison.Ordinal) => "lamng",
        _ when source.StartsWith("aws/karpenter", StringComparison.Ordinal) => "karpenter",
        _ when source.StartsWith("coroot/", StringComparison.Ordinal) => "coroot",
        _ => source,
    };

    /// <summary>A decimal in its shortest exact form: no exponent, no trailing zeros.</summary>
    internal static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Csv(string value) => WorldBookFiles.Csv(value);

    private sealed record Price(string Key, string Region, string Unit, decimal TierStart, decimal? TierEnd, decimal Usd, string RateCode, string Source, string AsOf);

    private sealed record Ladder(string Source, string AsOf, Price[] Prices);

    private sealed record Disagreement(string Key, string Region, Ladder Kept, Ladder SetAside, string Why);

    private sealed record CuratedDifference(string Key, string Region, string Curated, string Compiled, string Source);
}
