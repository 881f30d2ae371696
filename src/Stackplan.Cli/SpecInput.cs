using System.Text;
using Stackplan.Core.Model;
using Stackplan.Core.Parsing;

namespace Stackplan.Cli;

/// <summary>
/// Reads a spec from a path, or from standard input when the path is "-", and catalog files.
/// Every read is bounded (a spec or catalog is at most 4 MiB, whether a file, a FIFO, a device or
/// standard input) and strict: bytes that are not UTF-8 are refused with their line and column,
/// never replaced. Folders, missing files, permissions and compressed files are named plainly.
/// </summary>
public static class SpecInput
{
    /// <summary>The most bytes read from any one spec or catalog input.</summary>
    public const long MaxInputBytes = SpecReader.MaxSpecBytes;

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
            var text = console.OpenStandardInput is { } open
                ? ReadText(open(), "<stdin>", "standard input")
                : console.In.ReadToEnd();
            return (SpecReader.Read(text, "<stdin>"), "<stdin>", text);
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

        var read = ReadFile(console, path, full, "spec");
        return (SpecReader.Read(read, path), path, read);
    }

    /// <summary>User catalog files given with --catalog, as (file name, text) pairs.</summary>
    public static IEnumerable<SourceText> CatalogFiles(CliConsole console, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            yield return new SourceText(path, ReadFile(console, path, console.ResolvePath(path), "catalog"));
        }
    }

    /// <summary>Reads one input file as UTF-8 text, bounded, recording it as an input of the run.</summary>
    public static string ReadFile(CliConsole console, string path, string full, string what)
    {
        if (Directory.Exists(full))
        {
            throw new UsageException(DiagnosticCodes.CannotReadInput, $"'{path}' is a folder, not a {what} file");
        }

        if (!File.Exists(full))
        {
            throw new UsageException(DiagnosticCodes.CannotReadInput, $"no {what} file at '{path}'");
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

        return ReadText(stream, path, what);
    }

    /// <summary>
    /// Reads at most <see cref="MaxInputBytes"/> bytes and decodes them strictly as UTF-8 (a BOM is
    /// skipped). Throws <see cref="InputException"/>: SP6002 when there is more, SP6003 at the first
    /// byte that is not UTF-8, SP6001 for a gzip file or a read that fails.
    /// </summary>
    public static string ReadText(Stream stream, string name, string what)
    {
        var buffer = new byte[64 * 1024];
        using var bytes = new MemoryStream();
        try
        {
            using (stream)
            {
                int read;
                while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, MaxInputBytes + 1 - bytes.Length))) > 0)
                {
                    bytes.Write(buffer, 0, read);
                    if (bytes.Length > MaxInputBytes)
                    {
                        throw new InputException(DiagnosticCodes.InputTooLarge, SourceLocation.None(name), $"the {what} is larger than {MaxInputBytes / (1024 * 1024)} MiB, the most Stackplan reads; it stopped reading there", "a platform spec or catalog is a few hundred lines; is this the right file?");
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
