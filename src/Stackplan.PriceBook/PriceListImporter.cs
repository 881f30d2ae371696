using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Stackplan.Core.Model;

namespace Stackplan.PriceBook;

/// <summary>One offer file as it went into the book.</summary>
/// <param name="Warning">Something the user should know about an import that still went in (a page list that stops early).</param>
public sealed record ImportedFile(string Source, string OfferCode, string Version, string PublicationDate, string Region, long Products, long Prices, bool Skipped, string? SkipReason = null, string? Warning = null);

/// <summary>How far an import has got, for a progress bar: bytes of the current file read so far.</summary>
public sealed record ImportProgress(string File, long BytesRead, long BytesTotal);

/// <summary>
/// Imports offer files into a price book, all or nothing: every file goes in, or none does. The
/// import writes a fresh copy of the book beside it (<c>BOOK.importing</c>: the old book copied, or
/// an empty one) and renames it over the book once everything is in, so until <see cref="Commit"/>
/// the book on disk, and any reader of it, sees the previous book whole, and a killed import leaves
/// only the copy behind (removed by the next import). The copy is written without a journal: it
/// has no reader to protect, and each page is written once (a WAL wrote every page twice). A lock
/// file (<c>BOOK.lock</c>, released by the system if the process dies) keeps two imports of one
/// book from racing. Each file is streamed straight into the tables (see <see cref="OfferFileWriter"/>):
/// the SKUs it carries replace the same SKUs of the same offer.
/// </summary>
public sealed class PriceListImporter : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _copyPath;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly ImportFilter _filter;
    private readonly Action<ImportProgress>? _progress;
    private readonly List<ImportedFile> _files = [];
    private readonly bool _fresh;
    private bool _committed;

    /// <summary>The embedded key map, applied to each product as it is imported.</summary>
    private static readonly Lazy<ProductKeys> Keys = new(() => new ProductKeys(PriceListKeyMap.Embedded));

    public PriceListImporter(string bookPath, ImportFilter filter, Action<ImportProgress>? progress = null, long? maxPages = null)
    {
        _filter = filter;
        _progress = progress;
        BookPath = bookPath;
        _copyPath = bookPath + ".importing";
        _lock = TakeLock(bookPath);
        try
        {
            _fresh = !File.Exists(bookPath);
            PrepareCopy(bookPath, _copyPath, _fresh);
            _connection = PriceBookDatabase.OpenCopyForImport(_copyPath, bookPath, deferIndexes: _fresh);
        }
        catch
        {
            File.Delete(_copyPath);
            _lock.Dispose();
            throw;
        }

        if (maxPages is { } pages)
        {
            // For tests: a book that cannot grow past this many pages behaves like a full disk.
            PriceBookDatabase.Execute(_connection, $"PRAGMA max_page_count={pages};");
        }

        _transaction = _connection.BeginTransaction(deferred: false);
    }

    public string BookPath { get; }

    public ImportFilter Filter => _filter;

    public IReadOnlyList<ImportedFile> Files => _files;

    /// <summary>The versions already in the book for an offer and region, so an update can skip them.</summary>
    public bool HasVersion(string offerCode, string region, string version) =>
        PriceBookDatabase.Scalar(_connection, "SELECT 1 FROM offer_files WHERE offer_code=$o AND region=$r AND version=$v", _transaction, ("$o", offerCode), ("$r", region), ("$v", version)) is not null;

    public void NoteSkipped(ImportedFile file) => _files.Add(file);

    /// <summary>Reads one offer file (JSON or CSV, service or Savings Plans) into the pending import.</summary>
    public ImportedFile ImportFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        using var file = OpenRead(path, name);
        using var hashing = new HashingStream(file);
        var total = file.Length;
        var writer = new OfferFileWriter(_connection, _transaction, _filter, name, Keys.Value);
        var format = OfferFormats.Detect(path, name);
        try
        {
            // The rows are stored on a second thread while the file is read; the writer is used by that thread alone until Complete.
            using (var rows = new PipelinedSink(writer))
            {
                try
                {
                    if (format == "csv")
                    {
                        new OfferCsvReader(name, rows, _filter.WantsTermType).Read(hashing, read => _progress?.Invoke(new ImportProgress(name, read, total)));
                    }
                    else
                    {
                        new OfferJsonReader(name, rows, _filter.WantsTermType, Keys.Value.AttributeNames).Read(hashing, read => _progress?.Invoke(new ImportProgress(name, read, total)));
                    }
                }
                catch (InputException)
                {
                    // The rows read before the reader's error are stored first: a failure among them (a SKU
                    // listed twice) comes earlier in the file, so it is the one reported.
                    rows.Complete();
                    throw;
                }

                rows.Complete();
            }

            var imported = writer.Finish(hashing.Finish(), format);
            _files.Add(imported);
            return imported;
        }
        catch (SqliteException e)
        {
            throw StorageFailure(e, name, writer.LastPosition);
        }
        catch (IOException e)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(name), e is FileNotFoundException ? "no such file" : "reading the file failed part-way (an I/O error)");
        }
    }

    /// <summary>
    /// Imports saved pages of the Azure Retail Prices API or the Google Cloud Billing Catalog API
    /// (docs/pricebook.md): the pages are read in the order given, each page's next-page link taken
    /// to be the following file; the prices replace the book's prices of the same provider, key and
    /// region. Google's per-family core and memory prices also price every machine type of the
    /// embedded table they cover.
    /// </summary>
    /// <exception cref="InputException">A page that is not of the format (SP7001), or a file that cannot be read.</exception>
    public ImportedFile ImportCloudPages(CloudPageFormat format, IReadOnlyList<string> paths)
    {
        var texts = paths.Select(p => (Path: p, Text: ReadPage(p))).ToList();
        var prices = new List<Core.Pricing.PriceEntry>();
        var (items, warnings) = (0L, new List<string>());
        for (var start = 0; start < texts.Count;)
        {
            var taken = 1;
            string? Next(string link) => start + taken < texts.Count ? texts[start + taken++].Text : null;
            var source = Path.GetFileName(texts[start].Path);
            var read = format == CloudPageFormat.AzureRetail
                ? CloudPricePages.ReadAzure(texts[start].Text, source, Next)
                : CloudPricePages.ReadGcp(texts[start].Text, source, Next);
            prices.AddRange(read.Prices);
            items += read.Items;
            if (read.StoppedAt is { } stopped)
            {
                warnings.Add($"{source} links to a next page that was not given ({stopped})");
            }

            start += taken;
        }

        if (format == CloudPageFormat.GcpBilling)
        {
            prices.AddRange(CloudPricePages.MachineTypes([.. prices], Core.Parsing.EmbeddedData.InstanceTypes().All));
        }

        var provider = format == CloudPageFormat.AzureRetail ? Core.Providers.Azure.AzureProfile.Instance.Id : Core.Providers.Gcp.GcpProfile.Instance.Id;
        var asOf = prices.Count == 0 ? "" : prices.Max(p => p.AsOf)!;
        var offer = format == CloudPageFormat.AzureRetail ? CloudPageFormats.AzureOffer : CloudPageFormats.GcpOffer;
        var sha = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(texts.Select(t => t.Text)))));
        try
        {
            var fileId = PriceBookDatabase.Scalar(_connection,
                "INSERT INTO offer_files(offer_code, version, publication_date, region, format, source, sha256, products, prices) VALUES ($o, $v, $p, '', $f, $s, $h, $n, $c); SELECT last_insert_rowid();", _transaction,
                ("$o", offer), ("$v", asOf.Replace("-", "", StringComparison.Ordinal)), ("$p", asOf), ("$f", CloudPageFormats.Name(format)),
                ("$s", string.Join(", ", paths)), ("$h", sha), ("$n", items), ("$c", (long)prices.Count));
            foreach (var price in prices)
            {
                PriceBookDatabase.Scalar(_connection,
                    "INSERT OR REPLACE INTO cloud_prices(provider, key, region, file_id, unit, tiers, description, source, as_of) VALUES ($pr, $k, $r, $id, $u, $t, $d, $s, $a);", _transaction,
                    ("$pr", provider), ("$k", price.Key), ("$r", price.Region), ("$id", fileId!), ("$u", price.Unit), ("$t", CloudPageFormats.WriteTiers(price.Tiers)),
                    ("$d", price.Description), ("$s", price.Source), ("$a", price.AsOf));
            }
        }
        catch (SqliteException e)
        {
            throw StorageFailure(e, paths[0], null);
        }

        var imported = new ImportedFile(string.Join(", ", paths), offer, asOf.Replace("-", "", StringComparison.Ordinal), asOf, "", items, prices.Count, false,
            Warning: warnings.Count == 0 ? null : string.Join("; ", warnings) + "; the prices of the pages not given are not in the book: give every page, in order");
        _files.Add(imported);
        return imported;
    }

    private static string ReadPage(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(path), e is FileNotFoundException ? "no such file" : "reading the file failed (an I/O error)");
        }
    }

    /// <summary>Makes the import visible: until this returns, the book on disk is the old one.</summary>
    public void Commit()
    {
        try
        {
            PriceBookDatabase.Execute(_connection, "DELETE FROM offer_files WHERE id NOT IN (SELECT DISTINCT file_id FROM products) AND id NOT IN (SELECT DISTINCT file_id FROM cloud_prices);", _transaction);
            if (_fresh)
            {
                // Built once over the loaded rows rather than kept up to date row by row.
                PriceBookDatabase.Execute(_connection, PriceBookDatabase.Indexes, _transaction);
            }

            ResolvedPrices.Rebuild(_connection, _transaction, PriceListKeyMap.Embedded);

            _transaction.Commit();

            // A rollback journal from now on: the book is one file, which readers open read-only
            // (even in a read-only folder) without creating side files.
            PriceBookDatabase.Execute(_connection, "PRAGMA journal_mode=DELETE;");
            _connection.Dispose();
            File.Move(_copyPath, BookPath, overwrite: true);
            _committed = true;
        }
        catch (SqliteException e)
        {
            throw StorageFailure(e, BookPath, null);
        }
    }

    public void Dispose()
    {
        if (!_committed)
        {
            _transaction.Dispose();
            _connection.Dispose();
            File.Delete(_copyPath);
        }

        _lock.Dispose();
    }

    /// <summary>The book's lock file, held for the whole import: the system drops the lock when the process ends, however it ends.</summary>
    private static FileStream TakeLock(string bookPath)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(bookPath)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            return new FileStream(bookPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.NotAPriceBook, SourceLocation.None(bookPath),
                $"cannot create or open the price book: permission denied, or the folder '{Path.GetDirectoryName(Path.GetFullPath(bookPath))}' is read-only");
        }
        catch (IOException)
        {
            throw new InputException(DiagnosticCodes.NotAPriceBook, SourceLocation.None(bookPath), "the price book is locked by another Stackplan or program; try again when it has finished");
        }
    }

    /// <summary>The copy the import writes: the old book as it stands (any unfinished write of a killed program settled first), or nothing for a new book.</summary>
    private static void PrepareCopy(string bookPath, string copyPath, bool fresh)
    {
        File.Delete(copyPath); // left by a killed import; the lock says no import is running
        if (fresh)
        {
            return;
        }

        if (File.Exists(bookPath + "-wal") || File.Exists(bookPath + "-journal"))
        {
            // Opening the book for writing rolls back a hot journal or checkpoints a WAL (and checks it is a book).
            PriceBookDatabase.Open(bookPath, forWriting: true).Dispose();
        }

        File.Copy(bookPath, copyPath);
    }

    private InputException StorageFailure(SqliteException e, string file, RowPosition? at)
    {
        var where = at is { } p ? (p.Line > 0 ? new SourceLocation(file, p.Line, 1) : new SourceLocation($"{file} (byte {p.ByteOffset})", 0, 0)) : SourceLocation.None(file);
        var why = e.SqliteErrorCode == 13 ? "the disk (or the book's size limit) is full" : PriceBookDatabase.Why(e, BookPath, forWriting: true);
        return new InputException(DiagnosticCodes.CannotWritePriceBook, where, $"cannot write the price book '{BookPath}': {why}; the previous book is unchanged", e.SqliteErrorCode == 13 ? "free some space and import again" : null);
    }

    private static FileStream OpenRead(string path, string name)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(DiagnosticCodes.CannotReadInput, SourceLocation.None(name), e switch
            {
                UnauthorizedAccessException when Directory.Exists(path) => $"'{name}' is a folder, not an offer file",
                UnauthorizedAccessException => "permission denied: this user cannot read the file",
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                _ => "the file cannot be opened",
            });
        }
    }
}

