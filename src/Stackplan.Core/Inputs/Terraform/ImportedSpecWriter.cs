using System.Globalization;
using Stackplan.Core.Model;

namespace Stackplan.Core.Inputs.Terraform;

/// <summary>
/// Writes an imported plan as a Stackplan spec (YAML) a team can keep editing: the spec format's
/// own keys only, so <c>stackplan estimate</c> of the written file prices exactly as the plan did.
/// Every string is double-quoted, since Terraform addresses hold brackets and quotes.
/// </summary>
public static class ImportedSpecWriter
{
    public static void Write(TerraformImport import, TextWriter o)
    {
        var spec = import.Spec;
        o.WriteLine($"# Written by 'stackplan import terraform' from {spec.Location.File}: each priced Terraform resource is a set of");
        o.WriteLine("# line items (quantity x a price-book key) carrying its address; edit quantities or add usage ranges here.");
        o.WriteLine("stackplan: 1");
        o.WriteLine($"name: {Quote(spec.Name)}");
        o.WriteLine($"provider: {Quote(spec.Provider)}");
        o.WriteLine($"region: {Quote(spec.Region)}");
        o.WriteLine("environments:");
        foreach (var env in spec.Environments)
        {
            o.WriteLine($"  {Quote(env.Name)}:");
            o.WriteLine("    # no implicit cluster, NAT or add-ons: every cost is a line item below");
            o.WriteLine("    natGateways: none");
            o.WriteLine("    cluster: {kind: ecs-fargate, endpoint: private}");
            o.WriteLine("    lineItems:");
            foreach (var item in env.LineItems)
            {
                o.WriteLine($"      - item: {Quote(item.Item)}");
                if (item.Resource is not null)
                {
                    o.WriteLine($"        resource: {Quote(item.Resource)}");
                }

                o.WriteLine($"        category: {Quote(item.Category)}");
                o.WriteLine($"        quantity: {Range(item.Quantity)}");
                o.WriteLine($"        unit: {Quote(item.Unit)}");
                if (item.PriceKey is not null)
                {
                    o.WriteLine($"        priceKey: {Quote(item.PriceKey)}");
                }

                if (item.UnitPrice is { } price)
                {
                    o.WriteLine($"        unitPrice: {Number(price)}");
                    o.WriteLine($"        source: {Quote(item.Source ?? "")}");
                }

                if (item.Region is not null)
                {
                    o.WriteLine($"        region: {Quote(item.Region)}");
                }

                if (item.Note is not null)
                {
                    o.WriteLine($"        note: {Quote(item.Note)}");
                }
            }
        }

        o.WriteLine("options:");
        foreach (var option in spec.Options)
        {
            o.WriteLine($"  {Quote(option.Name)}:");
            o.WriteLine($"    description: {Quote(option.Description ?? "")}");
        }
    }

    private static string Range(ValueRange value) => value.IsExact ? Number(value.Expected)
        : $"{{low: {Number(value.Low)}, expected: {Number(value.Expected)}, high: {Number(value.High)}}}";

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    internal static string Quote(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length + 2);
        escaped.Append('"');
        foreach (var ch in text)
        {
            escaped.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(ch) => $"\\u{(int)ch:x4}",
                _ => ch.ToString(),
            });
        }

        return escaped.Append('"').ToString();
    }
}
