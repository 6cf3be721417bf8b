using Fleetboot.Contracts;

namespace Fleetboot.Cli.Tests;

public sealed class CliCatalogTests(CliServer server) : CliTestBase(server)
{
    [Fact]
    public async Task Profiles_AddSetShowListRemove()
    {
        await OkAsync("profiles", "add", "alpine", "--kernel", "http://x/vmlinuz-lts", "--initrd", "http://x/initramfs-lts", "--args", "console=ttyS0");
        await OkAsync("profiles", "set", "alpine", "--args", "console=tty0 quiet", "--description", "Alpine edge");
        var p = Json(await OkAsync("profiles", "show", "alpine", "-o", "json"), FleetbootJsonContext.Default.ProfileDto);
        p.Args.ShouldBe("console=tty0 quiet");
        p.Kernel.ShouldBe("http://x/vmlinuz-lts");
        p.Initrds.ShouldBe(["http://x/initramfs-lts"]);

        var table = await OkAsync("profiles", "list");
        table.Stdout.Split('\n').ShouldContain(l => l.Contains("alpine", StringComparison.Ordinal) && l.Contains("http://x/vmlinuz-lts", StringComparison.Ordinal));

        await OkAsync("profiles", "remove", "alpine");
        (await FailsAsync(4, "profiles", "show", "alpine")).ShouldContain("no profile 'alpine'");
    }

    [Fact]
    public async Task ProfilesRemove_InUse_OneLineNamingTheUser()
    {
        await OkAsync("profiles", "add", "busy", "--kernel", "http://x/linux");
        await OkAsync("groups", "add", "busy-group", "--profile", "busy", "--selector", "role=db");
        var line = await FailsAsync(5, "profiles", "remove", "busy");
        line.ShouldContain("group busy-group");
    }

    [Fact]
    public async Task Groups_AddListSet()
    {
        await OkAsync("profiles", "add", "grp-os", "--kernel", "http://x/linux");
        await OkAsync("groups", "add", "grp-workers", "--profile", "grp-os", "--selector", "role=worker", "--selector", "rack=r2");
        await OkAsync("groups", "set", "grp-workers", "--remove-selector", "rack", "--description", "all workers");
        var groups = Json(await OkAsync("groups", "list", "-o", "json"), FleetbootJsonContext.Default.IReadOnlyListGroupDto);
        var g = groups.Single(x => x.Id == "grp-workers");
        g.Selectors.ShouldBe(new Dictionary<string, string> { ["role"] = "worker" });
        g.Description.ShouldBe("all workers");
        (await OkAsync("groups", "list")).Stdout.ShouldContain("role=worker");
    }

    [Fact]
    public async Task Templates_SetHistoryRollbackReset()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("fleetboot-cli-tpl-").FullName, "grub.cfg");
        await File.WriteAllTextAsync(file, "set timeout=1\n# custom one\n", TestContext.Current.CancellationToken);
        (await OkAsync("templates", "set", "grub", file)).Stdout.ShouldContain("version 1");
        await File.WriteAllTextAsync(file, "set timeout=2\n# custom two\n", TestContext.Current.CancellationToken);
        (await OkAsync("templates", "set", "grub", file)).Stdout.ShouldContain("version 2");
        (await OkAsync("templates", "show", "grub")).Stdout.ShouldContain("custom two");

        var history = Json(await OkAsync("templates", "history", "grub", "-o", "json"), FleetbootJsonContext.Default.IReadOnlyListTemplateDto);
        history.Select(v => v.Version).ShouldBe([1, 2]);

        (await OkAsync("templates", "rollback", "grub", "1")).Stdout.ShouldContain("version 3");
        (await OkAsync("templates", "show", "grub")).Stdout.ShouldContain("custom one");
        var list = await OkAsync("templates", "list");
        list.Stdout.Split('\n').ShouldContain(l => l.Contains("grub ", StringComparison.Ordinal) && l.Contains("custom", StringComparison.Ordinal));

        (await OkAsync("templates", "reset", "grub")).Stdout.ShouldContain("built-in");
        (await OkAsync("templates", "show", "grub")).Stdout.ShouldNotContain("custom");
    }

    [Fact]
    public async Task Macs_AllocateReserveReleaseList()
    {
        var allocated = await OkAsync("macs", "allocate", "3", "--prefix", "bc:24:11", "--note", "cli test");
        var macs = allocated.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        macs.Length.ShouldBe(3);
        macs.ShouldAllBe(m => m.StartsWith("bc:24:11:"));

        (await OkAsync("macs", "reserve", "02:aa:00:00:00:07", "--note", "vm-7")).Stdout.ShouldContain("reserved 02:aa:00:00:00:07");
        var list = Json(await OkAsync("macs", "list", "-o", "json"), FleetbootJsonContext.Default.IReadOnlyListMacReservationDto);
        list.Select(r => r.Mac).ShouldContain("02:aa:00:00:00:07");
        macs.ShouldAllBe(m => list.Any(r => r.Mac == m));

        await OkAsync("macs", "release", "02-AA-00-00-00-07");
        (await FailsAsync(4, "macs", "release", "02:aa:00:00:00:07")).ShouldContain("not found");
        (await FailsAsync(5, "macs", "reserve", macs[0])).ShouldContain("conflict");
    }
}
