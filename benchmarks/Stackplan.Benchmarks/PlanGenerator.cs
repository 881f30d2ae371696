using System.Globalization;
using System.Text;

namespace Stackplan.Benchmarks;

/// <summary>
/// Writes a synthetic Terraform plan of N resources in the shape <c>terraform show -json</c> gives:
/// modules of ten resources each (instances with volumes, node groups, NAT gateways, databases, log
/// groups, buckets and free networking), with a configuration section and a task-definition
/// reference per module, so the reader, the references and every mapping are exercised.
/// </summary>
public static class PlanGenerator
{
    public static string Generate(int resources)
    {
        var planned = new StringBuilder();
        var config = new StringBuilder();
        var modules = (resources + 9) / 10;
        planned.Append("{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.5\",\"timestamp\":\"2026-11-20T00:00:00Z\",\"variables\":{\"region\":{\"value\":\"eu-west-1\"}},");
        planned.Append("\"planned_values\":{\"root_module\":{\"resources\":[],\"child_modules\":[");
        config.Append("\"configuration\":{\"provider_config\":{\"aws\":{\"name\":\"aws\",\"expressions\":{\"region\":{\"references\":[\"var.region\"]}}}},\"root_module\":{\"resources\":[],\"module_calls\":{");
        var written = 0;
        for (var m = 0; m < modules; m++)
        {
            var module = $"module.svc[{m}]";
            planned.Append(m == 0 ? "" : ",").Append("{\"address\":\"").Append(module).Append("\",\"resources\":[");
            for (var i = 0; i < 10 && written < resources; i++, written++)
            {
                planned.Append(i == 0 ? "" : ",");
                Resource(planned, module, i);
            }

            planned.Append("]}");
        }

        planned.Append("]}},");
        config.Append("\"svc\":{\"source\":\"./svc\",\"module\":{\"resources\":[{\"address\":\"aws_ecs_service.app\",\"mode\":\"managed\",\"type\":\"aws_ecs_service\",\"name\":\"app\",\"provider_config_key\":\"svc:aws\",\"expressions\":{\"task_definition\":{\"references\":[\"aws_ecs_task_definition.app.arn\",\"aws_ecs_task_definition.app\"]}}}]}}}}}");
        return planned.Append(config).Append('}').ToString();
    }

    private static void Resource(StringBuilder o, string module, int i)
    {
        var (type, name, values) = (i % 10) switch
        {
            0 => ("aws_instance", "web", "{\"instance_type\":\"m6i.large\",\"root_block_device\":[{\"volume_type\":\"gp3\",\"volume_size\":50}],\"ebs_block_device\":[{\"device_name\":\"/dev/sdf\",\"volume_type\":\"gp3\",\"volume_size\":200,\"iops\":6000}]}"),
            1 => ("aws_eks_node_group", "ng", "{\"instance_types\":[\"m5.xlarge\"],\"scaling_config\":[{\"desired_size\":3,\"min_size\":1,\"max_size\":6}]}"),
            2 => ("aws_nat_gateway", "nat", "{\"connectivity_type\":\"public\"}"),
            3 => ("aws_db_instance", "db", "{\"engine\":\"postgres\",\"instance_class\":\"db.t3.medium\",\"multi_az\":true,\"allocated_storage\":100,\"storage_type\":\"gp3\"}"),
            4 => ("aws_cloudwatch_log_group", "logs", "{\"name\":\"/app\"}"),
            5 => ("aws_s3_bucket", "bucket", "{\"bucket\":\"b\"}"),
            6 => ("aws_ecs_task_definition", "app", "{\"cpu\":\"512\",\"memory\":\"1024\"}"),
            7 => ("aws_ecs_service", "app", "{\"launch_type\":\"FARGATE\",\"desired_count\":2}"),
            8 => ("aws_subnet", "private", "{\"cidr_block\":\"10.0.0.0/24\"}"),
            _ => ("aws_security_group", "sg", "{}"),
        };
        o.Append("{\"address\":\"").Append(module).Append('.').Append(type).Append('.').Append(name)
            .Append("\",\"mode\":\"managed\",\"type\":\"").Append(type).Append("\",\"name\":\"").Append(name)
            .Append("\",\"provider_name\":\"registry.terraform.io/hashicorp/aws\",\"values\":").Append(values).Append('}');
    }

    /// <summary>`generate-plan N FILE`: writes the plan for whole-process timings.</summary>
    public static int Write(string[] args)
    {
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        File.WriteAllText(args[2], Generate(count));
        return 0;
    }
}
