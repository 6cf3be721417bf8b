using System.Collections;
using Fleetboot.Cli.Serve;
using Fleetboot.Core.Dhcp;
using Fleetboot.Dhcp;

namespace Fleetboot.Cli.Tests.Serve;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fleetboot-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string yaml)
    {
        var path = Path.Combine(_dir, "fleetboot.yaml");
        System.IO.File.WriteAllText(path, yaml);
        return path;
    }

    private static Dictionary<string, string> NoFlags => [];

    [Fact]
    public void Load_Nothing_GivesEmbeddedDefaults()
    {
        var s = SettingsLoader.Load(null, new Hashtable(), NoFlags);

        s.ShouldBe(new ServerSettings());
        s.Http.ShouldBe("0.0.0.0:8080");
        s.DataDirectory.ShouldBe("./data");
        s.Dhcp.ShouldBe("off");
    }

    [Fact]
    public void Load_AllSources_FlagBeatsEnvironmentBeatsFileBeatsDefault()
    {
        var file = File("http: 127.0.0.1:1001\ndata: /from/file\nlogLevel: debug\nmacPrefix: bc:24:11\n");
        var env = new Hashtable { ["FLEETBOOT_HTTP"] = "127.0.0.1:1002", ["FLEETBOOT_DATA"] = "/from/env" };
        var flags = new Dictionary<string, string> { ["http"] = "127.0.0.1:1003" };

        var s = SettingsLoader.Load(file, env, flags);

        s.Http.ShouldBe("127.0.0.1:1003");
        s.DataDirectory.ShouldBe("/from/env");
        s.LogLevel.ShouldBe("debug");
        s.MacPrefix.ShouldBe("bc:24:11");
        s.Tftp.ShouldBe("0.0.0.0:69");
    }

    [Fact]
    public void Load_ConfigFileFromEnvironment_IsRead()
    {
        var file = File("unknownMachine: menu\n");

        SettingsLoader.Load(null, new Hashtable { ["FLEETBOOT_CONFIG"] = file }, NoFlags).UnknownMachine.ShouldBe("menu");
    }

    [Fact]
    public void Load_InvalidValueInFile_NamesFileLineAndKey()
    {
        var file = File("data: ./d\n\nhttp: not-an-endpoint\n");

        var e = Should.Throw<ConfigurationException>(() => SettingsLoader.Load(file, new Hashtable(), NoFlags));

        e.Message.ShouldBe($"{file} line 3: 'not-an-endpoint' is not valid for http; expected ADDR:PORT, such as 0.0.0.0:8080");
    }

    [Fact]
    public void Load_UnknownKey_NamesLineAndKnownKeys()
    {
        var file = File("http: 0.0.0.0:8080\nhtpp: 1\n");

        var e = Should.Throw<ConfigurationException>(() => SettingsLoader.Load(file, new Hashtable(), NoFlags));

        e.Message.ShouldStartWith($"{file} line 2: unknown key 'htpp'; known keys: data, http");
    }

    [Fact]
    public void Load_YamlSyntaxError_NamesLine()
    {
        var file = File("http: 0.0.0.0:8080\ndata: [unclosed\n");

        Should.Throw<ConfigurationException>(() => SettingsLoader.Load(file, new Hashtable(), NoFlags)).Message.ShouldStartWith($"{file} line ");
    }

    [Fact]
    public void Load_InvalidEnvironmentValue_NamesVariable()
    {
        var e = Should.Throw<ConfigurationException>(() => SettingsLoader.Load(null, new Hashtable { ["FLEETBOOT_DHCP"] = "maybe" }, NoFlags));

        e.Message.ShouldBe("FLEETBOOT_DHCP: 'maybe' is not valid for dhcp; expected off, proxy or full");
    }

    [Fact]
    public void Load_InvalidFlag_NamesFlag()
    {
        var e = Should.Throw<ConfigurationException>(() => SettingsLoader.Load(null, new Hashtable(), new Dictionary<string, string> { ["publicUrl"] = "ftp://x" }));

        e.Message.ShouldStartWith("--public-url: 'ftp://x' is not valid for publicUrl");
    }

    [Fact]
    public void Load_DhcpServerAddressDeclineHoldAndLoadersInFile_ReachTheDhcpOptions()
    {
        var file = File("dhcpServerAddress: 10.9.0.1\ndhcpDeclineHold: 1h\ndhcpOfferHold: 2m\ndhcpProbeAttempts: 5\ndhcpBiosLoader: /bios/undionly.kpxe\ndhcpUefiLoader: snponly.efi\ndhcpArm64Loader: arm64/ipxe.efi\n"
            + "dhcpGrubLoader: grub/grubx64.efi\ndhcpShimLoader: sb/shimx64.efi\ndhcpPxelinuxLoader: pxelinux.0\n");

        var options = DhcpSettings.ToOptions(SettingsLoader.Load(file, new Hashtable(), NoFlags), 8080);

        options.ServerAddress.ShouldBe("10.9.0.1");
        options.DeclineHold.ShouldBe(TimeSpan.FromHours(1));
        options.OfferHold.ShouldBe(TimeSpan.FromMinutes(2));
        options.ProbeAttempts.ShouldBe(5);
        options.Loaders.BiosLoader.ShouldBe("bios/undionly.kpxe");
        options.Loaders.UefiLoader.ShouldBe("snponly.efi");
        options.Loaders.Arm64UefiLoader.ShouldBe("arm64/ipxe.efi");
        options.Loaders.GrubLoader.ShouldBe("grub/grubx64.efi");
        options.Loaders.ShimLoader.ShouldBe("sb/shimx64.efi");
        options.Loaders.PxelinuxLoader.ShouldBe("pxelinux.0");
    }

    [Fact]
    public void Load_DhcpSettingsUnset_DhcpOptionsKeepTheirDefaults()
    {
        var options = DhcpSettings.ToOptions(SettingsLoader.Load(null, new Hashtable(), NoFlags), 8080);

        options.ServerAddress.ShouldBeNull();
        options.DeclineHold.ShouldBe(new DhcpOptions().DeclineHold);
        options.OfferHold.ShouldBe(TimeSpan.FromSeconds(30));
        options.ProbeAttempts.ShouldBe(3);
        options.Loaders.ShouldBe(new BootLoaderOptions());
    }

    [Fact]
    public void Load_DhcpUefiLoaderEverywhere_FlagBeatsEnvironmentBeatsFile()
    {
        var file = File("dhcpUefiLoader: snponly.efi\ndhcpDeclineHold: 5m\n");
        var env = new Hashtable { ["FLEETBOOT_DHCP_UEFI_LOADER"] = "env.efi", ["FLEETBOOT_DHCP_DECLINE_HOLD"] = "15m", ["FLEETBOOT_DHCP_PROBE_ATTEMPTS"] = "4" };
        var flags = new Dictionary<string, string> { ["dhcpUefiLoader"] = "flag.efi", ["dhcpOfferHold"] = "45s" };

        var s = SettingsLoader.Load(file, env, flags);

        s.DhcpUefiLoader.ShouldBe("flag.efi");
        s.DhcpDeclineHold.ShouldBe(TimeSpan.FromMinutes(15));
        s.DhcpProbeAttempts.ShouldBe(4);
        s.DhcpOfferHold.ShouldBe(TimeSpan.FromSeconds(45));
        SettingsLoader.Load(file, new Hashtable(), NoFlags).DhcpUefiLoader.ShouldBe("snponly.efi");
    }

    [Theory]
    [InlineData("dhcpServerAddress", "10.9.0", "a unicast IPv4 address of this server, such as 10.9.0.1")]
    [InlineData("dhcpServerAddress", "255.255.255.255", "a unicast IPv4 address of this server, such as 10.9.0.1")]
    [InlineData("dhcpDeclineHold", "2s", "a duration from 10s to 30d, such as 600, 10m or 1h")]
    [InlineData("dhcpDeclineHold", "soon", "a duration from 10s to 30d, such as 600, 10m or 1h")]
    [InlineData("dhcpOfferHold", "1s", "a duration from 5s to 1h, such as 30, 30s or 2m")]
    [InlineData("dhcpOfferHold", "2h", "a duration from 5s to 1h, such as 30, 30s or 2m")]
    [InlineData("dhcpProbeAttempts", "0", "a whole number from 1 to 32")]
    [InlineData("dhcpProbeAttempts", "-1", "a whole number from 1 to 32")]
    [InlineData("dhcpProbeAttempts", "three", "a whole number from 1 to 32")]
    [InlineData("dhcpBiosLoader", "../etc/passwd", "a file name under the TFTP root, such as snponly.efi or efi/ipxe.efi")]
    [InlineData("dhcpUefiLoader", "grub", "a file name under the TFTP root, such as snponly.efi or efi/ipxe.efi")]
    [InlineData("dhcpArm64Loader", "http://10.9.0.1/ipxe-arm64.efi", "a file name under the TFTP root, such as snponly.efi or efi/ipxe.efi")]
    [InlineData("macPrefix", "02:fb:zz", "1 to 5 octets such as 02:fb or bc:24:11, the first one even (not multicast)")]
    [InlineData("macPrefix", "03:00", "1 to 5 octets such as 02:fb or bc:24:11, the first one even (not multicast)")]
    public void Load_InvalidSettingInFile_NamesFileLineAndKey(string key, string value, string expected)
    {
        var file = File($"dhcp: full\n{key}: {value}\n");

        var e = Should.Throw<ConfigurationException>(() => SettingsLoader.Load(file, new Hashtable(), NoFlags));

        e.Message.ShouldBe($"{file} line 2: '{value}' is not valid for {key}; expected {expected}");
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        Should.Throw<ConfigurationException>(() => SettingsLoader.Load(Path.Combine(_dir, "absent.yaml"), new Hashtable(), NoFlags))
            .Message.ShouldStartWith("cannot read config file");
    }
}
