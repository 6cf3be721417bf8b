using Fleetboot.Core.Catalog;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Catalog;

public sealed class CatalogCacheTests : IDisposable
{
    private readonly BootFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static CancellationToken Ct => BootFixture.Ct;

    [Fact]
    public async Task GetAsync_TwiceWithinMaxAge_LoadsOnce()
    {
        var first = await _f.Cache.GetAsync(Ct);
        _f.Time.Advance(CatalogCache.MaxAge - TimeSpan.FromMilliseconds(1));
        var second = await _f.Cache.GetAsync(Ct);

        second.ShouldBeSameAs(first);
        _f.Profiles.ListCalls.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_StoreChangedWithoutInvalidate_ServesOldSnapshotUntilMaxAge()
    {
        await _f.Cache.GetAsync(Ct);
        await _f.Profiles.AddAsync(BootFixture.LinuxProfile(), Ct);

        (await _f.Cache.GetAsync(Ct)).Profiles.ShouldBeEmpty();

        _f.Time.Advance(CatalogCache.MaxAge);
        (await _f.Cache.GetAsync(Ct)).Profiles.Keys.ShouldBe(["linux"]);
        _f.Profiles.ListCalls.ShouldBe(2);
    }

    [Fact]
    public async Task GetAsync_AfterInvalidate_Reloads()
    {
        await _f.Cache.GetAsync(Ct);
        await _f.Profiles.AddAsync(BootFixture.LinuxProfile(), Ct);
        await _f.Templates.AddVersionAsync("ipxe", "#!ipxe\n", Ct);

        _f.Cache.Invalidate();
        var snapshot = await _f.Cache.GetAsync(Ct);

        snapshot.Profiles.Keys.ShouldBe(["linux"]);
        snapshot.Templates["ipxe"].ShouldBe("#!ipxe\n");
        _f.Profiles.ListCalls.ShouldBe(2);
        await _f.Cache.GetAsync(Ct);
        _f.Profiles.ListCalls.ShouldBe(2);
    }

    [Fact]
    public async Task TemplateSource_NoOperatorVersion_FallsBackToBuiltIn()
    {
        await _f.Templates.AddVersionAsync("grub", "custom", Ct);
        var snapshot = await _f.Cache.GetAsync(Ct);

        CatalogCache.TemplateSource(snapshot, "grub").ShouldBe("custom");
        CatalogCache.TemplateSource(snapshot, "pxelinux").ShouldBe(Fleetboot.Core.Templates.BuiltInTemplates.All["pxelinux"]);
    }
}
