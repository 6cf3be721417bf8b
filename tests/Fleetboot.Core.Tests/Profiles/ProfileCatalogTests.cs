using Fleetboot.Core.Groups;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Tests.Fakes;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Tests.Profiles;

public sealed class ProfileCatalogTests : IDisposable
{
    private readonly BootFixture _f = new();
    private readonly ProfileCatalog _catalog;

    public ProfileCatalogTests() => _catalog = new ProfileCatalog(_f.Profiles, _f.Groups, _f.Machines, _f.Cache, _f.Engine, _f.Time);

    public void Dispose() => _f.Dispose();

    private static CancellationToken Ct => BootFixture.Ct;

    [Fact]
    public async Task AddAsync_ValidProfile_StoresItWithoutBlankInitrds()
    {
        var added = await _catalog.AddAsync(BootFixture.LinuxProfile() with { Initrds = ["/a", " ", "", "/b"] }, Ct);

        added.Initrds.ShouldBe(["/a", "/b"]);
        added.UpdatedAt.ShouldBe(_f.Time.GetUtcNow());
        (await _f.Profiles.GetAsync("linux", Ct))!.Initrds.ShouldBe(["/a", "/b"]);
    }

    [Fact]
    public async Task AddAsync_Loader_IsStoredNormalised()
    {
        var added = await _catalog.AddAsync(BootFixture.LinuxProfile() with { Loader = "GRUB" }, Ct);
        added.Loader.ShouldBe("grub");
        (await _f.Profiles.GetAsync("linux", Ct))!.Loader.ShouldBe("grub");
    }

    [Fact]
    public async Task AddAsync_BadLoader_FailsOnTheLoaderField()
    {
        var e = await Should.ThrowAsync<ValidationException>(() => _catalog.AddAsync(BootFixture.LinuxProfile() with { Loader = "tftp://x/grub.efi" }, Ct));
        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("loader");
    }

    [Fact]
    public async Task AddAsync_BrokenTemplates_ReportFieldWithLineAndColumn()
    {
        var e = await Should.ThrowAsync<ValidationException>(() => _catalog.AddAsync(BootFixture.LinuxProfile() with
        {
            Args = "console=ttyS0 {{#if quiet}}quiet",
            Initrds = ["/ok", "/bad/{{#each x}}"],
            Configs = new Dictionary<string, string> { ["kickstart"] = "lang en_US\n  {{#if a}}\n", ["autounattend"] = "x" },
            Files = new Dictionary<string, string> { ["Bad Name"] = "x" },
        }, Ct));

        var errors = e.Errors.ToDictionary(er => er.Field, er => er.Message);
        errors.Keys.Order(StringComparer.Ordinal).ShouldBe(["args", "configs.autounattend", "configs.kickstart", "files.Bad Name", "initrds[1]"]);
        errors["args"].ShouldStartWith("line 1, column 15: ");
        errors["initrds[1]"].ShouldStartWith("line 1, column 6: ");
        errors["configs.kickstart"].ShouldStartWith("line 2, column 3: ");
        errors["configs.autounattend"].ShouldContain("unknown config kind");
        (await _f.Profiles.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RemoveAsync_UsedByGroupOrMachine_ThrowsResourceInUse()
    {
        await _catalog.AddAsync(BootFixture.LinuxProfile("by-group"), Ct);
        await _catalog.AddAsync(BootFixture.LinuxProfile("by-machine"), Ct);
        await _f.Groups.AddAsync(new Group { Id = "default", ProfileId = "by-group" }, Ct);
        await _f.Machines.AddAsync(BootFixture.NewMachine(profile: "by-machine"), Ct);

        (await Should.ThrowAsync<ResourceInUseException>(() => _catalog.RemoveAsync("by-group", Ct))).UsedBy.ShouldBe("group default");
        (await Should.ThrowAsync<ResourceInUseException>(() => _catalog.RemoveAsync("by-machine", Ct))).UsedBy.ShouldBe("machine web-01");
        (await _f.Profiles.ListAsync(Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task RemoveAsync_Unused_RemovesAndInvalidatesCache()
    {
        await _catalog.AddAsync(BootFixture.LinuxProfile(), Ct);
        (await _f.Cache.GetAsync(Ct)).Profiles.Count.ShouldBe(1);

        (await _catalog.RemoveAsync("linux", Ct)).ShouldBeTrue();

        (await _f.Cache.GetAsync(Ct)).Profiles.ShouldBeEmpty();
    }
}
