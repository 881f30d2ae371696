using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Stackplan.Core.Model;

namespace Stackplan.Core.Parsing;

/// <summary>Budgets that keep a hostile file from exhausting the stack or memory.</summary>
public sealed record YamlLimits(int MaxDepth = 64, long MaxNodes = 200_000)
{
    public static readonly YamlLimits Default = new();
}

/// <summary>
/// Reads one YAML document into a <see cref="YamlNode"/> tree from YamlDotNet's event stream.
/// Nesting deeper than <see cref="YamlLimits.MaxDepth"/> and documents whose aliases would expand
/// to more than <see cref="YamlLimits.MaxNodes"/> nodes (the "billion laughs" bomb) are rejected
/// with their location. The build uses an explicit stack, so depth never risks a stack overflow.
/// </summary>
public static class YamlTreeReader
{
    public static YamlNode? Read(TextReader text, string fileName, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var parser = new Parser(text);
        try
        {
            return Build(parser, fileName, limits);
        }
        catch (YamlException e)
        {
            var location = new SourceLocation(fileName, (int)e.Start.Line, (int)e.Start.Column);
            throw new InputException(DiagnosticCodes.MalformedYaml, location, "malformed YAML: " + TrimYamlMessage(e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some broken flow
            // collections, e.g. "{{a: 1}"; the last event it produced is where it gave up.
            var at = parser.Current?.End;
            var location = at is { } mark ? new SourceLocation(fileName, (int)mark.Line, (int)mark.Column) : new SourceLocation(fileName, 1, 1);
            throw new InputException(DiagnosticCodes.MalformedYaml, location, "malformed YAML: a flow mapping or list ({...} or [...]) is not closed or not well formed");
        }
    }

    private static string TrimYamlMessage(string message)
    {
        // YamlDotNet prefixes its own "(Line: 3, Col: 5, Idx: ...) - (...): " position; ours is better.
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith('(') ? message[(marker + 3)..] : message;
    }

    private sealed class Frame(SourceLocation location, bool isMapping)
    {
        public SourceLocation Location { get; } = location;
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; init; }
        public List<YamlNode> Items { get; } = [];
        public long Weight { get; set; } = 1;
    }

    private static YamlNode? Build(Parser parser, string fileName, YamlLimits limits)
    {
        var anchors = new Dictionary<string, (YamlNode Node, long Weight)>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YamlNode? root = null;
        var documents = 0;

        SourceLocation At(ParsingEvent e) => new(fileName, (int)e.Start.Line, (int)e.Start.Column);

        void Complete(YamlNode node, long weight, string? anchor, ParsingEvent e)
        {
            if (anchor is not null)
            {
                anchors[anchor] = (node, weight);
            }

            if (stack.Count == 0)
            {
                root = node;
                return;
            }

            var parent = stack.Peek();
            parent.Items.Add(node);
            parent.Weight += weight;
            if (parent.Weight > limits.MaxNodes)
            {
                throw new InputException(DiagnosticCodes.InputTooLarge, At(e),
                    $"the document expands to more than {limits.MaxNodes:N0} nodes",
                    "aliases that refer to aliases multiply; write the values out or split the file");
            }
        }

        while (parser.MoveNext())
        {
            var e = parser.Current!;
            switch (e)
            {
                case DocumentStart:
                    if (++documents > 1)
                    {
                        throw new InputException(DiagnosticCodes.UnsupportedVersion, At(e), "a spec holds one YAML document; found a second '---'");
                    }

                    break;
                case Scalar s:
                    Complete(new YamlScalar(At(e), s.Value, s.Style == ScalarStyle.Plain), 1, s.Anchor.IsEmpty ? null : s.Anchor.Value, e);
                    break;
                case SequenceStart ss:
                    Push(new Frame(At(e), isMapping: false) { Anchor = ss.Anchor.IsEmpty ? null : ss.Anchor.Value }, e);
                    break;
                case MappingStart ms:
                    Push(new Frame(At(e), isMapping: true) { Anchor = ms.Anchor.IsEmpty ? null : ms.Anchor.Value }, e);
                    break;
                case SequenceEnd or MappingEnd:
                    var frame = stack.Pop();
                    Complete(frame.IsMapping ? ToMapping(frame) : new YamlSequence(frame.Location, frame.Items), frame.Weight, frame.Anchor, e);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new InputException(DiagnosticCodes.UnknownReference, At(e), $"alias '*{alias.Value.Value}' refers to no anchor defined before it");
                    }

                    Complete(target.Node, target.Weight, null, e);
                    break;
            }
        }

        return root;

        void Push(Frame frame, ParsingEvent e)
        {
            if (stack.Count >= limits.MaxDepth)
            {
                throw new InputException(DiagnosticCodes.InputTooLarge, At(e), $"nesting is deeper than {limits.MaxDepth} levels", "a spec never needs that; is the file generated wrongly?");
            }

            stack.Push(frame);
        }
    }

    private static YamlMapping ToMapping(Frame frame)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>(frame.Items.Count / 2);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < frame.Items.Count; i += 2)
        {
            if (frame.Items[i] is not YamlScalar key)
            {
                throw new InputException(DiagnosticCodes.WrongType, frame.Items[i].Location, "a mapping key must be a plain value, not " + frame.Items[i].KindName);
            }

            if (key.Value == "<<")
            {
                throw new InputException(DiagnosticCodes.UnsupportedVersion, key.Location, "YAML merge keys ('<<') are not supported", "use 'extends' between environments instead");
            }

            if (!seen.Add(key.Value))
            {
                throw new InputException(DiagnosticCodes.DuplicateKey, key.Location, $"duplicate key '{key.Value}'");
            }

            entries.Add(new(key, frame.Items[i + 1]));
        }

        return new YamlMapping(frame.Location, entries);
    }
}
