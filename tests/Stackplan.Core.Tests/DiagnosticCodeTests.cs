using System.Text.RegularExpressions;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Core.Tests;

/// <summary>Every error and warning has a stable, unique code, and every code has its page in docs/diagnostics.</summary>
public sealed partial class DiagnosticCodeTests
{
    private static string DocsFolder => Path.Combine(Examples.Root, "docs", "diagnostics");

    [Fact]
    public void Codes_and_names_are_unique_opaque_and_clear_of_the_rule_ids()
    {
        var all = DiagnosticCodes.All;
        all.Count.ShouldBeGreaterThan(30);
        all.Select(c => c.Id).ShouldBeUnique();
        all.Select(c => c.Name).ShouldBeUnique();
        all.ShouldAllBe(c => IdShape().IsMatch(c.Id) && NameShape().IsMatch(c.Name) && c.Title.Length > 0);
        all.ShouldAllBe(c => !c.Id.StartsWith("SP10", StringComparison.Ordinal), "SP1001-SP1099 are the readiness rules");
    }

    [Fact]
    public void Every_code_has_its_page_and_every_page_has_a_code()
    {
        var pages = Directory.GetFiles(DocsFolder, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n != "README").Order(StringComparer.Ordinal);

        pages.ShouldBe(DiagnosticCodes.All.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_page_names_its_code_name_and_severity_and_the_index_lists_it()
    {
        var index = File.ReadAllText(Path.Combine(DocsFolder, "README.md"));
        foreach (var code in DiagnosticCodes.All)
        {
            var page = File.ReadAllText(Path.Combine(DocsFolder, code.Id + ".md"));
            page.ShouldStartWith($"# {code.Id}: {code.Title}");
            page.ShouldContain($"`{code.Id}` `{code.Name}`");
            page.ShouldContain($"| Severity | {code.SeverityName} |");
            index.ShouldContain($"[{code.Id}]({code.Id}.md)");
        }
    }

    [Fact]
    public void A_diagnostic_prints_as_compilers_do_with_its_code()
    {
        new Diagnostic(DiagnosticCodes.UnknownKey, new SourceLocation("spec.yaml", 5, 3), "unknown key 'x'", "did you mean 'y'?").ToString()
            .ShouldBe("spec.yaml:5:3: error SP2002: unknown key 'x' (did you mean 'y'?)");
        Diagnostic.Warning(DiagnosticCodes.MissingPrice, "MISSING PRICE: a").ToString().ShouldBe("warning SP3001: MISSING PRICE: a");
    }

    [Fact]
    public void Errors_come_out_in_reading_order_whatever_order_the_checks_ran()
    {
        const string yaml = """
            stackplan: 1
            name: t
            environments:
              prod:
                bogus2: 1
                nodeGroups: 3
                bogus1: 1
            """;

        var e = Should.Throw<InputException>(() => SpecReader.Read(yaml, "s.yaml"));

        e.Diagnostics.Select(d => d.Location!.Line).ShouldBe(e.Diagnostics.Select(d => d.Location!.Line).Order());
        e.Diagnostics.Select(d => d.Code).ShouldBe([DiagnosticCodes.UnknownKey, DiagnosticCodes.WrongType, DiagnosticCodes.UnknownKey]);
    }

    [GeneratedRegex("^SP[2-9][0-9]{3}$")]
    private static partial Regex IdShape();

    [GeneratedRegex("^[a-z][a-z0-9-]+$")]
    private static partial Regex NameShape();
}
