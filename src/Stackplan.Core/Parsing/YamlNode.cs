using System.Globalization;
using Stackplan.Core.Model;

namespace Stackplan.Core.Parsing;

/// <summary>
/// A YAML node with the place it was written. Our own small tree (rather than YamlDotNet's
/// representation model) so that building it is not recursive and every node keeps its mark.
/// </summary>
public abstract record YamlNode(SourceLocation Location)
{
    public abstract string KindName { get; }
}

public sealed record YamlScalar(SourceLocation Location, string Value, bool IsPlain) : YamlNode(Location)
{
    public override string KindName => "a scalar";

    /// <summary>Plain null, ~ or an empty plain scalar: YAML's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Reads the value as a number the way every number is read (<see cref="Numbers"/>).</summary>
    public bool TryGetDecimal(out decimal value) => Numbers.TryParse(Value, out value, out _);
}

public sealed record YamlSequence(SourceLocation Location, IReadOnlyList<YamlNode> Items) : YamlNode(Location)
{
    public override string KindName => "a list";
}

public sealed record YamlMapping(SourceLocation Location, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries)
    : YamlNode(Location)
{
    public override string KindName => "a mapping";

    public YamlNode? this[string key]
    {
        get
        {
            foreach (var (k, v) in Entries)
            {
                if (k.Value == key)
                {
                    return v;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Overlays another mapping on this one: keys of <paramref name="overlay"/> win; nested
    /// mappings merge key by key; lists and scalars are replaced whole. This is how an
    /// environment that <c>extends</c> another overrides only what differs.
    /// </summary>
    public YamlMapping MergedWith(YamlMapping overlay)
    {
        var merged = new List<KeyValuePair<YamlScalar, YamlNode>>(Entries);
        foreach (var (key, value) in overlay.Entries)
        {
            var index = merged.FindIndex(e => e.Key.Value == key.Value);
            if (index < 0)
            {
                merged.Add(new(key, value));
            }
            else if (merged[index].Value is YamlMapping baseMap && value is YamlMapping overMap)
            {
                merged[index] = new(key, baseMap.MergedWith(overMap));
            }
            else
            {
                merged[index] = new(key, value);
            }
        }

        return this with { Entries = merged };
    }
}
