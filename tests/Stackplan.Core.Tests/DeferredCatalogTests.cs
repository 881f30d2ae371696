using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests;

/// <summary>
/// The embedded catalog reads a component's modes and costs (its body) only when a run first uses
/// it. These tests hold the two promises that makes: every body still reads cleanly and gives what
/// reading the catalog in full gives, and a run reads only what its spec uses.
/// </summary>
public sealed class DeferredCatalogTests
{
    [Fact]
    public void Every_deferred_body_reads_without_an_error_and_as_the_full_read_gives_it()
    {
        var full = ComponentCatalog.Load(EmbeddedData.CatalogDocuments());
        var deferred = EmbeddedData.Catalog();

        Assert.Equal(full.Components.Select(c => c.Id), deferred.Components.Select(c => c.Id));
        foreach (var (eager, lazy) in full.Components.Zip(deferred.Components))
        {
            Assert.True(eager.Body.IsValueCreated, $"{eager.Id}: a full read must read the body at load");
            Assert.Equal(eager.ModeNames.ToArray(), lazy.ModeNames.ToArray());
            Assert.Equal(Describe(eager), Describe(lazy));
        }
    }

    [Fact]
    public void An_estimate_reads_the_bodies_of_only_the_components_its_spec_uses()
    {
        // A catalog of its own: the process-wide one has had its bodies read by other tests.
        var catalog = ComponentCatalog.Load(EmbeddedData.CatalogDocuments(), []);
        var estimator = new Estimator(catalog, EmbeddedData.PriceBook(), EmbeddedData.InstanceTypes());
        var spec = Examples.Spec("nist-observability");

        var bills = estimator.EstimateAll(spec);

        var used = bills.SelectMany(b => b.Deployment.Components).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var read = catalog.Components.Where(c => c.Body.IsValueCreated).Select(c => c.Id).ToList();
        Assert.Superset(used, read.ToHashSet(StringComparer.Ordinal));
        Assert.True(read.Count < catalog.Components.Length / 2, $"read {read.Count} of {catalog.Components.Length} bodies");
    }

    [Fact]
    public void A_users_catalog_file_is_read_in_full_so_an_error_in_a_body_shows_at_load()
    {
        var yaml = """
            components:
              my-logs:
                capability: logs
                costs:
                  - item: storage
                    price: s3/storage/standard
                    unit: GB-month
                    quantity: "logs_gb_per_day * ("
            """;

        var error = Assert.Throws<InputException>(() => EmbeddedData.Catalog([new SourceText("mine.yaml", yaml)]));
        Assert.Contains(error.Diagnostics, d => d.Code == DiagnosticCodes.InvalidFormula && d.Location?.File == "mine.yaml");
    }

    private static string Describe(Component c) => string.Join(
        "\n",
        c.Modes.Select(m => $"{m.Name}: {string.Join("; ", m.Pods.Concat(m.DaemonSets).Select(p => $"{p.Name} {p.Shown}"))} | {string.Join("; ", m.Costs.Select(Rule))}")
            .Append(string.Join("; ", c.Costs.Select(Rule))));

    private static string Rule(CostRule r) => $"{r.Item} {r.PriceKey} {r.Unit} {r.Quantity.Text} {r.When?.Text}";
}
