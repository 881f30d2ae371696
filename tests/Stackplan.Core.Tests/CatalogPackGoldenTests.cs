using Stackplan.Core.Parsing;

namespace Stackplan.Core.Tests;

/// <summary>
/// data/catalog.pack, the embedded catalog's trees in binary form (read at start-up instead of
/// the YAML), is a golden file: when the catalog's YAML changes, rewrite it with
///     STACKPLAN_UPDATE_GOLDEN=1 dotnet test tests/Stackplan.Core.Tests -c Release --filter CatalogPackGoldenTests
/// (until then the stale pack is ignored and the YAML read, so only start-up time suffers).
/// </summary>
public sealed class CatalogPackGoldenTests
{
    private static readonly string PackPath = Path.Combine(Examples.Root, "data", "catalog.pack");

    [Fact]
    public void The_committed_pack_is_the_packed_catalog_YAML()
    {
        var expected = EmbeddedData.PackCatalog();
        if (Environment.GetEnvironmentVariable("STACKPLAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(PackPath, expected);
        }

        Assert.True(
            File.Exists(PackPath) && File.ReadAllBytes(PackPath).AsSpan().SequenceEqual(expected),
            "data/catalog.pack is not the packed form of data/catalog/*.yaml: run STACKPLAN_UPDATE_GOLDEN=1 dotnet test tests/Stackplan.Core.Tests -c Release --filter CatalogPackGoldenTests");
    }

    [Fact]
    public void The_catalog_read_from_the_pack_has_the_trees_the_YAML_gives()
    {
        var fromYaml = EmbeddedData.CatalogFiles.Select(YamlDocument.Parse).ToList();
        var loaded = EmbeddedData.CatalogDocuments();

        // Packing both sides compares every node's kind, value, quoting, line and column.
        Assert.Equal(fromYaml.Select(d => d.FileName), loaded.Select(d => d.FileName));
        Assert.Equal(YamlTreePack.Write(0, fromYaml), YamlTreePack.Write(0, loaded));
        Assert.Equal(
            ComponentCatalog.Load(EmbeddedData.CatalogFiles).Components.Select(c => c.Id),
            EmbeddedData.Catalog().Components.Select(c => c.Id));
    }

    [Fact]
    public void A_pack_made_from_other_YAML_is_not_used()
    {
        var yaml = "components:\n  a:\n    capability: x\n";
        var document = YamlDocument.Parse(new("a.yaml", yaml));
        var fingerprint = YamlTreePack.Fingerprint([("a.yaml", System.Text.Encoding.UTF8.GetBytes(yaml))]);
        var pack = YamlTreePack.Write(fingerprint, [document]);

        var edited = YamlTreePack.Fingerprint([("a.yaml", System.Text.Encoding.UTF8.GetBytes(yaml + "    kind: managed\n"))]);

        Assert.NotNull(YamlTreePack.Read(pack, fingerprint));
        Assert.Null(YamlTreePack.Read(pack, edited));
        Assert.Null(YamlTreePack.Read([1, 2, 3], fingerprint));
    }
}
