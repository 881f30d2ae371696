using System.Collections.Immutable;
using System.Globalization;

namespace Stackplan.Core.Formulas;

/// <summary>A recursive-descent parser; formulas are one line, so recursion depth is bounded by their length cap.</summary>
internal sealed class FormulaParser(string text)
{
    private const int MaxLength = 1_000;

    private static readonly Dictionary<string, (int Min, int Max)> Functions = new(StringComparer.Ordinal)
    {
        ["min"] = (2, 16),
        ["max"] = (2, 16),
        ["ceil"] = (1, 1),
        ["floor"] = (1, 1),
        ["round"] = (1, 2),
        ["clamp"] = (3, 3),
        ["if"] = (3, 3),
    };

    private int _pos;

    public FormulaNode ParseAll()
    {
        if (text.Length > MaxLength)
        {
            throw new FormulaException($"a formula is at most {MaxLength} characters", 1);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormulaException("the formula is empty", 1);
        }

        var node = Comparison();
        SkipSpace();
        if (_pos < text.Length)
        {
            throw Error($"unexpected '{text[_pos]}'");
        }

        return node;
    }

    private FormulaNode Comparison()
    {
        var left = Sum();
        SkipSpace();
        foreach (var op in (string[])["<=", ">=", "==", "!=", "<", ">"])
        {
            if (string.CompareOrdinal(text, _pos, op, 0, op.Length) == 0)
            {
                _pos += op.Length;
                return new FormulaNode.Binary(op, left, Sum());
            }
        }

        return left;
    }

    private FormulaNode Sum()
    {
        var left = Product();
        while (true)
        {
            SkipSpace();
            if (_pos < text.Length && text[_pos] is '+' or '-')
            {
                var op = text[_pos++].ToString();
                left = new FormulaNode.Binary(op, left, Product());
            }
            else
            {
                return left;
            }
        }
    }

    private FormulaNode Product()
    {
        var left = Unary();
        while (true)
        {
            SkipSpace();
            if (_pos < text.Length && text[_pos] is '*' or '/')
            {
                var op = text[_pos++].ToString();
                left = new FormulaNode.Binary(op, left, Unary());
            }
            else
            {
                return left;
            }
        }
    }

    private FormulaNode Unary()
    {
        SkipSpace();
        if (_pos < text.Length && text[_pos] == '-')
        {
            _pos++;
            return new FormulaNode.Unary('-', Unary());
        }

        return Primary();
    }

    private FormulaNode Primary()
    {
        SkipSpace();
        if (_pos >= text.Length)
        {
            throw Error("the formula ends where a value was expected");
        }

        var c = text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = Comparison();
            Expect(')');
            return inner;
        }

        if (char.IsAsciiDigit(c) || c == '.')
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] is '.' or '_' or 'e' or 'E'
                   || (text[_pos] is '+' or '-' && text[_pos - 1] is 'e' or 'E')))
            {
                _pos++;
            }

            var literal = text[start.._pos].Replace("_", "", StringComparison.Ordinal);
            if (!decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormulaException($"'{literal}' is not a number", start + 1);
            }

            return new FormulaNode.Number(value);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            // Dots qualify names: a component's setting (loki.pvc_gb) or a node group's count (nodegroup.general.nodes).
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '_' or '.'))
            {
                _pos++;
            }

            var name = text[start.._pos];
            SkipSpace();
            if (_pos < text.Length && text[_pos] == '(')
            {
                return CallOf(name, start);
            }

            return new FormulaNode.Variable(name);
        }

        throw Error($"unexpected '{c}'");
    }

    private FormulaNode.Call CallOf(string name, int start)
    {
        if (!Functions.TryGetValue(name, out var arity))
        {
            throw new FormulaException($"unknown function '{name}' (known: {string.Join(", ", Functions.Keys)})", start + 1);
        }

        _pos++; // '('
        var args = ImmutableArray.CreateBuilder<FormulaNode>();
        SkipSpace();
        if (_pos < text.Length && text[_pos] != ')')
        {
            args.Add(Comparison());
            SkipSpace();
            while (_pos < text.Length && text[_pos] == ',')
            {
                _pos++;
                args.Add(Comparison());
                SkipSpace();
            }
        }

        Expect(')');
        if (args.Count < arity.Min || args.Count > arity.Max)
        {
            var wanted = arity.Min == arity.Max ? $"{arity.Min}" : $"{arity.Min} to {arity.Max}";
            throw new FormulaException($"{name}() takes {wanted} arguments, not {args.Count}", start + 1);
        }

        return new FormulaNode.Call(name, args.ToImmutable());
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (_pos >= text.Length || text[_pos] != c)
        {
            throw Error($"expected '{c}'");
        }

        _pos++;
    }

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }
    }

    private FormulaException Error(string message) => new(message, _pos + 1);
}
