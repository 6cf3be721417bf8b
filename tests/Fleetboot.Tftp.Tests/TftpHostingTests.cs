using System.Net;
using Fleetboot.Core.Abstractions;
using Fleetboot.Tftp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fleetboot.Tftp.Tests;

public sealed class TftpHostingTests
{
    [Fact]
    public async Task AddFleetbootTftp_InGenericHost_ServesFilesAndRecordsEvents()
    {
        using var root = new TempDirectory();
        root.Write("boot.bin", [7, 7, 7]);
        var sink = new RecordingEventSink();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IBootEventSink>(sink);
        builder.Services.AddSingleton<ITftpVirtualFileSource>(new FixedVirtualFileSource());
        builder.Services.AddFleetbootTftp(new TftpOptions { Root = root.Path, Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var server = host.Services.GetRequiredService<TftpServer>();
            using var client = new RawTftpClient();
            (await client.DownloadAsync(server.LocalEndpoint!, "boot.bin")).ShouldBe(new byte[] { 7, 7, 7 });
            (await client.DownloadAsync(server.LocalEndpoint!, "boot.ipxe")).Length.ShouldBeGreaterThan(0);
            (await sink.WaitForAsync(e => e.Outcome == "ok")).Kind.ShouldBe("tftp.transfer");
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
            sink.Dispose();
        }
    }

    [Fact]
    public void AddFleetbootTftp_WithoutOptionalServices_ResolvesServerAndHostedService()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFleetbootTftp(new TftpOptions { Root = Path.GetTempPath(), Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        using var provider = services.BuildServiceProvider();
        var server = provider.GetRequiredService<TftpServer>();
        provider.GetServices<IHostedService>().ShouldContain(server);
        provider.GetRequiredService<TimeProvider>().ShouldBe(TimeProvider.System);
    }

    [Fact]
    public void AddFleetbootTftp_InvalidOptions_ThrowsNamingTheSetting()
    {
        var services = new ServiceCollection();
        var ex = Should.Throw<ArgumentException>(() => services.AddFleetbootTftp(new TftpOptions { MaxWindowSize = 65 }));
        ex.Message.ShouldContain("MaxWindowSize");
    }

    [Theory]
    [InlineData(nameof(TftpOptions.MaxBlockSize))]
    [InlineData(nameof(TftpOptions.Timeout))]
    [InlineData(nameof(TftpOptions.Retries))]
    [InlineData(nameof(TftpOptions.BackoffFactor))]
    public void Validate_OutOfRange_Throws(string setting)
    {
        var options = setting switch
        {
            nameof(TftpOptions.MaxBlockSize) => new TftpOptions { MaxBlockSize = 7 },
            nameof(TftpOptions.Timeout) => new TftpOptions { Timeout = TimeSpan.Zero },
            nameof(TftpOptions.Retries) => new TftpOptions { Retries = -1 },
            _ => new TftpOptions { BackoffFactor = 0.5 },
        };
        Should.Throw<ArgumentException>(options.Validate).ParamName.ShouldBe(setting);
    }
}
