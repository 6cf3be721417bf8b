using System.Collections;
using Fleetboot.Cli.Serve;
using Fleetboot.Core.Dhcp;

namespace Fleetboot.Cli.Tests.Serve;

/// <summary>The config file's <c>dhcpSubnets</c>: read with every field, checked at start-up, errors naming the subnet and the file line.</summary>
public sealed class SubnetSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fleetboot-subnets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string yaml)
    {
        var path = Path.Combine(_dir, "fleetboot.yaml");
        System.IO.File.WriteAllText(path, yaml);
        return path;
    }

    private const string TwoSubnets = """
        dhcp: full
        dhcpSubnets:
          - name: lab
            network: 10.9.0.0/24
            interface: eth1
            pools: [10.9.0.100-10.9.0.200]
            router: 10.9.0.1
            dnsServers: [10.9.0.1, 1.1.1.1]
            domainName: lab.test
            domainSearch: [lab.test, test]
            ntpServers: [10.9.0.1]
            mtu: 1400
            leaseTime: 12h
            reservations:
              - mac: 52:54:00:00:00:01
                address: 10.9.0.10
                hostname: node1
          - name: vlan20
            network: 10.20.0.0/24
            pools:
              - 10.20.0.50-10.20.0.99
              - 10.20.0.150-10.20.0.199
        """;

    [Fact]
    public void Load_DhcpSubnets_ReadsEveryFieldWithItsLine()
    {
        var file = File(TwoSubnets);

        var s = SettingsLoader.Load(file, new Hashtable(), new Dictionary<string, string>());

        s.DhcpSubnets.Count.ShouldBe(2);
        var lab = s.DhcpSubnets[0];
        lab.Origin.ShouldBe($"{file} line 3");
        lab.Subnet.Interface.ShouldBe("eth1");
        lab.Subnet.DnsServers.ShouldBe(["10.9.0.1", "1.1.1.1"]);
        lab.Subnet.DomainSearch.ShouldBe(["lab.test", "test"]);
        lab.Subnet.Mtu.ShouldBe(1400);
        lab.Subnet.LeaseTime.ShouldBe(TimeSpan.FromHours(12));
        lab.Subnet.Reservations.ShouldHaveSingleItem().HostName.ShouldBe("node1");
        s.DhcpSubnets[1].Subnet.Pools.ShouldBe(["10.20.0.50-10.20.0.99", "10.20.0.150-10.20.0.199"]);
        DhcpSettings.ToOptions(s, 8080).Subnets.Select(x => x.Name).ShouldBe(["lab", "vlan20"]);
    }

    [Fact]
    public void Load_SubnetProbe_ReadsModeAndWaitDefaultOff()
    {
        var file = File(TwoSubnets.Replace("leaseTime: 12h", "leaseTime: 12h\n    probe: icmp\n    probeWait: 250ms", StringComparison.Ordinal));

        var s = SettingsLoader.Load(file, new Hashtable(), new Dictionary<string, string>());

        s.DhcpSubnets[0].Subnet.Probe.ShouldBe(DhcpAddressProbe.Icmp);
        s.DhcpSubnets[0].Subnet.ProbeWait.ShouldBe(TimeSpan.FromMilliseconds(250));
        s.DhcpSubnets[1].Subnet.Probe.ShouldBe(DhcpAddressProbe.Off);
        s.DhcpSubnets[1].Subnet.ProbeWait.ShouldBe(DhcpSubnetOptions.DefaultProbeWait);
    }

    [Fact]
    public void Load_SubnetProbeUnknownMode_NamesTheLine()
    {
        var file = File(TwoSubnets.Replace("leaseTime: 12h", "leaseTime: 12h\n    probe: rarp", StringComparison.Ordinal));

        var e = Should.Throw<ConfigurationException>(() => SettingsLoader.Load(file, new Hashtable(), new Dictionary<string, string>()));

        e.Message.ShouldBe($"{file} line 14: subnet 'lab': probe 'rarp' is not icmp, arp or off");
    }

    [Fact]
    public void ToOptions_PoolOutsideItsSubnet_NamesFileLineAndSubnet()
    {
        var file = File(TwoSubnets.Replace("10.20.0.150-10.20.0.199", "10.21.0.150-10.21.0.199", StringComparison.Ordinal));
        var s = SettingsLoader.Load(file, new Hashtable(), new Dictionary<string, string>());

        var e = Should.Throw<ConfigurationException>(() => DhcpSettings.ToOptions(s, 8080));

        e.Message.ShouldBe($"DHCP: {file} line 18: subnet 'vlan20': pool 10.21.0.150-10.21.0.199 is outside 10.20.0.0/24");
    }

    [Fact]
    public void ToOptions_OverlappingSubnets_NamesBoth()
    {
        var file = File(TwoSubnets.Replace("10.20.0.", "10.9.5.", StringComparison.Ordinal).Replace("10.9.5.0/24", "10.9.0.0/16", StringComparison.Ordinal));
        var s = SettingsLoader.Load(file, new Hashtable(), new Dictionary<string, string>());

        Should.Throw<ConfigurationException>(() => DhcpSettings.ToOptions(s, 8080)).Message
            .ShouldContain($"{file} line 18: subnet 'vlan20': network 10.9.0.0/16 overlaps network 10.9.0.0/24 of subnet 'lab'");
    }

    [Fact]
    public void Load_UnknownSubnetKey_NamesItsLine()
    {
        var file = File("dhcpSubnets:\n  - name: lab\n    network: 10.9.0.0/24\n    gateway: 10.9.0.1\n");

        Should.Throw<ConfigurationException>(() => SettingsLoader.Load(file, new Hashtable(), new Dictionary<string, string>()))
            .Message.ShouldStartWith($"{file} line 4: unknown subnet key 'gateway'");
    }
}
