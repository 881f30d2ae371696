using System.Text;
using Stackplan.Core.Model;

namespace Stackplan.Core.Parsing;

/// <summary>One YAML file as read: its name and its tree (null for an empty file).</summary>
public sealed record YamlDocument(string FileName, YamlNode? Root)
{
    /// <summary>Reads a YAML text with <see cref="YamlTreeReader"/>.</summary>
    public static YamlDocument Parse(SourceText file) => new(file.FileName, YamlTreeReader.Read(new StringReader(file.Text), file.FileName));
}

/// <summary>
/// A compact binary form of YAML trees already read (data/catalog.pack, the embedded catalog), so
/// that start-up builds the catalog's nodes without scanning its 100 KB of YAML, which was a third
/// of a <c>compare</c> run's CPU time. The pack carries a fingerprint of the YAML files it was made
/// from; a pack that does not match the files beside it is not used (the YAML is read instead), so
/// a stale pack costs speed, never correctness, and a test says when to rewrite it.
/// </summary>
/// <remarks>
/// Layout (BinaryWriter: little-endian, 7-bit encoded counts, length-prefixed UTF-8 strings): the
/// magic line, the fingerprint, a table of distinct strings, then per file its name and its root.
/// A node is its kind byte, line and column, then a string index (scalar), or a count followed by
/// the items (list) or by key and value pairs (mapping). Aliases are written out where they are used.
/// </remarks>
public static class YamlTreePack
{
    private const string Magic = "stackplan yaml tree pack 1";

    private enum Kind : byte
    {
        Absent,
        PlainScalar,
        QuotedScalar,
        Sequence,
        Mapping,
    }

    /// <summary>A 64-bit FNV-1a hash of each file's name and bytes, in order: what a pack was made from.</summary>
    public static ulong Fingerprint(IEnumerable<(string Name, ReadOnlyMemory<byte> Bytes)> files)
    {
        var hash = 14695981039346656037UL;
        foreach (var (name, bytes) in files)
        {
            hash = Mix(hash, Encoding.UTF8.GetBytes(name));
            hash = Mix(hash, BitConverter.GetBytes((long)bytes.Length));
            hash = Mix(hash, bytes.Span);
        }

        return hash;

        static ulong Mix(ulong hash, ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            return hash;
        }
    }

    public static byte[] Write(ulong fingerprint, IReadOnlyList<YamlDocument> documents)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        void Collect(YamlNode? node)
        {
            switch (node)
            {
                case YamlScalar s:
                    Index(s.Value);
                    break;
                case YamlSequence q:
                    q.Items.ToList().ForEach(Collect);
                    break;
                case YamlMapping m:
                    foreach (var (k, v) in m.Entries)
                    {
                        Collect(k);
                        Collect(v);
                    }

                    break;
            }
        }

        int Index(string value)
        {
            if (!strings.TryGetValue(value, out var index))
            {
                index = strings[value] = table.Count;
                table.Add(value);
            }

            return index;
        }

        foreach (var d in documents)
        {
            Index(d.FileName);
            Collect(d.Root);
        }

        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(fingerprint);
            w.Write7BitEncodedInt(table.Count);
            table.ForEach(w.Write);
            w.Write7BitEncodedInt(documents.Count);
            foreach (var d in documents)
            {
                w.Write7BitEncodedInt(strings[d.FileName]);
                WriteNode(w, d.Root, strings);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteNode(BinaryWriter w, YamlNode? node, Dictionary<string, int> strings)
    {
        if (node is null)
        {
            w.Write((byte)Kind.Absent);
            return;
        }

        w.Write((byte)(node switch
        {
            YamlScalar { IsPlain: true } => Kind.PlainScalar,
            YamlScalar => Kind.QuotedScalar,
            YamlSequence => Kind.Sequence,
            _ => Kind.Mapping,
        }));
        w.Write7BitEncodedInt(node.Location.Line);
        w.Write7BitEncodedInt(node.Location.Column);
        switch (node)
        {
            case YamlScalar s:
                w.Write7BitEncodedInt(strings[s.Value]);
                break;
            case YamlSequence q:
                w.Write7BitEncodedInt(q.Items.Count);
                foreach (var item in q.Items)
                {
                    WriteNode(w, item, strings);
                }

                break;
            case YamlMapping m:
                w.Write7BitEncodedInt(m.Entries.Count);
                foreach (var (k, v) in m.Entries)
                {
                    WriteNode(w, k, strings);
                    WriteNode(w, v, strings);
                }

                break;
        }
    }

    /// <summary>The documents of a pack, or null when it is not a pack or was made from other files than <paramref name="fingerprint"/> says.</summary>
    public static IReadOnlyList<YamlDocument>? Read(byte[] pack, ulong fingerprint) => Read(new MemoryStream(pack, writable: false), fingerprint);

    /// <summary>The trees of a pack read from <paramref name="pack"/> (an embedded resource is read in place), or null as above.</summary>
    public static IReadOnlyList<YamlDocument>? Read(Stream pack, ulong fingerprint)
    {
        using var r = new BinaryReader(pack, Encoding.UTF8);
        try
        {
            if (r.ReadString() != Magic || r.ReadUInt64() != fingerprint)
            {
                return null;
            }
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        var table = new string[r.Read7BitEncodedInt()];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = r.ReadString();
        }

        var documents = new YamlDocument[r.Read7BitEncodedInt()];
        for (var i = 0; i < documents.Length; i++)
        {
            var fileName = table[r.Read7BitEncodedInt()];
            documents[i] = new YamlDocument(fileName, ReadNode(r, fileName, table));
        }

        return documents;
    }

    // Recursive: the nesting was bounded by YamlLimits.MaxDepth when the YAML was read.
    private static YamlNode? ReadNode(BinaryReader r, string fileName, string[] table)
    {
        var kind = (Kind)r.ReadByte();
        if (kind == Kind.Absent)
        {
            return null;
        }

        var location = new SourceLocation(fileName, r.Read7BitEncodedInt(), r.Read7BitEncodedInt());
        switch (kind)
        {
            case Kind.PlainScalar or Kind.QuotedScalar:
                return new YamlScalar(location, table[r.Read7BitEncodedInt()], kind == Kind.PlainScalar);
            case Kind.Sequence:
                var items = new YamlNode[r.Read7BitEncodedInt()];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ReadNode(r, fileName, table)!;
                }

                return new YamlSequence(location, items);
            default:
                var entries = new KeyValuePair<YamlScalar, YamlNode>[r.Read7BitEncodedInt()];
                for (var i = 0; i < entries.Length; i++)
                {
                    entries[i] = new((YamlScalar)ReadNode(r, fileName, table)!, ReadNode(r, fileName, table)!);
                }

                return new YamlMapping(location, entries);
        }
    }
}
