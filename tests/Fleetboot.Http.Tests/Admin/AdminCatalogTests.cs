using System.Net;
using System.Text.Json.Nodes;
using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Http.Tests.Admin;

public sealed class AdminCatalogTests : AdminApiTestBase
{
    [Fact]
    public async Task Profiles_AddGetListReplaceRemove_RoundTrip()
    {
        var added = await Api.AddProfileAsync(new ProfileRequest
        {
            Id = "debian",
            Kernel = "http://mirror.example/linux",
            Initrds = ["http://mirror.example/initrd.gz"],
            Args = "console=ttyS0",
            Configs = new Dictionary<string, string> { ["preseed"] = "d-i netcfg/hostname string {{machine.hostname}}" },
            Files = new Dictionary<string, string> { ["motd"] = "hello {{machine.hostname}}" },
            Metadata = new JsonObject { ["mirror"] = "deb.debian.org" },
        }, Ct);
        added.Configs.Keys.ShouldBe(["preseed"]);

        (await Api.GetProfileAsync("debian", Ct)).Args.ShouldBe("console=ttyS0");
        (await Api.ListProfilesAsync(Ct)).Select(p => p.Id).ShouldBe(["debian"]);

        var replaced = await Api.ReplaceProfileAsync("debian", new ProfileRequest { Kernel = "http://mirror.example/vmlinuz", Args = "quiet" }, Ct);
        replaced.Kernel.ShouldBe("http://mirror.example/vmlinuz");
        replaced.Configs.ShouldBeEmpty();

        await Api.RemoveProfileAsync("debian", Ct);
        (await Api.ListProfilesAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Groups_AddGetListReplaceRemove_RoundTrip()
    {
        await AddProfileAsync("debian");
        await AddProfileAsync("talos");
        var added = await Api.AddGroupAsync(new GroupRequest
        {
            Id = "workers",
            Profile = "debian",
            Selectors = new Dictionary<string, string> { ["role"] = "worker", ["mac"] = "AA-BB-CC-DD-EE-FF" },
        }, Ct);
        added.Selectors["mac"].ShouldBe("aa:bb:cc:dd:ee:ff");

        await Api.AddGroupAsync(new GroupRequest { Id = "default", Profile = "talos" }, Ct);
        (await Api.ListGroupsAsync(Ct)).Select(g => g.Id).ShouldBe(["default", "workers"]);

        var replaced = await Api.ReplaceGroupAsync("workers", new GroupRequest { Profile = "talos", Selectors = new Dictionary<string, string> { ["role"] = "worker" } }, Ct);
        replaced.Profile.ShouldBe("talos");
        (await Api.GetGroupAsync("workers", Ct)).Selectors.Keys.ShouldBe(["role"]);

        await Api.RemoveGroupAsync("workers", Ct);
        (await Should.ThrowAsync<FleetbootApiException>(() => Api.GetGroupAsync("workers", Ct))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemoveProfile_UsedByGroup_Answers409NamingTheGroup()
    {
        await AddProfileAsync("debian");
        await Api.AddGroupAsync(new GroupRequest { Id = "workers", Profile = "debian" }, Ct);
        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.RemoveProfileAsync("debian", Ct));
        e.Problem.Status.ShouldBe(409);
        e.Problem.Holder.ShouldBe("group workers");
    }

    [Fact]
    public async Task Templates_SetHistoryRollbackReset_KeepVersions()
    {
        var builtIn = await Api.GetTemplateAsync("ipxe", Ct);
        builtIn.BuiltIn.ShouldBeTrue();
        builtIn.Version.ShouldBe(0);
        (await Api.ListTemplatesAsync(Ct)).Select(t => t.Name).ShouldContain("ipxe");

        var v1 = await Api.SetTemplateAsync("ipxe", "#!ipxe\necho one {{machine.hostname}}\n", Ct);
        var v2 = await Api.SetTemplateAsync("ipxe", "#!ipxe\necho two\n", Ct);
        v1.Version.ShouldBe(1);
        v2.Version.ShouldBe(2);
        (await Api.GetTemplateAsync("ipxe", Ct)).Content.ShouldContain("two");

        var rolledBack = await Api.RollbackTemplateAsync("ipxe", 1, Ct);
        rolledBack.Version.ShouldBe(3);
        rolledBack.Content.ShouldContain("one");
        (await Api.GetTemplateHistoryAsync("ipxe", Ct)).Select(v => v.Version).ShouldBe([1, 2, 3]);

        var reset = await Api.ResetTemplateAsync("ipxe", Ct);
        reset.BuiltIn.ShouldBeTrue();
        reset.Content.ShouldBe(builtIn.Content);
        (await Api.GetTemplateHistoryAsync("ipxe", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetTemplate_DoesNotParse_Answers400NamingContent()
    {
        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.SetTemplateAsync("ipxe", "#!ipxe\n{{#each initrds}}\nnever closed\n", Ct));
        e.Problem.Status.ShouldBe(400);
        e.Problem.Errors!["content"][0].ShouldContain("#each");
        (await Api.GetTemplateAsync("ipxe", Ct)).BuiltIn.ShouldBeTrue();
    }

    [Fact]
    public async Task SetTemplate_UnknownName_Answers404()
    {
        var e = await Should.ThrowAsync<FleetbootApiException>(() => Api.SetTemplateAsync("no-such-template", "x", Ct));
        e.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AllocateMacs_WithPrefix_ReservesDistinctAddressesUnderIt()
    {
        var allocated = await Api.AllocateMacsAsync(new MacAllocateRequest(5, "bc:24:11", "lab vms"), Ct);
        allocated.Count.ShouldBe(5);
        allocated.Select(r => r.Mac).Distinct().Count().ShouldBe(5);
        allocated.ShouldAllBe(r => r.Mac.StartsWith("bc:24:11:") && r.Note == "lab vms");
        (await Api.ListMacReservationsAsync(Ct)).Select(r => r.Mac).Order().ShouldBe(allocated.Select(r => r.Mac).Order());
    }

    [Fact]
    public async Task AllocateMacs_DefaultPrefix_IsLocallyAdministered()
    {
        var allocated = await Api.AllocateMacsAsync(new MacAllocateRequest(2), Ct);
        allocated.ShouldAllBe(r => (Convert.ToByte(r.Mac.Substring(0, 2), 16) & 0x02) == 0x02);
    }

    [Fact]
    public async Task ReserveAndRelease_Mac_RoundTrip()
    {
        var reserved = await Api.ReserveMacAsync(new MacReserveRequest("02AA.BBCC.DD01", "vm"), Ct);
        reserved.Mac.ShouldBe("02:aa:bb:cc:dd:01");
        await Api.ReleaseMacAsync("02:aa:bb:cc:dd:01", Ct);
        (await Api.ListMacReservationsAsync(Ct)).ShouldBeEmpty();
        (await Should.ThrowAsync<FleetbootApiException>(() => Api.ReleaseMacAsync("02:aa:bb:cc:dd:01", Ct))).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
