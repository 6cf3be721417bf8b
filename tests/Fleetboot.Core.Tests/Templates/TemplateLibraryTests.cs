using Fleetboot.Core.Boot;
using Fleetboot.Core.Templates;
using Fleetboot.Core.Tests.Fakes;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Tests.Templates;

public sealed class TemplateLibraryTests : IDisposable
{
    private readonly BootFixture _f = new();
    private readonly TemplateLibrary _library;

    public TemplateLibraryTests() => _library = new TemplateLibrary(_f.Templates, _f.Cache, _f.Engine);

    public void Dispose() => _f.Dispose();

    private static CancellationToken Ct => BootFixture.Ct;

    [Fact]
    public async Task GetAsync_Untouched_ReturnsBuiltIn()
    {
        var info = await _library.GetAsync("ipxe-exit", Ct);

        info.ShouldNotBeNull();
        info.IsBuiltIn.ShouldBeTrue();
        info.Version.ShouldBe(0);
        info.Content.ShouldBe(BuiltInTemplates.All["ipxe-exit"]);
        info.UpdatedAt.ShouldBeNull();
    }

    [Fact]
    public async Task GetAsync_UnknownName_ReturnsNull()
    {
        (await _library.GetAsync("nope", Ct)).ShouldBeNull();
        (await _library.HistoryAsync("nope", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_TwoChanges_CreatesVersionsOneAndTwo()
    {
        var first = await _library.SetAsync("ipxe-exit", "#!ipxe\necho one\nexit\n", Ct);
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await _library.SetAsync("ipxe-exit", "#!ipxe\necho two\nexit\n", Ct);

        first.Version.ShouldBe(1);
        second.Version.ShouldBe(2);
        second.IsBuiltIn.ShouldBeFalse();
        second.UpdatedAt.ShouldBe(_f.Time.GetUtcNow());
        (await _library.GetAsync("ipxe-exit", Ct))!.Content.ShouldBe("#!ipxe\necho two\nexit\n");
        (await _library.HistoryAsync("ipxe-exit", Ct))!.Select(v => v.Version).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task SetAsync_ChangedTemplate_NextRenderUsesIt()
    {
        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content.ShouldContain("handing over");

        await _library.SetAsync("ipxe-exit", "#!ipxe\necho custom: {{reason}}\nexit\n", Ct);

        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content
            .ShouldBe("#!ipxe\necho custom: 52:54:00:00:00:01 is not a registered machine\nexit\n");
    }

    [Fact]
    public async Task RollbackAsync_OldVersion_CreatesNewVersionWithOldContent()
    {
        await _library.SetAsync("grub-exit", "v1 {{reason}}", Ct);
        await _library.SetAsync("grub-exit", "v2 {{reason}}", Ct);

        var rolled = await _library.RollbackAsync("grub-exit", 1, Ct);

        rolled.ShouldNotBeNull();
        rolled.Version.ShouldBe(3);
        rolled.Content.ShouldBe("v1 {{reason}}");
        var history = await _library.HistoryAsync("grub-exit", Ct);
        history!.Select(v => (v.Version, v.Content)).ShouldBe([(1, "v1 {{reason}}"), (2, "v2 {{reason}}"), (3, "v1 {{reason}}")]);
    }

    [Fact]
    public async Task RollbackAsync_MissingVersion_ReturnsNullAndChangesNothing()
    {
        await _library.SetAsync("grub-exit", "v1", Ct);

        (await _library.RollbackAsync("grub-exit", 7, Ct)).ShouldBeNull();

        (await _library.HistoryAsync("grub-exit", Ct))!.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ResetAsync_AfterChanges_ReturnsToBuiltIn()
    {
        await _library.SetAsync("ipxe-exit", "#!ipxe\necho custom\nexit\n", Ct);
        await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe);

        var info = await _library.ResetAsync("ipxe-exit", Ct);

        info.IsBuiltIn.ShouldBeTrue();
        info.Content.ShouldBe(BuiltInTemplates.All["ipxe-exit"]);
        (await _library.GetAsync("ipxe-exit", Ct))!.IsBuiltIn.ShouldBeTrue();
        (await _library.HistoryAsync("ipxe-exit", Ct))!.ShouldBeEmpty();
        (await _f.RenderAsync(BootFixture.Request(), BootArtifact.Ipxe)).Content.ShouldContain("handing over to the next boot device");
    }

    [Fact]
    public async Task ListAsync_OneChanged_ListsAllNamesWithTheChangedOne()
    {
        await _library.SetAsync("pxelinux", "DEFAULT x", Ct);

        var list = await _library.ListAsync(Ct);

        list.Select(t => t.Name).ShouldBe(BuiltInTemplates.All.Keys.Order(StringComparer.Ordinal));
        list.Single(t => t.Name == "pxelinux").ShouldSatisfyAllConditions(
            t => t.IsBuiltIn.ShouldBeFalse(),
            t => t.Version.ShouldBe(1),
            t => t.Content.ShouldBe("DEFAULT x"));
        list.Where(t => t.Name != "pxelinux").ShouldAllBe(t => t.IsBuiltIn);
    }

    [Fact]
    public async Task SetAsync_UnknownName_ThrowsValidationNamingName()
    {
        var e = await Should.ThrowAsync<ValidationException>(() => _library.SetAsync("ipxe2", "x", Ct));

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("name");
        e.Errors[0].Message.ShouldContain("'ipxe2' is not a template");
        e.Errors[0].Message.ShouldContain("ipxe-chain");
        (await _f.Templates.ListCurrentAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RollbackAndReset_UnknownName_ThrowValidationNamingName()
    {
        (await Should.ThrowAsync<ValidationException>(() => _library.RollbackAsync("nope", 1, Ct))).Errors[0].Field.ShouldBe("name");
        (await Should.ThrowAsync<ValidationException>(() => _library.ResetAsync("nope", Ct))).Errors[0].Field.ShouldBe("name");
    }

    [Fact]
    public async Task SetAsync_UnclosedBlock_ThrowsValidationWithLineAndColumnAndStoresNothing()
    {
        var e = await Should.ThrowAsync<ValidationException>(() =>
            _library.SetAsync("grub", "set timeout=0\nmenuentry x {\n  {{#if machine.hostname}}\n}\n", Ct));

        var error = e.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("content");
        error.Message.ShouldStartWith("line 3, column 3: ");
        (await _library.GetAsync("grub", Ct))!.IsBuiltIn.ShouldBeTrue();
    }
}
