using Fleetboot.Core.Boot;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Boot;

/// <summary>A known machine's render is remembered; anything that could change the text renders again.</summary>
public sealed class BootRendererMemoTests : IDisposable
{
    private readonly BootFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<Core.Machines.Machine> MachineWithProfileAsync()
    {
        await _f.AddAsync(BootFixture.LinuxProfile());
        return await _f.AddAsync(BootFixture.NewMachine(profile: "linux"));
    }

    [Fact]
    public async Task RenderAsync_SameMachineAndRequest_ServesTheRememberedResult()
    {
        await MachineWithProfileAsync();

        var first = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);
        var second = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        first.Content.ShouldContain("console=ttyS0");
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public async Task RenderAsync_QueryDiffers_RendersForThatQuery()
    {
        await MachineWithProfileAsync();
        await _f.Profiles.UpdateAsync(BootFixture.LinuxProfile() with { Args = "console={{console}}", UpdatedAt = _f.Time.GetUtcNow() }, BootFixture.Ct);
        _f.Cache.Invalidate();

        var serial = await _f.RenderAsync(BootFixture.Request(query: new Dictionary<string, string> { ["console"] = "ttyS0" }), BootArtifact.Ipxe);
        var vga = await _f.RenderAsync(BootFixture.Request(query: new Dictionary<string, string> { ["console"] = "tty0" }), BootArtifact.Ipxe);

        serial.Content.ShouldContain("console=ttyS0");
        vga.Content.ShouldContain("console=tty0");
    }

    [Fact]
    public async Task RenderAsync_ArtifactOrClientDiffers_RendersEach()
    {
        await MachineWithProfileAsync();

        var ipxe = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);
        var grub = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Grub);
        var otherBase = await _f.RenderAsync(BootFixture.Request() with { BaseUrl = "http://10.9.0.1:8080" }, BootArtifact.Ipxe);

        grub.Content.ShouldNotBe(ipxe.Content);
        otherBase.Content.ShouldContain("fleetboot.server=http://10.9.0.1:8080");
        ipxe.Content.ShouldContain($"fleetboot.server={BootFixture.BaseUrl}");
    }

    [Fact]
    public async Task RenderAsync_OnlyTheActivityStampMoved_KeepsTheRememberedResult()
    {
        var machine = await MachineWithProfileAsync();
        var first = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        await _f.Machines.RecordActivityAsync(new Dictionary<string, DateTimeOffset> { [machine.Id] = _f.Time.GetUtcNow() }, BootFixture.Ct);

        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).ShouldBeSameAs(first);
    }

    [Fact]
    public async Task RenderAsync_MachineUpdated_RendersTheNewState()
    {
        var machine = await MachineWithProfileAsync();
        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content.ShouldContain("kernel");

        await _f.Machines.UpdateAsync(machine with { State = Core.Machines.MachineState.Installed }, BootFixture.Ct);

        var after = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);
        after.Content.ShouldContain("is installed");
        after.Content.ShouldNotContain("vmlinuz");
    }

    [Fact]
    public async Task RenderAsync_ProfileChangedAndCatalogInvalidated_RendersTheNewProfile()
    {
        await MachineWithProfileAsync();
        await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        await _f.Profiles.UpdateAsync(BootFixture.LinuxProfile() with { Args = "quiet", UpdatedAt = _f.Time.GetUtcNow() }, BootFixture.Ct);
        _f.Cache.Invalidate();

        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content.ShouldContain("quiet");
    }

    [Fact]
    public async Task RenderAsync_CatalogReloadedUnchanged_KeepsTheRememberedResult()
    {
        await MachineWithProfileAsync();
        var first = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        _f.Time.Advance(CatalogCache.MaxAge);
        var afterReload = await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        afterReload.ShouldBeSameAs(first);
        _f.Profiles.ListCalls.ShouldBe(2);
    }

    [Fact]
    public async Task RenderAsync_ProfileChangedBehindTheCachesBack_RendersItAfterMaxAge()
    {
        await MachineWithProfileAsync();
        await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        _f.Time.Advance(TimeSpan.FromSeconds(1));
        await _f.Profiles.UpdateAsync(BootFixture.LinuxProfile() with { Args = "quiet", UpdatedAt = _f.Time.GetUtcNow() }, BootFixture.Ct);
        _f.Time.Advance(CatalogCache.MaxAge);

        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content.ShouldContain("quiet");
    }
}