/// <summary>Tells a JSON offer file from a CSV one by its first byte, whatever its name.</summary>
internal static class OfferFormats
{
    /// <summary>"json" or "csv"; throws <see cref="InputException"/> for an empty or gzip-compressed file, named plainly.</summary>
    public static string Detect(string path, string name)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        var got = stream.Read(head);
        if (got == 0)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(name), "the file is empty");
        }

        if (got == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            throw new InputException(DiagnosticCodes.InvalidPriceFile, SourceLocation.None(name), "the file is gzip-compressed; decompress it first (gunzip)");
        }

        stream.Position = 0;
        int b;
        while ((b = stream.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
        {
        }

        return b is '{' or '[' or -1 ? "json" : "csv";
    }
}

/// <summary>
/// Reads the file ahead on a second thread, in 1 MB chunks, and hashes each chunk there before the
/// import reads it, so a file is read once for both its content and its SHA-256, and neither the
/// read calls nor the hashing (together a sixth of an import's work) run on the thread that parses.
/// At most <see cref="ChunksAhead"/> chunks wait, recycled, so memory stays flat.
/// </summary>
internal sealed class HashingStream : Stream
{
    private const int ChunkSize = 1 << 20;
    private const int ChunksAhead = 8;

    private readonly Stream _inner;
    private readonly System.Collections.Concurrent.BlockingCollection<(byte[] Chunk, int Count)> _filled = new(ChunksAhead);
    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _free = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<byte[]> _hash;
    private (byte[] Chunk, int Count) _current = ([], 0);
    private int _taken;
    private long _position;
    private bool _ended;

