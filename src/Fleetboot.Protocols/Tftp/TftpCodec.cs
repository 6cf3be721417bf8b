using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Fleetboot.Protocols.Tftp;

/// <summary>
/// Reads and writes TFTP packets (RFC 1350, 2347, 2348, 2349, 7440). Readers never throw on wire bytes:
/// they return false with a short reason. Writers throw only when the caller's buffer is too small.
/// </summary>
public static class TftpCodec
{
    /// <summary>Size of the DATA header (opcode + block number).</summary>
    public const int DataHeaderLength = 4;

    /// <summary>The RFC 1350 block size, used when no <c>blksize</c> option was agreed.</summary>
    public const int DefaultBlockSize = 512;

    /// <summary>Smallest and largest <c>blksize</c> RFC 2348 allows.</summary>
    public const int MinBlockSize = 8;

    /// <inheritdoc cref="MinBlockSize"/>
    public const int MaxBlockSize = 65464;

    /// <summary>More options than this in one request are ignored (a request is at most one datagram anyway).</summary>
    public const int MaxOptions = 32;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static bool TryReadOpcode(ReadOnlySpan<byte> packet, out TftpOpcode opcode)
    {
        opcode = default;
        if (packet.Length < 2) return false;
        var value = BinaryPrimitives.ReadUInt16BigEndian(packet);
        if (value is < 1 or > 6) return false;
        opcode = (TftpOpcode)value;
        return true;
    }

    /// <summary>
    /// Reads an RRQ or WRQ. Trailing 0xFF bytes of the filename and extra NUL padding after it are tolerated,
    /// as are an incomplete trailing option and empty option names (both ignored).
    /// </summary>
    public static bool TryReadRequest(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out TftpRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (!TryReadOpcode(packet, out var opcode))
        {
            error = packet.Length < 2 ? "packet shorter than an opcode" : "unknown opcode";
            return false;
        }
        if (opcode is not (TftpOpcode.ReadRequest or TftpOpcode.WriteRequest))
        {
            error = $"opcode {(ushort)opcode} is not a request";
            return false;
        }
        var rest = packet[2..];
        int nul = rest.IndexOf((byte)0);
        if (nul < 0)
        {
            error = "filename is not NUL-terminated";
            return false;
        }
        var nameBytes = rest[..nul].TrimEnd((byte)0xFF);
        if (nameBytes.IsEmpty)
        {
            error = "empty filename";
            return false;
        }
        var filename = Utf8.GetString(nameBytes);
        rest = rest[(nul + 1)..];
        // Some firmware pads the filename with NULs: skip them before the mode.
        int firstNonNul = rest.IndexOfAnyExcept((byte)0);
        rest = firstNonNul < 0 ? [] : rest[firstNonNul..];
        nul = rest.IndexOf((byte)0);
        if (nul <= 0)
        {
            error = nul == 0 || rest.IsEmpty ? "missing transfer mode" : "transfer mode is not NUL-terminated";
            return false;
        }
        var mode = Encoding.ASCII.GetString(rest[..nul]).ToLowerInvariant();
        rest = rest[(nul + 1)..];

        var options = new List<TftpOption>();
        while (!rest.IsEmpty && options.Count < MaxOptions)
        {
            int nameEnd = rest.IndexOf((byte)0);
            if (nameEnd < 0) break;
            var name = rest[..nameEnd];
            rest = rest[(nameEnd + 1)..];
            if (name.IsEmpty) continue; // NUL padding
            int valueEnd = rest.IndexOf((byte)0);
            if (valueEnd < 0) break; // incomplete trailing option: ignored
            var value = rest[..valueEnd];
            rest = rest[(valueEnd + 1)..];
            options.Add(new TftpOption(Encoding.ASCII.GetString(name).ToLowerInvariant(), Encoding.ASCII.GetString(value)));
        }
        request = new TftpRequest(opcode, filename, mode, options);
        error = null;
        return true;
    }

    public static bool TryReadAck(ReadOnlySpan<byte> packet, out ushort block, [NotNullWhen(false)] out string? error)
    {
        block = 0;
        if (!TryReadHeader(packet, TftpOpcode.Ack, out error)) return false;
        block = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        return true;
    }

    public static bool TryReadData(ReadOnlySpan<byte> packet, out ushort block, out ReadOnlySpan<byte> payload, [NotNullWhen(false)] out string? error)
    {
        block = 0;
        payload = default;
        if (!TryReadHeader(packet, TftpOpcode.Data, out error)) return false;
        block = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        payload = packet[DataHeaderLength..];
        return true;
    }

