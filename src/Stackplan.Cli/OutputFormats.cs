using Stackplan.Core.Model;
using Stackplan.Core.Parsing;
using Stackplan.Core.Reports;

namespace Stackplan.Cli;

/// <summary>
/// Every output format, each registered once, in the order help lists them; the first that renders
/// a document type is that type's default. Help texts, --format validation and -o extension
/// inference read this list and nothing else.
/// </summary>
public static class OutputFormats
{
    public static IReadOnlyList<Renderer> All { get; } =
    [
        new TableRenderer(),
        new JsonRenderer(),
        new CsvRenderer(),
        new MarkdownRenderer(),
        new SarifRenderer(),
        new JUnitRenderer(),
        new HtmlRenderer(),
    ];

    public static readonly OptionSpec Output = new("output", "FILE", "write to FILE instead of standard output; its extension picks the format when --format is not given", "o");

    /// <summary>The formats that render <typeparamref name="TDocument"/>, the default first.</summary>
    public static IReadOnlyList<Renderer> For<TDocument>()
        where TDocument : IReportDocument => [.. All.Where(r => r.Renders(typeof(TDocument)))];

    /// <summary>--format for a command whose output is a <typeparamref name="TDocument"/>, its help listing the formats and extensions.</summary>
    public static OptionSpec Format<TDocument>()
        where TDocument : IReportDocument
    {
        var formats = For<TDocument>();
        return new("format", "FORMAT", $"output format: {string.Join(", ", formats.Select(f => f.Format.Name))} (default {formats[0].Format.Name}; -o FILE's extension chooses too: {Extensions(formats)})", "f")
        {
            Choices = [.. formats.Select(f => f.Format.Name)],
        };
    }

    /// <summary>
    /// The renderer asked for: --format by name; else the extension of -o FILE (exit 2 when no
    /// format of this command claims it); else the default.
    /// </summary>
    /// <exception cref="UsageException">for an unknown format name or file extension.</exception>
    public static Renderer Choose<TDocument>(Arguments args)
        where TDocument : IReportDocument
    {
        var formats = For<TDocument>();
        var names = formats.Select(f => f.Format.Name).ToList();
        if (args.Get("format") is { } name)
        {
            return formats.FirstOrDefault(f => f.Format.Name == name)
                ?? throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--format must be one of {string.Join(", ", names)}, not '{name}'", Spelling.Suggest(name, names));
        }

        if (args.Get(Output.Name) is { } path and not "-" && Path.GetExtension(path).Length > 0)
        {
            return formats.Where(f => f.Format.Claims(path) > 0).MaxBy(f => f.Format.Claims(path))
                ?? throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"cannot tell the format from the extension of '{path}'", $"use --format, or one of the extensions {Extensions(formats)}");
        }

        return formats[0];
    }

    /// <summary>Chooses the format (see <see cref="Choose"/>) and writes the document to -o FILE (atomically) or standard output.</summary>
    public static void Write<TDocument>(TDocument document, Arguments args, CliConsole console, bool brief = false)
        where TDocument : IReportDocument
    {
        var renderer = Choose<TDocument>(args);
        var output = args.Get(Output.Name);
        var settings = new RenderSettings(Color: console.Color && output is null or "-", Brief: brief);
        OutputTarget.Write(console, output, stream => renderer.Write(document, settings, stream));
    }

    private static string Extensions(IEnumerable<Renderer> formats) =>
        string.Join(", ", formats.SelectMany(f => f.Format.Extensions.Select(e => $"{e} ({f.Format.Name})")));
}
