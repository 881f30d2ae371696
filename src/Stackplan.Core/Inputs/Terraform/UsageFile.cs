using System.Collections.Immutable;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Inputs.Terraform;

/// <summary>
/// Usage volumes per Terraform resource, in Infracost's usage-file format (version 0.1):
/// <c>resource_usage</c> by address (a <c>[*]</c> index matches every count/for_each instance),
/// <c>resource_type_default_usage</c> by resource type. Nested keys (an S3 bucket's
/// <c>standard.storage_gb</c>) are read as dotted names. A value is a number, or our
/// <c>{low, expected, high}</c> range, or <c>"low..expected..high"</c>.
/// </summary>
public sealed class UsageFile
{
    public static readonly UsageFile Empty = new("", ImmutableDictionary<string, ImmutableDictionary<string, ValueRange>>.Empty, ImmutableDictionary<string, ImmutableDictionary<string, ValueRange>>.Empty, ImmutableDictionary<string, YamlScalar>.Empty, []);

    private readonly ImmutableDictionary<string, ImmutableDictionary<string, ValueRange>> _byAddress;
    private readonly ImmutableDictionary<string, ImmutableDictionary<string, ValueRange>> _byType;

    private readonly ImmutableDictionary<string, YamlScalar> _texts;

    private UsageFile(string fileName, ImmutableDictionary<string, ImmutableDictionary<string, ValueRange>> byAddress, ImmutableDictionary<string, ImmutableDictionary<string, ValueRange>> byType, ImmutableDictionary<string, YamlScalar> texts, ImmutableArray<UsageFileEntry> entries)
    {
        FileName = fileName;
        _texts = texts;
        Entries = entries;
        _byAddress = byAddress;
        _byType = byType;
    }

    public string FileName { get; }

    /// <summary>
    /// The value for one resource: its own address first, then its address with [*] for the
    /// index, then the type's default; null when none gives it. The origin says which.
    /// </summary>
    public (ValueRange Value, string Origin)? Find(string address, string type, string key)
    {
        if (_byAddress.TryGetValue(address, out var own) && own.TryGetValue(key, out var value))
        {
            return (value, $"{FileName}: resource_usage.{address}.{key}");
        }

        var wildcard = Wildcard(address);
        if (wildcard is not null && _byAddress.TryGetValue(wildcard, out var all) && all.TryGetValue(key, out value))
        {
            return (value, $"{FileName}: resource_usage.{wildcard}.{key}");
        }

        if (_byType.TryGetValue(type, out var byType) && byType.TryGetValue(key, out value))
        {
            return (value, $"{FileName}: resource_type_default_usage.{type}.{key}");
        }

        return null;
    }

    /// <summary>A word value (operating_system: windows) for one resource: its address, its [*] address, then its type.</summary>
    public string? FindText(string address, string type, string key) => FindWord(address, type, key)?.Value;

    /// <summary>The word written for <paramref name="key"/> (with where it is written), looked up as <see cref="FindText"/>; a volume asked for as a word is an error.</summary>
    public YamlScalar? FindWord(string address, string type, string key) =>
        _texts.GetValueOrDefault("resource_usage|" + address + "|" + key)
        ?? (Wildcard(address) is { } wildcard ? _texts.GetValueOrDefault("resource_usage|" + wildcard + "|" + key) : null)
        ?? _texts.GetValueOrDefault("resource_type_default_usage|" + type + "|" + key);

    /// <summary>Every key the file gives, number or word, with where it is written: the importer warns about those no resource reads.</summary>
    public ImmutableArray<UsageFileEntry> Entries { get; }

    /// <summary>Whether <paramref name="name"/> (an address, possibly with [*], or a type) applies to the resource at <paramref name="address"/> of <paramref name="type"/>.</summary>
    public static bool Applies(UsageFileEntry entry, string address, string type) =>
        entry.Section == TypeSection ? entry.Name == type : entry.Name == address || entry.Name == Wildcard(address);

    internal const string AddressSection = "resource_usage";
    internal const string TypeSection = "resource_type_default_usage";

    /// <summary>The addresses the file names, to tell the user which ones matched nothing.</summary>
    public IEnumerable<string> Addresses => _byAddress.Keys;

    /// <summary>aws_instance.web[2] -> aws_instance.web[*]; module.m["a"].aws_x.y["b"] -> module.m["a"].aws_x.y[*] (the last index only).</summary>
    private static string? Wildcard(string address)
    {
        if (!address.EndsWith(']'))
        {
            return null;
        }

        var open = address.LastIndexOf('[');
        return open > 0 ? address[..open] + "[*]" : null;
    }

