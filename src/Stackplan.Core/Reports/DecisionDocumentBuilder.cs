using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Stackplan.Core.Analysis;
using Stackplan.Core.Compliance;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;
using Stackplan.Core.Resolve;

namespace Stackplan.Core.Reports;

/// <summary>What a decision document is built from; the CLI fills it from its arguments.</summary>
/// <param name="SpecText">the spec file's text, hashed (SHA-256) into the footer.</param>
/// <param name="Date">printed in the footer when given; there is no clock otherwise, so reports are byte-identical across runs.</param>
/// <param name="Today">the date suppressions' expiry is judged against: <paramref name="Date"/>, else the price book's as-of date.</param>
/// <param name="MigrateFrom">the migration's start (default: the first compared deployment), used when the spec has analysis.migration.</param>
public sealed record DecisionInputs(
    PlatformSpec Spec,
    string SpecText,
    Estimator Estimator,
    ImmutableArray<DeploymentRef> Targets,
    IReadOnlyDictionary<string, ValueRange> Usage,
    Baseline Baseline,
    DateOnly Today,
    string? Date,
    string Version,
    DeploymentRef? MigrateFrom = null,
    DeploymentRef? MigrateTo = null);

/// <summary>
/// Builds <c>stackplan report</c>'s document from the same estimates, coverage, checks and
/// analyses the other commands compute, so every figure equals theirs to the cent.
/// </summary>
public static class DecisionDocumentBuilder
{
    /// <summary>The top-level sections in reading order; <c>--sections</c> takes these ids.</summary>
    public static readonly ImmutableArray<string> SectionIds =
        ["summary", "costs", "ranges", "capabilities", "architecture", "matrix", "readiness", "pods", "scenarios", "tco", "migration", "assumptions"];

    /// <summary>Monte Carlo samples behind the ranges chart, with seed 1: enough for steady P10/P90, fast enough to run on every report.</summary>
    public const int Samples = 2000;

    public static DecisionDocument Build(DecisionInputs input, IReadOnlyCollection<string>? sections = null) => Build(input, sections, out _);

    /// <summary>Also hands back the comparison the document rests on, so the caller can warn about its missing prices.</summary>
    public static DecisionDocument Build(DecisionInputs input, IReadOnlyCollection<string>? sections, out EstimateReport comparison)
    {
        var spec = input.Spec;
        var estimator = input.Estimator;
        var models = estimator.CompileAll(spec, input.Targets, input.Usage);
        var bills = models.Select(m => m.ToBill()).ToImmutableArray();
        var calculator = new CoverageCalculator(ControlSet.Embedded, estimator.Catalog);
        var check = Checker.Check(spec, models.Select(m => m.Deployment), calculator, input.Baseline, RuleSeverity.High, input.Today);
        var report = new EstimateReport(spec, estimator.Prices, bills, check.Coverage, bills.Length >= 2 ? DecisionMatrix.Build(bills, spec.Analysis, spec.Labour) : null);
        var context = new Context(input, report, models, check);
        comparison = report;

        bool Wanted(string id) => sections is null || sections.Count == 0 || sections.Contains(id);
        var built = new List<DocumentSection>();
        void Add(string id, Func<Context, DocumentSection?> build)
        {
            if (Wanted(id) && build(context) is { } section)
            {
                built.Add(section);
            }
        }

        Add("summary", Summary);
        Add("costs", Costs);
        Add("ranges", Ranges);
        Add("capabilities", Capabilities);
        Add("architecture", Architecture);
        Add("matrix", Matrix);
        Add("readiness", Readiness);
        Add("pods", Pods);
        Add("scenarios", Scenarios);
        Add("tco", TcoSection);
        Add("migration", MigrationSection);
        Add("assumptions", Assumptions);

        var intro = $"{bills.Length} deployment(s) in {spec.Region}, priced in {spec.Currency} from {PriceBooks(report)}. " +
            "A month is 730 hours; ranges come from the spec's low/expected/high usage. Every figure below is the one stackplan compare --format json gives.";
        return new DecisionDocument($"{spec.Name}: decision report", intro, [.. built], Footer(input, report));
    }

