using System.Globalization;
using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Inputs.Terraform;

/// <summary>
/// What one Terraform resource costs, before any price is looked up: an item, its quantity
/// (a range when usage is one) in the unit of the price key, and how the quantity was derived.
/// A null <see cref="PriceKey"/> means no price book can hold it (an unsupported resource type).
/// </summary>
public sealed record ResourceCharge(string Address, string Item, Category Category, string? PriceKey, string Unit, ValueRange Quantity, string Note, string Region, bool IsFree = false);

/// <summary>
/// Reads one resource's arguments (paths such as <c>root_block_device.0.volume_size</c>) and its
/// usage, and collects the charges a mapping declares. Unknown values (Terraform leaves them out
/// of planned values) read as absent, so the documented default applies.
/// </summary>
public sealed class ResourceReader
{
    private readonly List<ResourceCharge> _charges = [];
    private readonly List<string> _usageOrigins = [];

    internal ResourceReader(TerraformResource resource, TerraformPlan plan, UsageFile usage, DateOnly? asOf, PlanSide side = PlanSide.Planned, HashSet<string>? askedUsageKeys = null)
    {
        AskedUsageKeys = askedUsageKeys ?? new HashSet<string>(StringComparer.Ordinal);
        Side = side;
        Resource = resource;
        Plan = plan;
        Usage = usage;
        AsOf = asOf;
    }

    public TerraformResource Resource { get; }

    /// <summary>Which side of the plan the resource is read from; references resolve within it.</summary>
    public PlanSide Side { get; }

    /// <summary>The resources an argument refers to (see <see cref="TerraformPlan.References"/>), on this resource's side.</summary>
    public IReadOnlyList<TerraformResource> References(string argumentPath) => Plan.References(Resource, argumentPath, Side);

    public TerraformPlan Plan { get; }

    public UsageFile Usage { get; }

    /// <summary>The date the plan is judged at (its timestamp, else the price book's as-of date).</summary>
    public DateOnly? AsOf { get; }

    public IReadOnlyList<ResourceCharge> Charges => _charges;

    /// <summary>The usage keys this resource asked the usage file for (given or not): a key the file gives that no resource asks for changes nothing, so the importer warns.</summary>
    public HashSet<string> AskedUsageKeys { get; }

    /// <summary>A reader over another resource (a referenced launch template), sharing this one's charges.</summary>
    internal ResourceReader Over(TerraformResource other) => new(other, Plan, Usage, AsOf, Side, AskedUsageKeys);

    public JsonElement? Get(string path) => Get(Resource.Values, path);

    public static JsonElement? Get(JsonElement root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            if (node.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                if (i >= node.GetArrayLength())
                {
                    return null;
                }

                node = node[i];
            }
            else if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.Null ? null : node;
    }

    public string? Text(string path) => Text(Resource.Values, path);

    public static string? Text(JsonElement root, string path) => Get(root, path) is { } v
        ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        }
        : null;

    public decimal? Number(string path) => Number(Resource.Values, path);

    /// <summary>
    /// A number, also when Terraform holds it as a string ("256" CPU units of a task definition);
    /// null when unset. A value that is set but is not a number from 0 to 1e15 (the bound of every
    /// quantity Stackplan prices) throws <see cref="PlanValueException"/>: never a default in its place.
    /// </summary>
    public static decimal? Number(JsonElement root, string path)
    {
        if (Get(root, path) is not { } v || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var parsed = v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => (decimal?)null,
        };
        return parsed is { } n && n >= 0m && n <= Numbers.MaxVolume
            ? n
            : throw new PlanValueException(path, v.ValueKind == JsonValueKind.String ? $"'{v.GetString()}'" : v.GetRawText(), parsed is null && v.ValueKind != JsonValueKind.Number ? "not a number" : "outside 0 to 1e15, the bound of every quantity Stackplan prices");
    }

    public bool Flag(string path) => Get(path) is { ValueKind: JsonValueKind.True } || Text(path) is "true";

    /// <summary>The items of a list argument (blocks such as ebs_block_device); none when unset.</summary>
    public IEnumerable<JsonElement> Blocks(string path) =>
        Get(path) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray() : [];

    public int Length(string path) => Get(path) is { ValueKind: JsonValueKind.Array } list ? list.GetArrayLength() : 0;

    /// <summary>A usage value for this resource from the usage file, or null; its origin goes into the line notes.</summary>
    /// <exception cref="InputException">The file gives a word for this volume (SP2003, at the word).</exception>
    public ValueRange? UsageOf(string key)
    {
        if (Volume(key) is not { } found)
        {
            return null;
        }

        _usageOrigins.Add(found.Origin);
        return found.Value;
    }

    /// <summary>A usage value, or the stated default (recorded in the note as an assumption).</summary>
    /// <exception cref="InputException">The file gives a word for this volume (SP2003, at the word).</exception>
    public (ValueRange Value, string Origin) UsageOr(string key, decimal fallback)
    {
        if (Volume(key) is { } found)
        {
            return (found.Value, $"{key} from {found.Origin}");
        }

        return (ValueRange.Exactly(fallback), $"{key} {fallback.ToString(CultureInfo.InvariantCulture)} (default; set it in the usage file)");
    }

    /// <summary>Adds a charge. The quantity is already in the price's unit.</summary>
    public void Add(string item, Category category, string? priceKey, string unit, ValueRange quantity, string note) =>
        _charges.Add(new ResourceCharge(Resource.Address, item, category, priceKey, unit, quantity, note, Resource.Region));

    /// <summary>Records a part of the resource AWS does not charge for, with the reason, so the bill lists it as free.</summary>
    public void Free(string item, string reason) =>
        _charges.Add(new ResourceCharge(Resource.Address, item, Category.Other, null, "resource", ValueRange.Exactly(1), reason, Resource.Region, IsFree: true));

    /// <summary>A word from the usage file (operating_system: windows), or null.</summary>
    public string? UsageText(string key)
    {
        AskedUsageKeys.Add(key);
        return Usage.FindText(Resource.Address, Resource.Type, key);
    }

    /// <summary>A volume from the usage file; a word written for it (lots, yes, true) would otherwise read as no volume at all.</summary>
    private (ValueRange Value, string Origin)? Volume(string key)
    {
        AskedUsageKeys.Add(key);
        if (Usage.FindWord(Resource.Address, Resource.Type, key) is { } word)
        {
            throw new InputException(DiagnosticCodes.WrongType, word.Location, $"{Resource.Address}: usage '{key}' is a volume (a number, or low..expected..high), not '{word.Value}'");
        }

        return Usage.Find(Resource.Address, Resource.Type, key);
    }

    /// <summary>Adds a charge only when some point of its quantity is above zero (a usage line with no usage is left out).</summary>
    public void AddUsage(string item, Category category, string priceKey, string unit, ValueRange? quantity, string note)
    {
        if (quantity is { } q && q.High > 0m)
        {
            Add(item, category, priceKey, unit, q, note);
        }
    }

    internal static string Plain(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    internal static string Plain(ValueRange value) => value.IsExact ? Plain(value.Expected) : $"{Plain(value.Low)}..{Plain(value.Expected)}..{Plain(value.High)}";
}

/// <summary>A resource attribute set to what no quantity can be (a word, a negative or a huge number); the importer names its resource.</summary>
public sealed class PlanValueException(string path, string value, string problem) : Exception($"'{path}' is {value}: {problem}")
{
    public string Path { get; } = path;
}
