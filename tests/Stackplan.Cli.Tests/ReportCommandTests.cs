using System.Globalization;
using System.Text.Json;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace Stackplan.Cli.Tests;

/// <summary>stackplan report: the same figures as compare --format json, sections, determinism, escaping.</summary>
public sealed class ReportCommandTests
{
    private static string Money(decimal v) => "$" + v.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static TheoryData<string> Examples() => [.. GoldenTests.ExampleNames];

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_report_shows_compare_json_figures_to_the_cent(string example)
    {
        var spec = $"examples/{example}/platform.yaml";
        var (_, json, _) = CliRunner.Run("compare", spec, "--format", "json");
        var (mdExit, markdown, mdErr) = CliRunner.Run("report", spec, "--format", "markdown");
        var (htmlExit, html, htmlErr) = CliRunner.Run("report", spec, "--format", "html");
        mdExit.ShouldBe(0, mdErr);
        htmlExit.ShouldBe(0, htmlErr);

        using var doc = JsonDocument.Parse(json);
        var deployments = doc.RootElement.GetProperty("deployments").EnumerateArray().ToList();
        foreach (var d in deployments)
        {
            var name = $"{d.GetProperty("environment").GetString()}/{d.GetProperty("option").GetString()}";
            var monthly = d.GetProperty("monthly");
            var (expected, low, high) = (Money(monthly.GetProperty("expected").GetDecimal()), Money(monthly.GetProperty("low").GetDecimal()), Money(monthly.GetProperty("high").GetDecimal()));
            var pods = d.GetProperty("pods").GetInt32();

            markdown.ShouldContain($"| {name} | {expected} | {low} – {high} | {pods} |", customMessage: $"{example}: summary row of {name}");
            html.ShouldContain($"<th scope=\"row\">{name}</th><td class=\"num\">{expected}</td><td>{low} – {high}</td><td class=\"num\">{pods}</td>", customMessage: $"{example}: summary row of {name}");
            foreach (var component in d.GetProperty("components").EnumerateArray())
            {
                var id = component.GetProperty("component").GetString()!;
                var own = d.GetProperty("lineItems").EnumerateArray()
                    .Where(l => l.GetProperty("component").GetString() == id && l.GetProperty("monthly").ValueKind == JsonValueKind.Object)
                    .Sum(l => l.GetProperty("monthly").GetProperty("expected").GetDecimal());
                markdown.ShouldContain($"({id}) | {component.GetProperty("mode").GetString()} |", customMessage: $"{example}: {name} {id}");
                markdown.ShouldContain($" | {Money(own)} | ", customMessage: $"{example}: {name} {id} costs {Money(own)}");
            }
        }

        // The category table: one row per category, each deployment's expected figure in order.
        var categories = deployments.SelectMany(d => d.GetProperty("categories").EnumerateObject().Select(c => c.Name)).Distinct().ToList();
        foreach (var category in categories)
        {
            var cells = deployments.Select(d => d.GetProperty("categories").TryGetProperty(category, out var c) ? Money(c.GetProperty("expected").GetDecimal()) : Money(0m));
            markdown.ShouldContain($"| {category} | {string.Join(" | ", cells)} |", customMessage: $"{example}: category {category}");
            html.ShouldContain($"<th scope=\"row\">{category}</th>" + string.Concat(cells.Select(c => $"<td class=\"num\">{c}</td>")), customMessage: $"{example}: category {category}");
        }
    }

    [Fact]
    public void Every_section_of_the_seed_zero_example_is_there_in_order()
    {
        var (exit, markdown, stderr) = CliRunner.Run("report", "examples/nist-observability/platform.yaml");

        exit.ShouldBe(0, stderr);
        string[] headings = ["## Executive summary", "## Cost by category", "## Cost ranges", "## Capabilities", "### logs", "## Architecture", "## Decision matrix", "## Production readiness and NIST coverage", "## Pod count", "## Scenarios", "## Assumptions register"];
        var positions = headings.Select(h => markdown.IndexOf("\n" + h + "\n", StringComparison.Ordinal)).ToList();
        positions.ShouldAllBe(p => p > 0);
        positions.ShouldBe(positions.Order().ToList());
        markdown.ShouldContain("- logs: Promtail → Grafana Loki → s3/standard-storage");
        markdown.ShouldContain("Break-even at logs_gb_per_day = 0.291");
        markdown.ShouldContain("SHA-256 ");
        markdown.ShouldNotContain("- **Date:**");
    }

    [Fact]
    public void Alphacar_adds_tco_and_migration_with_their_charts()
    {
        var (exit, markdown, stderr) = CliRunner.Run("report", "examples/alphacar-migration/platform.yaml", "--from", "onprem-refresh/keep-oss", "--to", "aws/cloudwatch");

        exit.ShouldBe(0, stderr);
        markdown.ShouldContain("## Total cost of ownership");
        markdown.ShouldContain("payback in month 1");
        markdown.ShouldContain("## Migration");
        markdown.ShouldContain("```mermaid\ngantt");
        markdown.ShouldContain("From onprem-refresh/keep-oss to aws/cloudwatch");
    }

    [Fact]
    public void Sections_limit_the_report_and_date_goes_in_the_footer()
    {
        var (exit, markdown, stderr) = CliRunner.Run("report", "examples/hera-prod/platform.yaml", "--sections", "summary,pods", "--date", "2026-12-01");

        exit.ShouldBe(0, stderr);
        markdown.ShouldContain("## Executive summary");
        markdown.ShouldContain("## Pod count");
        markdown.ShouldNotContain("## Cost by category");
        markdown.ShouldContain("- **Date:** 2026-12-01");
    }

