using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace Stackplan.Core.Formulas;

/// <summary>
/// A quantity formula such as <c>logs_gb_per_day * days_per_month</c> or
/// <c>max(0, traces_per_month - 100000)</c>. The language is deliberately tiny and safe:
/// decimal numbers, variables, + - * /, comparisons (giving 1 or 0), parentheses and the
/// functions min, max, ceil, floor, round, clamp and if. Nothing in it can run code.
/// Parse once, <see cref="Compile"/> once, evaluate many times.
/// </summary>
public sealed class Formula
{
    private readonly FormulaNode _root;

    private Formula(string text, FormulaNode root, ImmutableArray<string> variables)
    {
        Text = text;
        _root = root;
        Variables = variables;
    }

    public string Text { get; }

    /// <summary>Where the formula was written (a catalog or spec file), when it was written by someone.</summary>
    public Model.SourceLocation? Location { get; private init; }

    /// <summary>What the formula computes, as error messages name it (e.g. <c>component loki.costs.storage.quantity</c>).</summary>
    public string? Purpose { get; private init; }

    /// <summary>The same formula, marked with where it was written and what it computes, for error messages.</summary>
    public Formula WrittenAt(Model.SourceLocation location, string purpose) =>
        new(Text, _root, Variables) { Location = location, Purpose = purpose };

    /// <summary>The distinct variable names the formula reads, in order of first use.</summary>
    public ImmutableArray<string> Variables { get; }

