using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Resolve;
using Stackplan.Core.Compliance;

namespace Stackplan.Core.Tests;

public sealed class ControlDataTests
{
    private static readonly ControlSet Controls = ControlSet.Embedded;

    [Fact]
    public void The_embedded_baseline_holds_the_370_controls_of_the_rev5_high_baseline()
    {
        Controls.InBaseline(Baseline.High).Count().ShouldBe(370);
        Controls.InBaseline(Baseline.Low).Count().ShouldBeLessThan(Controls.InBaseline(Baseline.Moderate).Count());
    }

    [Fact]
    public void PM_3_carries_its_real_title_and_its_source_not_seed_000s_cost_management()
    {
        var pm3 = Controls.Find("PM-3").ShouldNotBeNull();
        pm3.Title.ShouldBe("Information Security and Privacy Resources");
        pm3.Baselines.ShouldBeEmpty();
        pm3.Source.ShouldContain("oscal-content");
    }

    [Fact]
    public void Every_control_the_catalog_the_settings_and_the_rules_name_exists_in_the_controls_data()
    {
        var named = EmbeddedData.Catalog().Components.SelectMany(c => c.Controls.Select(s => (Where: "component " + c.Id, s.ControlId)))
            .Concat(SettingControls.All.Select(s => (Where: "setting " + s.SettingPath, s.ControlId)))
            .Concat(ReadinessRules.All.SelectMany(r => r.Controls.Select(id => (Where: "rule " + r.Id, ControlId: id))));

        named.Where(n => !Controls.Contains(n.ControlId)).Select(n => $"{n.Where}: {n.ControlId}").ShouldBeEmpty();
    }

    [Fact]
    public void Controls_are_listed_in_NIST_order()
    {
        var ids = Controls.All.Where(c => c.Id.StartsWith("AC-2", StringComparison.Ordinal)).Select(c => c.Id).Take(3).ToList();
        ids.ShouldBe(["AC-2", "AC-2(1)", "AC-2(2)"]);
    }
}

public sealed class CoverageTests
{
    private static readonly PlatformSpec Seed = Examples.Spec("nist-observability");

    private static Coverage Measure(string environment, string option, Baseline baseline = Baseline.Moderate)
    {
        var catalog = EmbeddedData.Catalog();
        var deployment = Resolver.Resolve(Seed, catalog, new DeploymentRef(environment, option, Seed.Location));
        return new CoverageCalculator(ControlSet.Embedded, catalog).Measure(deployment, baseline);
    }

    [Fact]
    public void Prod_covers_CP_9_through_Velero_and_its_backup_setting()
    {
        var cp9 = Measure("prod", "self-managed").Covered.Single(c => c.Control.Id == "CP-9");

        cp9.Evidence.Select(e => e.Source).ShouldBe(["component velero", "setting backups.enabled"], ignoreOrder: true);
    }

    [Fact]
    public void Dev_without_Velero_loses_CP_9_and_the_loss_names_what_covered_it_in_prod()
    {
        var prod = Measure("prod", "self-managed");
        var dev = Measure("dev", "self-managed");

        dev.Missing.Select(c => c.Id).ShouldContain("CP-9");
        var lost = prod.LostIn(dev);
        lost.Single(c => c.Control.Id == "CP-9").Evidence.ShouldContain(e => e.Source == "component velero");
        lost.Select(c => c.Control.Id).ShouldContain("CP-6");
    }

    [Fact]
    public void Every_baseline_control_is_covered_missing_or_left_to_the_organisation_exactly_once()
    {
        var coverage = Measure("prod", "self-managed", Baseline.Low);

        coverage.Total.ShouldBe(ControlSet.Embedded.InBaseline(Baseline.Low).Count());
        coverage.Organisational.ShouldContain(c => c.Id == "PS-3");
    }

    [Fact]
    public void A_moderate_control_outside_the_low_baseline_counts_only_against_moderate()
    {
        Measure("prod", "self-managed", Baseline.Low).Covers("SC-28").ShouldBeFalse();
        Measure("prod", "self-managed", Baseline.Moderate).Covers("SC-28").ShouldBeTrue();
    }
}

public sealed class ReadinessRuleTests
{
    private static string DocsFolder => System.IO.Path.Combine(Examples.Root, "docs", "rules");

    [Fact]
    public void Rule_ids_are_unique_and_opaque()
    {
        ReadinessRules.All.Select(r => r.Id).ShouldBeUnique();
        ReadinessRules.All.Select(r => r.Name).ShouldBeUnique();
        ReadinessRules.All.ShouldAllBe(r => System.Text.RegularExpressions.Regex.IsMatch(r.Id, "^SP[0-9]{4}$"));
    }

    [Fact]
    public void Every_rule_has_its_doc_page_and_every_page_has_a_rule()
    {
        var pages = Directory.GetFiles(DocsFolder, "*.md").Select(System.IO.Path.GetFileNameWithoutExtension).Where(n => n != "README").Order(StringComparer.Ordinal);

        pages.ShouldBe(ReadinessRules.All.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_doc_page_names_its_rule_severity_and_controls()
    {
        foreach (var rule in ReadinessRules.All)
        {
            var page = File.ReadAllText(System.IO.Path.Combine(DocsFolder, rule.Id + ".md"));
            page.ShouldStartWith($"# {rule.Id}: {rule.Title}");
            page.ShouldContain($"`{rule.Name}`");
            page.ShouldContain(ReadinessRules.SeverityName(rule.Severity));
            rule.Controls.ShouldAllBe(c => page.Contains(c, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_rule_has_a_title_remediation_and_at_least_one_control()
    {
        ReadinessRules.All.ShouldAllBe(r => r.Title.Length > 0 && r.Remediation.Length > 0 && !r.Controls.IsEmpty);
    }
}
