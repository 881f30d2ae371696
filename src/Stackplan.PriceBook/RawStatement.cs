using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Stackplan.PriceBook;

/// <summary>
/// One prepared statement run many times through SQLite's own API, for the rows an import writes
/// (a hundred thousand and more per offer file): parameters bound by position, strings bound as
/// UTF-16 spans, no parameter objects or name lookups. Runs on the connection's open transaction;
/// a failure is the same <see cref="SqliteException"/> Microsoft.Data.Sqlite throws.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1); null is SQL NULL.</summary>
    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    /// <summary>Binds UTF-8 text as it is.</summary>
    public void Bind(int index, byte[] utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8.AsSpan()));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Runs the statement once with what is bound; returns the rows it changed.</summary>
    public int Run()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