    private sealed record Context(DecisionInputs Input, EstimateReport Report, ImmutableArray<DeploymentModel> Models, CheckReport Check)
    {
        public ImmutableArray<Bill> Bills => Report.Bills;

        public PlatformSpec Spec => Input.Spec;
    }

    private static string PriceBooks(EstimateReport report) => $"{report.Prices.Name} (as of {report.Prices.AsOf})";

    private static IEnumerable<ResolvedComponent> Chosen(Bill bill) => bill.Deployment.Components.Where(c => !c.Component.Implicit);

    private static decimal ComponentMonthly(Bill bill, string component) =>
        bill.Lines.Where(l => l.Component == component && l.Monthly is not null).Sum(l => l.Monthly!.Value.Expected);

    private static string Missing(Bill b) =>
        b.IsComplete ? "complete" : $"{b.MissingPrices.Count()} missing: " + string.Join(", ", b.MissingPrices.Select(l => l.PriceKey).Distinct(StringComparer.Ordinal));

    private static string Rating(IEnumerable<string> ratings)
    {
        var list = ratings.ToList();
        if (list.Count == 0)
        {
            return "none";
        }

        string[] order = ["none", "low", "medium", "high"];
        var top = list.MaxBy(r => Array.IndexOf(order, r))!;
        return $"{top} ({string.Join(", ", order.Reverse().Select(o => (o, n: list.Count(r => r == o))).Where(x => x.n > 0).Select(x => $"{x.n} {x.o}"))})";
    }

    private static string SetupComplexity(Bill b) => Rating(Chosen(b).Select(c => c.Component.Setup));

    private static string LockInOf(Bill b) => Rating(Chosen(b).Select(c => c.Component.LockIn.ToString().ToLowerInvariant()));

    private static DocumentSection Summary(Context c)
    {
        var rows = c.Bills.Select(b => (ImmutableArray<Cell>)
        [
            b.Deployment.Name, Cell.Money(b.Monthly.Expected), $"{Formats.MoneyWithSymbol(b.Monthly.Low)} – {Formats.MoneyWithSymbol(b.Monthly.High)}",
            Cell.Value(b.Plan.Pods), BillText.Nodes(b), Cell.Value(b.OpsHoursPerMonth), SetupComplexity(b), LockInOf(b),
            c.Report.CoverageOf(b) is { } cov ? $"{cov.Covered.Length} of {cov.Addressable}" : "", Missing(b),
        ]);
        var cheapest = c.Bills.MinBy(b => b.Monthly.Expected)!;
        var points = new List<BulletItem>
        {
            new("Cheapest", $"{cheapest.Deployment.Name} at {Formats.MoneyWithSymbol(cheapest.Monthly.Expected)} a month (expected)."),
        };
        if (c.Report.Matrix is { } m)
        {
            var scores = m.Deployments.Select((_, i) => m.WeightedScore(i)).ToList();
            var best = scores.IndexOf(scores.Max());
            points.Add(new("Best weighted score", $"{m.Deployments[best]} ({scores[best].ToString("0.000", CultureInfo.InvariantCulture)}) over cost, operations, HA, NIST, setup, lock-in, portability and capabilities (see the decision matrix)."));
        }

        foreach (var b in c.Bills.Where(b => !b.IsComplete))
        {
            points.Add(new("Incomplete", $"{b.Deployment.Name} has {b.MissingPrices.Count()} line(s) with no price, left out of its total (never counted as $0): {string.Join(", ", b.MissingPrices.Select(l => l.Id))}."));
        }

        var failing = c.Check.Findings.Where(f => f.Status == FindingStatus.Failed && f.Rule.Severity >= RuleSeverity.High).ToList();
        points.Add(new("Readiness", failing.Count == 0
            ? "no rule of high or critical severity fails in any deployment."
            : $"{failing.Count} high or critical finding(s): " + string.Join("; ", failing.Select(f => $"{f.Rule.Id} in {f.Deployment}")) + "."));
        return new DocumentSection("summary", "Executive summary",
        [
            new TableBlock(new ResultTable("Deployments at a glance (USD per month; nodes declared / required)",
                ["Deployment", "Monthly (expected)", "Range", "Pods", "Nodes", "Ops hours / month", "Setup complexity", "Lock-in", $"NIST {RuleText.Baseline(c.Input.Baseline)} controls", "Completeness"], [.. rows])),
            new BulletList([.. points]),
        ]);
    }

