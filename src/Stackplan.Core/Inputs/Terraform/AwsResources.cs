using System.Collections.Frozen;
using System.Globalization;
using Stackplan.Core.Model;

namespace Stackplan.Core.Inputs.Terraform;

/// <summary>
/// The registry of AWS resource types: for each priced type, how its arguments and usage become
/// charges against price-book keys (the same keys the catalog prices with; the prices themselves
/// stay in the price books); the types AWS does not charge for; everything else is unsupported
/// and listed as such. Defaults follow the AWS provider's documentation where an argument is unset,
/// and Infracost's documented assumptions (infracost/infracost@95ba4f49 internal/resources/aws,
/// internal/providers/terraform/aws) where Terraform has none (an instance's 8 GB gp2 root, a node
/// group's t3.medium and 20 GB disk).
/// </summary>
public static class AwsResources
{
    private const decimal Hours = Money.HoursPerMonth;

    private static readonly FrozenDictionary<string, Action<ResourceReader>> Priced = new Dictionary<string, Action<ResourceReader>>(StringComparer.Ordinal)
    {
        ["aws_instance"] = Instance,
        ["aws_autoscaling_group"] = AutoscalingGroup,
        ["aws_eks_cluster"] = EksCluster,
        ["aws_eks_node_group"] = EksNodeGroup,
        ["aws_eks_fargate_profile"] = EksFargateProfile,
        ["aws_ecs_service"] = EcsService,
        ["aws_nat_gateway"] = NatGateway,
        ["aws_eip"] = Eip,
        ["aws_lb"] = LoadBalancer,
        ["aws_alb"] = LoadBalancer,
        ["aws_vpc_endpoint"] = VpcEndpoint,
        ["aws_ebs_volume"] = EbsVolume,
        ["aws_ebs_snapshot"] = EbsSnapshot,
        ["aws_s3_bucket"] = S3Bucket,
        ["aws_cloudwatch_log_group"] = LogGroup,
        ["aws_cloudwatch_metric_alarm"] = MetricAlarm,
        ["aws_cloudwatch_dashboard"] = r => r.Add("dashboard", Category.Dashboards, "cloudwatch/dashboard", "dashboard-month", ValueRange.Exactly(1), "1 dashboard"),
        ["aws_db_instance"] = DbInstance,
        ["aws_rds_cluster"] = RdsCluster,
        ["aws_rds_cluster_instance"] = RdsClusterInstance,
        ["aws_docdb_cluster"] = DocDbCluster,
        ["aws_docdb_cluster_instance"] = DocDbInstance,
        ["aws_elasticache_cluster"] = ElastiCacheCluster,
        ["aws_elasticache_replication_group"] = ElastiCacheReplicationGroup,
        ["aws_opensearch_domain"] = SearchDomain,
        ["aws_elasticsearch_domain"] = SearchDomain,
        ["aws_msk_cluster"] = MskCluster,
        ["aws_mwaa_environment"] = MwaaEnvironment,
        ["aws_kms_key"] = KmsKey,
        ["aws_secretsmanager_secret"] = SecretsManagerSecret,
        ["aws_ecr_repository"] = r => r.AddUsage("storage", Category.Storage, "ecr/storage", "GB-month", r.UsageOf("storage_gb"), "storage_gb from the usage file"),
        ["aws_backup_vault"] = BackupVault,
        ["aws_prometheus_workspace"] = PrometheusWorkspace,
        ["aws_grafana_workspace"] = GrafanaWorkspace,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Resource types AWS does not charge for by themselves (their cost, if any, shows on the resources that use them).</summary>
    private static readonly FrozenSet<string> Free = new[]
    {
        "aws_vpc", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association", "aws_main_route_table_association",
        "aws_internet_gateway", "aws_egress_only_internet_gateway", "aws_default_vpc", "aws_default_subnet", "aws_default_route_table",
        "aws_default_security_group", "aws_default_network_acl", "aws_network_acl", "aws_network_acl_rule", "aws_network_acl_association",
        "aws_vpc_dhcp_options", "aws_vpc_dhcp_options_association", "aws_vpc_ipv4_cidr_block_association", "aws_eip_association",
        "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
        "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment",
        "aws_iam_instance_profile", "aws_iam_user", "aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_group",
        "aws_iam_group_policy_attachment", "aws_iam_group_membership", "aws_iam_openid_connect_provider", "aws_iam_service_linked_role",
        "aws_iam_access_key", "aws_key_pair", "aws_launch_template", "aws_launch_configuration", "aws_placement_group",
        "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_task_definition", "aws_ecs_capacity_provider",
        "aws_eks_addon", "aws_eks_access_entry", "aws_eks_access_policy_association", "aws_eks_identity_provider_config", "aws_eks_pod_identity_association",
        "aws_lb_target_group", "aws_alb_target_group", "aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule", "aws_alb_listener_rule",
        "aws_lb_target_group_attachment", "aws_alb_target_group_attachment", "aws_lb_listener_certificate",
        "aws_db_subnet_group", "aws_db_parameter_group", "aws_db_option_group", "aws_rds_cluster_parameter_group",
        "aws_elasticache_subnet_group", "aws_elasticache_parameter_group", "aws_docdb_subnet_group", "aws_docdb_cluster_parameter_group",
        "aws_msk_configuration", "aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy",
        "aws_kms_alias", "aws_kms_grant", "aws_secretsmanager_secret_version", "aws_secretsmanager_secret_policy", "aws_secretsmanager_secret_rotation",
        "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy", "aws_backup_plan", "aws_backup_selection", "aws_backup_vault_policy",
        "aws_s3_bucket_policy", "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block", "aws_s3_bucket_acl", "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_logging", "aws_s3_bucket_cors_configuration",
        "aws_s3_bucket_notification", "aws_s3_bucket_website_configuration",
        "aws_cloudwatch_log_stream", "aws_cloudwatch_log_resource_policy", "aws_cloudwatch_log_subscription_filter", "aws_flow_log",
        "aws_autoscaling_policy", "aws_autoscaling_attachment", "aws_autoscaling_lifecycle_hook", "aws_autoscaling_schedule",
        "aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_acm_certificate", "aws_acm_certificate_validation",
        "aws_ssm_parameter", "aws_volume_attachment", "aws_network_interface_attachment", "aws_prometheus_rule_group_namespace", "aws_prometheus_alert_manager_definition",
        "aws_grafana_workspace_api_key", "aws_grafana_role_association", "aws_mwaa_environment_policy",
        "random_id", "random_password", "random_string", "random_pet", "random_integer", "random_uuid", "random_shuffle",
        "null_resource", "terraform_data", "tls_private_key", "tls_self_signed_cert", "time_sleep", "time_static", "time_rotating", "local_file",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsPriced(string type) => Priced.ContainsKey(type);

    public static bool IsFree(string type) => Free.Contains(type);

    /// <summary>The resource types this registry prices, sorted: for docs and tests.</summary>
    public static IEnumerable<string> PricedTypes => Priced.Keys.Order(StringComparer.Ordinal);

    /// <summary>Adds the charges of one priced resource; false when its type is not priced here.</summary>
    public static bool Map(ResourceReader r)
    {
        if (!Priced.TryGetValue(r.Resource.Type, out var map))
        {
            return false;
        }

        map(r);
        return true;
    }

    // ---- compute -------------------------------------------------------------------------------

    private static void Instance(ResourceReader r)
    {
        var count = ValueRange.Exactly(1);
        var template = FirstReference(r, "launch_template.0.id", "launch_template.0.name");
        var type = r.Text("instance_type") ?? (template is null ? null : ResourceReader.Text(template.Values, "instance_type"));
        var spot = r.Text("spot_price") is not null || r.Text("instance_market_options.0.market_type") is "spot"
            || (template is not null && ResourceReader.Text(template.Values, "instance_market_options.0.market_type") is "spot");
        var cpuCredits = r.Text("credit_specification.0.cpu_credits") ?? (template is null ? null : ResourceReader.Text(template.Values, "credit_specification.0.cpu_credits"));
        var tenancy = r.Text("tenancy") ?? (template is null ? null : ResourceReader.Text(template.Values, "placement.0.tenancy"));
        if (r.Text("host_id") is null)
        {
            InstanceHours(r, type, count, spot, tenancy, "1 instance");
        }

        if (r.Flag("monitoring") || (template is not null && ResourceReader.Text(template.Values, "monitoring.0.enabled") is "true"))
        {
            DetailedMonitoring(r, count);
        }

        CpuCredits(r, type, cpuCredits, count);

        // The AMI's root volume is there whether or not the configuration describes it: 8 GB gp2 when it does not
        // (Infracost's assumption). A launch template's block devices come on top, the instance's own
        // ebs_block_device winning for the same device name.
        if (r.Get("root_block_device.0") is { } root)
        {
            Volume(r, "root volume", ResourceReader.Text(root, "volume_type"), ResourceReader.Number(root, "volume_size"), ResourceReader.Number(root, "iops"), ResourceReader.Number(root, "throughput"), count);
        }
        else
        {
            Volume(r, "root volume", null, null, null, null, count, "no root_block_device: the AMI's root volume, 8 GB gp2 assumed");
        }

        var devices = new List<(string Name, System.Text.Json.JsonElement Block)>();
        if (template is not null)
        {
            foreach (var mapping in r.Over(template).Blocks("block_device_mappings"))
            {
                if (ResourceReader.Get(mapping, "ebs.0") is { } ebs)
                {
                    devices.Add((ResourceReader.Text(mapping, "device_name") ?? "block device", ebs));
                }
            }
        }

        foreach (var device in r.Blocks("ebs_block_device"))
        {
            var name = ResourceReader.Text(device, "device_name") ?? "block device";
            devices.RemoveAll(d => d.Name == name);
            devices.Add((name, device));
        }

        foreach (var (name, block) in devices)
        {
            Volume(r, $"EBS device {name}", ResourceReader.Text(block, "volume_type"), ResourceReader.Number(block, "volume_size"), ResourceReader.Number(block, "iops"), ResourceReader.Number(block, "throughput"), count);
        }
    }

    private static void AutoscalingGroup(ResourceReader r)
    {
        var desired = r.Number("desired_capacity") ?? r.Number("min_size") ?? 0m;
        var (count, origin) = r.UsageOr("instances", desired > 0 ? desired : 1m);
        var countNote = r.UsageOf("instances") is null ? (desired > 0 ? $"{ResourceReader.Plain(desired)} instance(s) (desired_capacity, else min_size)" : "1 instance (no desired_capacity or min_size; set 'instances' in the usage file)") : origin;
        var template = FirstReference(r, "launch_template.0.id", "launch_template.0.name", "mixed_instances_policy.0.launch_template.0.launch_template_specification.0.launch_template_id",
            "mixed_instances_policy.0.launch_template.0.launch_template_specification.0.launch_template_name");
        var configuration = FirstReference(r, "launch_configuration");
        if (template is not null)
        {
            var lt = r.Over(template);
            var type = r.Text("mixed_instances_policy.0.launch_template.0.override.0.instance_type") ?? lt.Text("instance_type");
            var onDemandPercent = r.Number("mixed_instances_policy.0.instances_distribution.0.on_demand_percentage_above_base_capacity") ?? 100m;
            var onDemandBase = r.Number("mixed_instances_policy.0.instances_distribution.0.on_demand_base_capacity") ?? 0m;
            var spotTemplate = lt.Text("instance_market_options.0.market_type") is "spot";
            var onDemand = spotTemplate ? ValueRange.Zero : count.Map(n => Math.Min(n, onDemandBase) + Math.Ceiling(Math.Max(0m, n - onDemandBase) * onDemandPercent / 100m));
            var spot = count.Map(n => n) + onDemand * -1m;
            if (onDemand.High > 0)
            {
                InstanceHours(r, type, onDemand, false, lt.Text("placement.0.tenancy"), countNote);
            }

            if (spot.High > 0)
            {
                InstanceHours(r, type, spot, true, lt.Text("placement.0.tenancy"), countNote);
            }

            if (lt.Text("monitoring.0.enabled") is "true")
            {
                DetailedMonitoring(r, count);
            }

            CpuCredits(r, type, lt.Text("credit_specification.0.cpu_credits"), count);
            TemplateVolumes(r, template, count);
            return;
        }

        if (configuration is not null)
        {
            var lc = r.Over(configuration);
            var type = lc.Text("instance_type");
            InstanceHours(r, type, count, lc.Text("spot_price") is not null, lc.Text("placement_tenancy"), countNote);
            if (lc.Flag("enable_monitoring"))
            {
                DetailedMonitoring(r, count);
            }

            CpuCredits(r, type, lc.Text("credit_specification.0.cpu_credits"), count);
            Volume(r, "root volume", lc.Text("root_block_device.0.volume_type"), lc.Number("root_block_device.0.volume_size"), lc.Number("root_block_device.0.iops"), lc.Number("root_block_device.0.throughput"), count);
            foreach (var device in lc.Blocks("ebs_block_device"))
            {
                Volume(r, $"EBS device {ResourceReader.Text(device, "device_name") ?? ""}".TrimEnd(), ResourceReader.Text(device, "volume_type"), ResourceReader.Number(device, "volume_size"), ResourceReader.Number(device, "iops"), ResourceReader.Number(device, "throughput"), count);
            }

            return;
        }

        r.Add("instances", Category.Compute, null, "hour", count * Hours, "neither its launch template nor its launch configuration is in the plan, so the instance type is unknown");
    }

    private static void EksNodeGroup(ResourceReader r)
    {
        var desired = r.Number("scaling_config.0.desired_size") ?? 0m;
        var (count, origin) = r.UsageOr("instances", desired);
        var note = r.UsageOf("instances") is null ? $"{ResourceReader.Plain(desired)} node(s) (scaling_config.desired_size)" : origin;
        var template = FirstReference(r, "launch_template.0.id", "launch_template.0.name");
        var type = r.Text("instance_types.0") ?? (template is null ? null : ResourceReader.Text(template.Values, "instance_type")) ?? "t3.medium";
        var spot = string.Equals(r.Text("capacity_type"), "SPOT", StringComparison.OrdinalIgnoreCase)
            || (template is not null && ResourceReader.Text(template.Values, "instance_market_options.0.market_type") is "spot");
        if (count.High == 0m)
        {
            // A group scaled to zero runs no node, so neither its (possibly unpublished spot) price nor its disks count.
            r.Free($"{type} nodes (scaled to zero)", $"{note}: no node runs; set 'instances' in the usage file to price the ones it scales to");
            return;
        }

        InstanceHours(r, type, count, spot, null, note + (r.Text("instance_types.0") is null && template is null ? "; no instance_types: t3.medium (the EKS default)" : ""));
        CpuCredits(r, type, template is null ? null : ResourceReader.Text(template.Values, "credit_specification.0.cpu_credits"), count);
        if (template is not null && template.Values.TryGetProperty("block_device_mappings", out _))
        {
            TemplateVolumes(r, template, count);
        }
        else
        {
            var size = r.Number("disk_size");
            Volume(r, "node disks", "gp2", size ?? 20m, null, null, count, size is null ? "no disk_size: 20 GB gp2 (the EKS default)" : null);
        }
    }

    private static void EksCluster(ResourceReader r)
    {
        var version = r.Text("version");
        var extended = version is not null && EksSupport.IsExtended(version, r.AsOf);
        var note = version is null ? "no version: the newest, in standard support"
            : extended ? $"Kubernetes {version} left standard support on {EksSupport.StandardEnd(version):yyyy-MM-dd}: extended support (its price includes the standard fee)"
            : $"Kubernetes {version} in standard support" + (EksSupport.StandardEnd(version) is { } end ? $" until {end:yyyy-MM-dd}" : "");
        r.Add(extended ? "control plane (extended support)" : "control plane", Category.Compute, extended ? "eks/cluster/extended" : "eks/cluster/standard", "hour", ValueRange.Exactly(Hours), note + "; 730 h");
    }

    private static void EksFargateProfile(ResourceReader r)
    {
        // A profile costs through the pods it runs. Without usage, one pod of 1 vCPU and 1 GB running
        // all month is assumed, as Infracost does (internal/resources/aws/eks_fargate_profile.go).
        var pods = r.UsageOf("pods") ?? ValueRange.Exactly(1);
        var vcpu = r.UsageOf("vcpu_per_pod") ?? ValueRange.Exactly(1);
        var memory = r.UsageOf("memory_gb_per_pod") ?? ValueRange.Exactly(1);
        var hours = r.UsageOf("monthly_hrs") ?? ValueRange.Exactly(Hours);
        r.AddUsage("pod vCPU", Category.Compute, "ecs/fargate/vcpu-hour", "vCPU-hour", Multiply(pods, vcpu, hours), $"pods {ResourceReader.Plain(pods)} x vcpu_per_pod {ResourceReader.Plain(vcpu)} x {ResourceReader.Plain(hours)} h");
        r.AddUsage("pod memory", Category.Compute, "ecs/fargate/gb-hour", "GB-hour", Multiply(pods, memory, hours), $"pods {ResourceReader.Plain(pods)} x memory_gb_per_pod {ResourceReader.Plain(memory)} x {ResourceReader.Plain(hours)} h");
    }

    private static void EcsService(ResourceReader r)
    {
        var launchType = r.Text("launch_type");
        var provider = r.Text("capacity_provider_strategy.0.capacity_provider");
        if (!(launchType is "FARGATE" || provider is "FARGATE" or "FARGATE_SPOT"))
        {
            // EC2 (the default launch type without a capacity provider strategy) and external tasks run on
            // instances that are priced as those instances.
            r.Free("tasks on EC2 or external capacity", "tasks on EC2 or external capacity cost through their instances, priced on their own resources");
            return;
        }

        var task = FirstReference(r, "task_definition");
        var desired = r.Number("desired_count") ?? 0m;
        var (count, origin) = r.UsageOr("desired_count", desired);
        if (task is null)
        {
            r.Add("Fargate tasks", Category.Compute, null, "hour", count * Hours, "the task definition is not in the plan, so its CPU and memory are unknown");
            return;
        }

        var t = r.Over(task);
        var vcpu = FargateCpu(t.Text("cpu"));
        var memoryGb = FargateMemory(t.Text("memory"));
        var arm = string.Equals(t.Text("runtime_platform.0.cpu_architecture"), "ARM64", StringComparison.OrdinalIgnoreCase);
        var windows = t.Text("runtime_platform.0.operating_system_family") is { } os && os.StartsWith("WINDOWS", StringComparison.OrdinalIgnoreCase);
        var family = windows ? "windows/" : arm ? "arm/" : "";
        var spot = provider is "FARGATE_SPOT" ? "spot/" : "";
        var taskNote = $"{(r.UsageOf("desired_count") is null ? $"desired_count {ResourceReader.Plain(desired)}" : origin)} x {task.Address}";
        if (vcpu is null || memoryGb is null)
        {
            r.Add("Fargate tasks", Category.Compute, null, "hour", count * Hours, $"{task.Address} has no task-level cpu/memory Fargate can price");
            return;
        }

        r.Add($"Fargate vCPU ({ResourceReader.Plain(vcpu.Value)} vCPU per task)", Category.Compute, $"ecs/fargate/{spot}{family}vcpu-hour", "vCPU-hour", count * (vcpu.Value * Hours), $"{taskNote} cpu {ResourceReader.Plain(vcpu.Value)} vCPU x 730 h");
        r.Add($"Fargate memory ({ResourceReader.Plain(memoryGb.Value)} GB per task)", Category.Compute, $"ecs/fargate/{spot}{family}gb-hour", "GB-hour", count * (memoryGb.Value * Hours), $"{taskNote} memory {ResourceReader.Plain(memoryGb.Value)} GB x 730 h");
        if (windows)
        {
            r.Add("Fargate Windows licence", Category.Compute, $"ecs/fargate/windows/license-hour", "vCPU-hour", count * (vcpu.Value * Hours), $"{taskNote} Windows OS licence per vCPU-hour");
        }

        if (t.Number("ephemeral_storage.0.size_in_gib") is { } storage && storage > 20m)
        {
            r.Add("Fargate ephemeral storage above 20 GB", Category.Storage, "ecs/fargate/ephemeral-storage", "GB-hour", count * ((storage - 20m) * Hours), $"{taskNote} ({ResourceReader.Plain(storage)} GiB, 20 GB included)");
        }
    }

    /// <summary>Task CPU: "256" CPU units (1024 = 1 vCPU) or "0.25 vCPU".</summary>
    internal static decimal? FargateCpu(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var lower = text.Trim().ToLowerInvariant();
        if (lower.EndsWith("vcpu", StringComparison.Ordinal))
        {
            return decimal.TryParse(lower[..^4].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        }

        return decimal.TryParse(lower, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) ? units / 1024m : null;
    }

    /// <summary>Task memory: "512" MiB or "2 GB".</summary>
    internal static decimal? FargateMemory(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var lower = text.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (lower.EndsWith("gb", StringComparison.Ordinal))
        {
            return decimal.TryParse(lower[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        }

        return decimal.TryParse(lower, NumberStyles.Float, CultureInfo.InvariantCulture, out var mib) ? mib / 1024m : null;
    }

    private static void InstanceHours(ResourceReader r, string? type, ValueRange count, bool spot, string? tenancy, string countNote)
    {
        var (hours, hoursOrigin) = r.UsageOr("monthly_hrs", Hours);
        var os = r.UsageText("operating_system") is { } system && !string.Equals(system, "linux", StringComparison.OrdinalIgnoreCase) ? system.ToLowerInvariant() : null;
        if (type is null)
        {
            r.Add("instance hours", Category.Compute, null, "hour", Multiply(count, hours), "no instance_type in the plan (unknown until apply?)");
            return;
        }

        var variant = spot ? "/spot" : tenancy is "dedicated" ? "/dedicated" : tenancy is "host" ? "/host" : os is not null ? "/" + os : "";
        var capacity = spot ? "spot" : tenancy is "dedicated" ? "dedicated" : "on-demand";
        var note = $"{countNote} x {ResourceReader.Plain(hours)} h ({hoursOrigin})" +
            (spot ? "; spot: AWS publishes no fixed spot price, so it is missing rather than guessed" : "");
        r.Add($"{type} ({capacity})", Category.Compute, $"ec2/instance/{type}{variant}", "hour", Multiply(count, hours), note);
    }

    private static void DetailedMonitoring(ResourceReader r, ValueRange count) =>
        r.Add("detailed monitoring (7 metrics per instance)", Category.Metrics, "cloudwatch/metrics/custom", "metric-month", count * 7m, "EC2 detailed monitoring publishes 7 metrics per instance at the custom-metric rate");

    /// <summary>Unlimited-mode CPU credits beyond the baseline: usage monthly_cpu_credit_hrs x vcpu_count; t3/t3a/t4g default to unlimited.</summary>
    private static void CpuCredits(ResourceReader r, string? type, string? mode, ValueRange count)
    {
        var dot = type?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (type is null || dot < 0)
        {
            return;
        }

        var family = type[..dot];
        if (family is not ("t2" or "t3" or "t3a" or "t4g"))
        {
            return;
        }

        var unlimited = mode is "unlimited" || (mode is null && family is "t3" or "t3a" or "t4g");
        if (!unlimited)
        {
            return;
        }

        var hours = r.UsageOf("monthly_cpu_credit_hrs");
        var vcpus = r.UsageOf("vcpu_count");
        if (hours is { } h && vcpus is { } v)
        {
            r.AddUsage("CPU credits (unlimited mode)", Category.Compute, $"ec2/cpu-credits/{family}", "vCPU-hour", Multiply(count, h, v), $"monthly_cpu_credit_hrs {ResourceReader.Plain(h)} x vcpu_count {ResourceReader.Plain(v)} per instance");
        }
    }

    private static void TemplateVolumes(ResourceReader r, TerraformResource template, ValueRange count)
    {
        var lt = r.Over(template);
        foreach (var mapping in lt.Blocks("block_device_mappings"))
        {
            if (ResourceReader.Get(mapping, "ebs.0") is not { } ebs)
            {
                continue;
            }

            var name = ResourceReader.Text(mapping, "device_name") ?? "block device";
            Volume(r, $"{template.Address} {name}", ResourceReader.Text(ebs, "volume_type"), ResourceReader.Number(ebs, "volume_size"), ResourceReader.Number(ebs, "iops"), ResourceReader.Number(ebs, "throughput"), count);
        }
    }

    /// <summary>An EBS volume (per instance x count): storage, and provisioned IOPS/throughput above what the type includes.</summary>
    private static void Volume(ResourceReader r, string what, string? type, decimal? size, decimal? iops, decimal? throughput, ValueRange count, string? assumption = null)
    {
        type = (type ?? "gp2").ToLowerInvariant();
        var gb = size ?? 8m;
        var each = count.IsExact && count.Expected == 1m ? "" : $" x {ResourceReader.Plain(count)}";
        var note = assumption ?? $"{ResourceReader.Plain(gb)} GB {type}{(size is null ? " (8 GB assumed: no volume_size)" : "")}";
        r.Add($"{what} ({type}, {ResourceReader.Plain(gb)} GB)", Category.Storage, $"ec2/ebs/{type}", "GB-month", count * gb, note + each);
        if (type == "gp3" && iops is > 3000m)
        {
            r.Add($"{what} IOPS above 3,000", Category.Storage, "ec2/ebs/gp3-iops", "IOPS-month", count * (iops.Value - 3000m), $"{ResourceReader.Plain(iops.Value)} IOPS, 3,000 included{each}");
        }

        if (type == "gp3" && throughput is > 125m)
        {
            r.Add($"{what} throughput above 125 MiB/s", Category.Storage, "ec2/ebs/gp3-throughput", "MiBps-month", count * (throughput.Value - 125m), $"{ResourceReader.Plain(throughput.Value)} MiB/s, 125 included{each}");
        }

        if (type is "io1" or "io2" && iops is > 0m)
        {
            r.Add($"{what} provisioned IOPS", Category.Storage, $"ec2/ebs/{type}-iops", "IOPS-month", count * iops.Value, $"{ResourceReader.Plain(iops.Value)} IOPS{each}");
        }
    }

    private static void EbsVolume(ResourceReader r)
    {
        var size = r.Number("size");
        Volume(r, "volume", r.Text("type"), size, r.Number("iops"), r.Number("throughput"), ValueRange.Exactly(1));
        if ((r.Text("type") ?? "gp2") == "standard")
        {
            r.AddUsage("I/O requests", Category.Storage, "ec2/ebs/standard-io", "1M requests", r.UsageOf("monthly_standard_io_requests") is { } io ? io * 0.000001m : null, "monthly_standard_io_requests / 1,000,000");
        }
    }

    private static void EbsSnapshot(ResourceReader r)
    {
        var volume = FirstReference(r, "volume_id");
        var size = r.UsageOf("size_gb") ?? (volume is not null && ResourceReader.Number(volume.Values, "size") is { } s ? ValueRange.Exactly(s) : (ValueRange?)null);
        r.Add("snapshot storage", Category.Backup, "ec2/ebs/snapshot", "GB-month", size ?? ValueRange.Exactly(8m),
            size is not null ? (volume is not null ? $"the size of {volume.Address}" : "size_gb from the usage file") : "the volume's size is unknown: 8 GB assumed (set size_gb in the usage file)");
    }

    // ---- networking ----------------------------------------------------------------------------

    private static void NatGateway(ResourceReader r)
    {
        r.Add("NAT gateway hours", Category.Networking, "ec2/nat-gateway/hour", "hour", ValueRange.Exactly(Hours), "1 gateway x 730 h");
        r.AddUsage("data processed", Category.Networking, "ec2/nat-gateway/data", "GB", r.UsageOf("monthly_data_processed_gb"), "monthly_data_processed_gb from the usage file");
    }

    private static void Eip(ResourceReader r)
    {
        // Infracost charges an Elastic IP only while it is not attached; attached addresses bill as the resource's public IPv4.
        var attached = r.Text("instance") is not null || r.Text("network_interface") is not null || r.Text("customer_owned_ipv4_pool") is not null
            || r.References("instance").Count > 0 || r.References("network_interface").Count > 0
            || r.Plan.Resources(r.Side).Any(p => p.Type == "aws_nat_gateway" && p.ModulePath == r.Resource.ModulePath && r.Plan.References(p, "allocation_id", r.Side).Any(e => e.Address == r.Resource.Address));
        if (attached)
        {
            r.Add("public IPv4 address (attached)", Category.Networking, "vpc/public-ipv4/hour", "hour", ValueRange.Exactly(Hours), "attached to an instance, interface or NAT gateway: AWS charges every public IPv4 address by the hour since 2024-02-01");
            return;
        }

        r.Add("public IPv4 address (idle)", Category.Networking, "vpc/public-ipv4/idle-hour", "hour", ValueRange.Exactly(Hours), "not attached to anything in the plan: an idle Elastic IP, 730 h");
    }

    private static void LoadBalancer(ResourceReader r)
    {
        var kind = r.Text("load_balancer_type") ?? "application";
        var (prefix, unit, capacity) = kind switch
        {
            "network" => ("nlb", "NLCU-hour", "nlcu"),
            "gateway" => ("gwlb", "GLCU-hour", "glcu"),
            _ => ("alb", "LCU-hour", "lcu"),
        };
        r.Add($"{kind} load balancer hours", Category.Networking, $"elb/{prefix}/hour", "hour", ValueRange.Exactly(Hours), "1 load balancer x 730 h");
        var units = r.UsageOf("capacity_units");
        if (units is null)
        {
            var newConnections = r.UsageOf("new_connections");
            var active = r.UsageOf("active_connections");
            var processed = r.UsageOf("processed_bytes_gb");
            var rules = r.UsageOf("rule_evaluations");

            // Capacity units per hour: the largest dimension (AWS ELB pricing: an ALB LCU is 25 new connections/s,
            // 3,000 active connections/min, 1 GB/h processed or 1,000 rule evaluations/s; an NLCU 800 / 100,000 / 1 GB).
            var perNew = kind == "application" ? 25m : 800m;
            var perActive = kind == "application" ? 3000m : 100_000m;
            if (newConnections is not null || active is not null || processed is not null || rules is not null)
            {
                decimal At(Func<ValueRange, decimal> point) => Math.Max(Math.Max(newConnections is { } n ? point(n) / perNew : 0m, active is { } a ? point(a) / perActive : 0m),
                    Math.Max(processed is { } p ? point(p) : 0m, kind == "application" && rules is { } e ? point(e) / 1000m : 0m));
                units = new ValueRange(At(v => v.Low), At(v => v.Expected), At(v => v.High));
            }
        }

        r.AddUsage("capacity units", Category.Networking, $"elb/{prefix}/{capacity}", unit, units is { } u ? u * Hours : null, "capacity units per hour (from the usage file) x 730 h");
    }

    private static void VpcEndpoint(ResourceReader r)
    {
        var kind = r.Text("vpc_endpoint_type") ?? "Gateway";
        if (kind == "Gateway")
        {
            r.Free("gateway endpoint", "gateway endpoints (S3, DynamoDB) have no hourly or data charge");
            return;
        }

        var subnets = r.Length("subnet_ids");
        var interfaces = Math.Max(1, subnets > 0 ? subnets : r.References("subnet_ids").Count);
        var key = kind == "GatewayLoadBalancer" ? "vpc/gwlb-endpoint" : "vpc/interface-endpoint";
        r.Add($"{kind} endpoint hours ({interfaces} AZ)", Category.Networking, key + "/hour", "hour", ValueRange.Exactly(interfaces * Hours), $"{interfaces} endpoint network interface(s), one per subnet, x 730 h");
        r.AddUsage("data processed", Category.Networking, key + "/data", "GB", r.UsageOf("monthly_data_processed_gb"), "monthly_data_processed_gb from the usage file");
    }

    // ---- storage, logs, metrics ----------------------------------------------------------------

    private static void S3Bucket(ResourceReader r)
    {
        r.AddUsage("Standard storage", Category.Storage, "s3/standard-storage", "GB-month", r.UsageOf("standard.storage_gb"), "standard.storage_gb from the usage file");
        r.AddUsage("Standard PUT, COPY, POST, LIST requests", Category.Storage, "s3/requests/put", "1000 requests", r.UsageOf("standard.monthly_tier_1_requests") is { } put ? put * 0.001m : null, "standard.monthly_tier_1_requests / 1,000");
        r.AddUsage("Standard GET, SELECT and other requests", Category.Storage, "s3/requests/get", "1000 requests", r.UsageOf("standard.monthly_tier_2_requests") is { } get ? get * 0.001m : null, "standard.monthly_tier_2_requests / 1,000");
        r.AddUsage("Standard-IA storage", Category.Storage, "s3/standard-ia-storage", "GB-month", r.UsageOf("standard_infrequent_access.storage_gb"), "standard_infrequent_access.storage_gb from the usage file");
        r.AddUsage("Standard-IA PUT requests", Category.Storage, "s3/standard-ia/requests/put", "1000 requests", r.UsageOf("standard_infrequent_access.monthly_tier_1_requests") is { } iaPut ? iaPut * 0.001m : null, "standard_infrequent_access.monthly_tier_1_requests / 1,000");
        r.AddUsage("Standard-IA GET requests", Category.Storage, "s3/standard-ia/requests/get", "1000 requests", r.UsageOf("standard_infrequent_access.monthly_tier_2_requests") is { } iaGet ? iaGet * 0.001m : null, "standard_infrequent_access.monthly_tier_2_requests / 1,000");
        foreach (var (usageClass, key) in new[] { ("intelligent_tiering", "s3/intelligent-tiering-storage"), ("one_zone_infrequent_access", "s3/one-zone-ia-storage"), ("glacier_flexible_retrieval", "s3/glacier-storage"), ("glacier_deep_archive", "s3/deep-archive-storage"), ("glacier_instant_retrieval", "s3/glacier-instant-storage") })
        {
            r.AddUsage($"{usageClass.Replace('_', ' ')} storage", Category.Storage, key, "GB-month", r.UsageOf(usageClass + ".storage_gb"), $"{usageClass}.storage_gb from the usage file");
        }
    }

    private static void LogGroup(ResourceReader r)
    {
        var infrequent = string.Equals(r.Text("log_group_class"), "INFREQUENT_ACCESS", StringComparison.OrdinalIgnoreCase);
        r.AddUsage(infrequent ? "ingestion (Infrequent Access class)" : "ingestion", Category.Logs, infrequent ? "cloudwatch/logs/ingestion/infrequent-access" : "cloudwatch/logs/ingestion/standard", "GB",
            r.UsageOf("monthly_data_ingested_gb"), "monthly_data_ingested_gb from the usage file");
        r.AddUsage("archive storage", Category.Logs, "cloudwatch/logs/storage", "GB-month", r.UsageOf("storage_gb"), "storage_gb from the usage file");
        r.AddUsage("Logs Insights queries", Category.Logs, "cloudwatch/logs/insights-scanned", "GB", r.UsageOf("monthly_data_scanned_gb"), "monthly_data_scanned_gb from the usage file");
    }

    private static void MetricAlarm(ResourceReader r)
    {
        var queries = r.Blocks("metric_query").ToList();
        var metrics = queries.Count == 0 ? 1 : queries.Count(q => ResourceReader.Get(q, "metric.0") is not null);
        var anomaly = queries.Any(q => ResourceReader.Text(q, "expression") is { } e && e.Contains("ANOMALY_DETECTION_BAND", StringComparison.Ordinal));
        var period = r.Number("period") ?? (queries.Select(q => ResourceReader.Number(q, "metric.0.period")).FirstOrDefault(p => p is not null)) ?? 60m;
        var highResolution = period < 60m;
        var count = Math.Max(1, metrics) * (anomaly ? 3 : 1);
        r.Add(highResolution ? "high-resolution alarm metrics" : "standard alarm metrics", Category.Metrics, highResolution ? "cloudwatch/alarm/high-resolution" : "cloudwatch/alarm/standard", "alarm-month", ValueRange.Exactly(count),
            $"{count} alarm metric(s){(anomaly ? " (anomaly detection bills 3 metrics per metric)" : "")}, period {ResourceReader.Plain(period)} s");
    }

    private static void KmsKey(ResourceReader r)
    {
        r.Add("customer-managed key", Category.Security, "kms/customer-key", "key-month", ValueRange.Exactly(1), "1 key");
        r.AddUsage("requests", Category.Security, "kms/requests", "10k requests", r.UsageOf("monthly_requests") is { } q ? q * 0.0001m : null, "monthly_requests / 10,000");
    }

    private static void SecretsManagerSecret(ResourceReader r)
    {
        r.Add("secret", Category.Security, "secretsmanager/secret", "secret-month", ValueRange.Exactly(1), "1 secret");
        r.AddUsage("API requests", Category.Security, "secretsmanager/api-requests", "10k requests", r.UsageOf("monthly_requests") is { } q ? q * 0.0001m : null, "monthly_requests / 10,000");
    }

    private static void BackupVault(ResourceReader r)
    {
        foreach (var (key, item, priceKey) in new[]
        {
            ("monthly_ebs_snapshot_gb", "EBS snapshot backups", "backup/ebs-warm"),
            ("monthly_efs_warm_backup_gb", "EFS warm backups", "backup/efs-warm"),
            ("monthly_efs_cold_backup_gb", "EFS cold backups", "backup/cold"),
            ("monthly_rds_snapshot_gb", "RDS snapshot backups", "backup/rds-snapshot"),
            ("monthly_aurora_snapshot_gb", "Aurora snapshot backups", "backup/aurora-snapshot"),
            ("monthly_dynamodb_backup_gb", "DynamoDB backups", "backup/dynamodb.storage.warm"),
        })
        {
            r.AddUsage(item, Category.Backup, priceKey, "GB-month", r.UsageOf(key), $"{key} from the usage file");
        }
    }

    private static void PrometheusWorkspace(ResourceReader r)
    {
        r.AddUsage("samples ingested", Category.Metrics, "amp/samples-ingested", "10M samples", r.UsageOf("monthly_ingested_samples") is { } s ? s * 0.0000001m : null, "monthly_ingested_samples / 10,000,000");
        r.AddUsage("metric storage", Category.Metrics, "amp/storage", "GB-month", r.UsageOf("storage_gb"), "storage_gb from the usage file");
        r.AddUsage("query samples processed", Category.Metrics, "amp/query-samples", "1B samples", r.UsageOf("monthly_query_samples") is { } q ? q * 0.000000001m : null, "monthly_query_samples / 1,000,000,000");
    }

    private static void GrafanaWorkspace(ResourceReader r)
    {
        // One editor licence when the usage file says nothing: a workspace has at least its admin.
        var editors = r.UsageOf("editors_administrator_licenses") ?? ValueRange.Exactly(1);
        r.AddUsage("editor/administrator licences", Category.Dashboards, "grafana/editor-user", "user-month", editors, "editors_administrator_licenses (1 when unset)");
        r.AddUsage("viewer licences", Category.Dashboards, "grafana/viewer-user", "user-month", r.UsageOf("viewer_licenses"), "viewer_licenses from the usage file");
    }

    // ---- databases and data services ---------------------------------------------------------

    private static void DbInstance(ResourceReader r)
    {
        var engine = r.Text("engine") ?? (FirstReference(r, "replicate_source_db") is { } source ? ResourceReader.Text(source.Values, "engine") : null);
        var instanceClass = r.Text("instance_class");
        var multiAz = r.Flag("multi_az");
        var az = multiAz ? "multi-az" : "single-az";
        var engineKey = RdsEngine(engine);
        r.Add($"database instance ({instanceClass}, {(multiAz ? "Multi-AZ" : "Single-AZ")})", Category.Data, engineKey is null || instanceClass is null ? null : $"rds/{engineKey}/{instanceClass}/{az}", "hour", ValueRange.Exactly(Hours),
            engineKey is null ? $"engine '{engine ?? "(none)"}' is not one stackplan prices" : $"{engine} x 730 h" + (multiAz ? " (the Multi-AZ price covers the standby)" : ""));
        var iops = r.Number("iops") ?? 0m;
        var storageType = (r.Text("storage_type") ?? (iops > 0 ? "io1" : "gp2")).ToLowerInvariant();
        var storage = r.Number("allocated_storage") ?? 20m;
        if (engine is not null && engine.StartsWith("aurora", StringComparison.Ordinal))
        {
            return;
        }

        r.Add($"storage ({storageType}, {ResourceReader.Plain(storage)} GB)", Category.Data, $"rds/storage/{(storageType == "standard" ? "magnetic" : storageType)}/{az}", "GB-month", ValueRange.Exactly(storage), $"allocated_storage {ResourceReader.Plain(storage)} GB" + (r.Number("allocated_storage") is null ? " (20 GB assumed)" : ""));
        if (storageType == "gp3")
        {
            // gp3 includes 3,000 IOPS / 125 MiB/s below 400 GB and 12,000 / 500 from 400 GB (RDS user guide, gp3 storage).
            var large = storage >= 400m;
            var iopsBase = large ? 12_000m : 3_000m;
            var throughputBase = large ? 500m : 125m;
            if (iops > iopsBase)
            {
                r.Add($"provisioned IOPS above {iopsBase:#,0}", Category.Data, $"rds/storage/gp3-iops/{az}", "IOPS-month", ValueRange.Exactly(iops - iopsBase), $"{ResourceReader.Plain(iops)} IOPS, {iopsBase:#,0} included");
            }

            if (r.Number("storage_throughput") is { } throughput && throughput > throughputBase)
            {
                r.Add($"throughput above {throughputBase} MiB/s", Category.Data, $"rds/storage/gp3-throughput/{az}", "MiBps-month", ValueRange.Exactly(throughput - throughputBase), $"{ResourceReader.Plain(throughput)} MiB/s, {throughputBase} included");
            }
        }
        else if (storageType is "io1" or "io2" && iops > 0)
        {
            r.Add("provisioned IOPS", Category.Data, $"rds/storage/{storageType}-iops/{az}", "IOPS-month", ValueRange.Exactly(iops), $"{ResourceReader.Plain(iops)} IOPS");
        }

        r.AddUsage("backup storage beyond the free allowance", Category.Backup, "rds/backup-storage", "GB-month", r.UsageOf("additional_backup_storage_gb"), "additional_backup_storage_gb from the usage file");
    }

    /// <summary>The engine part of RDS price keys: postgres, mysql, mariadb, oracle-se2, sqlserver-ex...; null for none.</summary>
    private static string? RdsEngine(string? engine) => engine switch
    {
        null => null,
        "postgresql" => "postgres",
        _ => engine.ToLowerInvariant(),
    };

    private static void RdsCluster(ResourceReader r)
    {
        var engine = r.Text("engine") ?? "aurora";
        if (engine is "mysql" or "postgres")
        {
            // A Multi-AZ DB cluster (one writer, two readable standbys) priced per instance-hour of the class.
            var instanceClass = r.Text("db_cluster_instance_class");
            r.Add($"Multi-AZ DB cluster instances ({instanceClass}, 3)", Category.Data, instanceClass is null ? null : $"rds/{engine}/{instanceClass}/multi-az-cluster", "hour", ValueRange.Exactly(3 * Hours), "a writer and two readable standbys x 730 h");
            var storageType = r.Text("storage_type") ?? "io1";
            r.Add($"storage ({storageType})", Category.Data, $"rds/storage/{storageType}/multi-az-cluster", "GB-month", ValueRange.Exactly(r.Number("allocated_storage") ?? 100m), "allocated_storage");
            return;
        }

        var family = engine == "aurora-postgresql" ? "aurora-postgresql" : "aurora-mysql";
        if (r.Text("engine_mode") == "serverless")
        {
            r.AddUsage("Aurora Serverless v1 capacity", Category.Data, $"rds/{family}/serverless-acu", "ACU-hour", r.UsageOf("capacity_units_per_hr") is { } acu ? acu * Hours : null, "capacity_units_per_hr x 730 h");
        }

        var ioOptimized = r.Text("storage_type") == "aurora-iopt1";
        r.AddUsage("Aurora storage", Category.Data, ioOptimized ? $"rds/{family}/storage-io-optimized" : $"rds/{family}/storage", "GB-month", r.UsageOf("storage_gb"), "storage_gb from the usage file");
        if (!ioOptimized)
        {
            var writes = r.UsageOf("write_requests_per_sec");
            var reads = r.UsageOf("read_requests_per_sec");
            if (writes is not null || reads is not null)
            {
                var perSecond = (writes ?? ValueRange.Zero) + (reads ?? ValueRange.Zero);
                r.AddUsage("Aurora I/O requests", Category.Data, $"rds/{family}/io", "1M requests", perSecond * (Hours * 3600m / 1_000_000m), "(write + read requests per second) x 730 h x 3,600 s / 1,000,000");
            }
        }

        r.AddUsage("backup storage", Category.Backup, "rds/backup-storage", "GB-month", r.UsageOf("backup_snapshot_size_gb"), "backup_snapshot_size_gb from the usage file");
    }

    private static void RdsClusterInstance(ResourceReader r)
    {
        var cluster = FirstReference(r, "cluster_identifier");
        var engine = r.Text("engine") ?? (cluster is null ? null : ResourceReader.Text(cluster.Values, "engine")) ?? "aurora-mysql";
        var family = engine == "aurora-postgresql" ? "aurora-postgresql" : engine is "aurora" or "aurora-mysql" ? "aurora-mysql" : engine;
        var instanceClass = r.Text("instance_class");
        if (instanceClass == "db.serverless")
        {
            r.AddUsage("Aurora Serverless v2 capacity", Category.Data, $"rds/{family}/serverless-v2-acu", "ACU-hour", r.UsageOf("capacity_units_per_hr") is { } acu ? acu * Hours : null, "capacity_units_per_hr x 730 h");
            return;
        }

        r.Add($"database instance ({instanceClass})", Category.Data, instanceClass is null ? null : $"rds/{family}/{instanceClass}", "hour", ValueRange.Exactly(Hours), $"{family} x 730 h");
    }

    private static void DocDbCluster(ResourceReader r) =>
        r.AddUsage("backup storage", Category.Backup, "docdb/backup-storage", "GB-month", r.UsageOf("backup_storage_gb"), "backup_storage_gb from the usage file");

    private static void DocDbInstance(ResourceReader r)
    {
        var cluster = FirstReference(r, "cluster_identifier");
        var ioOptimized = cluster is not null && ResourceReader.Text(cluster.Values, "storage_type") == "iopt1";
        var instanceClass = r.Text("instance_class");
        r.Add($"database instance ({instanceClass})", Category.Data, instanceClass is null ? null : $"docdb/{(ioOptimized ? "instance-io-optimized" : "instance")}/{instanceClass}", "hour", ValueRange.Exactly(Hours), "1 instance x 730 h" + (ioOptimized ? " (I/O-Optimized cluster)" : ""));
        r.AddUsage("storage", Category.Data, ioOptimized ? "docdb/storage-io-optimized" : "docdb/storage", "GB-month", r.UsageOf("data_storage_gb"), "data_storage_gb from the usage file");
        if (!ioOptimized)
        {
            r.AddUsage("I/O requests", Category.Data, "docdb/io", "1M requests", r.UsageOf("monthly_io_requests") is { } io ? io * 0.000001m : null, "monthly_io_requests / 1,000,000");
        }
    }

    private static void ElastiCacheCluster(ResourceReader r)
    {
        if (r.Text("replication_group_id") is not null)
        {
            r.Free("cache nodes (priced on the replication group)", "a member of a replication group: its nodes are priced on the group");
            return;
        }

        var engine = r.Text("engine") ?? "redis";
        var nodes = r.Number("num_cache_nodes") ?? 1m;
        CacheNodes(r, engine, r.Text("node_type"), nodes, $"num_cache_nodes {ResourceReader.Plain(nodes)}");
    }

    private static void ElastiCacheReplicationGroup(ResourceReader r)
    {
        var engine = r.Text("engine") ?? "redis";
        decimal nodes;
        string how;
        if (r.Number("num_node_groups") is { } shards && shards > 0)
        {
            var replicas = r.Number("replicas_per_node_group") ?? 0m;
            nodes = shards * (replicas + 1m);
            how = $"num_node_groups {ResourceReader.Plain(shards)} x (replicas_per_node_group {ResourceReader.Plain(replicas)} + 1)";
        }
        else
        {
            nodes = r.Number("num_cache_clusters") ?? r.Number("number_cache_clusters") ?? 1m;
            how = $"num_cache_clusters {ResourceReader.Plain(nodes)}";
        }

        CacheNodes(r, engine, r.Text("node_type"), nodes, how);
    }

    private static void CacheNodes(ResourceReader r, string engine, string? nodeType, decimal nodes, string how)
    {
        var prefix = engine switch { "memcached" => "elasticache/memcached/node", "valkey" => "elasticache/valkey/node", _ => "elasticache/node" };
        r.Add($"{engine} nodes ({nodeType})", Category.Data, nodeType is null ? null : $"{prefix}/{nodeType}", "hour", ValueRange.Exactly(nodes * Hours), $"{how} x 730 h");
        var retention = r.Number("snapshot_retention_limit") ?? 0m;
        if (engine != "memcached" && retention > 1m && r.UsageOf("snapshot_storage_size_gb") is { } size)
        {
            r.AddUsage("backup storage", Category.Backup, "elasticache/backup-storage", "GB-month", size * (retention - 1m), $"snapshot_storage_size_gb x (snapshot_retention_limit {ResourceReader.Plain(retention)} - 1 free)");
        }
    }

    private static void SearchDomain(ResourceReader r)
    {
        var opensearch = r.Resource.Type == "aws_opensearch_domain";
        var suffix = opensearch ? ".search" : ".elasticsearch";
        var type = Search(r.Text("cluster_config.0.instance_type") ?? "m4.large" + suffix);
        var count = r.Number("cluster_config.0.instance_count") ?? 1m;
        r.Add($"instances ({type})", Category.Data, $"opensearch/instance/{type}", "hour", ValueRange.Exactly(count * Hours), $"instance_count {ResourceReader.Plain(count)} x 730 h");
        if (r.Flag("cluster_config.0.dedicated_master_enabled"))
        {
            var masterType = Search(r.Text("cluster_config.0.dedicated_master_type") ?? type);
            var masters = r.Number("cluster_config.0.dedicated_master_count") ?? 3m;
            r.Add($"dedicated master nodes ({masterType})", Category.Data, $"opensearch/instance/{masterType}", "hour", ValueRange.Exactly(masters * Hours), $"dedicated_master_count {ResourceReader.Plain(masters)} x 730 h");
        }

        if (r.Flag("cluster_config.0.warm_enabled"))
        {
            var warmType = Search(r.Text("cluster_config.0.warm_type") ?? "ultrawarm1.medium.search");
            var warm = r.Number("cluster_config.0.warm_count") ?? 2m;
            r.Add($"UltraWarm nodes ({warmType})", Category.Data, $"opensearch/instance/{warmType}", "hour", ValueRange.Exactly(warm * Hours), $"warm_count {ResourceReader.Plain(warm)} x 730 h");
        }

        if (r.Get("ebs_options.0") is not null && !r.Flag("ebs_options.0.ebs_enabled"))
        {
            return;
        }

        var volumeType = r.Text("ebs_options.0.volume_type") ?? "gp2";
        var size = r.Number("ebs_options.0.volume_size") ?? 8m;
        r.Add($"EBS storage ({volumeType}, {ResourceReader.Plain(size)} GB per instance)", Category.Data, $"opensearch/ebs/{volumeType}", "GB-month", ValueRange.Exactly(size * count), $"volume_size {ResourceReader.Plain(size)} GB x {ResourceReader.Plain(count)} instance(s)");
        if (volumeType == "gp3" && r.Number("ebs_options.0.iops") is { } iops && iops > 3000m)
        {
            r.Add("EBS IOPS above 3,000", Category.Data, "opensearch/ebs/gp3-iops", "IOPS-month", ValueRange.Exactly((iops - 3000m) * count), $"{ResourceReader.Plain(iops)} IOPS per instance, 3,000 included");
        }

        if (volumeType == "gp3" && r.Number("ebs_options.0.throughput") is { } throughput && throughput > 125m)
        {
            r.Add("EBS throughput above 125 MiB/s", Category.Data, "opensearch/ebs/gp3-throughput", "MiBps-month", ValueRange.Exactly((throughput - 125m) * count), $"{ResourceReader.Plain(throughput)} MiB/s per instance, 125 included");
        }

        if (volumeType is "io1" && r.Number("ebs_options.0.iops") is { } io1 && io1 > 0)
        {
            r.Add("EBS provisioned IOPS", Category.Data, "opensearch/ebs/io1-iops", "IOPS-month", ValueRange.Exactly(io1 * count), $"{ResourceReader.Plain(io1)} IOPS per instance");
        }
    }

    /// <summary>Elasticsearch-era type names (m5.large.elasticsearch) are the same instances as OpenSearch's m5.large.search.</summary>
    private static string Search(string type) =>
        type.EndsWith(".elasticsearch", StringComparison.Ordinal) ? type[..^".elasticsearch".Length] + ".search" : type;

    private static void MskCluster(ResourceReader r)
    {
        var brokers = r.Number("number_of_broker_nodes") ?? 3m;
        var type = r.Text("broker_node_group_info.0.instance_type");
        var express = type is not null && type.StartsWith("express.", StringComparison.Ordinal);
        r.Add($"brokers ({type})", Category.Data, type is null ? null : express ? $"msk/express/broker/{type}" : $"msk/broker/{type}", "hour", ValueRange.Exactly(brokers * Hours), $"number_of_broker_nodes {ResourceReader.Plain(brokers)} x 730 h");
        if (express)
        {
            r.AddUsage("Express storage", Category.Data, "msk/express/storage", "GB-month", r.UsageOf("storage_gb"), "storage_gb from the usage file");
            return;
        }

        var size = r.Number("broker_node_group_info.0.storage_info.0.ebs_storage_info.0.volume_size") ?? r.Number("broker_node_group_info.0.ebs_volume_size") ?? 1000m;
        r.Add($"broker storage ({ResourceReader.Plain(size)} GB per broker)", Category.Data, "msk/storage", "GB-month", ValueRange.Exactly(size * brokers), $"volume_size {ResourceReader.Plain(size)} GB x {ResourceReader.Plain(brokers)} broker(s)");
        if (r.Flag("broker_node_group_info.0.storage_info.0.ebs_storage_info.0.provisioned_throughput.0.enabled")
            && r.Number("broker_node_group_info.0.storage_info.0.ebs_storage_info.0.provisioned_throughput.0.volume_throughput") is { } throughput)
        {
            r.Add("provisioned storage throughput", Category.Data, "msk/storage-throughput", "MiBps-month", ValueRange.Exactly(throughput * brokers), $"{ResourceReader.Plain(throughput)} MiB/s x {ResourceReader.Plain(brokers)} broker(s)");
        }
    }

    private static void MwaaEnvironment(ResourceReader r)
    {
        var size = (r.Text("environment_class") ?? "mw1.small").Replace("mw1.", "", StringComparison.Ordinal);
        r.Add($"environment ({size})", Category.Data, $"mwaa/environment/{size}", "hour", ValueRange.Exactly(Hours), "1 environment x 730 h (includes one worker, the schedulers and the web server)");
        r.AddUsage("additional workers", Category.Data, $"mwaa/worker/{size}", "hour", r.UsageOf("additional_workers") is { } w ? w * Hours : null, "additional_workers x 730 h");
        r.AddUsage("additional schedulers", Category.Data, $"mwaa/scheduler/{size}", "hour", r.UsageOf("additional_schedulers") is { } s ? s * Hours : null, "additional_schedulers x 730 h");
        r.AddUsage("meta database", Category.Data, "mwaa/metadb-storage", "GB-month", r.UsageOf("meta_database_gb"), "meta_database_gb from the usage file");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static TerraformResource? FirstReference(ResourceReader r, params string[] paths)
    {
        foreach (var path in paths)
        {
            if (r.References(path) is [var first, ..])
            {
                return first;
            }
        }

        return null;
    }

    private static ValueRange Multiply(ValueRange a, ValueRange b) => new(a.Low * b.Low, a.Expected * b.Expected, a.High * b.High);

    private static ValueRange Multiply(ValueRange a, ValueRange b, ValueRange c) => Multiply(Multiply(a, b), c);
}
