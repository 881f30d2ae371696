using System.Numerics;
using System.Runtime.Intrinsics;

namespace Stackplan.PriceBook;

/// <summary>
/// Where an unwanted JSON object or array ends, found without tokenizing it: brackets are counted
/// outside strings. Most of an EC2 offer file is Reserved terms an import skips, so this runs over
/// three quarters of the bytes. It takes 64 bytes at a time: one comparison per character of
/// interest (one per pair for brackets: '{' and '[' differ by one bit) gives a bit mask, the bits
/// inside strings are the prefix XOR of the quote mask, and a block is walked bit by bit only when
/// its closing brackets could end the value. A block holding a backslash (an escape, rare in offer
/// files) is read byte by byte.
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
        // 128-bit vectors: the widest every x64 (SSE2) and arm64 (AdvSimd) machine has, so the
        // native binary, compiled for the baseline instruction set, uses them.
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 64 <= span.Length; i += 64)
            {
                var block = new Block(span.Slice(i, 64));
                var backslash = block.Mask((byte)'\\');
                var feeds = block.Mask((byte)'\n');
                if (backslash != 0 || state.Escaped)
                {
                        var end = Scalar(span.Slice(i, 64), ref state);
                    if (end >= 0)
                    {
                        lines += BitOperations.PopCount(feeds & ((1UL << end) - 1));
                        return i + end;
                    }

                    lines += BitOperations.PopCount(feeds);
                    continue;
                }

                // Bit j of inside: within a string after byte j (an opening quote is inside, a closing one outside).
                var inside = PrefixXor(block.Mask((byte)'"'));
                if (state.InString)
                {
                    inside = ~inside;
                }

                var open = block.BracketMask((byte)'{') & ~inside;
                var close = block.BracketMask((byte)'}') & ~inside;
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

    /// <summary>64 bytes as four vectors; bit j of a mask is byte j.</summary>
    private readonly ref struct Block(ReadOnlySpan<byte> bytes)
    {
        private readonly Vector128<byte> _a = Vector128.Create(bytes[..16]), _b = Vector128.Create(bytes[16..32]), _c = Vector128.Create(bytes[32..48]), _d = Vector128.Create(bytes[48..]);

        public ulong Mask(byte value) => Bits(Vector128.Create(value), default);

        /// <summary>'{' or '[' (or '}' or ']'): the two differ only by 0x20, so one comparison after setting that bit.</summary>
        public ulong BracketMask(byte curly) => Bits(Vector128.Create(curly), Vector128.Create((byte)0x20));

        private ulong Bits(Vector128<byte> value, Vector128<byte> set) =>
            Vector128.Equals(_a | set, value).ExtractMostSignificantBits()
            | ((ulong)Vector128.Equals(_b | set, value).ExtractMostSignificantBits() << 16)
            | ((ulong)Vector128.Equals(_c | set, value).ExtractMostSignificantBits() << 32)
            | ((ulong)Vector128.Equals(_d | set, value).ExtractMostSignificantBits() << 48);
    }

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
