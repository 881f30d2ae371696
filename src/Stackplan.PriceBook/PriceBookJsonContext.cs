using System.Text.Json.Serialization;

namespace Stackplan.PriceBook;

/// <summary>
/// The JSON shapes the book reads back, compiled at build time: reflection-based serialization
/// is cut by trimming and needs run-time code generation, which a native AOT binary does not have.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class PriceBookJsonContext : JsonSerializerContext;
