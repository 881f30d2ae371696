using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli;

/// <summary>Reads a spec from a path, or from standard input when the path is "-".</summary>
public static class SpecInput
{
    public static (PlatformSpec Spec, string Path) Load(CliConsole console, string path)
    {
        var (spec, where, _) = LoadWithText(console, path);
        return (spec, where);
    }

    /// <summary>As <see cref="Load"/>, also handing back the spec's text (report hashes it).</summary>
    public static (PlatformSpec Spec, string Path, string Text) LoadWithText(CliConsole console, string path)
    {
        if (path == "-")
        {
            var input = console.In.ReadToEnd();
            return (SpecReader.Read(input, "<stdin>"), "<stdin>", input);
        }

        var full = console.ResolvePath(path);
        if (Directory.Exists(full))
        {
            var inside = Path.Combine(full, "platform.yaml");
            if (!File.Exists(inside))
            {
                throw new UsageException(DiagnosticCodes.CannotReadInput, $"'{path}' is a folder with no platform.yaml in it");
            }

            full = inside;
            path = Path.Combine(path, "platform.yaml");
        }

        if (!File.Exists(full))
        {
            throw new UsageException(DiagnosticCodes.CannotReadInput, $"no spec file at '{path}'");
        }

        var size = new FileInfo(full).Length;
        if (size > SpecReader.MaxSpecBytes)
        {
            throw new InputException(DiagnosticCodes.InputTooLarge, SourceLocation.None(path), $"the spec is {size / (1024 * 1024)} MiB; a spec is at most {SpecReader.MaxSpecBytes / (1024 * 1024)} MiB", "a platform spec is a few hundred lines; is this the right file?");
        }

        var text = File.ReadAllText(full);
        return (SpecReader.Read(text, path), path, text);
    }

    /// <summary>User catalog files given with --catalog, as (file name, text) pairs.</summary>
    public static IEnumerable<SourceText> CatalogFiles(CliConsole console, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var full = console.ResolvePath(path);
            if (!File.Exists(full))
            {
                throw new UsageException(DiagnosticCodes.CannotReadInput, $"no catalog file at '{path}'");
            }

            yield return new SourceText(path, File.ReadAllText(full));
        }
    }
}
