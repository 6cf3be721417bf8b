using Fleetboot.Core.Groups;

namespace Fleetboot.Core.Tests.Groups;

public sealed class SelectorValuesTests
{
    [Theory]
    [InlineData("mac", "AA-BB-CC-DD-EE-FF", "aa:bb:cc:dd:ee:ff")]
    [InlineData("mac", "aabb.ccdd.eeff", "aa:bb:cc:dd:ee:ff")]
    [InlineData("mac", "AABBCCDDEEFF", "aa:bb:cc:dd:ee:ff")]
    [InlineData("uuid", "4C4C4544-0042-3510-8051-B4C04F4E4D32", "4c4c4544-0042-3510-8051-b4c04f4e4d32")]
    [InlineData("uuid", "{4c4c4544-0042-3510-8051-b4c04f4e4d32}", "4c4c4544-0042-3510-8051-b4c04f4e4d32")]
    [InlineData("arch", "amd64", "x86_64")]
    [InlineData("arch", "X86_64", "x86_64")]
    [InlineData("arch", "x64", "x86_64")]
    [InlineData("arch", "aarch64", "arm64")]
    [InlineData("arch", "ARM64", "arm64")]
    [InlineData("firmware", "efi", "uefi")]
    [InlineData("firmware", "UEFI", "uefi")]
    [InlineData("firmware", "pcbios", "bios")]
    [InlineData("firmware", "legacy", "bios")]
    [InlineData("hostname", " Web-01 ", "web-01")]
    [InlineData("rack", " r12 ", "r12")]
    [InlineData("role", "worker", "worker")]
    public void TryNormalise_ValidValue_GivesCanonicalForm(string key, string value, string expected)
    {
        SelectorValues.TryNormalise(key, value, out var normalised, out var problem).ShouldBeTrue(problem);

        normalised.ShouldBe(expected);
        problem.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("mac", "aa:bb:cc:dd:ee", "not a MAC address")]
    [InlineData("uuid", "not-a-uuid", "not a UUID")]
    [InlineData("arch", "i686", "not an architecture")]
    [InlineData("firmware", "coreboot", "not a firmware kind")]
    [InlineData("hostname", "   ", "needs a value")]
    [InlineData("", "x", "needs a name")]
    public void TryNormalise_InvalidValue_ReturnsProblem(string key, string value, string problemPart)
    {
        SelectorValues.TryNormalise(key, value, out _, out var problem).ShouldBeFalse();

        problem.ShouldContain(problemPart);
    }
}
