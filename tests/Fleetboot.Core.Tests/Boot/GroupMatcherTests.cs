using Fleetboot.Core.Boot;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Tests.Fakes;

namespace Fleetboot.Core.Tests.Boot;

public sealed class GroupMatcherTests
{
    private static Group G(string id, params (string Key, string Value)[] selectors) => new()
    {
        Id = id,
        ProfileId = "p-" + id,
        Selectors = selectors.ToDictionary(s => s.Key, s => s.Value),
    };

    [Fact]
    public void Select_SeveralMatch_MostSelectorsWins()
    {
        var machine = BootFixture.NewMachine() with { Role = "worker", Labels = new Dictionary<string, string> { ["rack"] = "r1" } };
        Group[] groups = [G("a-role", ("role", "worker")), G("z-role-rack", ("role", "worker"), ("rack", "r1")), G("default")];

        GroupMatcher.Select(groups, machine, BootFixture.Request())!.Id.ShouldBe("z-role-rack");
    }

    [Fact]
    public void Select_MostSelectorsDoNotAllMatch_FallsBackToFewer()
    {
        var machine = BootFixture.NewMachine() with { Role = "worker", Labels = new Dictionary<string, string> { ["rack"] = "r2" } };
        Group[] groups = [G("role-rack", ("role", "worker"), ("rack", "r1")), G("role", ("role", "worker"))];

        GroupMatcher.Select(groups, machine, BootFixture.Request())!.Id.ShouldBe("role");
    }

    [Theory]
    [InlineData("b,a,c")]
    [InlineData("c,b,a")]
    [InlineData("a,c,b")]
    public void Select_Tie_LowestIdOrdinalWinsWhateverTheOrder(string ids)
    {
        var order = ids.Split(',');
        var machine = BootFixture.NewMachine() with { Role = "worker" };
        var groups = order.Select(id => G(id, ("role", "worker"))).ToList();

        GroupMatcher.Select(groups, machine, BootFixture.Request())!.Id.ShouldBe("a");
    }

    [Fact]
    public void Select_TieBetweenCases_UsesOrdinalNotCulture()
    {
        var machine = BootFixture.NewMachine() with { Role = "worker" };
        Group[] groups = [G("b", ("role", "worker")), G("B", ("role", "worker"))];

        // 'B' (0x42) sorts before 'b' (0x62) in ordinal order.
        GroupMatcher.Select(groups, machine, BootFixture.Request())!.Id.ShouldBe("B");
    }

    [Fact]
    public void Select_RegisteredMachineNothingSpecific_GetsDefaultGroup()
    {
        Group[] groups = [G("workers", ("role", "worker")), G("default")];

        GroupMatcher.Select(groups, BootFixture.NewMachine(), BootFixture.Request())!.Id.ShouldBe("default");
    }

    [Fact]
    public void Select_UnknownMachine_NeverGetsDefaultGroup()
    {
        Group[] groups = [G("default")];

        GroupMatcher.Select(groups, null, BootFixture.Request()).ShouldBeNull();
    }

    [Fact]
    public void Select_UnknownMachineMatchingSelector_GetsThatGroup()
    {
        Group[] groups = [G("default"), G("by-mac", ("mac", "52:54:00:00:00:99"))];

        GroupMatcher.Select(groups, null, BootFixture.Request("52:54:00:00:00:99"))!.Id.ShouldBe("by-mac");
    }

    [Fact]
    public void Select_NoGroups_ReturnsNull()
    {
        GroupMatcher.Select([], BootFixture.NewMachine(), BootFixture.Request()).ShouldBeNull();
    }

    [Fact]
    public void Select_LabelSelector_MatchesMachineLabel()
    {
        var machine = BootFixture.NewMachine() with { Labels = new Dictionary<string, string> { ["zone"] = "eu-1" } };
        Group[] groups = [G("eu", ("zone", "eu-1")), G("us", ("zone", "us-1"))];

        GroupMatcher.Select(groups, machine, BootFixture.Request())!.Id.ShouldBe("eu");
    }

    [Fact]
    public void Select_LabelSelectorMissingLabel_DoesNotMatch()
    {
        Group[] groups = [G("eu", ("zone", "eu-1"))];

        GroupMatcher.Select(groups, BootFixture.NewMachine(), BootFixture.Request()).ShouldBeNull();
    }

    [Fact]
    public void Select_LabelSelectorUnknownMachine_DoesNotMatch()
    {
        Group[] groups = [G("eu", ("zone", "eu-1"))];
        var request = BootFixture.Request() with { Query = new Dictionary<string, string> { ["zone"] = "eu-1" } };

        GroupMatcher.Select(groups, null, request).ShouldBeNull();
    }

    [Fact]
    public void Select_MacSelector_MatchesAnyOfTheMachinesMacs()
    {
        var machine = BootFixture.NewMachine() with
        {
            Macs = [MacAddress.Parse("52:54:00:00:00:01"), MacAddress.Parse("52:54:00:00:00:02")],
        };
        Group[] groups = [G("second-nic", ("mac", "52:54:00:00:00:02"))];

        GroupMatcher.Select(groups, machine, BootFixture.Request("52:54:00:00:00:01"))!.Id.ShouldBe("second-nic");
    }

