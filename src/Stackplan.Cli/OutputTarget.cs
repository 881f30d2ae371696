using Stackplan.Core.Model;
namespace Stackplan.Cli;

/// <summary>
/// Where a command's main output goes: the console, or a file written atomically (to a temporary
/// file beside it, then renamed), so a failed run never leaves a half-written report behind.
/// </summary>
public static class OutputTarget
{
    public static void Write(CliConsole console, string? path, Action<Stream> write)
    {
        if (path is null or "-")
        {
            using var buffer = new MemoryStream();
            write(buffer);
            console.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            console.Out.Flush();
            return;
        }

        var full = console.ResolvePath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new UsageException(DiagnosticCodes.CannotWriteOutput, $"cannot write '{path}': the folder '{directory}' does not exist");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(file);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (IOException e)
        {
            throw new UsageException(DiagnosticCodes.CannotWriteOutput, $"cannot write '{path}': {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException(DiagnosticCodes.CannotWriteOutput, $"cannot write '{path}': permission denied");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static void WriteText(CliConsole console, string? path, Action<TextWriter> write) =>
        Write(console, path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });
}
