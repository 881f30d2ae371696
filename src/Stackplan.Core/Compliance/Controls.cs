using System.Collections.Immutable;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Compliance;

/// <summary>The NIST SP 800-53 rev 5 baselines a platform can be measured against; each contains the one before.</summary>
public enum Baseline
{
    Low,
    Moderate,
    High,
}

/// <summary>One NIST SP 800-53 control or enhancement, with the baselines that select it (none for e.g. PM-3).</summary>
public sealed record Control(string Id, string Title, string Family, ImmutableArray<Baseline> Baselines, string Source)
{
    public bool IsIn(Baseline baseline) => Baselines.Contains(baseline);

    public override string ToString() => $"{Id} {Title}";
}

/// <summary>The controls Stackplan knows: the embedded rev 5.1.1 HIGH baseline plus the few outside every baseline it mentions.</summary>
public sealed class ControlSet
{
    // Never changed after construction; a plain dictionary builds in a fraction of an immutable one's time (start-up cost).
    private readonly Dictionary<string, Control> _byId;

    public ControlSet(IEnumerable<Control> controls)
    {
        // Controls sort as NIST lists them (AC-2 before AC-10, AC-2 before AC-2(1)), so reports read naturally.
        // The key is computed once per control, not once per comparison (start-up cost).
        All = [.. controls.OrderBy(c => OrderKey(c.Id))];
        _byId = new Dictionary<string, Control>(All.Length, StringComparer.Ordinal);
        foreach (var control in All)
        {
            _byId.Add(control.Id, control);
        }
    }

    public ImmutableArray<Control> All { get; }

    public Control? Find(string id) => _byId.GetValueOrDefault(id);

    public bool Contains(string id) => _byId.ContainsKey(id);

    public IEnumerable<Control> InBaseline(Baseline baseline) => All.Where(c => c.IsIn(baseline));

    /// <summary>The embedded controls (data/controls), read once.</summary>
    public static ControlSet Embedded => LazyEmbedded.Value;

    private static readonly Lazy<ControlSet> LazyEmbedded = new(() => Read(
        EmbeddedData.Read("data/controls/nist-800-53-rev5-high-baseline.csv"),
        "NIST SP 800-53 rev 5.1.1 (usnistgov/oscal-content, HIGH baseline catalog and profiles)",
        EmbeddedData.Read("data/controls/outside-baselines.csv")));

    /// <summary>"low", "moderate" or "high", in any case; null for anything else.</summary>
    public static Baseline? TryParseBaseline(string text) => text.ToLowerInvariant() switch
    {
        "low" => Baseline.Low,
        "moderate" => Baseline.Moderate,
        "high" => Baseline.High,
        _ => null,
    };

    /// <summary>Reads the baseline CSV (control,title,family,baselines) and the outside-baselines CSV (control,title,family,source).</summary>
    public static ControlSet Read(string baselineCsv, string baselineSource, string outsideCsv)
    {
        var controls = new List<Control>();
        foreach (var (_, f) in Csv.Read(new StringReader(baselineCsv)).Skip(1).Where(r => r.Fields.Length >= 4))
        {
            var baselines = ImmutableArray.CreateRange(
                new[] { ('L', Baseline.Low), ('M', Baseline.Moderate), ('H', Baseline.High) }.Where(x => f[3].Contains(x.Item1, StringComparison.Ordinal)).Select(x => x.Item2));
            controls.Add(new Control(f[0], f[1], f[2], baselines, baselineSource));
        }

        foreach (var (_, f) in Csv.Read(new StringReader(outsideCsv)).Skip(1).Where(r => r.Fields.Length >= 4))
        {
            controls.Add(new Control(f[0], f[1], f[2], [], f[3]));
        }

        return new ControlSet(controls);
    }

    /// <summary>The sort key of a control id: family, then control number, then enhancement number.</summary>
    private static (string Family, int Number, int Enhancement) OrderKey(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        var paren = id.IndexOf('(', StringComparison.Ordinal);
        var number = paren < 0 ? id[(dash + 1)..] : id[(dash + 1)..paren];
        var enhancement = paren < 0 ? 0 : int.Parse(id[(paren + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return (id[..dash], int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), enhancement);
    }
}