    [Theory]
    [InlineData("--sections", "costz", "no section 'costz'")]
    [InlineData("--date", "1 Dec", "--date must be a date written YYYY-MM-DD")]
    [InlineData("--format", "csv", "--format must be one of markdown, html")]
    [InlineData("--from", "nowhere", "--from takes ENVIRONMENT/OPTION")]
    public void Bad_report_options_are_usage_errors(string option, string value, string message)
    {
        var (exit, stdout, stderr) = CliRunner.Run("report", "examples/hera-prod/platform.yaml", option, value);

        exit.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(message);
    }

    [Fact]
    public void Html_escapes_what_the_spec_says_and_loads_nothing_from_outside()
    {
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, "examples/hera-prod/platform.yaml"))
            .Replace("description: the seed's design on each cloud's managed Kubernetes (EKS, AKS, GKE)", "description: \"<img src=x onerror=alert(1)> & 'quotes'\"", StringComparison.Ordinal);
        var (exit, html, stderr) = CliRunner.RunIn(CliRunner.Root, yaml, "report", "-", "--format", "html");

        exit.ShouldBe(0, stderr);
        html.ShouldContain("&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("<script");
        System.Text.RegularExpressions.Regex.IsMatch(html, "<[^>]*\\s(src|href)=\"?[a-z]+:").ShouldBeFalse("no element loads or links anything outside the page");
        html.ShouldNotContain("url(");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_markdown_parses_as_github_flavoured_tables_and_mermaid_charts(string example)
    {
        var (_, markdown, _) = CliRunner.Run("report", $"examples/{example}/platform.yaml");

        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        var tables = document.Descendants<Table>().ToList();
        tables.Count.ShouldBeGreaterThan(5);
        tables.ShouldAllBe(t => t.Count > 1, "every table has a header and rows");
        var mermaid = document.Descendants<FencedCodeBlock>().Where(b => b.Info == "mermaid").ToList();
        mermaid.ShouldContain(b => b.Lines.ToString().StartsWith("xychart-beta", StringComparison.Ordinal));
        mermaid.ShouldContain(b => b.Lines.ToString().StartsWith("flowchart LR", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_zero_amp_amg_volume_table_equals_the_estimate_at_each_volume()
    {
        var (exit, markdown, stderr) = CliRunner.Run("report", "examples/nist-observability/platform.yaml", "--sections", "scenarios");
        exit.ShouldBe(0, stderr);

        foreach (var (name, editors, series) in new[] { ("3 users, 10M samples a month", "3", "114.16"), ("10 users, 100M samples a month", "10", "1141.55") })
        {
            decimal Own(string option, string[] components)
            {
                var (_, json, _) = CliRunner.Run("estimate", "examples/nist-observability/platform.yaml", "--env", "prod", "--option", option, "--usage", "grafana_editors=" + editors, "--usage", "active_series=" + series, "--format", "json");
                using var doc = JsonDocument.Parse(json);
                return doc.RootElement.GetProperty("deployments")[0].GetProperty("lineItems").EnumerateArray()
                    .Where(l => components.Contains(l.GetProperty("component").GetString()))
                    .Sum(l => l.GetProperty("monthly").GetProperty("expected").GetDecimal());
            }

            var amp = Own("amp-amg", ["managed-prometheus", "managed-grafana"]);
            var self = Own("self-managed", ["prometheus", "mimir", "grafana"]);
            amp.ShouldBeGreaterThan(0m);
            markdown.ShouldContain($"| {name} | active_series={decimal.Parse(series, CultureInfo.InvariantCulture).ToString("#,##0.####", CultureInfo.InvariantCulture)}, grafana_editors={editors} | {Money(amp)} | {Money(self)} |");
        }
    }

    [Fact]
    public void A_volume_point_with_an_unknown_usage_key_is_refused_with_its_line()
    {
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, "examples/nist-observability/platform.yaml"))
            .Replace("{grafana_editors: 3, active_series: 114.16}", "{grafana_editor: 3, active_series: 114.16}", StringComparison.Ordinal);
        var (exit, stdout, stderr) = CliRunner.RunIn(CliRunner.Root, yaml, "report", "-");

        exit.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("SP2007");
        stderr.ShouldContain("<stdin>:");
        stderr.ShouldContain("'grafana_editor'");
        stderr.ShouldContain("grafana_editors");
    }

    [Fact]
    public void A_missing_price_is_named_in_the_report_and_warned_on_standard_error()
    {
        // A line item on a price key no book has: the report must name it, never count it as $0.
        var yaml = File.ReadAllText(Path.Combine(CliRunner.Root, "examples/hera-prod/platform.yaml")) +
            "\nlineItems:\n  - {item: appliance, category: other, quantity: 1, unit: month, priceKey: nobody/sells-this}\n";
        var (_, markdown, stderr) = CliRunner.RunIn(CliRunner.Root, yaml, "report", "-", "--sections", "summary");

        stderr.ShouldContain("SP3001");
        markdown.ShouldContain("**Incomplete:**");
        markdown.ShouldContain("1 missing: nobody/sells-this");
        markdown.ShouldNotContain("| complete |");
    }
}
