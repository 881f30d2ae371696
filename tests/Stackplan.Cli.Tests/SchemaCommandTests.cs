using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Providers;

namespace Stackplan.Cli.Tests;

public sealed class SchemaCommandTests
{
    private static JsonElement Schema()
    {
        var (exit, stdout, _) = CliRunner.Run("schema");
        exit.ShouldBe(0);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static IEnumerable<string> PropertyNames(JsonElement objectSchema) =>
        objectSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    [Fact]
    public void The_schema_is_a_draft_2020_12_json_schema()
    {
        Schema().GetProperty("$schema").GetString().ShouldBe("https://json-schema.org/draft/2020-12/schema");
    }

    [Fact]
    public void The_schema_names_exactly_the_top_level_keys_the_reader_accepts()
    {
        PropertyNames(Schema()).Order().ShouldBe(SpecReader.RootKeys.Order());
    }

    [Fact]
    public void The_schema_names_exactly_the_environment_keys_the_reader_accepts()
    {
        PropertyNames(Schema().GetProperty("$defs").GetProperty("environment")).Order().ShouldBe(SpecReader.EnvironmentKeys.Order());
    }

    [Fact]
    public void The_schema_names_exactly_the_cluster_node_group_and_disk_keys_the_reader_accepts()
    {
        var defs = Schema().GetProperty("$defs");
        PropertyNames(defs.GetProperty("environment").GetProperty("properties").GetProperty("cluster")).Order().ShouldBe(SpecReader.ClusterKeys.Order());
        PropertyNames(defs.GetProperty("nodeGroup")).Order().ShouldBe(SpecReader.NodeGroupKeys.Order());
        PropertyNames(defs.GetProperty("nodeGroup").GetProperty("properties").GetProperty("disk")).Order().ShouldBe(SpecReader.DiskKeys.Order());
    }

    [Fact]
    public void Every_cluster_kind_the_reader_knows_is_in_the_schema()
    {
        var kinds = Schema().GetProperty("$defs").GetProperty("environment").GetProperty("properties").GetProperty("cluster")
            .GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

        kinds.ShouldBe(ProviderProfiles.ClusterKindWords);
    }

    [Fact]
    public void Every_key_management_word_the_reader_knows_is_in_the_schema()
    {
        var words = Schema().GetProperty("$defs").GetProperty("environment").GetProperty("properties").GetProperty("encryption")
            .GetProperty("properties").GetProperty("kms").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

        words.ShouldBe(ProviderProfiles.KeyManagementWords);
    }

    [Fact]
    public void The_schema_offers_exactly_the_registered_providers()
    {
        var providers = Schema().GetProperty("properties").GetProperty("provider").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

        providers.ShouldBe(ProviderProfiles.Ids);
    }
}