    public static Formula Constant(decimal value) =>
        new(value.ToString(CultureInfo.InvariantCulture), new FormulaNode.Number(value), []);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormulaException"/> with the column of the fault.</summary>
    public static Formula Parse(string text)
    {
        var parser = new FormulaParser(text);
        var root = parser.ParseAll();
        var names = new List<string>();
        root.CollectVariables(names);
        return new Formula(text, root, [.. names.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Binds each variable to a slot of the value array and returns a delegate that evaluates
    /// the formula against such an array. Constant sub-expressions are folded here, once.
    /// </summary>
    public Func<decimal[], decimal> Compile(Func<string, int> slotOf) => FormulaCompiler.Compile<decimal>(_root, slotOf);

    /// <summary>The same formula in double arithmetic, for searches and sampling; report figures from <see cref="Compile"/>.</summary>
    public Func<double[], double> CompileDouble(Func<string, int> slotOf) => FormulaCompiler.Compile<double>(_root, slotOf);

    /// <summary>Evaluates with a lookup; convenient for one-off evaluations and explanations.</summary>
    public decimal Evaluate(Func<string, decimal> valueOf)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new decimal[Variables.Length];
        for (var i = 0; i < Variables.Length; i++)
        {
            slots[Variables[i]] = i;
            values[i] = valueOf(Variables[i]);
        }

        return Compile(name => slots[name])(values);
    }

    /// <summary>
    /// Why this formula has no value at <paramref name="valueOf"/>, found by evaluating it again step
    /// by step: the innermost operation that fails (a division by zero, an overflow, clamp() with its
    /// minimum above its maximum, round() with bad decimals) and the variables that operation reads,
    /// which are the inputs to blame. Null when the formula evaluates. A slow path, run only after the
    /// compiled delegate has failed, so the compiled one stays free of bookkeeping.
    /// </summary>
    public FormulaFault? FindFault(Func<string, decimal> valueOf)
    {
        try
        {
            _ = FaultFinder.Value(_root, valueOf);
            return null;
        }
        catch (FormulaFaultException e)
        {
            return e.Fault;
        }
    }

    public override string ToString() => Text;
}

/// <summary>
/// Why a formula has no value: <see cref="Reason"/> in words ("division by zero") and
/// <see cref="Culprits"/>, the variables the failing operation reads, in the order the formula names them
/// (for a division by zero, those of the divisor only).
/// </summary>
public sealed record FormulaFault(string Reason, ImmutableArray<string> Culprits);

/// <summary>A tree-walking decimal evaluator that stops at the innermost failing node; see <see cref="Formula.FindFault"/>.</summary>
internal static class FaultFinder
{
    public static decimal Value(FormulaNode node, Func<string, decimal> valueOf)
    {
        switch (node)
        {
            case FormulaNode.Number n:
                return n.Value;
            case FormulaNode.Variable v:
                return valueOf(v.Name);
            case FormulaNode.Unary u:
                return -Value(u.Operand, valueOf);
            case FormulaNode.Binary b:
                var left = Value(b.Left, valueOf);
                var right = Value(b.Right, valueOf);
                if (b.Op == "/" && right == 0m)
                {
                    throw Fail(b.Right is FormulaNode.Variable d ? $"division by zero: '{d.Name}' is 0" : "division by zero", b.Right);
                }

                return Checked(new FormulaNode.Binary(b.Op, new FormulaNode.Number(left), new FormulaNode.Number(right)), b.Left, b.Right);
            case FormulaNode.Call { Name: "if" } c:
                // Only the branch taken is evaluated, as the compiled formula does.
                return Value(c.Args[0], valueOf) != 0m ? Value(c.Args[1], valueOf) : Value(c.Args[2], valueOf);
            case FormulaNode.Call c:
                var args = c.Args.Select(a => (FormulaNode)new FormulaNode.Number(Value(a, valueOf))).ToImmutableArray();
                try
                {
                    return Checked(new FormulaNode.Call(c.Name, args), [.. c.Args]);
                }
                catch (FormulaEvaluationException e)
                {
                    // clamp's bounds or round's decimals are at fault, not the value they shape.
                    throw Fail(e.Message, c.Args.Skip(1).ToArray());
                }

            default:
                throw new InvalidOperationException("unknown formula node " + node.GetType().Name);
        }
    }

    internal const string TooLarge = "the result is beyond the largest amount Stackplan computes (about 7.9e28)";

    /// <summary>One operation over values already computed, by the compiled formula's own code, so both agree on every rule.</summary>
    private static decimal Checked(FormulaNode operation, params FormulaNode[] operands)
    {
        try
        {
            return FormulaCompiler.Compile<decimal>(operation, _ => 0)([]);
        }
        catch (OverflowException)
        {
            throw Fail(TooLarge, operands);
        }
    }

    private static FormulaFaultException Fail(string reason, params FormulaNode[] at)
    {
        var names = new List<string>();
        foreach (var n in at)
        {
            n.CollectVariables(names);
        }

        return new FormulaFaultException(new FormulaFault(reason, [.. names.Distinct(StringComparer.Ordinal)]));
    }
}

internal sealed class FormulaFaultException(FormulaFault fault) : Exception(fault.Reason)
{
    public FormulaFault Fault { get; } = fault;
}

public sealed class FormulaException(string message, int column) : Exception(message)
{
    /// <summary>1-based column within the formula text.</summary>
    public int Column { get; } = column;
}

/// <summary>
/// A well-formed formula that has no value for the values given: a division by zero, round()
/// with decimals outside 0..28, clamp() with its minimum above its maximum. Decimal overflow
/// surfaces as <see cref="OverflowException"/>; callers turn both into input errors naming the formula.
/// </summary>
public sealed class FormulaEvaluationException(string message) : ArithmeticException(message);

/// <summary>The parsed tree: plain data. <see cref="FormulaCompiler"/> turns it into delegates.</summary>
internal abstract record FormulaNode
{
    public virtual void CollectVariables(List<string> names)
    {
    }

    public virtual bool IsConstant => false;

    internal sealed record Number(decimal Value) : FormulaNode
    {
        public override bool IsConstant => true;
    }

    internal sealed record Variable(string Name) : FormulaNode
    {
        public override void CollectVariables(List<string> names) => names.Add(Name);
    }

    internal sealed record Unary(char Op, FormulaNode Operand) : FormulaNode
    {
        public override bool IsConstant => Operand.IsConstant;

        public override void CollectVariables(List<string> names) => Operand.CollectVariables(names);
    }

    internal sealed record Binary(string Op, FormulaNode Left, FormulaNode Right) : FormulaNode
    {
        public override bool IsConstant => Left.IsConstant && Right.IsConstant;

        public override void CollectVariables(List<string> names)
        {
            Left.CollectVariables(names);
            Right.CollectVariables(names);
        }
    }

    internal sealed record Call(string Name, ImmutableArray<FormulaNode> Args) : FormulaNode
    {
        public override bool IsConstant => Args.All(a => a.IsConstant);

        public override void CollectVariables(List<string> names)
        {
            foreach (var arg in Args)
            {
                arg.CollectVariables(names);
            }
        }
    }
}

/// <summary>
/// Compiles a formula tree to a delegate over an array of variable values. Generic over the
/// number type: decimal for every figure a user sees, double for searches and sampling where speed
/// matters more than the last cent (the analyses recompute what they report in decimal). One walk
/// gives both the same semantics. A static method rather than a generic virtual one, because
/// ReadyToRun can precompile the former for decimal and double but not the latter.
/// </summary>
internal static class FormulaCompiler
{
    public static Func<T[], T> Compile<T>(FormulaNode node, Func<string, int> slotOf)
        where T : IFloatingPoint<T>
    {
        if (node.IsConstant)
        {
            // Constant sub-trees are evaluated once, here; one with no value (1 / 0) is left to
            // fail when, and only if, it is evaluated (it may sit in an if() branch never taken).
            var tree = CompileTree<T>(node, slotOf);
            try
            {
                var value = tree([]);
                return _ => value;
            }
            catch (ArithmeticException)
            {
                return tree;
            }
        }

        return CompileTree<T>(node, slotOf);
    }

    private static Func<T[], T> CompileTree<T>(FormulaNode node, Func<string, int> slotOf)
        where T : IFloatingPoint<T>
    {
        switch (node)
        {
            case FormulaNode.Number n:
                var number = T.CreateChecked(n.Value);
                return _ => number;
            case FormulaNode.Variable v:
                var slot = slotOf(v.Name);
                return values => values[slot];
            case FormulaNode.Unary u:
                var operand = Compile<T>(u.Operand, slotOf);
                return values => -operand(values);
            case FormulaNode.Binary b:
                return Binary(b.Op, Compile<T>(b.Left, slotOf), Compile<T>(b.Right, slotOf), b.Right is FormulaNode.Variable divisor ? $"division by zero: '{divisor.Name}' is 0" : "division by zero");
            case FormulaNode.Call c:
                return Call(c.Name, [.. c.Args.Select(a => Compile<T>(a, slotOf))]);
            default:
                throw new InvalidOperationException("unknown formula node " + node.GetType().Name);
        }
    }

    private static Func<T[], T> Binary<T>(string op, Func<T[], T> l, Func<T[], T> r, string divisionByZero)
        where T : IFloatingPoint<T> => op switch
        {
            "+" => v => l(v) + r(v),
            "-" => v => l(v) - r(v),
            "*" => v => l(v) * r(v),
            // Division by zero is an error, not zero: a ratio setting of 0 is a mistake to report.
            // A catalog that means "none" when the divisor is zero says so: if(users > 0, gb / users, 0).
            "/" => v => r(v) is var d && T.IsZero(d) ? throw new FormulaEvaluationException(divisionByZero) : l(v) / d,
            "<" => v => Truth<T>(l(v) < r(v)),
            "<=" => v => Truth<T>(l(v) <= r(v)),
            ">" => v => Truth<T>(l(v) > r(v)),
            ">=" => v => Truth<T>(l(v) >= r(v)),
            "==" => v => Truth<T>(l(v) == r(v)),
            "!=" => v => Truth<T>(l(v) != r(v)),
            _ => throw new InvalidOperationException("unknown operator " + op),
        };

    private static Func<T[], T> Call<T>(string name, Func<T[], T>[] a)
        where T : IFloatingPoint<T> => name switch
        {
            "min" => v => { var m = a[0](v); for (var i = 1; i < a.Length; i++) { m = T.Min(m, a[i](v)); } return m; },
            "max" => v => { var m = a[0](v); for (var i = 1; i < a.Length; i++) { m = T.Max(m, a[i](v)); } return m; },
            "ceil" => v => T.Ceiling(a[0](v)),
            "floor" => v => T.Floor(a[0](v)),
            "round" => a.Length == 1
                ? v => T.Round(a[0](v), MidpointRounding.AwayFromZero)
                : v => T.Round(a[0](v), Decimals(a[1](v)), MidpointRounding.AwayFromZero),
            "clamp" => v => a[1](v) is var min && a[2](v) is var max && min > max
                ? throw new FormulaEvaluationException($"clamp(): min {min} is above max {max}")
                : T.Clamp(a[0](v), min, max),
            "if" => v => !T.IsZero(a[0](v)) ? a[1](v) : a[2](v),
            _ => throw new InvalidOperationException("unknown function " + name),
        };

    /// <summary>round()'s decimals: a whole number from 0 to 28 (decimal's precision).</summary>
    private static int Decimals<T>(T value)
        where T : IFloatingPoint<T> =>
        T.IsInteger(value) && value >= T.Zero && value <= T.CreateChecked(28)
            ? int.CreateChecked(value)
            : throw new FormulaEvaluationException($"round() takes 0 to 28 decimals, not {value}");

    private static T Truth<T>(bool value)
        where T : IFloatingPoint<T> => value ? T.One : T.Zero;
}