    /// <summary>Reads a usage file; problems are reported with file:line:column.</summary>
    /// <exception cref="InputException">the file is not a usage file, or a value is not a non-negative number or range.</exception>
    public static UsageFile Read(string yaml, string fileName)
    {
        using var reader = new StringReader(yaml);
        var root = YamlTreeReader.Read(reader, fileName);
        var bag = new DiagnosticBag();
        var r = new YamlFieldReader(bag);
        if (root is not YamlMapping map)
        {
            throw new InputException(DiagnosticCodes.WrongType, root?.Location ?? new SourceLocation(fileName, 1, 1), "a usage file is a YAML mapping starting with 'version: 0.1'");
        }

        r.CheckKeys(map, "the usage file", "version", "resource_usage", "resource_type_default_usage");
        var version = r.String(map["version"], "version");
        if (version is not null && version != "0.1")
        {
            bag.Add(DiagnosticCodes.UnsupportedVersion, map["version"]!.Location, $"usage file version '{version}' is not one this stackplan reads", "write 'version: 0.1' (Infracost's usage-file format)");
        }

        var texts = ImmutableDictionary.CreateBuilder<string, YamlScalar>(StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<UsageFileEntry>();
        var byAddress = Sections(r, map[AddressSection], AddressSection, texts, entries);
        var byType = Sections(r, map[TypeSection], TypeSection, texts, entries);
        bag.ThrowIfAny();
        return new UsageFile(fileName, byAddress, byType, texts.ToImmutable(), entries.ToImmutable());
    }

    private static ImmutableDictionary<string, ImmutableDictionary<string, ValueRange>> Sections(YamlFieldReader r, YamlNode? node, string what, ImmutableDictionary<string, YamlScalar>.Builder texts, ImmutableArray<UsageFileEntry>.Builder entries)
    {
        var result = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, ValueRange>>(StringComparer.Ordinal);
        foreach (var (key, value) in r.Mapping(node, what)?.Entries ?? [])
        {
            var values = ImmutableDictionary.CreateBuilder<string, ValueRange>(StringComparer.Ordinal);
            Flatten(r, value, "", $"{what}.{key.Value}", values, (name, word) => texts[$"{what}|{key.Value}|{name}"] = word, (name, at) => entries.Add(new UsageFileEntry(what, key.Value, name, at)));
            result[key.Value] = values.ToImmutable();
        }

        return result.ToImmutable();
    }

    private static void Flatten(YamlFieldReader r, YamlNode node, string prefix, string what, ImmutableDictionary<string, ValueRange>.Builder into, Action<string, YamlScalar> text, Action<string, SourceLocation> entry)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return;
        }

        if (node is YamlMapping map && !IsRange(map))
        {
            foreach (var (key, value) in map.Entries)
            {
                Flatten(r, value, prefix.Length == 0 ? key.Value : prefix + "." + key.Value, $"{what}.{key.Value}", into, text, entry);
            }

            return;
        }

        if (prefix.Length == 0)
        {
            r.Diagnostics.Add(DiagnosticCodes.WrongType, node.Location, $"{what} must be a mapping of usage keys to values");
            return;
        }

        entry(prefix, node.Location);

        // Words (operating_system: windows, reserved_instance_term: 1_yr) are kept apart from volumes;
        // a word where a resource asks for a volume is refused when it asks (ResourceReader).
        if (node is YamlScalar word && !word.TryGetDecimal(out _) && !word.Value.Contains("..", StringComparison.Ordinal) && word.Value.Length > 0 && char.IsLetter(word.Value[0]))
        {
            text(prefix, word);
            return;
        }

        var range = node is YamlScalar { Value: var dotted } s && dotted.Contains("..", StringComparison.Ordinal) ? DottedRange(r, s, what) : r.Range(node, what);
        if (range is { } found)
        {
            into[prefix] = found;
        }
    }

    private static bool IsRange(YamlMapping map) =>
        map.Entries.Count > 0 && map.Entries.All(e => e.Key.Value is "low" or "expected" or "high");

    private static ValueRange? DottedRange(YamlFieldReader r, YamlScalar s, string what)
    {
        var parts = s.Value.Split("..");
        var numbers = parts.Select(p => decimal.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : (decimal?)null).ToArray();
        if (parts.Length != 3 || numbers.Any(n => n is null) || numbers[0] > numbers[1] || numbers[1] > numbers[2])
        {
            r.Diagnostics.Add(DiagnosticCodes.WrongType, s.Location, $"{what} must be a non-negative number or low..expected..high with low <= expected <= high, not '{s.Value}'");
            return null;
        }

        return new ValueRange(numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value);
    }
}

/// <summary>One key a usage file gives: under <paramref name="Section"/> (resource_usage or resource_type_default_usage), for <paramref name="Name"/> (an address or a type), written at <paramref name="Location"/>.</summary>
public sealed record UsageFileEntry(string Section, string Name, string Key, SourceLocation Location);
