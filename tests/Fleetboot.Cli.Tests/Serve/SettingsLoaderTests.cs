using System.Collections;
using Fleetboot.Cli.Serve;

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
    public void Load_MissingFile_SaysSo()
    {
        Should.Throw<ConfigurationException>(() => SettingsLoader.Load(Path.Combine(_dir, "absent.yaml"), new Hashtable(), NoFlags))
            .Message.ShouldStartWith("cannot read config file");
    }
}
