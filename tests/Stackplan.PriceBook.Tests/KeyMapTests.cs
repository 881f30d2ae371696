using System.Text.RegularExpressions;
using Stackplan.Core.Parsing;

namespace Stackplan.PriceBook.Tests;

/// <summary>
/// The key map (data/prices/aws-price-list-keys.yaml) turns real-format offer files of every
/// service the catalog prices into the catalog's keys, in its units. Fixtures/keymap holds one small
/// offer file per service, written by us with the product families, attributes, usage types and
/// units the real files carry (the map's comments cite where each was checked), plus decoys that
/// must not price the key (MySQL beside PostgreSQL, Valkey beside Redis, Express brokers, NLB hours,
/// I/O-Optimized DocumentDB, inter-region transfer).
/// </summary>
public sealed partial class KeyMapTests(KeyMapTests.ImportedFixtures imported) : IClassFixture<KeyMapTests.ImportedFixtures>
{
    /// <summary>The fixture folder imported once for the whole class (every term type, as `update` would).</summary>
    public sealed class ImportedFixtures : IDisposable
    {
        private readonly TestBook _book = new();

        public ImportedFixtures()
        {
            var (exit, _, err) = _book.Import("keymap", "--terms", "all");
            exit.ShouldBe(0, err);
            Prices = SqlitePriceBook.Open(_book.Path);
        }

        public SqlitePriceBook Prices { get; }

        public void Dispose() => _book.Dispose();
    }

    private SqlitePriceBook Prices => imported.Prices;

    /// <summary>Key, region, the catalog's unit, and the price in that unit (AWS unit converted).</summary>
    public static TheoryData<string, string, string, decimal> ExpectedPrices => new()
    {
        { "rds/postgres/db.t3.large/single-az", "us-east-1", "hour", 0.145m },
        { "rds/postgres/db.t3.large/multi-az", "us-east-1", "hour", 0.29m },
        { "rds/postgres/db.m6g.large/single-az", "eu-west-1", "hour", 0.178m },
        { "rds/storage/gp2/single-az", "us-east-1", "GB-month", 0.115m },
        { "rds/storage/gp2/multi-az", "us-east-1", "GB-month", 0.23m },
        { "rds/storage/gp3/single-az", "us-east-1", "GB-month", 0.115m },
        { "rds/storage/gp3/multi-az", "us-east-1", "GB-month", 0.23m },
        { "rds/backup-storage", "us-east-1", "GB-month", 0.095m },
        { "elasticache/node/cache.t3.micro", "us-east-1", "hour", 0.017m },
        { "elasticache/backup-storage", "us-east-1", "GB-month", 0.085m },
        { "opensearch/instance/t3.small.search", "us-east-1", "hour", 0.036m },
        { "opensearch/ebs/gp3", "us-east-1", "GB-month", 0.122m },
        { "docdb/instance/db.t3.medium", "us-east-1", "hour", 0.078m },
        { "docdb/storage", "us-east-1", "GB-month", 0.10m },
        { "docdb/io", "us-east-1", "1M requests", 0.20m }, // $0.0000002 per I/O x 1,000,000
        { "docdb/backup-storage", "us-east-1", "GB-month", 0.021m },
        { "msk/broker/kafka.m5.large", "us-east-1", "hour", 0.21m }, // usage type Kafka.m5.large, lower-cased
        { "msk/broker/kafka.m5.large", "eu-west-1", "hour", 0.236m },
        { "msk/storage", "us-east-1", "GB-month", 0.10m },
        { "mwaa/environment/small", "us-east-1", "hour", 0.49m }, // size "Small"
        { "mwaa/environment/2xlarge", "us-east-1", "hour", 3.96m },
        { "mwaa/worker/medium", "us-east-1", "hour", 0.11m },
        { "elb/alb/hour", "us-east-1", "hour", 0.0225m },
        { "elb/alb/lcu", "us-east-1", "LCU-hour", 0.008m },
        { "ecr/storage", "us-east-1", "GB-month", 0.10m },
        { "secretsmanager/secret", "us-east-1", "secret-month", 0.40m },
        { "secretsmanager/api-requests", "us-east-1", "10k requests", 0.05m }, // per request x 10,000
        { "kms/customer-key", "us-east-1", "key-month", 1.00m },
        { "grafana/editor-user", "us-east-1", "user-month", 9m },
        { "grafana/viewer-user", "us-east-1", "user-month", 5m },
        { "transfer/internet-out", "us-east-1", "GB", 0.09m },
        { "transfer/inter-az/out", "us-east-1", "GB", 0.01m },
        { "transfer/inter-az/in", "us-east-1", "GB", 0.01m },
        { "vpc/interface-endpoint/hour", "us-east-1", "hour", 0.01m },
        { "vpc/interface-endpoint/data", "us-east-1", "GB", 0.01m },
        { "s3/requests/put", "us-east-1", "1000 requests", 0.005m }, // per request x 1,000
        { "s3/requests/get", "us-east-1", "1000 requests", 0.0004m },
        { "cloudwatch/logs/ingestion/infrequent-access", "us-east-1", "GB", 0.25m },
    };

