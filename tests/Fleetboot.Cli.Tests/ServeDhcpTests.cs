using System.Text.Json.Nodes;

namespace Fleetboot.Cli.Tests;

/// <summary>
/// The real <c>fleetboot serve --dhcp full</c> process inside a namespace this test creates, and busybox udhcpc
/// as a UEFI PXE client in another: the client gets an address and its loader, the lease is listed by the API,
/// and the unknown netboot client is recorded as discovered.
/// </summary>
public sealed class ServeDhcpTests
{
    private const string ClientMac = "02:fb:77:00:00:01";

    /// <summary>Starts <c>serve</c> in full mode in a server namespace of <paramref name="net"/>; returns that namespace and a client's.</summary>
    private static async Task<(string Srv, string Cli)> StartServeAsync(TestNetwork net, params string[] extra)
    {
        var srv = await net.AddHostAsync("srv", "10.9.0.1/24");
        var cli = await net.AddHostAsync("cli", null, ClientMac);
        var data = Path.Combine(net.TempDir, "data");
        var (_, ready) = net.StartIn(srv, "HTTP on", ["dotnet", typeof(Fleetboot.Cli.Serve.ServeCommand).Assembly.Location, "serve",
            "--data", data, "--http", "10.9.0.1:8080", "--tftp", "off",
            "--dhcp", "full", "--dhcp-interface", "eth0", "--dhcp-range", "10.9.0.100-10.9.0.150", "--dhcp-router", "10.9.0.1", .. extra]);
        await ready;
        return (srv, cli);
    }

    [Fact]
    public async Task ServeFullDhcp_PxeClient_GetsLeaseLoaderAndIsDiscovered()
    {
        TestNetwork.Require("busybox", "curl");
        await using var net = await TestNetwork.CreateAsync();
        var (srv, cli) = await StartServeAsync(net);

        var (env, output) = await net.TryUdhcpcAsync(cli, "-V", "PXEClient", "-x", "0x5d:0007");

        env.ShouldNotBeNull($"udhcpc got no lease:\n{output}");
        env["ip"].ShouldStartWith("10.9.0.1");
        int.Parse(env["ip"].Split('.')[3], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(100, 150);
        env["router"].ShouldBe("10.9.0.1");
        env["boot_file"].ShouldBe("ipxe.efi");

        var leases = JsonNode.Parse(await net.ExecAsync(srv, TimeSpan.FromSeconds(10), true, "curl", "-sf", "http://10.9.0.1:8080/api/v1/leases"))!.AsArray();
        leases.ShouldContain(l => l!["mac"]!.GetValue<string>() == ClientMac && l["address"]!.GetValue<string>() == env["ip"]);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var page = JsonNode.Parse(await net.ExecAsync(srv, TimeSpan.FromSeconds(10), true, "curl", "-sf", "http://10.9.0.1:8080/api/v1/machines?state=discovered"))!;
            if (page["items"]!.AsArray().Any(m => m!["macs"]![0]!.GetValue<string>() == ClientMac)) break;
            await Task.Delay(200, timeout.Token);
        }
    }

    [Fact]
    public async Task ServeFullDhcp_UefiLoaderInConfigFile_UefiClientGetsThatLoader()
    {
        TestNetwork.Require("busybox");
        await using var net = await TestNetwork.CreateAsync();
        var config = Path.Combine(net.TempDir, "fleetboot.yaml");
        await File.WriteAllTextAsync(config, "dhcpUefiLoader: snponly.efi\ndhcpServerAddress: 10.9.0.1\n", TestContext.Current.CancellationToken);
        var (_, cli) = await StartServeAsync(net, "--config", config);

        var (env, output) = await net.TryUdhcpcAsync(cli, "-V", "PXEClient", "-x", "0x5d:0007");

        env.ShouldNotBeNull($"udhcpc got no lease:\n{output}");
        env["boot_file"].ShouldBe("snponly.efi");
        env["serverid"].ShouldBe("10.9.0.1");
    }
}
