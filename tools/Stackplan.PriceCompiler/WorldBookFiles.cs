using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Stackplan.PriceCompiler;

/// <summary>One compiled price band of one key in one region, with its source and as-of date.</summary>
public sealed record WorldEntry(string Region, string Key, string Unit, decimal TierStart, decimal? TierEnd, decimal Usd, bool FreeTier, string RateCode, string Source, string AsOf, string Description);

/// <summary>
/// Writes one provider's world book folder, the layout the embedded WorldPriceBook reads: one
/// CSV per region, a sources table, a key index (which regions hold each key) and the
/// regions' coverage. Shared by every provider's compiler; output is a function of the entries
/// only (sorted rows, canonical numbers, gzip without a timestamp).
/// </summary>
public static class WorldBookFiles
{
    public static List<ArtifactFile> Write(string folder, IReadOnlyList<WorldEntry> entries)
    {
        var sources = entries.Select(e => (e.Source, e.AsOf)).Distinct().OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.AsOf, StringComparer.Ordinal).ToList();
        var sourceIds = sources.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);

        var files = new List<ArtifactFile>();
        var regions = entries.Select(e => e.Region).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var region in regions)
        {
            var text = new StringBuilder("key,unit,tier_start,tier_end,usd,free_tier,rate_code,source,description\n");
            foreach (var e in entries.Where(e => e.Region == region).OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.TierStart))
            {
                text.Append(Csv(e.Key)).Append(',').Append(Csv(e.Unit)).Append(',').Append(AwsCompiler.Number(e.TierStart)).Append(',')
                    .Append(e.TierEnd is { } end ? AwsCompiler.Number(end) : "").Append(',').Append(AwsCompiler.Number(e.Usd)).Append(',')
                    .Append(e.FreeTier ? "true" : "false").Append(',').Append(Csv(e.RateCode)).Append(',')
                    .Append(sourceIds[(e.Source, e.AsOf)].ToString(CultureInfo.InvariantCulture)).Append(',').Append(Csv(e.Description)).Append('\n');
            }

            // Not compressed: the CLI searches an embedded region file in place (WorldPriceBook), where
            // inflating it cost every estimate a copy of the region and a page fault per 4 KB of it.
            files.Add(new ArtifactFile($"{folder}/{region}.csv", Encoding.UTF8.GetBytes(text.ToString())));
        }

        var sourcesText = new StringBuilder("id,source,as_of\n");
        foreach (var (s, i) in sources.Select((s, i) => (s, i)))
        {
            sourcesText.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Csv(s.Source)).Append(',').Append(s.AsOf).Append('\n');
        }

        files.Add(new ArtifactFile($"{folder}/sources.csv", Encoding.UTF8.GetBytes(sourcesText.ToString())));

        // Which regions hold each key: the missing-price message names them without loading every region.
        var keysText = new StringBuilder("key,regions\n");
        foreach (var g in entries.GroupBy(e => e.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            keysText.Append(Csv(g.Key)).Append(',').Append(string.Join(' ', g.Select(e => e.Region).Distinct().Order(StringComparer.Ordinal))).Append('\n');
        }

        files.Add(new ArtifactFile($"{folder}/keys.csv.gz", Gzip(keysText.ToString())));

        var regionsText = new StringBuilder("region,keys,as_of_min,as_of_max\n");
        foreach (var region in regions)
        {
            var inRegion = entries.Where(e => e.Region == region).ToList();
            regionsText.Append(region).Append(',').Append(inRegion.Select(e => e.Key).Distinct().Count().ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(inRegion.Select(e => e.AsOf).Min(StringComparer.Ordinal)).Append(',').Append(inRegion.Select(e => e.AsOf).Max(StringComparer.Ordinal)).Append('\n');
        }

        files.Add(new ArtifactFile($"{folder}/regions.csv", Encoding.UTF8.GetBytes(regionsText.ToString())));
        return files;
    }

    internal static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    internal static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            gzip.Write(bytes, 0, bytes.Length);
        }

        return buffer.ToArray();
    }
}
