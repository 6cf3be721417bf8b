using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Tftp.Tests;

/// <summary>A window goes out as one send where the kernel can segment it; the client must still see each datagram.</summary>
public sealed class TftpEphemeralPortTests
{
    [Theory]
    [InlineData(false, 16, 100)]
    [InlineData(true, 16, 4)]
    [InlineData(true, 64, 100)]
    [InlineData(true, 1, 1472)]
    public async Task SendWindowAsync_Datagrams_ArriveOneByOneInOrder(bool onLoop, int count, int lastSize)
    {
        const int Size = 1472;
        var ct = TestContext.Current.CancellationToken;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.ReceiveBufferSize = 4 << 20;
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        var loop = onLoop ? new TftpTransferLoop(stop.Token) : null;
        using var port = new TftpEphemeralPort(new TftpSocketFactory(), IPAddress.Loopback, (IPEndPoint)client.LocalEndPoint!, loop, TimeProvider.System, ct);
        var window = new byte[(count - 1) * Size + lastSize];
        for (int i = 0; i < window.Length; i++) window[i] = (byte)(i / Size * 7 + i % 251);

        await ((ITftpTransferPort)port).SendWindowAsync(window, Size, ct);

        var buffer = new byte[65536];
        for (int n = 0; n < count; n++)
        {
            int received = await client.ReceiveAsync(buffer, SocketFlags.None, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), ct);
            int expected = n == count - 1 ? lastSize : Size;
            received.ShouldBe(expected, $"datagram {n}");
            buffer.AsSpan(0, received).SequenceEqual(window.AsSpan(n * Size, expected)).ShouldBeTrue($"datagram {n} differs");
        }
        client.Available.ShouldBe(0);
    }
}
