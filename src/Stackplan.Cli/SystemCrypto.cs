using System.Runtime.InteropServices;
using Stackplan.Core.Model;

namespace Stackplan.Cli;

/// <summary>
/// SHA-256 (a report's reproducibility footer, an imported file's digest) and HTTPS go through the
/// system's OpenSSL, which .NET loads on first use; when it finds none, its native shim aborts the
/// process (exit 134) where no exception can be caught. A command that will need it asks here first,
/// by the library names that shim tries (libssl.so.3, then the 1.1 and 1.0 series), and a machine
/// without it gets SP2108, exit 2, before anything is written.
/// </summary>
internal static class SystemCrypto
{
    private static readonly string[] LibSslNames = ["libssl.so.3", "libssl.so.1.1", "libssl.so.1.0.2", "libssl.so.1.0.0", "libssl.so.10"];

    /// <summary>Throws <see cref="InputException"/> (SP2108) when Linux has no OpenSSL to load; <paramref name="needs"/> says what needs it.</summary>
    public static void Require(string needs)
    {
        // Elsewhere .NET uses the system's own cryptography; an explicit override is the user's word.
        if (!OperatingSystem.IsLinux() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_OPENSSL_VERSION_OVERRIDE")))
        {
            return;
        }

        foreach (var name in LibSslNames)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return;
            }
        }

        throw new InputException([new Diagnostic(DiagnosticCodes.MissingSystemLibrary, null, $"{needs} needs OpenSSL (libssl.so.3 or 1.1), and this machine has none", "on Debian and Ubuntu: apt-get install libssl3")]);
    }
}
