using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fleetboot.Tftp.Tests.Support;

namespace Fleetboot.Tftp.Tests;

/// <summary>The transfer loop: receives on its thread, deadlines, stopping, and many transfers on few threads.</summary>
public sealed class TftpTransferLoopTests : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TftpTransferLoop _loop;
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _server = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly TftpLoopReceiver _receiver;

    public TftpTransferLoopTests()
    {
        _loop = new TftpTransferLoop(_stop.Token);
        _client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _server.Connect(_client.LocalEndPoint!);
        _client.Connect(_server.LocalEndPoint!);
        _server.Blocking = false;
        _receiver = _loop.Register(_server);
    }

    public void Dispose()
    {
        _receiver.Dispose();
        _server.Dispose();
        _client.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }

    [Fact]
    public async Task Receive_AfterALongerWaitEndedByData_TimesOutOnItsOwnShorterDeadline()
    {
        var results = await OnLoop(async () =>
        {
            var buffer = new byte[64];
            var first = _receiver.ReceiveAsync(buffer, TimeSpan.FromSeconds(60));
            _client.Send([1, 2, 3]);
            int got = await first;
            int second = await _receiver.ReceiveAsync(buffer, TimeSpan.FromMilliseconds(200));
            return (got, second);
        }).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken); // the 60 s deadline must not hold up the 200 ms one

        results.ShouldBe((3, ITftpTransferPort.TimedOut));
    }

    [Fact]
    public async Task Receive_TwoDatagramsQueuedWhileNobodyWaited_BothDelivered()
    {
        _client.Send([1]);
        _client.Send([2, 2]);
        await Task.Delay(200, TestContext.Current.CancellationToken); // the loop sees the arrival while no receive waits

        var lengths = await OnLoop(async () =>
        {
            var buffer = new byte[64];
            var received = new List<int>();
            for (int i = 0; i < 3; i++) received.Add(await _receiver.ReceiveAsync(buffer, TimeSpan.FromMilliseconds(300)));
            return received;
        }).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        lengths.ShouldBe([1, 2, ITftpTransferPort.TimedOut]);
    }

    [Fact]
    public async Task Receive_DatagramArrivesWhileWaiting_CompletesWithIt()
    {
        var waiting = OnLoop(async () => await _receiver.ReceiveAsync(new byte[64], TimeSpan.FromSeconds(60)));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        _client.Send(new byte[40]);

        (await waiting.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)).ShouldBe(40);
    }

    [Fact]
    public async Task Stop_WaitingReceive_EndsWithCancellation()
    {
        var waiting = OnLoop(async () => await _receiver.ReceiveAsync(new byte[64], TimeSpan.FromSeconds(60)));
        await Task.Delay(100, TestContext.Current.CancellationToken);

        await _stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(waiting.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Receive_OffTheLoopThread_IsRefused()
    {
        await Should.ThrowAsync<InvalidOperationException>(async () => await _receiver.ReceiveAsync(new byte[64], TimeSpan.FromSeconds(1)));
        (await OnLoop(() => Task.FromResult(_loop.IsCurrent))).ShouldBeTrue();
    }

    [Fact]
    public async Task Server_FortyTransfersWaitingForAcks_TakeNoThreadEach()
    {
        const int Transfers = 40;
        await using var server = await TftpTestServer.StartAsync(configure: o => o with { TransferLoops = 2, Timeout = TimeSpan.FromSeconds(30) });
        var content = new byte[512 * 2 + 7];
        Random.Shared.NextBytes(content);
        File.WriteAllBytes(Path.Join(server.Root, "f.bin"), content);
        int threadsBefore = ThreadCount();
        var clients = Enumerable.Range(0, Transfers).Select(_ => new RawTftpClient()).ToList();
        try
        {
            foreach (var client in clients) client.SendRequest(server.Endpoint, "f.bin");
            var firstBlocks = new List<(RawTftpClient Client, IPEndPoint From)>();
            foreach (var client in clients)
            {
                var data = await client.ReceiveDataAsync();
                data.Block.ShouldBe((ushort)1);
                firstBlocks.Add((client, data.From));
            }
            server.Server.ActiveTransfers.ShouldBe(Transfers);

            (ThreadCount() - threadsBefore).ShouldBeLessThan(Transfers / 4, "each waiting transfer must not hold a thread of its own");

            foreach (var (client, from) in firstBlocks)
            {
                client.SendAck(from, 1);
                (await client.ReceiveDataAsync()).Block.ShouldBe((ushort)2);
                client.SendAck(from, 2);
                var last = await client.ReceiveDataAsync();
                last.Block.ShouldBe((ushort)3);
                last.Payload.ToArray().ShouldBe(content[1024..]);
                client.SendAck(from, 3);
            }
            await server.Events.WaitForCountAsync(e => e.Outcome == "ok", Transfers);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private static int ThreadCount() => Directory.GetDirectories("/proc/self/task").Length;

    /// <summary>Runs <paramref name="work"/> on the loop's thread; the test continues on the thread pool.</summary>
    private Task<T> OnLoop<T>(Func<Task<T>> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Run();
        return result.Task;

        async Task Run()
        {
            await _loop.SwitchTo();
            try
            {
                result.SetResult(await work());
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
        }
    }
}