    private static DocumentSection Costs(Context c)
    {
        var categories = c.Report.Categories;
        var chart = new StackedBarChart("Monthly cost by category", "USD per month", [.. c.Bills.Select(b => b.Deployment.Name)],
            [.. categories.Select(cat => new ChartSeries(Formats.Kebab(cat), [.. c.Bills.Select(b => b.CategoryTotal(cat).Expected)]))]);
        var rows = categories.Select(cat => (ImmutableArray<Cell>)[Formats.Kebab(cat), .. c.Bills.Select(b => Cell.Money(b.CategoryTotal(cat).Expected))]).ToList();
        rows.Add(["total", .. c.Bills.Select(b => Cell.Money(b.Monthly.Expected))]);
        return new DocumentSection("costs", "Cost by category",
        [
            new ChartBlock(chart),
            new TableBlock(new ResultTable("Expected monthly cost by category (USD)", ["Category", .. c.Bills.Select(b => b.Deployment.Name)], [.. rows])),
        ]);
    }

    private static DocumentSection Ranges(Context c)
    {
        var sampled = c.Models.Select(m => Sweep.MonteCarlo(m, Samples, 1UL)).ToList();
        var chart = new RangeChart("Monthly cost range: low, expected and high usage, with the Monte Carlo P10 to P90 band",
            [.. c.Bills.Select((b, i) => new RangeBar(b.Deployment.Name, b.Monthly.Low, b.Monthly.Expected, b.Monthly.High, sampled[i].P10, sampled[i].P90))]);
        var monteCarlo = SweepDocument.MonteCarlo(sampled);
        return new DocumentSection("ranges", "Cost ranges",
        [
            new Paragraph("Low and high put every usage value at its low or high end together, so they bound the cost; the Monte Carlo band draws each usage value on its own (triangular, mode at the expected value), so P10 and P90 sit inside them."),
            new ChartBlock(chart),
            .. Blocks(monteCarlo with { Findings = [monteCarlo.Findings[0]] }),
        ]);
    }

    /// <summary>An analysis' findings, facts and tables as blocks (its chart is left to the caller, which marks it).</summary>
    private static IEnumerable<Block> Blocks(AnalysisDocument doc)
    {
        foreach (var finding in doc.Findings)
        {
            yield return new Paragraph(finding);
        }

        if (!doc.Facts.IsEmpty)
        {
            yield return new BulletList([.. doc.Facts.Select(f => new BulletItem(f.Name, f.Value.Text))]);
        }

        foreach (var table in doc.Tables)
        {
            yield return new TableBlock(table);
        }
    }

