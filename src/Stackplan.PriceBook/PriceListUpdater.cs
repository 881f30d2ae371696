using Stackplan.Core.Model;

namespace Stackplan.PriceBook;

/// <summary>Where a download has got, for the progress bar.</summary>
public sealed record DownloadProgress(string Url, long BytesRead, long? BytesTotal);

/// <summary>
/// `pricebook update`: reads the offer index, then each wanted offer's region index, then the wanted
/// region files from the Price List bulk endpoint. Each region file is streamed to a temporary file
/// beside the book (never held in memory) and imported from there; versions the book already holds
/// are not downloaded at all.
/// </summary>
public sealed class PriceListUpdater(HttpClient http, Uri baseUrl, Action<DownloadProgress>? progress = null)
{
    public const string DefaultBaseUrl = "https://pricing.us-east-1.amazonaws.com";

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
            var temporary = Path.Combine(folder, $".pricebook-download-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
            try
            {
                Download(file.RelativeUrl, temporary);
                importer.ImportFile(temporary, Absolute(file.RelativeUrl).ToString());
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }

    private Uri Absolute(string relative) => new(baseUrl, relative);

    private string GetText(string relative)
    {
        var url = Absolute(relative);
        try
        {
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            Ensure(response, url);
            return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        catch (HttpRequestException e)
        {
            throw new InputException(DiagnosticCodes.DownloadFailed, SourceLocation.None(url.ToString()), $"cannot fetch: {e.Message}", "check --base-url and the network");
        }
    }

    private void Download(string relative, string path)
    {
        var url = Absolute(relative);
        try
        {
            using var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            Ensure(response, url);
            var total = response.Content.Headers.ContentLength;
            using var body = response.Content.ReadAsStream();
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var buffer = new byte[1 << 16];
            long read = 0;
            int n;
            while ((n = body.Read(buffer)) > 0)
            {
                file.Write(buffer, 0, n);
                read += n;
                progress?.Invoke(new DownloadProgress(url.ToString(), read, total));
            }
        }
        catch (HttpRequestException e)
        {
            throw new InputException(DiagnosticCodes.DownloadFailed, SourceLocation.None(url.ToString()), $"cannot fetch: {e.Message}", "check --base-url and the network");
        }
        catch (IOException e)
        {
            throw new InputException(DiagnosticCodes.DownloadFailed, SourceLocation.None(url.ToString()), $"download interrupted: {e.Message}; the previous book is unchanged");
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
