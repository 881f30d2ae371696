using Microsoft.Win32.SafeHandles;
using Stackplan.Core.Model;

namespace Stackplan.Cli;

/// <summary>
/// Where a command's main output goes: the console, or a file written atomically (to a temporary
/// file beside it, then renamed), so a failed run never leaves a half-written report behind.
/// Only a regular file is ever replaced: a folder, a FIFO, a device or a socket at the path is
/// refused (exit 2), and so is any file the run reads (the spec, a catalog, a price book). A
/// symbolic link is written through: its final target is replaced and the link stays.
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

        var full = Destination(console, path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(file);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw new UsageException(DiagnosticCodes.CannotWriteOutput, $"cannot write '{path}': the disk is full; nothing was changed at '{path}'");
        }
        catch (IOException)
        {
            throw new UsageException(DiagnosticCodes.CannotWriteOutput, $"cannot write '{path}': an I/O error; nothing was changed at '{path}'");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException(DiagnosticCodes.CannotWriteOutput, $"cannot write '{path}': permission denied (the folder '{directory}' must be writable)");
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

    /// <summary>ENOSPC on Unix (28), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsDiskFull(IOException e) => (e.HResult & 0xFFFF) is 28 or 0x27 or 0x70;

    /// <summary>The file to replace: the path, or its symlink's final target; refused unless it is a regular file (or absent) and not an input.</summary>
    private static string Destination(CliConsole console, string path)
    {
        var full = console.ResolvePath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException(DiagnosticCodes.UnsafeOutput, $"-o '{path}' is a folder, not a file");
        }

        if (new FileInfo(full).LinkTarget is not null)
        {
            full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
            if (Directory.Exists(full))
            {
                throw new UsageException(DiagnosticCodes.UnsafeOutput, $"-o '{path}' is a link to a folder, not a file");
            }
        }

        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new UsageException(DiagnosticCodes.CannotWriteOutput, $"cannot write '{path}': the folder '{directory}' does not exist");
        }

        if (console.InputPaths.Contains(full) || console.InputPaths.Any(i => SameFile(i, full)))
        {
            throw new UsageException(DiagnosticCodes.UnsafeOutput, $"-o '{path}' is a file this run reads; writing the report there would destroy it");
        }

        // /dev/stdout resolves through /proc/self/fd/1 to "pipe:[...]", which is no file at all.
        if ((File.Exists(full) && !IsRegularFile(full)) || (!File.Exists(full) && IsSystemPath(full)))
        {
            throw new UsageException(DiagnosticCodes.UnsafeOutput, $"-o '{path}' is not a regular file (a FIFO, device or socket); write the report to a regular file");
        }

        return full;
    }

    /// <summary>Devices, processes and kernel settings: nothing a report replaces.</summary>
    private static bool IsSystemPath(string full) =>
        !OperatingSystem.IsWindows() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal));

    private static bool SameFile(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal)
        || (new FileInfo(a).LinkTarget is not null && string.Equals(File.ResolveLinkTarget(a, returnFinalTarget: true)?.FullName, b, StringComparison.Ordinal));

    /// <summary>
    /// .NET does not expose a file's type, so this tells a regular file by behaviour: it lives outside
    /// /dev, /proc and /sys, it can seek (a FIFO, socket or terminal cannot), and it ends where its
    /// length says (a device such as /dev/zero or /dev/full reads on past its length of 0). It is
    /// opened read-write, which does not wait for a FIFO's other end, and nothing is written.
    /// </summary>
    private static bool IsRegularFile(string full)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        if (IsSystemPath(full))
        {
            return false;
        }

        try
        {
            using SafeFileHandle handle = File.OpenHandle(full, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            using var stream = new FileStream(handle, FileAccess.ReadWrite, 1);
            if (!stream.CanSeek)
            {
                return false;
            }

            var length = RandomAccess.GetLength(handle);
            Span<byte> probe = stackalloc byte[1];
            return RandomAccess.Read(handle, probe, length) == 0;
        }
        catch (UnauthorizedAccessException)
        {
            // A regular file we may not open read-write is replaced by the rename if the folder allows it.
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
