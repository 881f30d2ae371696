using Stackplan.Core.Formulas;

namespace Stackplan.Core.Tests;

public sealed class FormulaTests
{
    private static decimal Eval(string text, params (string Name, decimal Value)[] vars) =>
        Formula.Parse(text).Evaluate(name => vars.Single(v => v.Name == name).Value);

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("-2 + 5", 3)]
    [InlineData("max(0, 3 - 10)", 0)]
    [InlineData("ceil(2.1) + floor(2.9)", 5)]
    [InlineData("clamp(15, 1, 10)", 10)]
    [InlineData("if(2 > 1, 4, 5)", 4)]
    [InlineData("1_000 / 4", 250)]
    [InlineData("if(0, 7 / 0, 3)", 3)]
    public void Arithmetic_follows_the_usual_precedence(string text, double expected) =>
        Eval(text).ShouldBe((decimal)expected);

    [Theory]
    [InlineData("7 / 0", "division by zero")]
    [InlineData("x / ratio", "division by zero: 'ratio' is 0")]
    [InlineData("round(x, 100)", "round() takes 0 to 28 decimals, not 100")]
    [InlineData("round(x, 0 - 1)", "round() takes 0 to 28 decimals, not -1")]
    [InlineData("round(x, 100000000000000)", "round() takes 0 to 28 decimals, not 100000000000000")]
    [InlineData("clamp(x, 10, 1)", "clamp(): min 10 is above max 1")]
    public void A_formula_with_no_value_for_its_inputs_says_why_in_both_number_types(string text, string why)
    {
        Should.Throw<FormulaEvaluationException>(() => Eval(text, ("x", 5m), ("ratio", 0m))).Message.ShouldBe(why);
        var formula = Formula.Parse(text);
        var slots = formula.Variables.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        Should.Throw<FormulaEvaluationException>(() => formula.CompileDouble(n => slots[n])([.. formula.Variables.Select(v => v == "x" ? 5.0 : 0.0)])).Message.ShouldStartWith(why.Split(',')[0].Split(':')[0]);
    }

    [Fact]
    public void Decimal_overflow_is_an_overflow_not_a_wrong_number() =>
        Should.Throw<OverflowException>(() => Eval("x * 10000000000000000000000000000", ("x", 100m)));

    [Fact]
    public void Variables_are_bound_by_name_and_may_be_qualified()
    {
        Eval("logs_gb_per_day * loki.pvc_gb", ("logs_gb_per_day", 10m), ("loki.pvc_gb", 3m)).ShouldBe(30m);
        Formula.Parse("a + b * a").Variables.ShouldBe(["a", "b"]);
    }

    [Theory]
    [InlineData("1 +", "ends where a value was expected")]
    [InlineData("foo(1)", "unknown function 'foo'")]
    [InlineData("max(1)", "max() takes 2 to 16 arguments")]
    [InlineData("(1 + 2", "expected ')'")]
    [InlineData("2 $ 3", "unexpected '$'")]
    [InlineData("", "empty")]
    public void Bad_formulas_are_refused_with_a_reason(string text, string reason) =>
        Should.Throw<FormulaException>(() => Formula.Parse(text)).Message.ShouldContain(reason);

    [Theory]
    [InlineData("a * b / (c - d)", "division by zero", "c,d")]
    [InlineData("a / ratio", "division by zero: 'ratio' is 0", "ratio")]
    [InlineData("if(ratio > 0, a / ratio, 0) + b / ratio", "division by zero: 'ratio' is 0", "ratio")]
    [InlineData("a + huge * huge", "the result is beyond the largest amount Stackplan computes (about 7.9e28)", "huge")]
    [InlineData("clamp(a, b, c - d)", "clamp(): min 2 is above max 0", "b,c,d")]
    [InlineData("round(a, b * 100)", "round() takes 0 to 28 decimals, not 200", "b")]
    public void A_fault_names_the_operation_that_failed_and_only_the_variables_it_reads(string text, string reason, string culprits)
    {
        var values = new Dictionary<string, decimal> { ["a"] = 5m, ["b"] = 2m, ["c"] = 3m, ["d"] = 3m, ["ratio"] = 0m, ["huge"] = 1e20m };
        var fault = Formula.Parse(text).FindFault(n => values[n]);
        fault.ShouldNotBeNull();
        fault.Reason.ShouldBe(reason);
        string.Join(",", fault.Culprits).ShouldBe(culprits);
    }

    [Theory]
    [InlineData("if(ratio > 0, a / ratio, 0)")]
    [InlineData("a * b / c")]
    public void A_formula_with_a_value_has_no_fault(string text)
    {
        var values = new Dictionary<string, decimal> { ["a"] = 5m, ["b"] = 2m, ["c"] = 3m, ["ratio"] = 0m };
        Formula.Parse(text).FindFault(n => values[n]).ShouldBeNull();
    }
}
