using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Tests.Fakes;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Tests.Groups;

public sealed class GroupCatalogTests : IDisposable
{
    private readonly BootFixture _f = new();
    private readonly GroupCatalog _catalog;

    public GroupCatalogTests() => _catalog = new GroupCatalog(_f.Groups, _f.Profiles, _f.Cache, _f.Time);

    public void Dispose() => _f.Dispose();

    private static CancellationToken Ct => BootFixture.Ct;

    [Fact]
    public async Task AddAsync_SelectorsInUserForms_StoresCanonicalForms()
    {
        await _f.Profiles.AddAsync(BootFixture.LinuxProfile(), Ct);

        await _catalog.AddAsync(new Group
        {
            Id = "arm-efi",
            ProfileId = "linux",
            Selectors = new Dictionary<string, string>
            {
                ["mac"] = "52-54-00-AA-BB-CC",
                ["uuid"] = "4C4C4544-0042-3510-8051-B4C04F4E4D32",
                ["arch"] = "aarch64",
                ["firmware"] = "efi",
                ["hostname"] = "Web-01",
                ["rack"] = " r1 ",
            },
        }, Ct);

        var stored = await _f.Groups.GetAsync("arm-efi", Ct);
        stored!.Selectors.ShouldBe(new Dictionary<string, string>
        {
            ["mac"] = "52:54:00:aa:bb:cc",
            ["uuid"] = "4c4c4544-0042-3510-8051-b4c04f4e4d32",
            ["arch"] = "arm64",
            ["firmware"] = "uefi",
            ["hostname"] = "web-01",
            ["rack"] = "r1",
        }, ignoreOrder: true);
        stored.UpdatedAt.ShouldBe(_f.Time.GetUtcNow());
    }

    [Fact]
    public async Task AddAsync_BadSelectorsAndMissingProfile_ReportsEachField()
    {
        var e = await Should.ThrowAsync<ValidationException>(() => _catalog.AddAsync(new Group
        {
            Id = "Bad Id",
            ProfileId = "absent",
            Selectors = new Dictionary<string, string> { ["mac"] = "nope", ["arch"] = "mips" },
        }, Ct));

        e.Errors.Select(er => er.Field).Order(StringComparer.Ordinal).ShouldBe(["id", "profile", "selectors.arch", "selectors.mac"]);
        (await _f.Groups.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddAsync_DuplicateId_ThrowsConflict()
    {
        await _f.Profiles.AddAsync(BootFixture.LinuxProfile(), Ct);
        await _catalog.AddAsync(new Group { Id = "default", ProfileId = "linux" }, Ct);

        await Should.ThrowAsync<UniqueConflictException>(() => _catalog.AddAsync(new Group { Id = "default", ProfileId = "linux" }, Ct));
    }

    [Fact]
    public async Task AddAsync_AfterCatalogWasRead_InvalidatesCache()
    {
        await _f.Profiles.AddAsync(BootFixture.LinuxProfile(), Ct);
        (await _f.Cache.GetAsync(Ct)).Groups.ShouldBeEmpty();

        await _catalog.AddAsync(new Group { Id = "default", ProfileId = "linux" }, Ct);

        (await _f.Cache.GetAsync(Ct)).Groups.Select(g => g.Id).ShouldBe(["default"]);
    }
}