    [Theory]
    [MemberData(nameof(ExpectedPrices))]
    public void A_real_format_offer_file_prices_the_catalog_key_in_its_unit(string key, string region, string unit, decimal price)
    {
        var entry = Prices.Find(key, region);
        entry.ShouldNotBeNull($"{key} in {region} was not priced by the imported offer files");
        (entry.Unit, entry.FirstPaidUnitPrice).ShouldBe((unit, price));
        entry.Source.ShouldStartWith("AWS Price List ");
        entry.AsOf.ShouldBe("2026-11-01");
    }

    [Fact]
    public void Tiered_transfer_and_endpoint_prices_keep_their_bands()
    {
        Prices.Find("transfer/internet-out", "us-east-1")!.Tiers.Select(t => (t.From, t.To, t.UnitPrice)).ShouldBe(
            [(0m, 10240m, 0.09m), (10240m, 51200m, 0.085m), (51200m, 153600m, 0.07m), (153600m, null, 0.05m)]);
        Prices.Find("vpc/interface-endpoint/data", "us-east-1")!.Tiers.Select(t => (t.From, t.To, t.UnitPrice)).ShouldBe(
            [(0m, 1048576m, 0.01m), (1048576m, 5242880m, 0.006m), (5242880m, null, 0.004m)]);
    }

    [Fact]
    public void Decoys_of_another_engine_class_or_kind_never_price_a_key()
    {
        var keys = Prices.Entries.Select(e => e.Key).ToHashSet();
        keys.ShouldNotContain("msk/broker/express.m7g.large");
        keys.ShouldNotContain("mwaa/environment/medium"); // only a Scheduler is Medium in the fixture
        keys.Where(k => k.StartsWith("rds/postgres/", StringComparison.Ordinal)).Order().ShouldBe(
            ["rds/postgres/db.m6g.large/single-az", "rds/postgres/db.t3.large/multi-az", "rds/postgres/db.t3.large/single-az"]);
        Prices.Entries.Where(e => e.Key == "elasticache/node/cache.t3.micro").Select(e => e.FirstPaidUnitPrice).ShouldBe([0.017m]); // not Valkey's 0.0136
        Prices.Find("docdb/instance/db.t3.medium", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.078m); // not I/O-Optimized
        Prices.Find("rds/postgres/db.t3.large/single-az", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.145m); // not MySQL, not extended support
        Prices.Find("transfer/inter-az/out", "us-east-1")!.FirstPaidUnitPrice.ShouldBe(0.01m); // not the inter-region 0.02
    }

    [Fact]
    public void The_default_import_takes_every_offer_the_key_map_uses()
    {
        var offers = PriceListKeyMap.Embedded.OfferCodes.ToList();
        foreach (var file in Directory.GetFiles(TestBook.Fixture("keymap"), "*.json"))
        {
            offers.ShouldContain(Path.GetFileNameWithoutExtension(file));
        }
    }

    /// <summary>
    /// Every AWS price key a catalog cost rule uses is either imported by a rule of the key map or
    /// listed under its `unverified:` with the reason, so a new catalog key cannot silently stay
    /// unrefreshable. Placeholders on either side match any one path segment.
    /// </summary>
    [Fact]
    public void Every_aws_price_key_the_catalog_uses_is_mapped_or_listed_as_unverified()
    {
        var map = PriceListKeyMap.Embedded;
        var mapped = map.Rules.Select(r => Sample(r.KeyTemplate))
            .Concat(map.Unverified.Select(u => Sample(u.Key)))
            .Concat(LeftOutOnPurpose).ToList();
        var catalogKeys = EmbeddedData.Catalog().Components
            .Where(c => c.RunsOn("aws"))
            .SelectMany(c => c.Costs.Concat(c.Modes.SelectMany(m => m.Costs)))
            .Select(r => r.PriceKey)
            .Where(k => !k.StartsWith("{provider.", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal);
        var unmapped = catalogKeys.Where(k => !mapped.Any(m => Pattern(k).IsMatch(m)));
        unmapped.ShouldBeEmpty();
        map.Unverified.ShouldAllBe(u => u.Reason.Length > 0);
    }

    /// <summary>Keys the map's header says are left out on purpose, with the reason there.</summary>
    private static readonly string[] LeftOutOnPurpose = ["eks/cluster/extended"];

    private static string Sample(string template) => Placeholder().Replace(template, "x");

    private static Regex Pattern(string catalogKey) =>
        new("^" + string.Join("[^/]+", Placeholder().Split(catalogKey).Where((_, i) => i % 2 == 0).Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Placeholder();
}
