namespace Stackplan.Core.Model;

/// <summary>How bad a diagnostic is: an error stops the run (exit 2); a warning is printed and the run goes on.</summary>
public enum Severity
{
    Warning,
    Error,
}

/// <summary>
/// A stable code for one kind of mistake or caveat: its opaque id (<c>SP2001</c>), a readable name
/// (<c>unknown-key</c>), its severity and a one-line title. Ids never change meaning once shipped;
/// each has a page docs/diagnostics/&lt;Id&gt;.md. Readiness rules use SP1001-SP1099 and are not here.
/// </summary>
public sealed record DiagnosticCode(string Id, string Name, Severity Severity, string Title)
{
    public string SeverityName => Severity == Severity.Error ? "error" : "warning";

    public override string ToString() => Id;
}

/// <summary>
/// Every diagnostic code, in one registry. Ranges: SP20xx spec and catalog input, SP21xx command
/// line, SP3xxx pricing, SP4xxx sizing, SP5xxx analyses, SP6xxx files and output, SP7xxx price books.
/// To add one: a field below with the next free id of its range, and its page in docs/diagnostics/
/// (a test checks ids are unique and every id has its page).
/// </summary>
public static class DiagnosticCodes
{
    private static readonly List<DiagnosticCode> Registered = [];

    /// <summary>Every code, in the order declared (ids ascending within each range).</summary>
    public static IReadOnlyList<DiagnosticCode> All => Registered;

    // SP20xx: the spec, catalog and other YAML inputs.
    public static readonly DiagnosticCode MalformedYaml = Define("SP2001", "malformed-yaml", Severity.Error, "The file is not well-formed YAML");
    public static readonly DiagnosticCode UnknownKey = Define("SP2002", "unknown-key", Severity.Error, "A key the format does not know");
    public static readonly DiagnosticCode WrongType = Define("SP2003", "wrong-type", Severity.Error, "A value of the wrong kind (a list for a number, text for a date...)");
    public static readonly DiagnosticCode OutOfRange = Define("SP2004", "out-of-range", Severity.Error, "A number outside the values allowed there");
    public static readonly DiagnosticCode MissingKey = Define("SP2005", "missing-key", Severity.Error, "A required key is absent");
    public static readonly DiagnosticCode NotAllowedValue = Define("SP2006", "not-allowed-value", Severity.Error, "A word that is not one of the values allowed there");
    public static readonly DiagnosticCode UnknownReference = Define("SP2007", "unknown-reference", Severity.Error, "A name that refers to nothing the spec defines");
    public static readonly DiagnosticCode UnknownComponent = Define("SP2008", "unknown-component", Severity.Error, "A component the catalog does not have");
    public static readonly DiagnosticCode UnknownMode = Define("SP2009", "unknown-mode", Severity.Error, "A mode the component does not have");
    public static readonly DiagnosticCode UnknownSetting = Define("SP2010", "unknown-setting", Severity.Error, "A setting the component does not have");
    public static readonly DiagnosticCode ExtendsCycle = Define("SP2011", "extends-cycle", Severity.Error, "Environments extend each other in a cycle");
    public static readonly DiagnosticCode UnsupportedVersion = Define("SP2012", "unsupported", Severity.Error, "A format version, currency or YAML feature this Stackplan does not support");
    public static readonly DiagnosticCode ConflictingKeys = Define("SP2013", "conflicting-keys", Severity.Error, "Keys that exclude each other are both given");
    public static readonly DiagnosticCode InvalidFormula = Define("SP2014", "invalid-formula", Severity.Error, "A catalog formula that cannot be parsed or evaluated");
    public static readonly DiagnosticCode UnknownVariable = Define("SP2015", "unknown-variable", Severity.Error, "A formula reads a name that is neither a usage key, a setting nor a fact");
    public static readonly DiagnosticCode UnitMismatch = Define("SP2016", "unit-mismatch", Severity.Error, "A quantity's unit differs from its price's unit");
    public static readonly DiagnosticCode DuplicateKey = Define("SP2017", "duplicate-key", Severity.Error, "The same key or name is given twice");
    public static readonly DiagnosticCode ExpiredSuppression = Define("SP2018", "expired-suppression", Severity.Warning, "A rule suppression whose expiry date has passed");
    public static readonly DiagnosticCode InvalidTable = Define("SP2019", "invalid-table", Severity.Error, "A CSV data file (instance types, prices) with the wrong shape");
    public static readonly DiagnosticCode InvalidPlan = Define("SP2020", "invalid-plan", Severity.Error, "A Terraform plan or state JSON, or a saved JSON estimate, that cannot be read");
    public static readonly DiagnosticCode UsageFileAddress = Define("SP2021", "usage-file-address", Severity.Warning, "A usage file names a resource the plan does not have");
    public static readonly DiagnosticCode ManifestAssumption = Define("SP2022", "manifest-assumption", Severity.Warning, "A Kubernetes manifest leaves out what sizing needs (requests, a job's duration); the assumption made is stated");
    public static readonly DiagnosticCode UnknownCapability = Define("SP2023", "unknown-capability", Severity.Error, "A capability name no catalog component fills");
    public static readonly DiagnosticCode WrongCapability = Define("SP2024", "wrong-capability", Severity.Error, "A component bound to a capability it does not fill");
    public static readonly DiagnosticCode UnreadUsageKey = Define("SP2025", "unread-usage-key", Severity.Warning, "A usage key that no component of the deployment reads");
    public static readonly DiagnosticCode UnusedSpecPrice = Define("SP2026", "unused-spec-price", Severity.Warning, "A price the spec states that no priced line uses");
    public static readonly DiagnosticCode UnpricedSpecValue = Define("SP2027", "unpriced-spec-value", Severity.Warning, "A value the spec writes builds a price key no book holds, and a value close to it is priced");
    public static readonly DiagnosticCode UnsupportedProvider = Define("SP2030", "unsupported-provider", Severity.Error, "A provider no registered profile covers, or a service another provider's");

