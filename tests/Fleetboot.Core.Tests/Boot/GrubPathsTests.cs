using Fleetboot.Core.Boot;

namespace Fleetboot.Core.Tests.Boot;

public sealed class GrubPathsTests
{
    [Theory]
    [InlineData("http://10.0.0.1:8080/assets/vmlinuz", "(http,10.0.0.1:8080)/assets/vmlinuz")]
    [InlineData("http://10.0.0.1/assets/vmlinuz", "(http,10.0.0.1)/assets/vmlinuz")]
    [InlineData("http://boot.example:8080/a/b?x=1", "(http,boot.example:8080)/a/b?x=1")]
    [InlineData("tftp://10.0.0.1/grub/initrd", "(tftp,10.0.0.1)/grub/initrd")]
    [InlineData("https://mirror.example/vmlinuz", "https://mirror.example/vmlinuz")]
    [InlineData("/relative/path", "/relative/path")]
    [InlineData(null, null)]
    public void From_Url_GivesGrubDevicePath(string? url, string? expected)
    {
        GrubPaths.From(url).ShouldBe(expected);
    }

    [Theory]
    [InlineData("http://10.0.0.1:8080/assets/lab/vmlinuz", "10.0.0.1", "(tftp,10.0.0.1)/assets/lab/vmlinuz")]
    [InlineData("http://10.0.0.1:8080/assets/lab/vmlinuz", null, "(http,10.0.0.1:8080)/assets/lab/vmlinuz")]
    [InlineData("http://10.0.0.1:8080/assets/lab/vmlinuz", "0.0.0.0", "(http,10.0.0.1:8080)/assets/lab/vmlinuz")]
    [InlineData("http://10.0.0.1:8080/config/kickstart", "10.0.0.1", "(http,10.0.0.1:8080)/config/kickstart")]
    [InlineData("http://mirror.example/assets/vmlinuz", "10.0.0.1", "(http,mirror.example)/assets/vmlinuz")]
    public void From_OurAssetWithTftpAddress_NamesItByTftp(string url, string? tftpAddress, string expected) =>
        GrubPaths.From(url, "http://10.0.0.1:8080", tftpAddress).ShouldBe(expected);
}
