using System.Text.Json;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli.Tests;

/// <summary>The published JSON Schema and the reader agree on the policies vocabulary and the suppression shape.</summary>
public sealed class PolicySchemaTests
{
    private static JsonElement Schema()
    {
        var (exit, stdout, _) = CliRunner.Run("schema");
        exit.ShouldBe(0);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static JsonElement PolicySchema() =>
        Schema().GetProperty("$defs").GetProperty("environment").GetProperty("properties").GetProperty("policies");

    [Fact]
    public void The_schema_names_exactly_the_policy_keys_the_reader_accepts()
    {
        PolicySchema().GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe(Policies.Keys.Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_schema_allows_every_value_and_alias_the_reader_accepts_for_each_policy()
    {
        foreach (var key in Policies.Keys)
        {
            var allowed = PolicySchema().GetProperty("properties").GetProperty(key.Name).GetProperty("enum").EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToHashSet(StringComparer.Ordinal);

            key.Values.Concat(key.Aliases.Keys).ShouldAllBe(v => allowed.Contains(v), key.Name);
        }
    }

    [Fact]
    public void The_schema_requires_a_justification_on_every_suppression()
    {
        Schema().GetProperty("properties").GetProperty("suppressions").GetProperty("items").GetProperty("required")
            .EnumerateArray().Select(r => r.GetString()).ShouldContain("justification");
    }

    [Fact]
    public void Direct_apply_is_read_as_the_direct_change_process()
    {
        var spec = SpecReader.Read("stackplan: 1\nname: t\nenvironments:\n  dev:\n    policies: {changeProcess: direct-apply, alarms: yes}\n", "t.yaml");

        spec.Environments[0].Get(Policies.ChangeProcess).ShouldBe("direct");
        spec.Environments[0].IsOn(Policies.Alarms).ShouldBeTrue();
    }
}