    // SP21xx: the command line.
    public static readonly DiagnosticCode UnknownCommand = Define("SP2101", "unknown-command", Severity.Error, "A command or action Stackplan does not have");
    public static readonly DiagnosticCode UnknownOption = Define("SP2102", "unknown-option", Severity.Error, "An option the command does not take, or one given twice");
    public static readonly DiagnosticCode InvalidOptionValue = Define("SP2103", "invalid-option-value", Severity.Error, "An option's value is malformed or out of range");
    public static readonly DiagnosticCode MissingArgument = Define("SP2104", "missing-argument", Severity.Error, "A required argument or option is absent");
    public static readonly DiagnosticCode UnknownName = Define("SP2105", "unknown-name", Severity.Error, "The command line names an environment, option, key, component or rule that does not exist");
    public static readonly DiagnosticCode ConflictingOptions = Define("SP2106", "conflicting-options", Severity.Error, "Options that exclude each other, or a request that cannot be met");
    public static readonly DiagnosticCode UnexpectedArgument = Define("SP2107", "unexpected-argument", Severity.Error, "More arguments than the command takes");
    public static readonly DiagnosticCode MissingSystemLibrary = Define("SP2108", "missing-system-library", Severity.Error, "A system library the command needs (OpenSSL) is not installed");

    // SP3xxx: pricing.
    public static readonly DiagnosticCode MissingPrice = Define("SP3001", "missing-price", Severity.Warning, "A line item has no price; the total leaves it out");
    public static readonly DiagnosticCode UnpricedResourceType = Define("SP3002", "unpriced-resource-type", Severity.Warning, "A Terraform resource type Stackplan does not price yet: listed with its count, not counted");
    public static readonly DiagnosticCode AssumedRegion = Define("SP3003", "assumed-region", Severity.Warning, "A Terraform plan names no region for its provider; us-east-1 is assumed");
    public static readonly DiagnosticCode NegativeQuantity = Define("SP3004", "negative-quantity", Severity.Warning, "A quantity formula gives a negative amount, counted as none");

    // SP4xxx: sizing.
    public static readonly DiagnosticCode NoGeneralNodeGroup = Define("SP4001", "no-general-node-group", Severity.Warning, "Pods have no node group to run on");
    public static readonly DiagnosticCode PodNeverSchedules = Define("SP4002", "pod-never-schedules", Severity.Warning, "A pod asks for more than one node can offer");
    public static readonly DiagnosticCode TooFewNodesDeclared = Define("SP4003", "too-few-nodes-declared", Severity.Warning, "A node group declares fewer nodes than its pods need");
    public static readonly DiagnosticCode MaxNodesTooLow = Define("SP4004", "max-nodes-too-low", Severity.Warning, "An autoscaling group's max is below what its pods need");
    public static readonly DiagnosticCode ServerlessDaemonSets = Define("SP4005", "serverless-daemonsets", Severity.Warning, "DaemonSets on serverless containers, which run none");
    public static readonly DiagnosticCode ServerlessTaskTooLarge = Define("SP4006", "serverless-task-too-large", Severity.Warning, "A task larger than the serverless service's largest size");
    public static readonly DiagnosticCode UnknownInstanceType = Define("SP4007", "unknown-instance-type", Severity.Error, "An instance type Stackplan does not know");
    public static readonly DiagnosticCode UnknownNodeGroup = Define("SP4008", "unknown-node-group", Severity.Error, "A workload asks for a node group its environment does not have");
    public static readonly DiagnosticCode ModeOverLimit = Define("SP4009", "mode-over-limit", Severity.Warning, "A component mode is used past the volume its vendor documents for it");
    public static readonly DiagnosticCode OverProvisioned = Define("SP4010", "over-provisioned", Severity.Warning, "A fixed node group whose pods use under 40% of it");
    public static readonly DiagnosticCode KubernetesOnlyOnEcs = Define("SP4011", "kubernetes-only-on-ecs", Severity.Warning, "Kubernetes-only components on ECS Fargate are left out");

