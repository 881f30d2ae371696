using System.Numerics;
using System.Runtime.Intrinsics;

namespace Stackplan.PriceBook;

/// <summary>
/// Where an unwanted JSON object or array ends, found without tokenizing it: brackets are counted
/// outside strings. Most of an EC2 offer file is Reserved terms an import skips, so this runs over
/// three quarters of the bytes. It takes 64 bytes at a time: one comparison per character of
/// interest gives a bit mask, the bits inside strings are the prefix XOR of the quote mask, and a
/// block is walked bit by bit only when its closing brackets could end the value. A block holding a
/// backslash (an escape, rare in offer files) is read byte by byte.
/// </summary>
internal static class BracketSkipper
{
    /// <summary>What is carried from one buffer to the next: nesting depth and whether inside a string, just after a backslash.</summary>
    public struct State(int depth)
    {
        public int Depth = depth;
        public bool InString;
        public bool Escaped;
    }

    /// <summary>
    /// The index in <paramref name="span"/> of the bracket closing the value (depth back to 0), or -1
    /// when the span ends first (the state then carries on into the next span). <paramref name="lines"/>
    /// counts the line feeds before that index (or in the whole span).
    /// </summary>
    public static int Find(ReadOnlySpan<byte> span, ref State state, out int lines)
    {
        lines = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 64 <= span.Length; i += 64)
            {
                var block = span.Slice(i, 64);
                var low = Vector256.Create(block[..32]);
                var high = Vector256.Create(block[32..]);
                var backslash = Mask(low, high, (byte)'\\');
                var feeds = Mask(low, high, (byte)'\n');
                if (backslash != 0 || state.Escaped)
                {
                    var end = Scalar(block, ref state);
                    if (end >= 0)
                    {
                        lines += BitOperations.PopCount(feeds & ((1UL << end) - 1));
                        return i + end;
                    }

                    lines += BitOperations.PopCount(feeds);
                    continue;
                }

                // Bit j of inside: within a string after byte j (an opening quote is inside, a closing one outside).
                var inside = PrefixXor(Mask(low, high, (byte)'"'));
                if (state.InString)
                {
                    inside = ~inside;
                }

                var open = (Mask(low, high, (byte)'{') | Mask(low, high, (byte)'[')) & ~inside;
                var close = (Mask(low, high, (byte)'}') | Mask(low, high, (byte)']')) & ~inside;
                state.InString = (inside >> 63) != 0;
                var closes = BitOperations.PopCount(close);
                if (closes < state.Depth)
                {
                    state.Depth += BitOperations.PopCount(open) - closes;
                    lines += BitOperations.PopCount(feeds);
                    continue;
                }

                for (var brackets = open | close; brackets != 0; brackets &= brackets - 1)
                {
                    var bit = BitOperations.TrailingZeroCount(brackets);
                    if ((open >> bit & 1) != 0)
                    {
                        state.Depth++;
                    }
                    else if (--state.Depth == 0)
                    {
                        lines += BitOperations.PopCount(feeds & ((1UL << bit) - 1));
                        return i + bit;
                    }
                }

                lines += BitOperations.PopCount(feeds);
            }
        }

        var tail = span[i..];
        var last = Scalar(tail, ref state);
        lines += (last >= 0 ? tail[..last] : tail).Count((byte)'\n');
        return last >= 0 ? i + last : -1;
    }

    /// <summary>The same, a byte at a time: the reference the vector path must agree with.</summary>
    internal static int Scalar(ReadOnlySpan<byte> span, ref State state)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (state.InString)
            {
                if (state.Escaped)
                {
                    state.Escaped = false;
                }
                else if (b == '\\')
                {
                    state.Escaped = true;
                }
                else if (b == '"')
                {
                    state.InString = false;
                }
            }
            else if (b == '"')
            {
                state.InString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                state.Depth++;
            }
            else if (b is (byte)'}' or (byte)']' && --state.Depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static ulong Mask(Vector256<byte> low, Vector256<byte> high, byte value) =>
        Vector256.Equals(low, Vector256.Create(value)).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(high, Vector256.Create(value)).ExtractMostSignificantBits() << 32);

    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }
}
