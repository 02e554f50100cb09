using System.Globalization;
using System.Text;

namespace McpBridge.TestServer.Faults;

/// <summary>
/// The <c>garbage-stdout</c> fault: a write-only stream over stdout that the stdio transport
/// writes through. It holds bytes until a line is complete, then writes a non-JSON line
/// followed by that line, so every JSON-RPC line arrives whole with garbage between lines.
/// </summary>
internal sealed class GarbageLineStream(Stream inner) : Stream
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MemoryStream _pending = new();
    private int _lines;

    /// <summary>Writes one garbage line on its own, e.g. a start-up banner.</summary>
    public async Task WriteGarbageLineAsync(string text, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(Encoding.UTF8.GetBytes(text + "\n"), cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var rest = buffer;
            while (rest.Span.IndexOf((byte)'\n') is var end and >= 0)
            {
                _pending.Write(rest.Span[..(end + 1)]);
                rest = rest[(end + 1)..];
                await WriteCompleteLineAsync(cancellationToken);
            }

            _pending.Write(rest.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await inner.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    private async Task WriteCompleteLineAsync(CancellationToken cancellationToken)
    {
        var garbage = ++_lines % 2 == 1
            ? $"DEBUG something happened (line {_lines.ToString(CultureInfo.InvariantCulture)})\n"
            : "Server still running on stdio\n";
        await inner.WriteAsync(Encoding.UTF8.GetBytes(garbage), cancellationToken);
        await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        await inner.FlushAsync(cancellationToken);
        _pending.SetLength(0);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
            _gate.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
