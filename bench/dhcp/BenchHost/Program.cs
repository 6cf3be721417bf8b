using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Abstractions;
using Fleetboot.Dhcp;
using Fleetboot.Storage;
using Fleetboot.Storage.Sqlite.Leases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: BenchHost --interface eth0 --network 10.77.0.0/16 --pool 10.77.1.1-10.77.40.16 --data /tmp/fb-bench   (leases in /tmp/fb-bench/fleetboot.db)
//                  [--warm-network 10.78.0.0/16 --warm-pool 10.78.1.1-10.78.20.255]   (a second subnet for the warm-up run)
var arguments = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1], StringComparer.Ordinal);
string Arg(string name) => arguments.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

var options = new DhcpOptions
{
    Mode = DhcpMode.Full,
    Interfaces = [Arg("interface")],
    Subnets =
    [
        new DhcpSubnetOptions { Name = "bench", Network = Arg("network"), Pools = [Arg("pool")], LeaseTime = TimeSpan.FromHours(1) },
        .. arguments.ContainsKey("warm-network")
            ? new[] { new DhcpSubnetOptions { Name = "warm", Network = Arg("warm-network"), Pools = [Arg("warm-pool")], LeaseTime = TimeSpan.FromHours(1) } }
            : [],
    ],
    RivalProbe = TimeSpan.Zero,
};

// Empty: no appsettings watcher waking up on every lease write when the data directory sits under the working directory.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Logging.AddSimpleConsole().SetMinimumLevel(arguments.TryGetValue("log-level", out var level) ? Enum.Parse<LogLevel>(level, ignoreCase: true) : LogLevel.Warning);
builder.Services.AddFleetbootSqlite(Arg("data"));
var migrating = builder.Services.BuildServiceProvider();
await migrating.GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
await migrating.DisposeAsync();
var store = await SqliteLeaseStore.OpenAsync($"Data Source={Path.Combine(Arg("data"), "fleetboot.db")};Pooling=False");
builder.Services.AddSingleton<ILeaseStore>(store);
builder.Services.AddFleetbootDhcp(options);
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
var server = host.Services.GetRequiredService<DhcpServer>();
Console.WriteLine($"received {server.ReceivedPackets} malformed {server.MalformedPackets} leases {server.GetLeases().Count}");
await store.DisposeAsync();