    // SP5xxx: analyses.
    public static readonly DiagnosticCode ResultOverflow = Define("SP5001", "result-overflow", Severity.Error, "A result is beyond the largest amount Stackplan computes");
    public static readonly DiagnosticCode GateMissingPrice = Define("SP5002", "gate-missing-price", Severity.Error, "--fail-on-missing or --strict: a deployment has lines with no price");
    public static readonly DiagnosticCode GateBudgetExceeded = Define("SP5003", "gate-budget-exceeded", Severity.Error, "--max-monthly: a deployment costs more than the budget");
    public static readonly DiagnosticCode GateIncreaseExceeded = Define("SP5004", "gate-increase-exceeded", Severity.Error, "--max-increase: a deployment's total rose more than allowed over the baseline");
    public static readonly DiagnosticCode GateNoBaseline = Define("SP5005", "gate-no-baseline", Severity.Warning, "--against: the baseline report has no total for a deployment");
    public static readonly DiagnosticCode NothingPriced = Define("SP5007", "nothing-priced", Severity.Error, "A deployment has no priced line at all, so it has no total");
    public static readonly DiagnosticCode ProposalNotWritten = Define("SP5008", "proposal-not-written", Severity.Warning, "stackplan size could not write a proposal into the spec's text");
    public static readonly DiagnosticCode IncompleteAnalysis = Define("SP5006", "incomplete-analysis", Severity.Warning, "An analysis side has lines with no price; no decision is drawn on it");

    // SP6xxx: files, input and output.
    public static readonly DiagnosticCode CannotReadInput = Define("SP6001", "cannot-read-input", Severity.Error, "An input file or folder cannot be read");
    public static readonly DiagnosticCode InputTooLarge = Define("SP6002", "input-too-large", Severity.Error, "An input is larger than Stackplan reads");
    public static readonly DiagnosticCode InvalidEncoding = Define("SP6003", "invalid-encoding", Severity.Error, "An input file is not valid UTF-8");
    public static readonly DiagnosticCode CannotWriteOutput = Define("SP6101", "cannot-write-output", Severity.Error, "The output file cannot be written");
    public static readonly DiagnosticCode UnsafeOutput = Define("SP6102", "unsafe-output", Severity.Error, "-o names something that must not be replaced: a folder, a FIFO or device, or an input of the run");

    // SP7xxx: price books and vendor price files.
    public static readonly DiagnosticCode InvalidPriceFile = Define("SP7001", "invalid-price-file", Severity.Error, "A vendor price file, index or key map that cannot be read");
    public static readonly DiagnosticCode NotAPriceBook = Define("SP7002", "not-a-price-book", Severity.Error, "The file is not a price book this Stackplan reads");
    public static readonly DiagnosticCode CannotWritePriceBook = Define("SP7003", "cannot-write-price-book", Severity.Error, "The price book cannot be written; the previous one is unchanged");
    public static readonly DiagnosticCode DownloadFailed = Define("SP7004", "download-failed", Severity.Error, "A price file could not be downloaded");
    public static readonly DiagnosticCode NoMatch = Define("SP7005", "no-match", Severity.Warning, "A price book query matched nothing");
    public static readonly DiagnosticCode IncompletePages = Define("SP7006", "incomplete-pages", Severity.Warning, "Imported provider price pages end with a link to a page that was not given");

    /// <summary>The code with this id, or null.</summary>
    public static DiagnosticCode? Find(string id) => Registered.Find(c => c.Id == id);

    private static DiagnosticCode Define(string id, string name, Severity severity, string title)
    {
        var code = new DiagnosticCode(id, name, severity, title);
        Registered.Add(code);
        return code;
    }
}