    /// <summary>Reads an ERROR packet; a message without its terminating NUL is accepted up to the end of the packet.</summary>
    public static bool TryReadError(ReadOnlySpan<byte> packet, out TftpErrorPacket errorPacket, [NotNullWhen(false)] out string? error)
    {
        errorPacket = default;
        if (!TryReadHeader(packet, TftpOpcode.Error, out error)) return false;
        var code = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var text = packet[4..];
        int nul = text.IndexOf((byte)0);
        if (nul >= 0) text = text[..nul];
        errorPacket = new TftpErrorPacket((TftpErrorCode)code, Utf8.GetString(text));
        return true;
    }

    public static bool TryReadOptionAck(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out IReadOnlyList<TftpOption>? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        if (packet.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(packet) != (ushort)TftpOpcode.OptionAck)
        {
            error = "not an OACK";
            return false;
        }
        var list = new List<TftpOption>();
        var rest = packet[2..];
        while (!rest.IsEmpty)
        {
            int nameEnd = rest.IndexOf((byte)0);
            int valueEnd = nameEnd < 0 ? -1 : rest[(nameEnd + 1)..].IndexOf((byte)0);
            if (nameEnd <= 0 || valueEnd < 0 || list.Count == MaxOptions)
            {
                error = "malformed option list";
                return false;
            }
            list.Add(new TftpOption(
                Encoding.ASCII.GetString(rest[..nameEnd]).ToLowerInvariant(),
                Encoding.ASCII.GetString(rest.Slice(nameEnd + 1, valueEnd))));
            rest = rest[(nameEnd + 1 + valueEnd + 1)..];
        }
        options = list;
        error = null;
        return true;
    }

    public static int WriteRequest(Span<byte> destination, TftpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int n = WriteOpcode(destination, request.Opcode);
        n += WriteString(destination[n..], Utf8, request.Filename);
        n += WriteString(destination[n..], Encoding.ASCII, request.Mode);
        foreach (var option in request.Options)
        {
            n += WriteString(destination[n..], Encoding.ASCII, option.Name);
            n += WriteString(destination[n..], Encoding.ASCII, option.Value);
        }
        return n;
    }

    /// <summary>Writes the 4-byte DATA header; the payload goes right after it.</summary>
    public static int WriteDataHeader(Span<byte> destination, ushort block)
    {
        WriteOpcode(destination, TftpOpcode.Data);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        return DataHeaderLength;
    }

    public static int WriteData(Span<byte> destination, ushort block, ReadOnlySpan<byte> payload)
    {
        WriteDataHeader(destination, block);
        payload.CopyTo(destination[DataHeaderLength..]);
        return DataHeaderLength + payload.Length;
    }

    public static int WriteAck(Span<byte> destination, ushort block)
    {
        WriteOpcode(destination, TftpOpcode.Ack);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], block);
        return 4;
    }

    /// <summary>Writes an ERROR packet; the message is cut (at a character boundary) to fit the destination.</summary>
    public static int WriteError(Span<byte> destination, TftpErrorCode code, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (destination.Length < 5) throw new ArgumentException("an ERROR packet needs at least 5 bytes", nameof(destination));
        WriteOpcode(destination, TftpOpcode.Error);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)code);
        var room = destination[4..^1];
        int chars = message.Length;
        while (Utf8.GetByteCount(message.AsSpan(0, chars)) > room.Length) chars--;
        int written = Utf8.GetBytes(message.AsSpan(0, chars), room);
        destination[4 + written] = 0;
        return 4 + written + 1;
    }

    public static int WriteOptionAck(Span<byte> destination, IReadOnlyList<TftpOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int n = WriteOpcode(destination, TftpOpcode.OptionAck);
        foreach (var option in options)
        {
            n += WriteString(destination[n..], Encoding.ASCII, option.Name);
            n += WriteString(destination[n..], Encoding.ASCII, option.Value);
        }
        return n;
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> packet, TftpOpcode expected, [NotNullWhen(false)] out string? error)
    {
        if (packet.Length < 4)
        {
            error = $"{expected} packet shorter than 4 bytes";
            return false;
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(packet) != (ushort)expected)
        {
            error = $"not a {expected} packet";
            return false;
        }
        error = null;
        return true;
    }

    private static int WriteOpcode(Span<byte> destination, TftpOpcode opcode)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)opcode);
        return 2;
    }

    private static int WriteString(Span<byte> destination, Encoding encoding, string text)
    {
        int n = encoding.GetBytes(text, destination);
        destination[n] = 0;
        return n + 1;
    }
}
