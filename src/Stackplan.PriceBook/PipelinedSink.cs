using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Stackplan.PriceBook;

/// <summary>
/// Hands an offer reader's rows to a sink running on a second thread, in order, in batches, so
/// parsing the file and storing its rows overlap (the machine this is built for has two cores and
/// each is about half an import). At most <see cref="BatchesAhead"/> batches wait, so memory stays
/// flat. The header goes through at once, on the reader's thread (the sink checks it before any
/// row). A failure of the sink (a SKU listed twice, a full disk) stops the reader at its next batch
/// and is thrown again, as it was thrown, by <see cref="Complete"/> or the next batch.
/// </summary>
internal sealed class PipelinedSink : IOfferSink, IDisposable
{
    private const int BatchSize = 256;
    private const int BatchesAhead = 8;

    private readonly IOfferSink _inner;
    private readonly BlockingCollection<Row[]> _batches = new(BatchesAhead);
    private readonly Task _storing;
    private Row[] _batch = new Row[BatchSize];
    private int _count;
    private volatile ExceptionDispatchInfo? _failure;

    public PipelinedSink(IOfferSink inner)
    {
        _inner = inner;
        _storing = Task.Factory.StartNew(Store, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void Header(OfferHeader header) => _inner.Header(header);

    public void Product(ProductRow product, RowPosition at, bool mayRepeat = false) => Add(new Row(product, null, at, mayRepeat));

    public void Price(PriceRow price, RowPosition at) => Add(new Row(null, price, at, false));

    /// <summary>Waits until every row given so far is stored; throws what the sink threw.</summary>
    public void Complete()
    {
        if (_batches.IsAddingCompleted)
        {
            _failure?.Throw();
            return;
        }

        Send();
        _batches.CompleteAdding();
        _storing.GetAwaiter().GetResult();
        _failure?.Throw();
    }

    /// <summary>Stops the storing thread (after a failure of the reader): nothing may touch the book once the import unwinds.</summary>
    public void Dispose()
    {
        if (!_batches.IsAddingCompleted)
        {
            _batches.CompleteAdding();
        }

        _storing.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        _batches.Dispose();
    }

    private void Add(Row row)
    {
        _batch[_count++] = row;
        if (_count == BatchSize)
        {
            Send();
        }
    }

    private void Send()
    {
        _failure?.Throw();
        if (_count == 0)
        {
            return;
        }

        var full = _count == BatchSize ? _batch : _batch[.._count];
        _batch = new Row[BatchSize];
        _count = 0;
        _batches.Add(full);
    }

    private void Store()
    {
        foreach (var batch in _batches.GetConsumingEnumerable())
        {
            // After a failure the rest is only drained, so the reader is never left waiting on a full queue.
            if (_failure is not null)
            {
                continue;
            }

            try
            {
                foreach (var row in batch)
                {
                    if (row.Product is { } product)
                    {
                        _inner.Product(product, row.At, row.MayRepeat);
                    }
                    else
                    {
                        _inner.Price(row.Price!, row.At);
                    }
                }
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    private sealed record Row(ProductRow? Product, PriceRow? Price, RowPosition At, bool MayRepeat);
}
