using System.Text;

namespace Stackplan.PriceBook.Tests;

/// <summary>
/// The skip of unwanted terms finds where a value ends 64 bytes at a time: it must agree with a
/// byte-by-byte reading on strings holding brackets, escaped quotes and backslashes, wherever the
/// buffer boundaries fall, or an import would resume in the wrong place and lose or invent prices.
/// </summary>
public sealed class BracketSkipperTests
{
    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", "\"", "\"a}b\"", "\"[[\"", "\"\\\"}\"", "\"\\\\\"", "\"x\\\\\\\"]\"", "\n", "  ", ",", ":", "123", "\"Upfront Fee\"",
        "\"\\u007b\"", "{\"k\":[1,{\"v\":\"}\"}]}", new string('x', 70), "\"" + new string('}', 65) + "\"",
    ];

    [Fact]
    public void The_block_scan_ends_where_the_byte_scan_ends_whatever_the_text_and_the_buffer_splits()
    {
        var random = new Random(15);
        for (var round = 0; round < 3000; round++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 120);
            for (var i = 0; i < length; i++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var expected = new BracketSkipper.State(1);
            var expectedEnd = BracketSkipper.Scalar(bytes, ref expected);
            var expectedLines = (expectedEnd >= 0 ? bytes.AsSpan(0, expectedEnd) : bytes).Count((byte)'\n');

            // The same bytes in buffers split at random places, state carried across.
            var state = new BracketSkipper.State(1);
            var (at, lines, end) = (0, 0, -1);
            while (at < bytes.Length && end < 0)
            {
                var size = Math.Min(bytes.Length - at, random.Next(1, 200));
                var found = BracketSkipper.Find(bytes.AsSpan(at, size), ref state, out var linesHere);
                lines += linesHere;
                end = found >= 0 ? at + found : -1;
                at += size;
            }

            end.ShouldBe(expectedEnd, text.ToString());
            lines.ShouldBe(expectedLines, text.ToString());
            if (end < 0)
            {
                (state.Depth, state.InString, state.Escaped).ShouldBe((expected.Depth, expected.InString, expected.Escaped), text.ToString());
            }
        }
    }
}