    [Fact]
    public void Select_MacSelector_MatchesRequestMacNotOnMachine()
    {
        Group[] groups = [G("nic", ("mac", "52:54:00:00:00:07"))];

        GroupMatcher.Select(groups, BootFixture.NewMachine(), BootFixture.Request("52:54:00:00:00:07"))!.Id.ShouldBe("nic");
    }

    [Fact]
    public void Select_MacSelectorOtherMac_DoesNotMatch()
    {
        Group[] groups = [G("nic", ("mac", "52:54:00:00:00:07"))];

        GroupMatcher.Select(groups, BootFixture.NewMachine(), BootFixture.Request()).ShouldBeNull();
    }

    [Fact]
    public void Select_ArchSelectorUnknownMachine_UsesRequestArch()
    {
        Group[] groups = [G("arm", ("arch", "arm64")), G("x86", ("arch", "x86_64"))];
        var request = BootFixture.Request() with { Arch = "arm64" };

        GroupMatcher.Select(groups, null, request)!.Id.ShouldBe("arm");
    }

    [Fact]
    public void Select_ArchSelectorRegisteredMachine_UsesMachineArchOverRequest()
    {
        var machine = BootFixture.NewMachine() with { Arch = CpuArchitecture.Arm64 };
        Group[] groups = [G("arm", ("arch", "arm64")), G("x86", ("arch", "x86_64"))];
        var request = BootFixture.Request() with { Arch = "x86_64" };

        GroupMatcher.Select(groups, machine, request)!.Id.ShouldBe("arm");
    }

    [Theory]
    [InlineData("i386")]
    [InlineData("x86_64")]
    [InlineData("amd64")]
    public void Select_RequestBuildarchOfPc_CountsAsX86_64(string buildarch)
    {
        Group[] groups = [G("arm", ("arch", "arm64")), G("x86", ("arch", "x86_64"))];
        var request = BootFixture.Request() with { Arch = buildarch };

        GroupMatcher.Select(groups, null, request)!.Id.ShouldBe("x86");
    }

    [Fact]
    public void Select_RequestWithoutArch_DoesNotMatchArchSelector()
    {
        Group[] groups = [G("x86", ("arch", "x86_64"))];

        GroupMatcher.Select(groups, null, BootFixture.Request()).ShouldBeNull();
    }

    [Theory]
    [InlineData("efi", "uefi-group")]
    [InlineData("pcbios", "bios-group")]
    public void Select_MachineWithoutFirmware_UsesRequestPlatform(string platform, string expected)
    {
        Group[] groups = [G("uefi-group", ("firmware", "uefi")), G("bios-group", ("firmware", "bios"))];
        var request = BootFixture.Request() with { Platform = platform };

        GroupMatcher.Select(groups, BootFixture.NewMachine(), request)!.Id.ShouldBe(expected);
    }

    [Fact]
    public void Select_MachineWithFirmware_UsesItOverRequestPlatform()
    {
        var machine = BootFixture.NewMachine() with { Firmware = FirmwareKind.Bios };
        Group[] groups = [G("uefi-group", ("firmware", "uefi")), G("bios-group", ("firmware", "bios"))];
        var request = BootFixture.Request() with { Platform = "efi" };

        GroupMatcher.Select(groups, machine, request)!.Id.ShouldBe("bios-group");
    }

    [Fact]
    public void Select_UuidSelector_MatchesRequestUuidOfUnknownMachine()
    {
        var uuid = Guid.Parse("4C4C4544-0042-3510-8051-B4C04F4E4D32");
        SelectorValues.TryNormalise("uuid", "4C4C4544-0042-3510-8051-B4C04F4E4D32", out var selector, out _).ShouldBeTrue();
        Group[] groups = [G("one", ("uuid", selector))];
        var request = BootFixture.Request() with { Uuid = uuid };

        GroupMatcher.Select(groups, null, request)!.Id.ShouldBe("one");
    }

    [Fact]
    public void Select_HostnameSelector_IgnoresCase()
    {
        var machine = BootFixture.NewMachine(hostname: "Web-01");
        Group[] groups = [G("web", ("hostname", "web-01"))];

        GroupMatcher.Select(groups, machine, BootFixture.Request())!.Id.ShouldBe("web");
    }

    [Fact]
    public void Select_NormalisedSelectors_MatchRequestInOtherForms()
    {
        var selectors = new Dictionary<string, string>();
        foreach (var (key, value) in new[] { ("mac", "52-54-00-00-00-09"), ("arch", "aarch64"), ("firmware", "efi") })
        {
            SelectorValues.TryNormalise(key, value, out var normalised, out _).ShouldBeTrue();
            selectors[key] = normalised;
        }
        Group[] groups = [new() { Id = "arm-efi", ProfileId = "p", Selectors = selectors }];
        var request = BootFixture.Request("5254.0000.0009") with { Arch = "arm64", Platform = "efi" };

        GroupMatcher.Select(groups, null, request)!.Id.ShouldBe("arm-efi");
    }
}
