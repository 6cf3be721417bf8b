using Fleetboot.Contracts;

namespace Fleetboot.Cli.Tests;

public sealed class CliMachinesTests(CliServer server) : CliTestBase(server)
{
    [Fact]
    public async Task MachinesAdd_TheUsualShape_RegistersAndListsAsTable()
    {
        await OkAsync("profiles", "add", "debian", "--kernel", "http://mirror.example/linux", "--initrd", "http://mirror.example/initrd.gz", "--args", "console=ttyS0");
        var added = await OkAsync("machines", "add", "00:11:22:33:44:88", "worker-3", "--role", "worker", "--arch", "x86_64",
            "--feature", "kubernetes", "--feature", "compute", "--profile", "debian");
        added.Stdout.ShouldContain("worker-3");

        var list = await OkAsync("machines", "list", "--profile", "debian");
        var row = list.Stdout.Split('\n').Single(l => l.Contains("worker-3", StringComparison.Ordinal));
        row.ShouldContain("00:11:22:33:44:88");
        row.ShouldContain("worker");
        row.ShouldContain("debian");
        row.ShouldContain("provisioning"); // registered with its profile: the install is pending
        list.Stdout.ShouldContain("HOSTNAME");
        list.Stdout.ShouldContain("1 machine(s)");
        list.Stdout.ShouldNotContain("\u001b[", customMessage: "piped output carries no escape sequences");

        var json = Json(await OkAsync("machines", "show", "00-11-22-33-44-88", "--output", "json"), FleetbootJsonContext.Default.MachineDto);
        json.Hostname.ShouldBe("worker-3");
        json.Features.ShouldBe(["kubernetes", "compute"]);
        json.Profile.ShouldBe("debian");
        json.Arch.ShouldBe(MachineArch.X86_64);
    }

    [Fact]
    public async Task MachinesList_JsonOutput_IsTheApiPageWithFilters()
    {
        await OkAsync("machines", "add", "00:00:00:00:aa:01", "rack-a-1", "--label", "rack=a", "--role", "archive");
        await OkAsync("machines", "add", "00:00:00:00:aa:02", "rack-b-1", "--label", "rack=b", "--role", "archive");

        var page = Json(await OkAsync("machines", "list", "--label", "rack=a", "--output", "json"), FleetbootJsonContext.Default.MachinePage);
        page.Items.Select(m => m.Hostname).ShouldBe(["rack-a-1"]);
        page.Total.ShouldBe(1);

        var storage = Json(await OkAsync("machines", "list", "--role", "archive", "--limit", "1", "-o", "json"), FleetbootJsonContext.Default.MachinePage);
        storage.Items.Count.ShouldBe(1);
        storage.Total.ShouldBe(2);
    }

    [Fact]
    public async Task MachinesSet_ChangesOnlyTheGivenFields()
    {
        await OkAsync("machines", "add", "00:00:00:00:bb:01", "setme", "--role", "worker", "--label", "rack=r1", "--feature", "gpu");
        await OkAsync("machines", "set", "setme", "--role", "storage", "--label", "zone=z9");
        var m = Json(await OkAsync("machines", "show", "setme", "-o", "json"), FleetbootJsonContext.Default.MachineDto);
        m.Role.ShouldBe("storage");
        m.Labels.ShouldBe(new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "z9" }, ignoreOrder: true);
        m.Features.ShouldBe(["gpu"]);
        m.Macs.ShouldBe(["00:00:00:00:bb:01"]);
    }

    [Fact]
    public async Task MachinesRemove_ThenShow_FailsWithNotFound()
    {
        await OkAsync("machines", "add", "00:00:00:00:cc:01", "goner");
        (await OkAsync("machines", "remove", "goner")).Stdout.ShouldContain("removed machine goner");
        var line = await FailsAsync(4, "machines", "show", "goner");
        line.ShouldContain("not found");
        line.ShouldContain("goner");
    }

    [Fact]
    public async Task MachinesAdd_MacTaken_OneLineNamingTheHolderAndExit5()
    {
        await OkAsync("machines", "add", "00:00:00:00:dd:01", "first-holder");
        var line = await FailsAsync(5, "machines", "add", "00:00:00:00:DD:01", "second");
        line.ShouldContain("conflict with machine first-holder");
        line.ShouldContain("MAC 00:00:00:00:dd:01");
    }

    [Fact]
    public async Task MachinesAdd_InvalidMac_OneLineNamingTheFieldAndExit7()
    {
        var line = await FailsAsync(7, "machines", "add", "zz:00:00:00:00:01", "bad", "--arch", "sparc");
        line.ShouldContain("macs[0]");
        line.ShouldContain("arch");
    }

    [Fact]
    public async Task Render_Ipxe_PrintsTheScript()
    {
        await OkAsync("profiles", "add", "render-os", "--kernel", "http://mirror.example/render/linux", "--args", "console=ttyS1");
        await OkAsync("machines", "add", "00:00:00:00:ee:01", "render-me", "--profile", "render-os");
        var script = await OkAsync("render", "render-me", "ipxe");
        script.Stdout.ShouldStartWith("#!ipxe");
        script.Stdout.ShouldContain("kernel http://mirror.example/render/linux");
        script.Stdout.ShouldContain("fleetboot.mac=00:00:00:00:ee:01");
    }

    [Fact]
    public async Task Render_MissingVariable_OneLineWithLineAndColumn()
    {
        var kickstart = Path.Combine(Directory.CreateTempSubdirectory("fleetboot-cli-ks-").FullName, "ks.cfg");
        await File.WriteAllTextAsync(kickstart, "lang en_US\nnetwork --hostname={{nosuchvariable}}\n", TestContext.Current.CancellationToken);
        await OkAsync("profiles", "add", "ks-os", "--kernel", "http://x/linux", "--config", $"kickstart={kickstart}");
        await OkAsync("machines", "add", "00:00:00:00:ee:02", "ks-me", "--profile", "ks-os");
        var line = await FailsAsync(7, "render", "ks-me", "kickstart");
        line.ShouldContain("line 2");
        line.ShouldContain("nosuchvariable");
    }
}
