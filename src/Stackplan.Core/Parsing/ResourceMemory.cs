using System.Buffers;

namespace Stackplan.Core.Parsing;

/// <summary>
/// The bytes of an embedded resource, read where the runtime keeps them rather than copied.
/// </summary>
/// <remarks>
/// A manifest resource lives in the loaded image (the assembly file, or the native AOT binary) for
/// the whole process, and the runtime hands it out as an <see cref="UnmanagedMemoryStream"/> over
/// that memory. Copying it costs an allocation the size of the file and a page fault for every 4 KB
/// of it; read in place, a lookup touches only the pages it searches. Any other stream is copied.
/// </remarks>
public static class ResourceMemory
{
    /// <summary>The whole content of <paramref name="stream"/> from its position: in place when it is an embedded resource's memory.</summary>
    public static unsafe ReadOnlyMemory<byte> Of(Stream stream)
    {
        if (stream is UnmanagedMemoryStream { CanWrite: false } image && image.Length - image.Position <= int.MaxValue)
        {
            return new InPlace(image.PositionPointer, checked((int)(image.Length - image.Position))).Memory;
        }

        if (!stream.CanSeek)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        var bytes = new byte[stream.Length - stream.Position];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Memory the process never frees (a loaded image's resource), so nothing here owns, pins or releases it.</summary>
    private sealed unsafe class InPlace(byte* start, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(start, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
