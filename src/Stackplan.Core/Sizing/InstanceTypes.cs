using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Sizing;

/// <summary>
/// A machine shape: what a node offers before the kubelet's reserve (which the provider's node
/// image decides, see <see cref="Providers.IProviderProfile.Reserve"/>). <see cref="Architecture"/>
/// (amd64, arm64) and <see cref="Gpus"/> are empty/0 where the source does not say.
/// </summary>
public sealed record InstanceType(string Name, decimal VCpu, decimal MemoryGiB, int MaxPods, string Source, string Architecture = "", int Gpus = 0);

/// <summary>
/// The instance types Stackplan can size against: the shipped table plus the spec's own (on-prem
/// servers), which win over a shipped type of the same name. The shipped table has well over a
/// thousand rows and an estimate sizes against a handful, so a row is parsed the first time its
/// type is asked for.
/// </summary>
public sealed class InstanceTypeTable
{
    private readonly ImmutableDictionary<string, InstanceType> _types;
    private readonly ShippedRows? _shipped;

    public InstanceTypeTable(IEnumerable<InstanceType> types)
        : this(types.ToImmutableDictionary(t => t.Name, StringComparer.Ordinal), null)
    {
    }

    private InstanceTypeTable(ImmutableDictionary<string, InstanceType> types, ShippedRows? shipped)
    {
        _types = types;
        _shipped = shipped;
    }

    public IEnumerable<string> Names => _types.Keys.Concat(_shipped?.Names ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Every type, by name (this parses every shipped row).</summary>
    public IEnumerable<InstanceType> All => Names.Select(n => Find(n)!);

    public InstanceType? Find(string name) => _types.GetValueOrDefault(name) ?? _shipped?.Find(name);

    /// <summary>
    /// The table with the spec's own types; a spec type with a shipped name replaces the shipped
    /// shape (as a spec price overrides the book), e.g. m5.2xlarge with maxPods 110 for prefix delegation.
    /// A shipped type redeclared keeps the shipped architecture and GPUs, which the spec cannot state.
    /// </summary>
    public InstanceTypeTable With(IEnumerable<InstanceTypeSpec> specTypes) =>
        new(_types.SetItems(specTypes.Select(s => KeyValuePair.Create(s.Name, new InstanceType(s.Name, s.VCpu, s.MemoryGiB, s.MaxPods, $"spec {s.Location}", Find(s.Name)?.Architecture ?? "", Find(s.Name)?.Gpus ?? 0)))), _shipped);

    /// <summary>
    /// Reads data/instance-types.csv (written by tools/Stackplan.PriceCompiler):
    /// type,vcpu,memory_mib,arch,gpus,max_pods,source,as_of. A malformed row is reported, with its
    /// line, when its type is first used.
    /// </summary>
    public static InstanceTypeTable Read(string csv, string fileName) => Read([new SourceText(fileName, csv)]);

    /// <summary>Several shipped tables (one per provider) as one; a later file's type wins over an earlier one of the same name.</summary>
    public static InstanceTypeTable Read(IEnumerable<SourceText> files)
    {
        var list = files.ToList();
        return Read([.. list.Select(f => f.FileName)], name => Encoding.UTF8.GetBytes(list.First(f => f.FileName == name).Text));
    }

    /// <summary>
    /// Several shipped tables as one, each read (through <paramref name="read"/>, given its file
    /// name) the first time a name is looked up in it: lookups try the last file first, so a
    /// process that sizes only the last file's types never reads the others.
    /// </summary>
    /// <param name="read">A file's UTF-8 bytes, by name (the embedded files are read in place).</param>
    public static InstanceTypeTable Read(IReadOnlyList<string> fileNames, Func<string, ReadOnlyMemory<byte>> read) =>
        new(ImmutableDictionary<string, InstanceType>.Empty.WithComparers(StringComparer.Ordinal), new ShippedRows(fileNames, read));

    private sealed class ShippedRows
    {
        private readonly IReadOnlyList<Lazy<ShippedFile>> _files;
        private readonly Dictionary<string, InstanceType> _parsed = new(StringComparer.Ordinal);

        public ShippedRows(IReadOnlyList<string> fileNames, Func<string, ReadOnlyMemory<byte>> read) =>
            _files = [.. fileNames.Select(name => new Lazy<ShippedFile>(() => new ShippedFile(name, read(name))))];

        /// <summary>Every shipped name (this reads every file).</summary>
        public IEnumerable<string> Names => _files.SelectMany(f => f.Value.Names);

        public InstanceType? Find(string name)
        {
            lock (_parsed)
            {
                if (_parsed.TryGetValue(name, out var known))
                {
                    return known;
                }

                for (var i = _files.Count - 1; i >= 0; i--)
                {
                    if (_files[i].Value.Row(name) is { } row)
                    {
                        var parsed = Parse(_files[i].Value.FileName, row.Line, row.Text);
                        _parsed[name] = parsed;
                        return parsed;
                    }
                }

                return null;
            }
        }

        private static InstanceType Parse(string fileName, int line, string text)
        {
            using var reader = new StringReader(text);
            var f = Csv.Read(reader).First().Fields;
            if (f.Length != 8
                || !decimal.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var vcpu)
                || !decimal.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var memoryMiB)
                || !int.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxPods))
            {
                throw new InputException(DiagnosticCodes.InvalidTable, new SourceLocation(fileName, line, 1), "expected type,vcpu,memory_mib,arch,gpus,max_pods,source,as_of");
            }

            var gpus = int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : 0;
            return new InstanceType(f[0], vcpu, memoryMiB / 1024m, maxPods, $"{f[6]} (as of {f[7]})", f[3], gpus);
        }
    }

    /// <summary>
    /// One shipped file's UTF-8 bytes, searched for a type's row when it is asked for: a process
    /// sizes a handful of a file's thousands of types, so nothing is indexed or decoded up front.
    /// </summary>
    private sealed class ShippedFile(string fileName, ReadOnlyMemory<byte> text)
    {
        public string FileName { get; } = fileName;

        /// <summary>Every type name, in file order (decodes every row: only listing uses it).</summary>
        public IEnumerable<string> Names
        {
            get
            {
                var names = new List<string>();
                var rest = text.Span;
                for (var header = true; !rest.IsEmpty; header = false)
                {
                    var end = rest.IndexOf((byte)'\n');
                    var line = end < 0 ? rest : rest[..end];
                    var comma = line.IndexOf((byte)',');
                    if (!header && comma > 0)
                    {
                        names.Add(Encoding.UTF8.GetString(line[..comma]));
                    }

                    rest = end < 0 ? [] : rest[(end + 1)..];
                }

                return names.Distinct(StringComparer.Ordinal);
            }
        }

        /// <summary>The row of <paramref name="name"/> with its 1-based line, or null; of a name given twice, the last row (a later row corrects an earlier one).</summary>
        public (int Line, string Text)? Row(string name)
        {
            var all = text.Span;
            var needle = Encoding.UTF8.GetBytes("\n" + name + ",");
            var at = all.LastIndexOf(needle);
            if (at < 0)
            {
                return null;
            }

            var start = at + 1;
            var length = all[start..].IndexOf((byte)'\n');
            var row = all.Slice(start, length < 0 ? all.Length - start : length);
            return (all[..start].Count((byte)'\n') + 1, Encoding.UTF8.GetString(row).TrimEnd('\r'));
        }
    }
}
