using System.Globalization;
using System.Text;
using Stackplan.Core.Inputs.Kubernetes;
using Stackplan.Core.Inputs.Terraform;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli;

/// <summary>
/// Reads a spec from a path, or from standard input when the path is "-". The format is told by
/// content: Terraform's plan or state JSON (<c>terraform show -json</c>) is mapped onto a spec by
/// <see cref="TerraformImporter"/>; anything else is read as our YAML spec.
/// </summary>
public static class SpecInput
{
    /// <summary>The most bytes read from any one spec or catalog input (files, FIFOs, devices and standard input alike).</summary>
    public const long MaxInputBytes = SpecReader.MaxSpecBytes;

    /// <summary>The option every command that reads a spec takes for a Terraform plan's usage.</summary>
    public static readonly OptionSpec UsageFileOption = new("usage-file", "FILE", "usage per Terraform resource (Infracost's usage-file format, version 0.1; ranges allowed)");

    /// <summary>Kubernetes manifests whose workloads join the spec's (a file, a folder of .yaml/.yml files, or - for standard input).</summary>
    public static readonly OptionSpec WorkloadsOption = new("workloads", "FILE|DIR|-", "add the workloads of Kubernetes manifests (kubectl or helm template output) to the spec's");

    public static (PlatformSpec Spec, string Path) Load(CliConsole console, string path, Arguments? args = null) =>
        LoadInput(console, path, args, PlanSide.Planned) is var (input, shown) ? (input.Spec, shown) : default;

    /// <summary>As <see cref="Load"/>, also handing back the input's text (report hashes it).</summary>
    public static (PlatformSpec Spec, string Path, string Text) LoadWithText(CliConsole console, string path, Arguments? args = null)
    {
        var (input, shown, text) = LoadAll(console, path, args, PlanSide.Planned);
        return (input.Spec, shown, text);
    }

    /// <summary>Reads a spec or a plan; for a plan, also its import (charges, warnings), the side chosen.</summary>
    public static (TerraformImport Input, string Path) LoadInput(CliConsole console, string path, Arguments? args, PlanSide side)
    {
        var (input, shown, _) = LoadAll(console, path, args, side);
        return (input, shown);
    }

    private static (TerraformImport Input, string Path, string Text) LoadAll(CliConsole console, string path, Arguments? args, PlanSide side)
    {
        var (input, shown, text) = ReadInput(console, path, args, side);
        if (args?.Get(WorkloadsOption.Name) is not { } manifests)
        {
            return (input, shown, text);
        }

        var set = ManifestReader.Read(ManifestFiles(console, manifests));
        foreach (var warning in set.Warnings)
        {
            console.Error.WriteLine(warning.ToString());
        }

        return (input with { Spec = ManifestWorkloads.AddTo(input.Spec, set) }, shown, text);
    }

    private static IEnumerable<SourceText> ManifestFiles(CliConsole console, string path)
    {
        if (path == "-")
        {
            return [new SourceText("<stdin>", ReadStandardInput(console, SpecReader.MaxSpecBytes * 4, "manifest"))];
        }

        var full = console.ResolvePath(path);
        var files = Directory.Exists(full)
            ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
            : File.Exists(full) ? [full] : throw new UsageException(DiagnosticCodes.CannotReadInput, $"no manifest file or folder at '{path}'");
        return files.Select(f =>
        {
            if (new FileInfo(f).Length > SpecReader.MaxSpecBytes * 4)
            {
                throw new InputException(DiagnosticCodes.InputTooLarge, SourceLocation.None(f), $"the manifest file is larger than {SpecReader.MaxSpecBytes * 4 / (1024 * 1024)} MiB");
            }

            var shown = f == full ? path : Path.Combine(path, Path.GetRelativePath(full, f));
            return new SourceText(shown, ReadFile(console, shown, f, "manifest", SpecReader.MaxSpecBytes * 4));
        }).ToList();
    }

