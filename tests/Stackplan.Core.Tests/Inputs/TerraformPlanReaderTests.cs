using Stackplan.Core.Inputs.Terraform;
using Stackplan.Core.Model;

namespace Stackplan.Core.Tests.Inputs;

public sealed class TerraformPlanReaderTests
{
    private const string ModulePlan = """
        {"format_version":"1.2","variables":{"region":{"value":"eu-west-1"}},
         "planned_values":{"root_module":{
           "resources":[
             {"address":"aws_nat_gateway.egress[\"a\"]","mode":"managed","type":"aws_nat_gateway","name":"egress","index":"a","values":{}},
             {"address":"aws_nat_gateway.egress[\"b\"]","mode":"managed","type":"aws_nat_gateway","name":"egress","index":"b","values":{}},
             {"address":"aws_instance.west","mode":"managed","type":"aws_instance","name":"west","values":{"instance_type":"t3.medium"}},
             {"address":"data.aws_ami.ubuntu","mode":"data","type":"aws_ami","name":"ubuntu","values":{}}],
           "child_modules":[{"address":"module.eks","resources":[],
             "child_modules":[{"address":"module.eks.module.ng[0]","resources":[
               {"address":"module.eks.module.ng[0].aws_eks_node_group.general[0]","mode":"managed","type":"aws_eks_node_group","name":"general","index":0,
                "values":{"instance_types":["m6i.large"],"scaling_config":[{"desired_size":3}]}},
               {"address":"module.eks.module.ng[0].aws_launch_template.nodes","mode":"managed","type":"aws_launch_template","name":"nodes","values":{}}]}]}]}},
         "prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[
             {"address":"aws_nat_gateway.egress[\"a\"]","mode":"managed","type":"aws_nat_gateway","name":"egress","index":"a","values":{}}]}}},
         "configuration":{
           "provider_config":{
             "aws":{"name":"aws","expressions":{"region":{"references":["var.region"]}}},
             "aws.west":{"name":"aws","alias":"west","expressions":{"region":{"constant_value":"us-west-2"}}}},
           "root_module":{
             "resources":[{"address":"aws_instance.west","mode":"managed","type":"aws_instance","name":"west","provider_config_key":"aws.west","expressions":{}}],
             "module_calls":{"eks":{"module":{"module_calls":{"ng":{"module":{"resources":[
               {"address":"aws_eks_node_group.general","mode":"managed","type":"aws_eks_node_group","name":"general","provider_config_key":"eks.ng:aws",
                "expressions":{"launch_template":[{"id":{"references":["aws_launch_template.nodes.id","aws_launch_template.nodes"]}}]}}]}}}}}}}}}
        """;

    [Fact]
    public void Resources_come_from_every_module_with_count_and_for_each_addresses_and_data_sources_are_skipped()
    {
        var plan = TerraformPlanReader.Read(ModulePlan, "plan.json");
        plan.Planned.Select(r => r.Address).ShouldBe(
        [
            "aws_nat_gateway.egress[\"a\"]", "aws_nat_gateway.egress[\"b\"]", "aws_instance.west",
            "module.eks.module.ng[0].aws_eks_node_group.general[0]", "module.eks.module.ng[0].aws_launch_template.nodes",
        ]);
        plan.Prior.Select(r => r.Address).ShouldBe(["aws_nat_gateway.egress[\"a\"]"]);
    }

    [Fact]
    public void The_region_comes_from_a_variable_and_an_aliased_provider_prices_in_its_own_region()
    {
        var plan = TerraformPlanReader.Read(ModulePlan, "plan.json");
        plan.Region.ShouldBe("eu-west-1");
        plan.Planned.Single(r => r.Address == "aws_instance.west").Region.ShouldBe("us-west-2");
        plan.Planned.Single(r => r.Type == "aws_eks_node_group").Region.ShouldBe("eu-west-1");
        var import = TerraformImporter.Import(plan);
        import.Spec.Environments[0].LineItems.Where(l => l.Resource == "aws_instance.west").ShouldAllBe(l => l.Region == "us-west-2");
    }

