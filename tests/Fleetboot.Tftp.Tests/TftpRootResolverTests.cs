using Fleetboot.Tftp.Tests.Support;

namespace Fleetboot.Tftp.Tests;

public sealed class TftpRootResolverTests
{
    [Fact]
    public void Resolve_PlainFile_ReturnsPathUnderRoot()
    {
        using var root = new TempDirectory();
        root.Write("a/b.bin", [1]);
        var resolver = new TftpRootResolver(root.Path);
        resolver.Resolve("a/b.bin").ShouldBe(Path.Join(resolver.RealRoot, "a", "b.bin"));
    }

    [Fact]
    public void Resolve_RelativeSymlinkChainInsideRoot_FollowsIt()
    {
        using var root = new TempDirectory();
        root.Write("real/loader.efi", [1]);
        Directory.CreateSymbolicLink(root.File("alias"), "real");
        File.CreateSymbolicLink(root.File("real/current.efi"), "../alias/loader.efi");
        var resolver = new TftpRootResolver(root.Path);
        resolver.Resolve("alias/current.efi").ShouldBe(Path.Join(resolver.RealRoot, "real", "loader.efi"));
    }

    [Fact]
    public void Resolve_SymlinkToSiblingWithRootPrefix_IsRefused()
    {
        using var parent = new TempDirectory();
        Directory.CreateDirectory(Path.Join(parent.Path, "root"));
        Directory.CreateDirectory(Path.Join(parent.Path, "root-other"));
        File.WriteAllBytes(Path.Join(parent.Path, "root-other", "x"), [1]);
        File.CreateSymbolicLink(Path.Join(parent.Path, "root", "x"), Path.Join(parent.Path, "root-other", "x"));
        new TftpRootResolver(Path.Join(parent.Path, "root")).Resolve("x").ShouldBeNull();
    }

    [Fact]
    public void Resolve_SymlinkLoop_IsRefused()
    {
        using var root = new TempDirectory();
        File.CreateSymbolicLink(root.File("a"), "b");
        File.CreateSymbolicLink(root.File("b"), "a");
        new TftpRootResolver(root.Path).Resolve("a").ShouldBeNull();
    }

    [Fact]
    public void Resolve_RootItselfBehindSymlink_ServesFilesInside()
    {
        using var parent = new TempDirectory();
        Directory.CreateDirectory(Path.Join(parent.Path, "data"));
        File.WriteAllBytes(Path.Join(parent.Path, "data", "f"), [1]);
        Directory.CreateSymbolicLink(Path.Join(parent.Path, "link"), "data");
        var resolver = new TftpRootResolver(Path.Join(parent.Path, "link"));
        resolver.Resolve("f").ShouldBe(Path.Join(parent.Path, "data", "f"));
    }
}