    private static (TerraformImport Input, string Path, string Text) ReadInput(CliConsole console, string path, Arguments? args, PlanSide side)
    {
        var (text, shown) = ReadText(console, path);
        if (!TerraformPlanReader.LooksLikeTerraformJson(text))
        {
            if (args?.Get(UsageFileOption.Name) is { } ignored)
            {
                // A usage file names Terraform resource addresses: a spec has none, so it would be read for nothing.
                throw new UsageException(DiagnosticCodes.InvalidOptionValue, $"--usage-file '{ignored}' applies to a Terraform plan, and '{shown}' is a spec", "put the volumes under the spec's usage: or pass them with --usage KEY=VALUE");
            }

            return (new TerraformImport(SpecReader.Read(text, shown), [], []), shown, text);
        }

        var plan = TerraformPlanReader.Read(text, shown);
        var usage = args?.Get(UsageFileOption.Name) is { } usagePath ? ReadUsage(console, usagePath) : null;
        var import = TerraformImporter.Import(plan, usage, PriceBookDate(), side);
        foreach (var warning in import.Warnings.Where(w => args is null || w.Code != DiagnosticCodes.UnreadUsageKey))
        {
            console.Error.WriteLine(warning.ToString());
        }

        // An unread usage-file key is the spec's unread usage key: under --strict it fails the run.
        if (args is not null)
        {
            Commands.Gates.Report([.. import.Warnings.Where(w => w.Code == DiagnosticCodes.UnreadUsageKey)], args, console);
        }

        return (import, shown, text);
    }

    private static UsageFile ReadUsage(CliConsole console, string path)
    {
        var full = console.ResolvePath(path);
        if (!File.Exists(full))
        {
            throw new UsageException(DiagnosticCodes.CannotReadInput, $"no usage file at '{path}'");
        }

        if (new FileInfo(full).Length > SpecReader.MaxSpecBytes)
        {
            throw new InputException(DiagnosticCodes.InputTooLarge, SourceLocation.None(path), $"the usage file is larger than {SpecReader.MaxSpecBytes / (1024 * 1024)} MiB", "a usage file lists volumes per resource; is this the right file?");
        }

        return UsageFile.Read(ReadFile(console, path, full, "usage file"), path);
    }

    /// <summary>The date EKS support windows are judged at when a plan has no timestamp: the embedded price book's, so runs are repeatable.</summary>
    private static DateOnly? PriceBookDate() =>
        DateOnly.TryParseExact(EmbeddedData.PriceBook().AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static (string Text, string Path) ReadText(CliConsole console, string path)
    {
        if (path == "-")
        {
            // Standard input may be a Terraform plan (JSON) or a spec: the spec's bound applies as soon
            // as the first bytes show it is not JSON, so endless input stops at 4 MiB, not 512.
            return (ReadStandardInput(console, TerraformPlanReader.MaxPlanBytes, "standard input", unlessJson: SpecReader.MaxSpecBytes), "<stdin>");
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
            throw NotThere(full, path, "spec");
        }

        var size = new FileInfo(full).Length;
        if (size > TerraformPlanReader.MaxPlanBytes || (size > SpecReader.MaxSpecBytes && !StartsLikeJson(full)))
        {
            var limit = size > TerraformPlanReader.MaxPlanBytes ? TerraformPlanReader.MaxPlanBytes : SpecReader.MaxSpecBytes;
            throw new InputException(DiagnosticCodes.InputTooLarge, SourceLocation.None(path), $"the input is {size / (1024 * 1024)} MiB; a spec is at most {SpecReader.MaxSpecBytes / (1024 * 1024)} MiB and a Terraform plan at most {TerraformPlanReader.MaxPlanBytes / (1024 * 1024)} MiB", limit == SpecReader.MaxSpecBytes ? "a platform spec is a few hundred lines; is this the right file?" : "split the plan by workspace");
        }

        // A FIFO or device has no size to check above: the spec's bound applies once its first bytes are not JSON.
        return (ReadFile(console, path, full, "spec", TerraformPlanReader.MaxPlanBytes, unlessJson: SpecReader.MaxSpecBytes), path);
    }

    /// <summary>
    /// Why a file is not there: absent, or in a folder this user may not search (File.Exists says
    /// false for both, and "no such file" would send the user looking for a typo).
    /// </summary>
    private static UsageException NotThere(string full, string path, string what)
    {
        for (var folder = Path.GetDirectoryName(full); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            try
            {
                _ = Directory.EnumerateFileSystemEntries(folder).Any();
            }
            catch (UnauthorizedAccessException)
            {
                return new UsageException(DiagnosticCodes.CannotReadInput, $"permission denied: this user cannot look inside '{folder}', which holds the {what} file '{path}'");
            }

            break;
        }

        return new UsageException(DiagnosticCodes.CannotReadInput, $"no {what} file at '{path}'");
    }

    private static bool StartsLikeJson(string full)
    {
        using var stream = File.OpenRead(full);
        Span<byte> head = stackalloc byte[64];
        var read = stream.Read(head);
        return FirstByteOpensJson(head[..read]) ?? false;
    }

    /// <summary>Whether the first byte after whitespace (and a BOM) is '{'; null while <paramref name="head"/> holds only those.</summary>
    private static bool? FirstByteOpensJson(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'{';
        }

        return null;
    }