    [Fact]
    public void References_inside_nested_modules_resolve_through_the_configuration()
    {
        var plan = TerraformPlanReader.Read(ModulePlan, "plan.json");
        var group = plan.Planned.Single(r => r.Type == "aws_eks_node_group");
        plan.References(group, "launch_template.0.id").Select(r => r.Address).ShouldBe(["module.eks.module.ng[0].aws_launch_template.nodes"]);
    }

    [Fact]
    public void Free_types_are_listed_at_zero_and_unsupported_types_are_listed_with_their_count_and_no_price()
    {
        var plan = TerraformPlanReader.Read("""
            {"format_version":"1.2","planned_values":{"root_module":{"resources":[
              {"address":"aws_vpc.main","mode":"managed","type":"aws_vpc","name":"main","values":{}},
              {"address":"aws_subnet.a[0]","mode":"managed","type":"aws_subnet","name":"a","values":{}},
              {"address":"aws_subnet.a[1]","mode":"managed","type":"aws_subnet","name":"a","values":{}},
              {"address":"aws_sns_topic.alerts","mode":"managed","type":"aws_sns_topic","name":"alerts","values":{}}]}},
             "configuration":{"provider_config":{"aws":{"name":"aws","expressions":{"region":{"constant_value":"us-east-1"}}}}}}
            """, "plan.json");
        var import = TerraformImporter.Import(plan);
        var lines = import.Spec.Environments[0].LineItems;
        lines.Single(l => l.Resource == "aws_subnet").ShouldSatisfyAllConditions(
            l => l.Quantity.Expected.ShouldBe(2m),
            l => l.UnitPrice.ShouldBe(0m));
        var unsupported = lines.Single(l => l.Resource == "aws_sns_topic");
        unsupported.UnitPrice.ShouldBeNull();
        unsupported.PriceKey.ShouldBeNull();
        import.Warnings.ShouldContain(w => w.Code == DiagnosticCodes.UnpricedResourceType);
    }

    [Fact]
    public void A_state_file_prices_its_values()
    {
        var plan = TerraformPlanReader.Read("""
            {"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{"resources":[
              {"address":"aws_nat_gateway.main","mode":"managed","type":"aws_nat_gateway","name":"main","values":{}}]}}}
            """, "terraform.tfstate.json");
        plan.IsState.ShouldBeTrue();
        plan.Planned.Single().Address.ShouldBe("aws_nat_gateway.main");
        plan.Warnings.ShouldContain(w => w.Code == DiagnosticCodes.AssumedRegion);
    }

    [Theory]
    [InlineData("{\"format_version\":\"1.2\",\n \"planned_values\": {,}}", 2, "not valid JSON")]
    [InlineData("{\"format_version\":\"2.0\"}", 1, "format_version '2.0'")]
    [InlineData("{\"terraform_version\":\"1.9.5\"}", 1, "no 'format_version'")]
    public void Bad_plans_are_refused_with_their_line(string json, int line, string message)
    {
        var e = Should.Throw<InputException>(() => TerraformPlanReader.Read(json, "plan.json"));
        e.Diagnostics[0].Code.ShouldBe(DiagnosticCodes.InvalidPlan);
        e.Diagnostics[0].Location!.Line.ShouldBe(line);
        e.Diagnostics[0].Message.ShouldContain(message);
    }

    [Fact]
    public void A_usage_file_value_must_be_a_number_or_range_and_says_where()
    {
        var e = Should.Throw<InputException>(() => UsageFile.Read("version: 0.1\nresource_usage:\n  aws_nat_gateway.a:\n    monthly_data_processed_gb: 5..2..9\n", "usage.yml"));
        e.Diagnostics[0].Location!.ToString().ShouldBe("usage.yml:4:32");
    }

    [Theory]
    [InlineData("1.29", "2025-03-22", false)]
    [InlineData("1.29", "2025-03-23", true)]
    [InlineData("1.22", "2020-01-01", true)]
    [InlineData("1.40", "2030-01-01", false)]
    public void EKS_standard_support_ends_on_the_calendar_date(string version, string date, bool extended) =>
        EksSupport.IsExtended(version, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(extended);
}
