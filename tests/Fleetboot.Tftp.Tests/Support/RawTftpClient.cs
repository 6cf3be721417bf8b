using System.Net;
using System.Net.Sockets;
using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp.Tests.Support;

/// <summary>A byte-level TFTP client for the cases real clients cannot express (duplicate ACKs, probes, garbage).</summary>
internal sealed class RawTftpClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _buffer = new byte[70000];

    public RawTftpClient(IPAddress? local = null)
    {
        _socket.Bind(new IPEndPoint(local ?? IPAddress.Loopback, 0));
    }

    public IPEndPoint LocalEndpoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Send(IPEndPoint to, ReadOnlySpan<byte> packet) => _socket.SendTo(packet, SocketFlags.None, to);

    public void SendRequest(IPEndPoint server, string filename, string mode = "octet", params (string Name, string Value)[] options) =>
        SendRequest(server, TftpOpcode.ReadRequest, filename, mode, options);

    public void SendRequest(IPEndPoint server, TftpOpcode opcode, string filename, string mode, params (string Name, string Value)[] options)
    {
        var request = new TftpRequest(opcode, filename, mode, options.Select(o => new TftpOption(o.Name, o.Value)).ToList());
        var packet = new byte[1024];
        int n = TftpCodec.WriteRequest(packet, request);
        Send(server, packet.AsSpan(0, n));
    }

    public void SendAck(IPEndPoint to, ushort block)
    {
        Span<byte> packet = stackalloc byte[4];
        TftpCodec.WriteAck(packet, block);
        Send(to, packet);
    }

    public void SendError(IPEndPoint to, TftpErrorCode code, string message)
    {
        var packet = new byte[512];
        Send(to, packet.AsSpan(0, TftpCodec.WriteError(packet, code, message)));
    }

    public async Task<(byte[] Packet, IPEndPoint From)> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            var result = await _socket.ReceiveFromAsync(_buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            return (_buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no TFTP packet within the timeout");
        }
    }

    public async Task<(ushort Block, byte[] Payload, IPEndPoint From)> ReceiveDataAsync(TimeSpan? timeout = null)
    {
        var (packet, from) = await ReceiveAsync(timeout);
        if (!TftpCodec.TryReadData(packet, out var block, out var payload, out var error))
        {
            var detail = TftpCodec.TryReadError(packet, out var e, out _) ? $"ERROR {e.Code} {e.Message}" : error;
            throw new InvalidOperationException($"expected DATA, got {detail}");
        }
        return (block, payload.ToArray(), from);
    }

    /// <summary>Downloads a whole file (lock-step or windowed, acking each window's last block).</summary>
    public async Task<byte[]> DownloadAsync(IPEndPoint server, string filename, int? blockSize = null, int? windowSize = null, Func<Task>? afterFirstBlock = null)
    {
        var options = new List<(string, string)>();
        if (blockSize is { } b) options.Add(("blksize", b.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (windowSize is { } w) options.Add(("windowsize", w.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        SendRequest(server, filename, "octet", [.. options]);
        int size = 512;
        int window = 1;
        IPEndPoint? peer = null;
        if (options.Count > 0)
        {
            var (packet, from) = await ReceiveAsync();
            TftpCodec.TryReadOptionAck(packet, out var accepted, out var error).ShouldBeTrue(error);
            foreach (var option in accepted)
            {
                if (option.Name == "blksize") size = int.Parse(option.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (option.Name == "windowsize") window = int.Parse(option.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            peer = from;
            SendAck(peer, 0);
        }
        using var output = new MemoryStream();
        ushort expected = 1;
        int inWindow = 0;
        bool first = true;
        while (true)
        {
            var (block, payload, from) = await ReceiveDataAsync();
            peer ??= from;
            if (block != expected)
            {
                SendAck(peer, (ushort)(expected - 1)); // gap or duplicate: ack the last in-order block
                inWindow = 0;
                continue;
            }
            output.Write(payload);
            expected++;
            bool last = payload.Length < size;
            if (first && afterFirstBlock is not null)
            {
                first = false;
                await afterFirstBlock();
            }
            if (++inWindow == window || last)
            {
                SendAck(peer, block);
                inWindow = 0;
            }
            if (last) return output.ToArray();
        }
    }

    public void Dispose() => _socket.Dispose();
}
