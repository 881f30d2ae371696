using Microsoft.Data.Sqlite;
using SQLitePCL;
using Stackplan.Core.Model;

namespace Stackplan.PriceBook;

/// <summary>
/// A book opened read-only for an estimate through SQLite's own API: what an estimate reads is a
/// few small queries, and Microsoft.Data.Sqlite's connection machinery (its connection factory and
/// pools, set up on first use) cost more than they do. Checks the schema version and key map as
/// <see cref="PriceBookDatabase.Open"/> does, with the same coded errors. Not thread-safe: the book
/// that owns it locks.
/// </summary>
internal sealed class BookReader : IDisposable
{
    private readonly sqlite3 _db;
    private readonly string _path;
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    static BookReader() => Batteries_V2.Init();

    private BookReader(sqlite3 db, string path)
    {
        _db = db;
        _path = path;
    }

    /// <summary>Opens <paramref name="path"/> read-only and checks it is a book this Stackplan reads.</summary>
    public static BookReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw PriceBookDatabase.NoBook(path);
        }

        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY, null);
        var reader = new BookReader(db, path);
        try
        {
            reader.Check(rc);
            string? version = null, keyMap = null;
            foreach (var row in reader.Rows(PriceBookDatabase.VersionQuery))
            {
                if (row[0] == "schema_version")
                {
                    version = row[1];
                }
                else
                {
                    keyMap = row[1];
                }
            }

            PriceBookDatabase.CheckVersion(version, keyMap, path);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Every row of a query (prepared once per text), each column as text (null for NULL); parameters bound in order.</summary>
    public List<string?[]> Rows(string sql, params ReadOnlySpan<string> parameters)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            Check(raw.sqlite3_prepare_v2(_db, sql, out statement));
            _statements[sql] = statement;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            Check(raw.sqlite3_bind_text16(statement, i + 1, parameters[i].AsSpan()));
        }

        var rows = new List<string?[]>();
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var row = new string?[raw.sqlite3_column_count(statement)];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = raw.sqlite3_column_type(statement, c) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(statement, c).utf8_to_string();
                }

                rows.Add(row);
            }

            Check(rc);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }

        return rows;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _db.Dispose();
    }

    /// <summary>An SQLite failure as the coded error a book that cannot be read gives (not a database, permission...).</summary>
    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE)
        {
            throw new InputException(DiagnosticCodes.NotAPriceBook, SourceLocation.None(_path), PriceBookDatabase.Why(new SqliteException(raw.sqlite3_errstr(rc).utf8_to_string(), rc), _path, forWriting: false));
        }
    }
}
