using Stackplan.Core.Model;

namespace Stackplan.PriceBook;

/// <summary>Where a download has got, for the progress bar.</summary>
public sealed record DownloadProgress(string Url, long BytesRead, long? BytesTotal);

/// <summary>
/// `pricebook update`: reads the offer index, then each wanted offer's region index, then the wanted
/// region files from the Price List bulk endpoint. Each region file is streamed to a temporary file
/// beside the book (never held in memory) and imported from there; versions the book already holds
/// are not downloaded at all. A server that stalls is given up on after <see cref="ReadTimeout"/>
/// without a byte; a failed fetch is tried <see cref="Attempts"/> times, waiting 1 s, then 2 s.
/// The temporary file is removed on failure, on Ctrl-C and SIGTERM, and (for a run that was killed
/// outright) by the next update, which removes the files of update processes no longer running.
/// </summary>
public sealed class PriceListUpdater(HttpClient http, Uri baseUrl, Action<DownloadProgress>? progress = null)
{
    public const string DefaultBaseUrl = "https://pricing.us-east-1.amazonaws.com";

    /// <summary>How long a download may go without receiving a byte before it is given up.</summary>
    public static TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a fetch is tried before the update fails.</summary>
    public const int Attempts = 3;

    private const string TemporaryPrefix = ".pricebook-download-";

    /// <summary>An HttpClient with a connect timeout and no overall limit (a region file can take minutes; stalls are caught per read).</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) }) { Timeout = Timeout.InfiniteTimeSpan };

    public void Update(PriceListImporter importer, ImportFilter filter)
    {
        var offerIndexUrl = PriceListIndex.OfferIndexUrl;
        foreach (var file in PriceListSources.Resolve(GetText, filter, GetText(offerIndexUrl), Absolute(offerIndexUrl).ToString(), offerIndexUrl).ToList())
        {
            if (file.Version.Length > 0 && importer.HasVersion(file.OfferCode, file.Region, file.Version))
            {
                importer.NoteSkipped(new ImportedFile(file.RelativeUrl, file.OfferCode, file.Version, "", file.Region, 0, 0, Skipped: true, "this version is already in the book"));
                continue;
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(importer.BookPath))!;
            RemoveAbandoned(folder);
            var temporary = Path.Combine(folder, $"{TemporaryPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
            using var onSignal = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => File.Delete(temporary));
            using var onInterrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, _ => File.Delete(temporary));
            try
            {
                Retry(() => Download(file.RelativeUrl, temporary));
                importer.ImportFile(temporary, Absolute(file.RelativeUrl).ToString());
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }

    private Uri Absolute(string relative) => new(baseUrl, relative);

    /// <summary>Temporary files of update processes that are no longer running (killed outright).</summary>
    private static void RemoveAbandoned(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, TemporaryPrefix + "*.tmp"))
        {
            var pid = Path.GetFileName(path)[TemporaryPrefix.Length..].Split('-')[0];
            if (int.TryParse(pid, System.Globalization.CultureInfo.InvariantCulture, out var id) && id != Environment.ProcessId && !IsRunning(id))
            {
                File.Delete(path);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Runs a fetch up to <see cref="Attempts"/> times; only a download failure (network, stall, 5xx) is retried.</summary>
    private static T Retry<T>(Func<T> fetch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return fetch();
            }
            catch (InputException e) when (attempt < Attempts && e.Diagnostics.All(d => d.Code == DiagnosticCodes.DownloadFailed && !d.Message.StartsWith("the server answered 4", StringComparison.Ordinal)))
            {
                Thread.Sleep(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    private static void Retry(Action fetch) => Retry(() =>
    {
        fetch();
        return 0;
    });

    private string GetText(string relative)
    {
        var url = Absolute(relative);
        return Retry(() =>
        {
            using var memory = new MemoryStream();
            Fetch(url, memory);
            return System.Text.Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length);
        });
    }

    private void Download(string relative, string path)
    {
        var url = Absolute(relative);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Fetch(url, file);
    }

    /// <summary>
    /// Streams one URL into <paramref name="target"/>, giving up when the server sends nothing for
    /// <see cref="ReadTimeout"/>. Failures are named in words (never the framework's message).
    /// </summary>
    private void Fetch(Uri url, Stream target)
    {
        var where = SourceLocation.None(url.ToString());
        long read = 0;
        long? total = null;
        using var stall = new CancellationTokenSource();
        try
        {
            stall.CancelAfter(ReadTimeout);
            using var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stall.Token).GetAwaiter().GetResult();
            Ensure(response, url);
            total = response.Content.Headers.ContentLength;
            using var body = response.Content.ReadAsStream(stall.Token);
            var buffer = new byte[1 << 16];
            int n;
            while (true)
            {
                stall.CancelAfter(ReadTimeout);
                n = body.ReadAsync(buffer, stall.Token).AsTask().GetAwaiter().GetResult();
                if (n == 0)
                {
                    break;
                }

                target.Write(buffer, 0, n);
                read += n;
                progress?.Invoke(new DownloadProgress(url.ToString(), read, total));
            }

            if (total is { } expected && read < expected)
            {
                throw new InputException(DiagnosticCodes.DownloadFailed, where, $"download interrupted: the server closed the connection after {read:N0} of {expected:N0} bytes; the previous book is unchanged");
            }
        }
        catch (OperationCanceledException)
        {
            throw new InputException(DiagnosticCodes.DownloadFailed, where, $"the server sent nothing for {ReadTimeout.TotalSeconds:0} s{(read > 0 ? $" after {read:N0} bytes" : "")}; the download was given up and the previous book is unchanged", "try again later, or check --base-url");
        }
        catch (HttpRequestException e) when (read == 0 && e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError)
        {
            throw new InputException(DiagnosticCodes.DownloadFailed, where, $"cannot connect to {url.Host}", "check --base-url and the network");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new InputException(DiagnosticCodes.DownloadFailed, where, total is { } expected
                ? $"download interrupted: the server closed the connection after {read:N0} of {expected:N0} bytes; the previous book is unchanged"
                : $"download interrupted after {read:N0} bytes; the previous book is unchanged", "check --base-url and the network");
        }
    }

    private static void Ensure(HttpResponseMessage response, Uri url)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InputException(DiagnosticCodes.DownloadFailed, SourceLocation.None(url.ToString()), $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }
}
