using System.Collections.Immutable;
using Stackplan.Core.Model;

namespace Stackplan.Core.Reports;

/// <summary>
/// An output format as a user names it: <c>--format NAME</c>, or the extension of <c>-o FILE</c>
/// (matched case-insensitively, the longest first, so "x.sarif.json" is SARIF, not JSON).
/// </summary>
public sealed record OutputFormat(string Name, ImmutableArray<string> Extensions, string MediaType, string Description)
{
    /// <summary>The length of the extension of <paramref name="path"/> this format claims, 0 when none.</summary>
    public int Claims(string path) =>
        Extensions.Where(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)).Select(e => e.Length).DefaultIfEmpty(0).Max();
}

/// <summary>
/// How a document is drawn, never what it says: <see cref="Color"/> is for a terminal only;
/// <see cref="Brief"/> asks the terminal table for the summary without each bill's lines (compare).
/// </summary>
public sealed record RenderSettings(bool Color = false, bool Brief = false);

/// <summary>
/// One output format, registered once (the CLI's list is <c>OutputFormats.All</c>). Help texts,
/// <c>--format</c> validation and <c>-o</c> extension inference read <see cref="Format"/> and
/// <see cref="Renders"/>; adding a format is one subclass, which says in its constructor which
/// documents it writes (<see cref="Add{TDocument}"/>), plus its line in that list.
/// </summary>
public abstract class Renderer(OutputFormat format)
{
    private readonly Dictionary<Type, Action<IReportDocument, RenderSettings, Stream>> _writers = [];

    public OutputFormat Format { get; } = format;

    /// <summary>Whether this format can write documents of <paramref name="documentType"/>.</summary>
    public bool Renders(Type documentType) => _writers.ContainsKey(documentType);

    /// <summary>Writes <paramref name="document"/> to <paramref name="output"/> (UTF-8 without BOM, LF line ends).</summary>
    /// <exception cref="NotSupportedException">when <see cref="Renders"/> is false for its type.</exception>
    public void Write(IReportDocument document, RenderSettings settings, Stream output)
    {
        var write = _writers.GetValueOrDefault(document.GetType())
            ?? throw new NotSupportedException($"the {Format.Name} format does not render {document.GetType().Name}");
        write(document, settings, output);
    }

    /// <summary>Registers how this format writes a <typeparamref name="TDocument"/> as bytes.</summary>
    protected void Add<TDocument>(Action<TDocument, RenderSettings, Stream> write)
        where TDocument : IReportDocument =>
        _writers[typeof(TDocument)] = (document, settings, output) => write((TDocument)document, settings, output);

    /// <summary>Registers how this format writes a <typeparamref name="TDocument"/> as text: UTF-8 without BOM, "\n" line ends.</summary>
    protected void AddText<TDocument>(Action<TDocument, RenderSettings, TextWriter> write)
        where TDocument : IReportDocument =>
        Add<TDocument>((document, settings, output) =>
        {
            using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            write(document, settings, writer);
        });
}

/// <summary>The escaping each text format needs, written once.</summary>
public static class Escape
{
    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    public static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A GitHub-flavoured Markdown table cell: pipes escaped, line breaks folded to spaces.</summary>
    public static string MarkdownCell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>Text and attribute values in HTML: the five characters with meaning there.</summary>
    public static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}

/// <summary>
/// Plain records with named string fields (price-book queries, info, diff): every field in JSON and
/// CSV, the <see cref="TableColumns"/> in a terminal, then <see cref="Footer"/> when there is one.
/// </summary>
public sealed record RecordTable(ImmutableArray<string> Header, ImmutableArray<ImmutableArray<string>> Rows, ImmutableArray<int> TableColumns, string? Footer = null) : IReportDocument;

/// <summary>The derivation of one figure, as <see cref="Explainer"/> writes it, for explain.</summary>
public sealed record Explanation(string Deployment, string Figure, string Text) : IReportDocument;
