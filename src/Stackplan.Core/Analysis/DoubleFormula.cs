using Stackplan.Core.Formulas;

namespace Stackplan.Core.Analysis;

/// <summary>
/// Compiles a formula's tree to double arithmetic, for searching and sampling where a decimal
/// delegate chain is too slow. Figures a user sees are recomputed in decimal afterwards; the
/// semantics (division by zero is zero, comparisons give 1 or 0) match <see cref="Formula"/>.
/// </summary>
internal static class DoubleFormula
{
    public static Func<double[], double> Compile(Formula formula, Func<string, int> slotOf) => Compile(formula.Root, slotOf);

    private static Func<double[], double> Compile(FormulaNode node, Func<string, int> slotOf)
    {
        if (node.IsConstant)
        {
            var value = (double)node.Compile(_ => 0)([]);
            return _ => value;
        }

        switch (node)
        {
            case FormulaNode.Variable v:
                var slot = slotOf(v.Name);
                return values => values[slot];
            case FormulaNode.Unary u:
                var operand = Compile(u.Operand, slotOf);
                return values => -operand(values);
            case FormulaNode.Binary b:
                var l = Compile(b.Left, slotOf);
                var r = Compile(b.Right, slotOf);
                return b.Op switch
                {
                    "+" => v => l(v) + r(v),
                    "-" => v => l(v) - r(v),
                    "*" => v => l(v) * r(v),
                    "/" => v => r(v) is var d && d == 0 ? 0 : l(v) / d,
                    "<" => v => l(v) < r(v) ? 1 : 0,
                    "<=" => v => l(v) <= r(v) ? 1 : 0,
                    ">" => v => l(v) > r(v) ? 1 : 0,
                    ">=" => v => l(v) >= r(v) ? 1 : 0,
                    "==" => v => l(v) == r(v) ? 1 : 0,
                    "!=" => v => l(v) != r(v) ? 1 : 0,
                    _ => throw new InvalidOperationException("unknown operator " + b.Op),
                };
            case FormulaNode.Call c:
                var a = c.Args.Select(x => Compile(x, slotOf)).ToArray();
                return c.Name switch
                {
                    "min" => v => { var m = a[0](v); for (var i = 1; i < a.Length; i++) { m = Math.Min(m, a[i](v)); } return m; },
                    "max" => v => { var m = a[0](v); for (var i = 1; i < a.Length; i++) { m = Math.Max(m, a[i](v)); } return m; },
                    "ceil" => v => Math.Ceiling(a[0](v)),
                    "floor" => v => Math.Floor(a[0](v)),
                    "round" => a.Length == 1
                        ? v => Math.Round(a[0](v), MidpointRounding.AwayFromZero)
                        : v => Math.Round(a[0](v), (int)a[1](v), MidpointRounding.AwayFromZero),
                    "clamp" => v => Math.Clamp(a[0](v), a[1](v), a[2](v)),
                    "if" => v => a[0](v) != 0 ? a[1](v) : a[2](v),
                    _ => throw new InvalidOperationException("unknown function " + c.Name),
                };
            default:
                throw new InvalidOperationException("unknown formula node " + node.GetType().Name);
        }
    }
}
