using Stackplan.Core.Model;

namespace Stackplan.PriceBook;

/// <summary>
/// Turns what the user names (offer files, index files, a mirror directory) into imports, and
/// fetches the same layout over HTTPS for `pricebook update`. Index files are followed to the offer
/// files they list, within the filter; files whose version the book already has are skipped.
/// </summary>
public static class PriceListSources
{
    /// <summary>
    /// Imports local files and directories. A directory holding offers/v1.0/aws/index.json is a mirror.
    /// Azure Retail Prices and Cloud Billing Catalog pages (found by their content, or all files when
    /// <paramref name="format"/> names one) are gathered and read as one list of pages per format, in
    /// the order given (a folder's files in name order).
    /// </summary>
    public static void ImportLocal(PriceListImporter importer, ImportFilter filter, IEnumerable<string> paths, string format = "auto")
    {
        var pages = new SortedDictionary<CloudPageFormat, List<string>>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var index = Path.Combine(path, "offers", "v1.0", "aws", "index.json");
                if (File.Exists(index))
                {
                    ImportIndex(importer, filter, index);
                    continue;
                }

                var files = Directory.EnumerateFiles(path).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                {
                    // An import that finds nothing is a mistake to report, not an empty success.
                    throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(path), "the folder has no offer files (.json or .csv) and no index.json; nothing to import");
                }

                foreach (var file in files)
                {
                    ImportFileOrIndex(importer, filter, file, format, pages);
                }

                continue;
            }

            if (!File.Exists(path))
            {
                throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(path), "no such file or directory");
            }

            ImportFileOrIndex(importer, filter, path, format, pages);
        }

        foreach (var (pageFormat, files) in pages)
        {
            importer.ImportCloudPages(pageFormat, files);
        }
    }

    private static void ImportFileOrIndex(PriceListImporter importer, ImportFilter filter, string path, string format, SortedDictionary<CloudPageFormat, List<string>> pages)
    {
        PriceListFileKind kind;
        using (var stream = File.OpenRead(path))
        {
            kind = format switch
            {
                "azure-retail" => PriceListFileKind.AzureRetailPage,
                "gcp-billing" => PriceListFileKind.GcpSkuPage,
                _ when OfferFormats.Detect(path, path) == "csv" => PriceListFileKind.Offer,
                // Told it is AWS: a provider page goes to the offer reader, which says what it is not.
                "aws" => AsAws(PriceListIndex.Sniff(stream)),
                _ => PriceListIndex.Sniff(stream),
            };
        }

        if (kind is PriceListFileKind.AzureRetailPage or PriceListFileKind.GcpSkuPage)
        {
            var key = kind == PriceListFileKind.AzureRetailPage ? CloudPageFormat.AzureRetail : CloudPageFormat.GcpBilling;
            if (!pages.TryGetValue(key, out var list))
            {
                pages[key] = list = [];
            }

            list.Add(path);
        }
        else if (kind == PriceListFileKind.Offer)
        {
            importer.ImportFile(path);
        }
        else
        {
            ImportIndex(importer, filter, path);
        }
    }

    private static PriceListFileKind AsAws(PriceListFileKind sniffed) =>
        sniffed is PriceListFileKind.AzureRetailPage or PriceListFileKind.GcpSkuPage ? PriceListFileKind.Offer : sniffed;

    /// <summary>Follows an index file of a mirror; its URLs are relative to the folder above /offers or /savingsPlan.</summary>
    private static void ImportIndex(PriceListImporter importer, ImportFilter filter, string indexPath)
    {
        var full = Path.GetFullPath(indexPath).Replace('\\', '/');
        var cut = new[] { "/offers/", "/savingsPlan/" }.Select(m => full.LastIndexOf(m, StringComparison.Ordinal)).Max();
        if (cut < 0)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(indexPath), "an index file is read inside a mirror of the Price List (…/offers/v1.0/aws/…), whose URLs it follows");
        }

        var root = full[..cut];
        var source = new Func<string, string>(url => File.ReadAllText(Local(root, url, indexPath)));
        foreach (var file in Resolve(source, filter, File.ReadAllText(indexPath), indexPath, full[cut..]))
        {
            if (file.Version.Length > 0 && file.Region.Length > 0 && importer.HasVersion(file.OfferCode, file.Region, file.Version))
            {
                importer.NoteSkipped(new ImportedFile(file.RelativeUrl, file.OfferCode, file.Version, "", file.Region, 0, 0, Skipped: true, "this version is already in the book"));
                continue;
            }

            importer.ImportFile(Local(root, file.RelativeUrl, indexPath), file.RelativeUrl);
        }
    }

    /// <summary>The offer files an index leads to, within the filter, in a stable order.</summary>
    public static IEnumerable<OfferFileRef> Resolve(Func<string, string> fetch, ImportFilter filter, string indexJson, string indexName, string indexUrl)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(indexJson));
        switch (PriceListIndex.Sniff(stream))
        {
            case PriceListFileKind.OfferIndex:
                foreach (var (offer, regionIndexUrl, savingsPlanUrl) in PriceListIndex.Offers(indexJson, indexName).Where(o => filter.WantsService(o.OfferCode)))
                {
                    foreach (var file in RegionFiles(fetch(regionIndexUrl), regionIndexUrl, offer, filter))
                    {
                        yield return file;
                    }

                    if (savingsPlanUrl is not null && filter.TermTypes.Contains(ImportFilter.SavingsPlan))
                    {
                        foreach (var file in RegionFiles(fetch(savingsPlanUrl), savingsPlanUrl, "AWSComputeSavingsPlan", filter))
                        {
                            yield return file;
                        }
                    }
                }

                break;
            case PriceListFileKind.RegionIndex:
                var offerCode = indexUrl.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 4 } parts ? parts[3] : "";
                foreach (var file in RegionFiles(indexJson, indexName, offerCode, filter))
                {
                    yield return file;
                }

                break;
            case PriceListFileKind.VersionIndex:
                yield return PriceListIndex.CurrentVersion(indexJson, indexName);
                break;
            default:
                throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(indexName), "expected an index file (offer, region or version index)");
        }
    }

    private static IEnumerable<OfferFileRef> RegionFiles(string json, string name, string offerCode, ImportFilter filter) =>
        PriceListIndex.Regions(json, name, offerCode).Where(r => filter.Regions.IsEmpty || filter.Regions.Contains(r.Region));

    private static string Local(string root, string url, string indexPath)
    {
        var path = Path.Combine(root, url.TrimStart('/'));
        return File.Exists(path) ? path : throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(indexPath), $"the mirror has no file for '{url}' (looked for {path})");
    }
}
