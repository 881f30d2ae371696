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
    [InlineData("7 / 0", 0)]
    public void Arithmetic_follows_the_usual_precedence(string text, double expected) =>
        Eval(text).ShouldBe((decimal)expected);

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
}