    private static DocumentSection Capabilities(Context c)
    {
        var capabilities = c.Bills.SelectMany(Chosen).Select(x => x.Component.Capability).Distinct(StringComparer.Ordinal).ToList();
        var subsections = capabilities.Select(capability =>
        {
            var rows = c.Bills.Select(b => (Bill: b, Component: Chosen(b).FirstOrDefault(x => x.Component.Capability == capability))).Select(x => (ImmutableArray<Cell>)(x.Component is { } rc
                ? [x.Bill.Deployment.Name, $"{rc.Component.Name} ({rc.Id})", rc.Mode.Name, Settings(rc), Pods(x.Bill, rc), Cell.Money(ComponentMonthly(x.Bill, rc.Id)), string.Join(", ", rc.Component.Controls.Select(k => k.ControlId).Distinct(StringComparer.Ordinal))]
                : [x.Bill.Deployment.Name, "none", "", "", Cell.Value(0), Cell.Money(0m), ""])).ToList();
            var blocks = new List<Block>
            {
                new TableBlock(new ResultTable($"{capability}: each deployment's choice (monthly = the component's own line items, USD)", ["Deployment", "Component", "Mode", "Configuration", "Pods", "Monthly", "NIST controls"], [.. rows])),
            };
            blocks.AddRange(CapabilityBreakEven(c, capability));
            return new DocumentSection("capability-" + capability, capability, [.. blocks]);
        });
        return new DocumentSection("capabilities", "Capabilities",
            [new Paragraph("One part per capability: what each deployment runs for it, how, what it costs on its own and which NIST SP 800-53 controls it supports. Node cost is shared by every pod and shows under compute, not here. Where deployments choose different components, the break-even says at which usage the choice flips.")],
            [.. subsections]);
    }

