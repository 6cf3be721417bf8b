using Fleetboot.Core.Dhcp;
using Fleetboot.Storage.Sqlite.Leases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleetboot.Dhcp.Tests.Server;

public sealed class DhcpServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddFleetbootDhcp_Off_RegistersHostedServerThatBindsNothing()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddFleetbootDhcp(new DhcpOptions());
        await using var provider = services.BuildServiceProvider();

        var hosted = provider.GetServices<IHostedService>().ShouldHaveSingleItem();
        hosted.ShouldBeSameAs(provider.GetRequiredService<DhcpServer>());
        await hosted.StartAsync(TestContext.Current.CancellationToken);
        provider.GetRequiredService<DhcpServer>().GetLeases().ShouldBeEmpty();
        await hosted.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AddFleetbootDhcp_InvalidOptions_ThrowsNamingSubnet()
    {
        var options = new DhcpOptions { Mode = DhcpMode.Full, Subnets = [new DhcpSubnetOptions { Name = "vlan7", Network = "10.7.0.0/24", Pools = ["10.8.0.1-10.8.0.9"] }] };
        Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddFleetbootDhcp(options)).Message.ShouldContain("subnet 'vlan7'");
    }

    [Fact]
    public async Task SqliteLeaseStore_OpenMigratedDatabase_LoadsForDi()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"fleetboot-leases-{Guid.NewGuid():N}");
        try
        {
            var connectionString = await MigratedDatabase.CreateAsync(directory, TestContext.Current.CancellationToken);
            await using (var store = SqliteLeaseStore.Open(connectionString))
            {
                (await store.LoadAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
