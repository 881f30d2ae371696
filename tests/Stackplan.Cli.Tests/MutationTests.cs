using System.Diagnostics;
using System.Text;
using Stackplan.Testing;
using Xunit.Abstractions;

namespace Stackplan.Cli.Tests;

/// <summary>
/// Every input path is total: thousands of seeded random byte, token and value mutations of every
/// example spec and every catalog file, each run in-process through the CLI, must end in exit 0, 1
/// or 2 with no stack trace and no exception escaping. Bounded in time (STACKPLAN_MUTATION_SECONDS,
/// default 60) and seeded (STACKPLAN_MUTATION_SEED), so a failure is replayed by its seed and count.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    private static readonly string[] Values =
        ["0", "-1", "1e308", "7.9e28", "1_000", "1__0", "0.0000000000000000000000000001", "99999999999999999999999999999", "NaN", "~", "''", "\"\\u0000\"",
         "[]", "{}", "[1, [2, [3]]]", "{a: 1, b}", "*x", "&x 1", "!!binary AAAA", "yes", "true", "aws", "azure", "us-east1", "m5.2xlarg", "off", "private", "\t", "round(x, 100)",
         "logs_gb_per_day / 0", "clamp(1, 10, 1)", new string('9', 60), new string('[', 80), "\u00e4\u00ff", "---", "- - -", "? a", ": b"];

    [Fact]
    public void No_mutated_spec_or_catalog_ends_outside_exit_0_1_2_or_prints_a_stack_trace()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("STACKPLAN_MUTATION_SECONDS"), out var s) ? s : 60;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("STACKPLAN_MUTATION_SEED"), out var n) ? n : 20261129;
        var random = new Random(seed);
        var root = CliRunner.Root;
        var specs = Directory.GetFiles(Path.Combine(root, "examples"), "platform.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var catalogs = Directory.GetFiles(Path.Combine(root, "data", "catalog"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var work = Directory.CreateTempSubdirectory("stackplan-mutation-").FullName;
        var failures = new List<string>();
        var tried = 0;
        var byExit = new int[3];
        var clock = Stopwatch.StartNew();
        try
        {
            while (clock.Elapsed.TotalSeconds < seconds && failures.Count < 5)
            {
                var onCatalog = random.Next(4) == 0;
                var spec = specs[random.Next(specs.Length)];
                var original = File.ReadAllBytes(onCatalog ? catalogs[random.Next(catalogs.Length)] : spec);
                var mutated = Mutate(original, random);
                string[] args;
                byte[] stdin;
                if (onCatalog)
                {
                    var catalog = Path.Combine(work, "catalog.yaml");
                    File.WriteAllBytes(catalog, mutated);
                    args = ["compare", spec, "--catalog", catalog, "--format", "json"];
                    stdin = [];
                }
                else
                {
                    args = random.Next(3) switch
                    {
                        0 => ["compare", "-", "--format", "json"],
                        1 => ["check", "-", "--format", "json"],
                        _ => ["estimate", "-", "--format", "markdown"],
                    };
                    stdin = mutated;
                }

                tried++;
                var console = CliConsole.Captured(Path.GetDirectoryName(spec)!, stdin);
                try
                {
                    var exit = Program.Run(args, console);
                    var err = console.Error.ToString()!;
                    if (exit is < 0 or > 2 || err.Contains("   at ", StringComparison.Ordinal) || err.Contains("Exception", StringComparison.Ordinal) || FrameworkText.ResourceKeys(err).Count > 0)
                    {
                        failures.Add($"#{tried} exit {exit}: {string.Join(' ', args)}: {err[..Math.Min(err.Length, 400)]}");
                        Keep(work, tried, mutated);
                    }
                    else
                    {
                        byExit[exit]++;
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"#{tried} {string.Join(' ', args)}: {e.GetType().Name}: {e.Message}\n{e.StackTrace?[..Math.Min(e.StackTrace.Length, 600)]}");
                    Keep(work, tried, mutated);
                }
            }
        }
        finally
        {
            if (failures.Count == 0)
            {
                Directory.Delete(work, recursive: true);
            }
        }

        var summary = $"mutation run: seed {seed}, {tried} mutated inputs in {clock.Elapsed.TotalSeconds:0} s: exit 0 x{byExit[0]}, exit 1 x{byExit[1]}, exit 2 x{byExit[2]}, failures {failures.Count}";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        tried.ShouldBeGreaterThan(100);
        failures.ShouldBeEmpty($"{summary}; inputs kept in {work}");
    }

    private static void Keep(string work, int number, byte[] input) => File.WriteAllBytes(Path.Combine(work, $"failure-{number}.yaml"), input);

    /// <summary>One to three mutations: a random byte, a token moved or dropped, or a value replaced by an edge case.</summary>
    private static byte[] Mutate(byte[] input, Random random)
    {
        var text = Encoding.UTF8.GetString(input);
        for (var round = random.Next(1, 4); round > 0; round--)
        {
            switch (random.Next(6))
            {
                case 0:
                    return ByteMutation(Encoding.UTF8.GetBytes(text), random);
                case 1:
                    text = ReplaceValue(text, random);
                    break;
                case 2:
                    text = SwapTokens(text, random);
                    break;
                case 3:
                    text = DropLine(text, random);
                    break;
                case 4:
                    text = DuplicateLine(text, random);
                    break;
                default:
                    text = Insert(text, random.Next(text.Length + 1), Values[random.Next(Values.Length)]);
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static byte[] ByteMutation(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        var at = random.Next(Math.Max(1, list.Count));
        switch (random.Next(3))
        {
            case 0 when list.Count > 0:
                list[at] = (byte)random.Next(256);
                break;
            case 1:
                list.Insert(Math.Min(at, list.Count), (byte)random.Next(256));
                break;
            default:
                if (list.Count > 0)
                {
                    list.RemoveRange(at, Math.Min(list.Count - at, random.Next(1, 16)));
                }

                break;
        }

        return [.. list];
    }

    /// <summary>Replaces the value after a random "key: " with an edge case.</summary>
    private static string ReplaceValue(string text, Random random)
    {
        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':' && i + 1 < text.Length && text[i + 1] == ' ').ToList();
        if (colons.Count == 0)
        {
            return text;
        }

        var at = colons[random.Next(colons.Count)] + 2;
        var end = text.IndexOfAny([',', '}', '\n'], at);
        end = end < 0 ? text.Length : end;
        return text[..at] + Values[random.Next(Values.Length)] + text[end..];
    }

    private static string SwapTokens(string text, Random random)
    {
        var tokens = text.Split(' ');
        if (tokens.Length < 2)
        {
            return text;
        }

        var (i, j) = (random.Next(tokens.Length), random.Next(tokens.Length));
        (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
        return string.Join(' ', tokens);
    }

    private static string DropLine(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        lines.RemoveAt(random.Next(lines.Count));
        return string.Join('\n', lines);
    }

    private static string DuplicateLine(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var at = random.Next(lines.Count);
        lines.Insert(at, lines[at]);
        return string.Join('\n', lines);
    }

    private static string Insert(string text, int at, string value) => text[..at] + value + text[at..];
}