    /// <summary>User catalog files given with --catalog, as (file name, text) pairs.</summary>
    public static IEnumerable<SourceText> CatalogFiles(CliConsole console, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var full = console.ResolvePath(path);
            yield return new SourceText(path, ReadFile(console, path, full, "catalog"));
        }
    }

    /// <summary>Standard input, bounded and strictly UTF-8 (a test console may hand over text only).</summary>
    private static string ReadStandardInput(CliConsole console, long limit, string what, long? unlessJson = null) =>
        console.OpenStandardInput is { } open ? ReadText(open(), "<stdin>", what, limit, unlessJson) : console.In.ReadToEnd();

    /// <summary>Reads one input file as UTF-8 text, bounded, recording it as an input of the run.</summary>
    /// <param name="unlessJson">A smaller bound that applies when the content does not start like JSON (see <see cref="ReadText(Stream, string, string, long, long?)"/>).</param>
    public static string ReadFile(CliConsole console, string path, string full, string what, long limit = MaxInputBytes, long? unlessJson = null)
    {
        if (Directory.Exists(full))
        {
            throw new UsageException(DiagnosticCodes.CannotReadInput, $"'{path}' is a folder, not a {what} file");
        }

        if (!File.Exists(full))
        {
            throw NotThere(full, path, what);
        }

        console.InputPaths.Add(full);
        Stream stream;
        try
        {
            stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(path), "permission denied: this user cannot read the file");
        }
        catch (IOException)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(path), $"the {what} file cannot be opened");
        }

        return ReadText(stream, path, what, limit, unlessJson);
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes and decodes them strictly as UTF-8 (a BOM is
    /// skipped). Throws <see cref="InputException"/>: SP6002 when there is more, SP6003 at the first
    /// byte that is not UTF-8, SP6001 for a gzip file or a read that fails. With
    /// <paramref name="unlessJson"/>, that smaller bound applies when the input does not start like
    /// a JSON document.
    /// </summary>
    public static string ReadText(Stream stream, string name, string what, long limit = MaxInputBytes, long? unlessJson = null)
    {
        var buffer = new byte[64 * 1024];
        using var bytes = new MemoryStream();
        try
        {
            using (stream)
            {
                int read;
                while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit + 1 - bytes.Length))) > 0)
                {
                    bytes.Write(buffer, 0, read);
                    if (unlessJson is { } smaller && FirstByteOpensJson(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)) == false)
                    {
                        limit = Math.Min(limit, smaller);
                    }

                    if (bytes.Length > limit)
                    {
                        throw new InputException(DiagnosticCodes.InputTooLarge, SourceLocation.None(name), $"the {what} is larger than {limit / (1024 * 1024)} MiB, the most Stackplan reads; it stopped reading there", "a platform spec or catalog is a few hundred lines; is this the right file?");
                    }
                }
            }
        }
        catch (IOException)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(name), $"reading the {what} failed part-way (an I/O error)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(name), "permission denied: this user cannot read the file");
        }

        return Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), name, what);
    }

    /// <summary>Strict UTF-8: the first invalid byte is reported at its line and column.</summary>
    public static string Decode(ReadOnlySpan<byte> data, string name, string what)
    {
        if (data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(name), $"the {what} is gzip-compressed; decompress it first (gunzip)");
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            data = data[3..];
        }

        if (System.Text.Unicode.Utf8.IsValid(data))
        {
            return Encoding.UTF8.GetString(data);
        }

        var (line, column, offset) = (1, 1, 0);
        while (offset < data.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(data[offset..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            (line, column) = rune.Value == '\n' ? (line + 1, 1) : (line, column + 1);
            offset += consumed;
        }

        throw new InputException(
            DiagnosticCodes.InvalidEncoding,
            new SourceLocation(name, line, column),
            $"the {what} is not valid UTF-8 (byte 0x{data[offset]:X2})",
            "save the file as UTF-8");
    }
}