    private static string Settings(ResolvedComponent rc) =>
        string.Join(", ", rc.Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));

    /// <summary>A component's pods at the expected usage (its footprint can grow with usage), and its DaemonSet pods per node.</summary>
    private static Cell Pods(Bill bill, ResolvedComponent rc)
    {
        var replicas = bill.Plan.Footprints.Where(p => p.Owner == rc.Id && !p.DaemonSet).Sum(p => p.Replicas);
        var perNode = bill.Plan.Footprints.Count(p => p.Owner == rc.Id && p.DaemonSet && p.Replicas > 0);
        return perNode == 0 ? Cell.Value(replicas) : new Cell($"{replicas} + {perNode} per node", replicas);
    }

    /// <summary>
    /// The capability's first component against the first different one, varied over the first
    /// usage key either's own lines depend on, from 0 to 10 x its high value (as breakeven does).
    /// </summary>
    private static IEnumerable<Block> CapabilityBreakEven(Context c, string capability)
    {
        var choices = c.Models.Select(m => (Model: m, Component: m.Deployment.Components.FirstOrDefault(x => !x.Component.Implicit && x.Component.Capability == capability)))
            .Where(x => x.Component is not null).ToList();
        if (choices.Count < 2 || choices.Skip(1).FirstOrDefault(x => x.Component!.Id != choices[0].Component!.Id) is not { Model: not null } other)
        {
            return [];
        }

        var first = choices[0];
        var keys = c.Spec.Usage.Select(u => u.Key).Concat(first.Component!.Component.UsageDefaults.Keys.Order(StringComparer.Ordinal)).Concat(other.Component!.Component.UsageDefaults.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var a = Side(first.Model, first.Component.Id, key);
            var b = Side(other.Model, other.Component.Id, key);
            if (a.Evaluator.DependentLineIds.IsEmpty && b.Evaluator.DependentLineIds.IsEmpty)
            {
                continue;
            }

            // Twice the usage's high end keeps the spec's own range readable on the chart; when
            // they do not cross there, the search widens to ten times it, as breakeven does.
            var high = Math.Max(0.5m, new[] { first.Model, other.Model }.Select(m => m.SlotOf.TryGetValue(key, out var slot) ? m.Variables[slot].Value.High : 0m).Max());
            var result = BreakEven.Find(key, a, b, 0m, high * 2m, 20);
            if (result.Crossings.IsEmpty)
            {
                result = BreakEven.Find(key, a, b, 0m, high * 10m, 20);
            }

            var doc = BreakEvenDocument.Build(result);
            return
            [
                new Paragraph($"Break-even of {first.Component.Id} ({first.Model.Deployment.Name}) against {other.Component.Id} ({other.Model.Deployment.Name}) by {key}, their own line items only: " + string.Join(" ", doc.Findings)),
                new ChartBlock(CurveChart.From(doc.Chart!, [.. result.Crossings.Select(x => new ChartMarker(x.Value, x.CostA, $"break-even at {key} = {Formats.Plain(x.Value)}"))])),
            ];
        }

        return [];
    }

    private static CostSide Side(DeploymentModel model, string component, string key) =>
        new(component, model.Deployment.Name, ScenarioEvaluator.Create(model, [key], line => line.Component == component, Migration.SearchedBy));

    /// <summary>Concerns in the order data moves: collection, then the store, then what the store writes to.</summary>
    private static DocumentSection Architecture(Context c)
    {
        static string Root(string capability) => capability.Split('-')[0].TrimEnd('s');
        static int Stage(string capability) => capability.Contains("collection", StringComparison.Ordinal) || capability.Contains("agent", StringComparison.Ordinal) ? 0
            : capability.Contains("storage", StringComparison.Ordinal) ? 2 : 1;
        var diagrams = c.Bills.Select(b =>
        {
            var flows = Chosen(b).GroupBy(x => Root(x.Component.Capability), StringComparer.Ordinal).Select(g =>
            {
                var ordered = g.OrderBy(x => Stage(x.Component.Capability)).ThenBy(x => x.Component.Capability, StringComparer.Ordinal).ToList();
                var stores = ordered.SelectMany(x => b.Lines.Where(l => l.Component == x.Id && l.Category != Category.Compute && l.Category != Category.Storage).Select(l => l.PriceKey))
                    .Where(k => k.StartsWith("s3/", StringComparison.Ordinal) || k.Contains("storage", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal);
                var main = ordered.FirstOrDefault(x => Stage(x.Component.Capability) == 1) ?? ordered[0];
                return new Flow(main.Component.Capability, [.. ordered.Select(x => x.Component.Name), .. stores]);
            });
            return (Block)new FlowDiagram(b.Deployment.Name, [.. flows]);
        });
        return new DocumentSection("architecture", "Architecture",
            [new Paragraph("Per deployment, how data moves through each concern, from the catalog: collectors first, then the service that keeps the data, then the priced store it writes to (its price key)."), .. diagrams]);
    }

    private static DocumentSection? Matrix(Context c) =>
        c.Report.Matrix is not { } m ? null
            : new DocumentSection("matrix", "Decision matrix", [.. Blocks(DecisionMatrixDocument.Build(m))]);

    private static DocumentSection Readiness(Context c)
    {
        static string Status(FindingStatus s) => s switch
        {
            FindingStatus.Passed => "passed",
            FindingStatus.Failed => "failed",
            FindingStatus.Suppressed => "suppressed",
            _ => "not applicable",
        };
        var lists = c.Check.Coverage.Select(cov => (Block)new Checklist(
            $"{cov.Deployment}: {c.Check.Findings.Count(f => f.Deployment == cov.Deployment && f.Status == FindingStatus.Passed)} passed, {c.Check.Findings.Count(f => f.Deployment == cov.Deployment && f.Status == FindingStatus.Failed)} failed, {c.Check.Findings.Count(f => f.Deployment == cov.Deployment && f.Status == FindingStatus.Suppressed)} suppressed",
            [.. c.Check.Findings.Where(f => f.Deployment == cov.Deployment).Select(f => new ChecklistItem(f.Rule.Id, f.Rule.Title, ReadinessRules.SeverityName(f.Rule.Severity), Status(f.Status),
                f.Status == FindingStatus.Passed ? f.Rule.Name : RuleText.Message(f), RuleText.DocPath(f.Rule)))]));
        var coverage = c.Check.Coverage.Select(cov => (ImmutableArray<Cell>)[cov.Deployment.ToString(), RuleText.CoverageLine(cov), string.Join(", ", cov.Missing.Select(m => m.Id))]);
        return new DocumentSection("readiness", "Production readiness and NIST coverage",
        [
            new Paragraph($"Every readiness rule for every deployment, as stackplan check judges it on {c.Input.Today:yyyy-MM-dd}" + (c.Input.Date is null ? " (the price book's date; pass --date to judge suppressions against another)" : "") + "."),
            new TableBlock(new ResultTable($"NIST SP 800-53 {RuleText.Baseline(c.Input.Baseline)} coverage", ["Deployment", "Covered", "Not addressed"], [.. coverage])),
            .. lists,
        ]);
    }

    private static DocumentSection Pods(Context c)
    {
        var components = c.Bills.SelectMany(b => Chosen(b).Where(x => b.Plan.Footprints.Any(p => p.Owner == x.Id && p.Replicas > 0))).Select(x => (x.Id, x.Component.Name)).Distinct().ToList();
        var rows = components.Select(x => (ImmutableArray<Cell>)[$"{x.Name} ({x.Id})", .. c.Bills.Select(b => Chosen(b).FirstOrDefault(r => r.Id == x.Id) is { } rc ? Pods(b, rc) : Cell.Value(0))]).ToList();
        rows.Add(["scheduled in all (with DaemonSets on every node and workloads)", .. c.Bills.Select(b => Cell.Value(b.Plan.Pods))]);
        return new DocumentSection("pods", "Pod count",
            [new TableBlock(new ResultTable("Pods per component and deployment", ["Component", .. c.Bills.Select(b => b.Deployment.Name)], [.. rows]))]);
    }

    private static DocumentSection Scenarios(Context c)
    {
        var rows = c.Bills.Select(b => (ImmutableArray<Cell>)
        [
            b.Deployment.Name, b.Deployment.Option.Description ?? "",
            string.Join("; ", b.Plan.Groups.Select(g => $"{g.Group.Name}: {Formats.Number(g.PricedNodes.Expected)} x {g.Type.Name}{(g.Group.Capacity == CapacityType.Spot ? " spot" : "")}")),
            Cell.Money(b.CategoryTotal(Category.Compute).Expected), Cell.Money(b.Monthly.Expected), $"{Formats.MoneyWithSymbol(b.Monthly.Low)} – {Formats.MoneyWithSymbol(b.Monthly.High)}",
        ]);
        return new DocumentSection("scenarios", "Scenarios",
        [
            new TableBlock(new ResultTable("Each compared deployment as a scenario (USD per month)", ["Deployment", "Option", "Nodes priced", "Compute", "Monthly (expected)", "Range"], [.. rows])),
            .. c.Spec.Analysis.Volumes.SelectMany(v => VolumeBlocks(c, v)),
        ]);
    }

    /// <summary>
    /// A volume table: each side's own line items at each named usage point, estimated as
    /// compare would with those usage values (over the spec's and --usage), and the cheaper side.
    /// </summary>
    /// <exception cref="InputException">a side names a component its deployment does not run, or a point a usage key nothing reads.</exception>
    private static IEnumerable<Block> VolumeBlocks(Context c, VolumeTable table)
    {
        var estimator = c.Input.Estimator;
        var known = c.Spec.Usage.Select(u => u.Key).Concat(c.Spec.Environments.SelectMany(e => e.Usage).Select(u => u.Key))
            .Concat(estimator.Catalog.Components.SelectMany(x => x.UsageDefaults.Keys)).ToHashSet(StringComparer.Ordinal);
        foreach (var point in table.Points)
        {
            foreach (var key in point.Usage.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal))
            {
                throw new InputException(DiagnosticCodes.UnknownReference, point.Location, $"analysis.volumes.{table.Name}.points.{point.Name} sets '{key}', which is not a usage key of the spec or its components", Spelling.Suggest(key, known));
            }
        }

        var rows = table.Points.Select(point =>
        {
            var usage = new Dictionary<string, ValueRange>(c.Input.Usage, StringComparer.Ordinal);
            foreach (var (key, value) in point.Usage)
            {
                usage[key] = ValueRange.Exactly(value);
            }

            var costs = table.Sides.Select(side =>
            {
                var bill = estimator.Estimate(c.Spec, side.Deployment, usage);
                foreach (var missing in side.Components.Where(id => bill.Deployment.Components.All(x => x.Id != id)))
                {
                    throw new InputException(DiagnosticCodes.UnknownReference, side.Location, $"analysis.volumes.{table.Name}: {side.Deployment} does not run '{missing}'", Spelling.Suggest(missing, bill.Deployment.Components.Select(x => x.Id)));
                }

                var lines = bill.Lines.Where(l => side.Components.IsEmpty || side.Components.Contains(l.Component)).ToList();
                return lines.Any(l => l.MissingPrice) ? (decimal?)null : lines.Sum(l => l.Monthly!.Value.Expected);
            }).ToList();
            var priced = costs.Select((v, i) => (v, i)).Where(x => x.v is not null).ToList();
            var cheapest = priced.Count == costs.Count && costs.Count > 1 ? priced.MinBy(x => x.v)!.i : -1;
            return (ImmutableArray<Cell>)
            [
                point.Name, string.Join(", ", point.Usage.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key}={Formats.Number(u.Value)}")),
                .. costs.Select(v => v is { } m ? Cell.Money(m) : Cell.Of("missing price")),
                cheapest < 0 ? "" : table.Sides[cheapest].Label,
            ];
        });
        yield return new TableBlock(new ResultTable(
            $"{table.Name}{(table.Description is { } d ? ": " + d : "")} (USD per month, each side's own line items)",
            ["Point", "Usage", .. table.Sides.Select(s => $"{s.Label} ({s.Deployment})"), "Cheaper"], [.. rows]));
    }

    private static DocumentSection? TcoSection(Context c)
    {
        if (c.Spec.Analysis.Tco.IsEmpty)
        {
            return null;
        }

        var results = c.Spec.Analysis.Tco.Select(s => Tco.Compute(s, c.Input.Estimator, c.Spec, c.Input.Usage)).ToList();
        var doc = TcoDocument.Build(c.Spec.Name, results);
        var charts = results.Select(r =>
        {
            var x = r.ByYear.Select(y => (decimal)y.Year).Prepend(0m).ToImmutableArray();
            var onPrem = r.ByYear.Select(y => y.OnPremCumulative).Prepend(0m).ToImmutableArray();
            var cloud = r.ByYear.Select(y => y.CloudCumulative).Prepend(r.Scenario.Cloud.Migration).ToImmutableArray();
            // The marker is the analysis' own payback month, placed on the cloud curve.
            var markers = r.PaybackMonth is { } month
                ? [new ChartMarker(month / 12m, Interpolate(x, cloud, month / 12m), $"payback in month {month}")]
                : ImmutableArray<ChartMarker>.Empty;
            return (Block)new ChartBlock(new CurveChart($"Cumulative cost: {r.Scenario.Name}", "year", "USD", x, [new("on-prem", onPrem), new("cloud", cloud)], markers));
        });
        return new DocumentSection("tco", "Total cost of ownership", [.. charts, .. Blocks(doc)]);
    }

    /// <summary>The value of a piecewise-linear curve at <paramref name="at"/>.</summary>
    private static decimal Interpolate(ImmutableArray<decimal> x, ImmutableArray<decimal> y, decimal at)
    {
        for (var i = 1; i < x.Length; i++)
        {
            if (at <= x[i])
            {
                return y[i - 1] + ((y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]));
            }
        }

        return y[^1];
    }

    private static DocumentSection? MigrationSection(Context c)
    {
        if (c.Spec.Analysis.Migration.IsEmpty || c.Input.Targets.Length < 2)
        {
            return null;
        }

        var from = c.Input.MigrateFrom ?? c.Input.Targets[0];
        var to = c.Input.MigrateTo ?? c.Input.Targets[^1];
        var plan = Migration.Plan(c.Input.Estimator.Compile(c.Spec, from, c.Input.Usage), c.Input.Estimator.Compile(c.Spec, to, c.Input.Usage), c.Spec.Analysis);
        var bars = new List<TimelineBar>();
        var start = 0m;
        foreach (var phase in plan.Phases)
        {
            bars.AddRange(phase.Steps.Where(s => s.EffortDays > 0m).Select(s => new TimelineBar($"{phase.Number}. {phase.Name}", s.From == s.To ? s.From ?? s.Capability : $"{s.From ?? "(none)"} -> {s.To ?? "(none)"}", start, s.EffortDays)));
            start += phase.Steps.Select(s => s.EffortDays).DefaultIfEmpty(0m).Max();
        }

        return new DocumentSection("migration", "Migration",
        [
            new Paragraph($"From {plan.From} to {plan.To} (change them with --from and --to). Phases run one after another, each as long as its longest step; a phase's steps are drawn from its start."),
            new ChartBlock(new TimelineChart($"Migration phases: {plan.From} to {plan.To}", [.. bars])),
            .. Blocks(MigrationDocument.Build(plan)),
        ]);
    }

    private static DocumentSection Assumptions(Context c)
    {
        var usage = c.Models.SelectMany(m =>
        {
            var keys = m.Deployment.Usage.Select(u => u.Key).Concat(m.Deployment.Components.SelectMany(x => x.Component.UsageDefaults.Keys)).ToHashSet(StringComparer.Ordinal);
            return m.Variables.Where(v => keys.Contains(v.Name)).Select(v => (m.Deployment.Name, v));
        }).GroupBy(x => (x.v.Name, Value: x.v.Value.ToString(), x.v.Origin)).OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g => (ImmutableArray<Cell>)[g.Key.Name, g.Key.Value, g.Key.Origin, string.Join(", ", g.Select(x => x.Name))]);
        var prices = c.Bills.SelectMany(b => b.Lines).Where(l => l.Price is not null).Select(l => l.Price!).DistinctBy(p => (p.Key, p.Region, p.Book))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (ImmutableArray<Cell>)[p.Key, p.Region, p.Unit, p.IsTiered ? $"tiered, from {Formats.UnitPrice(p.FirstPaidUnitPrice)}" : Formats.UnitPrice(p.FirstPaidUnitPrice), p.Book, p.Source, p.AsOf]);
        var missing = c.Bills.SelectMany(b => b.MissingPrices.Select(l => (l.PriceKey, b.Deployment.Name))).GroupBy(x => x.PriceKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (ImmutableArray<Cell>)[g.Key, c.Spec.Region, string.Join(", ", g.Select(x => x.Name).Distinct(StringComparer.Ordinal))]).ToList();
        var sizing = c.Bills.SelectMany(Chosen).Select(x => (x.Id, x.Mode.Name, Source: x.Mode.FootprintSource ?? (x.Component.Kind == ComponentKind.Managed ? "managed service: no pods" : "no source given"), x.Component.OpsHoursBasis))
            .Distinct().OrderBy(x => x.Id, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Select(x => (ImmutableArray<Cell>)[x.Id, x.Name, x.Source, x.OpsHoursBasis]);
        var blocks = new List<Block>
        {
            new TableBlock(new ResultTable("Usage values and where each comes from", ["Usage key", "Value (low / expected / high)", "Origin", "Deployments"], [.. usage])),
            new TableBlock(new ResultTable("Prices used", ["Price key", "Region", "Unit", "Unit price (USD)", "Book", "Source", "As of"], [.. prices])),
        };
        if (missing.Count > 0)
        {
            blocks.Add(new TableBlock(new ResultTable("Prices missing (left out of the totals, never $0)", ["Price key", "Region", "Deployments"], [.. missing])));
        }

        blocks.Add(new TableBlock(new ResultTable("Catalog sizing sources", ["Component", "Mode", "Pod footprint source", "Operations hours basis"], [.. sizing])));
        return new DocumentSection("assumptions", "Assumptions register", [.. blocks]);
    }

    private static ImmutableArray<(string Name, string Value)> Footer(DecisionInputs input, EstimateReport report)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input.SpecText)));
        var footer = new List<(string, string)>
        {
            ("Spec", $"{input.Spec.Location.File} (SHA-256 {hash})"),
            ("Price books", PriceBooks(report)),
            ("Stackplan", input.Version),
        };
        if (input.Date is { } date)
        {
            footer.Add(("Date", date));
        }

        return [.. footer];
    }
}
