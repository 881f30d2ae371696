using System.Collections.Immutable;
using System.Globalization;
using Stackplan.Core.Model;
using Stackplan.Core.Compliance;

namespace Stackplan.Core.Parsing;

/// <summary>The parts of the spec the compliance checks read: policies, suppressions and where each setting was written.</summary>
public static partial class SpecReader
{
    private static ImmutableDictionary<string, string> ReadPolicies(YamlFieldReader r, YamlNode? node, string what)
    {
        var map = r.Mapping(node, what);
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map?.Entries ?? [])
        {
            if (Policies.Find(key.Value) is not { } policy)
            {
                r.Diagnostics.Add(DiagnosticCodes.UnknownKey, key.Location, $"unknown policy '{key.Value}' in {what}", Spelling.Suggest(key.Value, Policies.Keys.Select(k => k.Name)) ?? "policies: " + string.Join(", ", Policies.Keys.Select(k => k.Name)));
                continue;
            }

            if (r.String(value, $"{what}.{key.Value}") is not { } text)
            {
                continue;
            }

            var normalised = policy.Canonical(text);
            if (!policy.Values.Contains(normalised))
            {
                r.Diagnostics.Add(DiagnosticCodes.NotAllowedValue, value.Location, $"{what}.{key.Value} must be one of {string.Join(", ", policy.Values)}, not '{text}'", Spelling.Suggest(text, policy.Values));
                continue;
            }

            builder[key.Value] = normalised;
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// Every setting path of an environment's flattened mapping ("cluster.endpoint",
    /// "nodeGroups[0].count") with the place its key was written. After <c>extends</c> merging
    /// each node keeps the location where it was written, so a setting inherited from prod points
    /// at prod's line and an override at the child's: exactly where a fix belongs.
    /// </summary>
    private static ImmutableDictionary<string, SourceLocation> SettingLocations(YamlMapping environment)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, SourceLocation>(StringComparer.Ordinal);
        var pending = new Stack<(string Path, YamlNode Node)>();
        pending.Push(("", environment));
        while (pending.Count > 0)
        {
            var (path, node) = pending.Pop();
            switch (node)
            {
                case YamlMapping m:
                    foreach (var (key, value) in m.Entries)
                    {
                        var child = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
                        builder[child] = key.Location;
                        pending.Push((child, value));
                    }

                    break;
                case YamlSequence s:
                    for (var i = 0; i < s.Items.Count; i++)
                    {
                        builder[$"{path}[{i}]"] = s.Items[i].Location;
                        pending.Push(($"{path}[{i}]", s.Items[i]));
                    }

                    break;
            }
        }

        return builder.ToImmutable();
    }

    private static ImmutableArray<Suppression> ReadSuppressions(YamlFieldReader r, YamlNode? node)
    {
        var items = ImmutableArray.CreateBuilder<Suppression>();
        foreach (var m in r.MappingsIn(node, "suppressions"))
        {
            r.CheckKeys(m, "suppressions[]", "rule", "environments", "justification", "expires");
            var rule = r.RequiredString(m, "rule", "suppressions[]");
            var what = $"suppression of {rule}";
            var justification = r.String(m["justification"], what + ".justification");
            if (string.IsNullOrWhiteSpace(justification))
            {
                r.Diagnostics.Add(DiagnosticCodes.MissingKey, m.Location, $"{what} needs a 'justification'", "say why the rule does not apply here, so a reviewer can agree or not");
            }

            items.Add(new Suppression(rule, ReadEnvironmentNames(r, m["environments"], what), justification ?? "", ReadDate(r, m["expires"], what + ".expires"), m.Location));
        }

        return items.ToImmutable();
    }

    private static ImmutableArray<string> ReadEnvironmentNames(YamlFieldReader r, YamlNode? node, string what)
    {
        if (node is YamlScalar { IsNull: false } single)
        {
            return [single.Value];
        }

        return [.. (r.Sequence(node, what + ".environments")?.Items ?? []).Select(i => r.String(i, what + ".environments[]")).OfType<string>()];
    }

    private static DateOnly? ReadDate(YamlFieldReader r, YamlNode? node, string what)
    {
        var text = r.String(node, what);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        r.Diagnostics.Add(DiagnosticCodes.WrongType, node!.Location, $"{what} must be a date written YYYY-MM-DD, not '{text}'");
        return null;
    }

    private static void CheckSuppressions(PlatformSpec spec, DiagnosticBag bag)
    {
        var ruleIds = ReadinessRules.All.Select(x => x.Id).ToArray();
        foreach (var s in spec.Suppressions)
        {
            if (s.RuleId.Length > 0 && !ruleIds.Contains(s.RuleId))
            {
                bag.Add(DiagnosticCodes.UnknownReference, s.Location, $"a suppression names rule '{s.RuleId}', which does not exist", Spelling.Suggest(s.RuleId, ruleIds) ?? "the rules are listed in docs/rules/");
            }

            foreach (var env in s.Environments.Where(e => spec.FindEnvironment(e) is null))
            {
                bag.Add(DiagnosticCodes.UnknownReference, s.Location, $"the suppression of {s.RuleId} names environment '{env}', which the spec does not define", Spelling.Suggest(env, spec.Environments.Select(e => e.Name)));
            }
        }
    }
}
