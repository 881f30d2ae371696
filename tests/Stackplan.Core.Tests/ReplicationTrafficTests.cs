using Stackplan.Core.Parsing;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Tests;

/// <summary>
/// Replicated components bill the copies their replication sends between zones: ingest volume x
/// (min(replication factor, zones) - 1), on both sides at $0.01/GB each in us-east-1
/// (transfer/inter-az/out and /in). A single-zone environment has no such line.
/// </summary>
public sealed class ReplicationTrafficTests
{
    private static readonly Estimator Estimator = EmbeddedData.Estimator();

    private static Bill Estimate(string capability, int zones, string usage) => Estimator.EstimateAll(SpecReader.Read($$$"""
        stackplan: 1
        name: replication
        region: us-east-1
        usage:
          {{{usage}}}
        capabilities:
          {{{capability}}}
        environments:
          prod:
            zones: {{{zones}}}
            natGateways: none
            cluster: {kind: eks}
            nodeGroups:
              - {name: general, instanceType: m5.2xlarge, min: 3, max: 30, disk: {sizeGb: 50, type: gp3}}
        """, "replication.yaml")).Single();

    /// <summary>GB a side, expected point, of a component's lines priced between zones.</summary>
    private static (decimal Out, decimal In, decimal Monthly) CrossZone(Bill bill, string component)
    {
        var lines = bill.Lines.Where(l => l.Component == component && l.PriceKey.StartsWith("transfer/inter-az/", StringComparison.Ordinal)).ToList();
        return (lines.Where(l => l.PriceKey.EndsWith("/out", StringComparison.Ordinal)).Sum(l => l.Quantity.Expected),
                lines.Where(l => l.PriceKey.EndsWith("/in", StringComparison.Ordinal)).Sum(l => l.Quantity.Expected),
                lines.Sum(l => l.Monthly!.Value.Expected));
    }

    private const string Kafka = "messaging: {component: kafka-strimzi, mode: kraft}";

    [Theory]
    // 10 MB/s x 3,600 s x 730 h / 1,000 = 26,280 GB a month taken in by the leaders.
    [InlineData(3, 52_560, 1_051.20)] // RF 3 over 3 zones: 2 copies cross, billed out and in at $0.01
    [InlineData(2, 26_280, 525.60)] // 2 zones: one follower shares the leader's zone
    public void Kafka_replication_between_zones_follows_ingress_times_copies_in_other_zones(int zones, decimal gbPerSide, decimal monthly)
    {
        var bill = Estimate(Kafka, zones, "kafka_ingress_mb_per_second: 10");
        CrossZone(bill, "kafka-strimzi").ShouldBe((gbPerSide, gbPerSide, monthly));
    }

    [Fact]
    public void Kafka_replication_traffic_doubles_with_the_ingress()
    {
        var at10 = CrossZone(Estimate(Kafka, 3, "kafka_ingress_mb_per_second: 10"), "kafka-strimzi");
        var at20 = CrossZone(Estimate(Kafka, 3, "kafka_ingress_mb_per_second: 20"), "kafka-strimzi");
        at20.Monthly.ShouldBe(at10.Monthly * 2);
    }

    [Fact]
    public void A_lower_replication_factor_sends_fewer_copies()
    {
        var bill = Estimate("messaging: {component: kafka-strimzi, mode: kraft, settings: {replication_factor: 2}}", 3, "kafka_ingress_mb_per_second: 10");
        CrossZone(bill, "kafka-strimzi").ShouldBe((26_280m, 26_280m, 525.60m));
    }

    [Fact]
    public void A_single_zone_environment_has_no_line_between_zones()
    {
        var bill = Estimate(Kafka, 1, "kafka_ingress_mb_per_second: 10");
        bill.Lines.ShouldNotContain(l => l.PriceKey.StartsWith("transfer/inter-az/", StringComparison.Ordinal));
    }

    [Fact]
    public void Loki_ingester_replication_follows_the_log_volume()
    {
        // 100 GB/day x 730/24 days x (min(3, 3) - 1) = 6,083.33 GB a side; x $0.01 x 2 sides.
        var bill = Estimate("logs: {component: loki, mode: simple-scalable}", 3, "logs_gb_per_day: 100");
        var (gbOut, gbIn, monthly) = CrossZone(bill, "loki");
        decimal.Round(gbOut, 2).ShouldBe(6_083.33m);
        gbIn.ShouldBe(gbOut);
        monthly.ShouldBe(121.66m);
    }

    [Fact]
    public void Mongodb_and_elasticsearch_replicate_only_the_writes_they_are_given()
    {
        // No write volume given: no line (their defaults are 0, there is no sizing basis for one).
        CrossZone(Estimate("document-database: mongodb", 3, "mongodb_writes_gb_per_month: 0"), "mongodb").Monthly.ShouldBe(0m);

        // 1,000 GB of oplog a month to 2 secondaries in other zones; 500 GB indexed to 1 replica shard.
        CrossZone(Estimate("document-database: mongodb", 3, "mongodb_writes_gb_per_month: 1000"), "mongodb").ShouldBe((2_000m, 2_000m, 40.00m));
        CrossZone(Estimate("search: {component: elasticsearch, mode: cluster}", 3, "search_indexed_gb_per_month: 500"), "elasticsearch").ShouldBe((500m, 500m, 10.00m));
    }
}