    public HashingStream(Stream inner)
    {
        _inner = inner;
        _hash = Task.Factory.StartNew(ReadAhead, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    /// <summary>How far the import has read (not the reading thread, which is ahead).</summary>
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>The SHA-256 of the whole file, in lower-case hex, once it has been read to its end.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetAwaiter().GetResult());

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_taken == _current.Count)
        {
            if (_ended)
            {
                return 0;
            }

            if (_current.Chunk.Length > 0)
            {
                _free.Enqueue(_current.Chunk);
            }

            if (!_filled.TryTake(out _current, Timeout.Infinite))
            {
                // The reading thread has stopped: at the end of the file, or on an I/O error, thrown here as it was thrown there.
                _ended = true;
                _current = ([], 0);
                _hash.GetAwaiter().GetResult();
                return 0;
            }

            _taken = 0;
        }

        var n = Math.Min(count, _current.Count - _taken);
        _current.Chunk.AsSpan(_taken, n).CopyTo(buffer.AsSpan(offset, n));
        _taken += n;
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // An import that stopped part-way: stop the reading thread before the file is closed.
            _stop.Cancel();
            _hash.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            _filled.Dispose();
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private byte[] ReadAhead()
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            while (true)
            {
                var chunk = _free.TryDequeue(out var recycled) ? recycled : new byte[ChunkSize];
                var count = 0;
                int n;
                while (count < chunk.Length && (n = _inner.Read(chunk, count, chunk.Length - count)) > 0)
                {
                    count += n;
                }

                if (count == 0)
                {
                    return hash.GetHashAndReset();
                }

                hash.AppendData(chunk, 0, count);
                _filled.Add((chunk, count), _stop.Token);
            }
        }
        finally
        {
            _filled.CompleteAdding();
        }
    }
}
