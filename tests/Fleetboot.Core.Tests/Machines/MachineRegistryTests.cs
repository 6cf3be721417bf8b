using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Tests.Fakes;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Tests.Machines;

public sealed class MachineRegistryTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMachineStore _machines = new();
    private readonly InMemoryProfileStore _profiles = new();
    private readonly MachineRegistry _registry;

    public MachineRegistryTests() => _registry = new MachineRegistry(_machines, _profiles, _time);

    private static CancellationToken Ct => BootFixture.Ct;

    private static MachineSpec Spec(params string[] macs) => new() { Macs = macs.Length == 0 ? ["52:54:00:00:00:01"] : macs };

    private async Task<ValidationException> InvalidAsync(MachineSpec spec)
    {
        var e = await Should.ThrowAsync<ValidationException>(() => _registry.AddAsync(spec, Ct));
        _machines.All.ShouldBeEmpty();
        return e;
    }

    [Fact]
    public async Task AddAsync_Loader_IsStoredNormalised()
    {
        var machine = await _registry.AddAsync(Spec() with { Loader = " Shim " }, Ct);
        machine.Loader.ShouldBe("shim");
        (await _machines.GetAsync(machine.Id, Ct))!.Loader.ShouldBe("shim");
    }

    [Fact]
    public async Task AddAsync_BadLoader_FailsOnTheLoaderField()
    {
        var e = await InvalidAsync(Spec() with { Loader = "../boot/grub.efi" });
        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("loader");
    }

    [Fact]
    public async Task AddAsync_FullSpec_StoresNormalisedMachine()
    {
        await _profiles.AddAsync(BootFixture.LinuxProfile(), Ct);
        var spec = new MachineSpec
        {
            Macs = ["52-54-00-00-00-01", "5254.0000.0002"],
            Uuid = "4C4C4544-0042-3510-8051-B4C04F4E4D32",
            Hostname = " Web-01.Example.com ",
            Serial = " SN1 ",
            StaticIp = "10.0.0.21",
            Arch = "aarch64",
            Firmware = "efi",
            Role = "worker",
            Labels = new Dictionary<string, string> { ["rack"] = "r1", ["topology.kubernetes.io/zone"] = "z1" },
            Features = [" gpu ", "gpu", "", "nvme"],
            Profile = "linux",
        };

        var machine = await _registry.AddAsync(spec, Ct);

        machine.Id.ShouldStartWith("m-");
        machine.Id.Length.ShouldBe(12);
        machine.Token.ShouldNotBeNullOrWhiteSpace();
        machine.Macs.Select(m => m.ToString()).ShouldBe(["52:54:00:00:00:01", "52:54:00:00:00:02"]);
        machine.Uuid.ShouldBe(Guid.Parse("4c4c4544-0042-3510-8051-b4c04f4e4d32"));
        machine.Hostname.ShouldBe("web-01.example.com");
        machine.Serial.ShouldBe("SN1");
        machine.StaticIp.ShouldBe("10.0.0.21");
        machine.Arch.ShouldBe(CpuArchitecture.Arm64);
        machine.Firmware.ShouldBe(FirmwareKind.Uefi);
        machine.Features.ShouldBe(["gpu", "nvme"]);
        machine.ProfileId.ShouldBe("linux");
        machine.State.ShouldBe(MachineState.Provisioning); // registered with its profile: the install is pending
        machine.CreatedAt.ShouldBe(_time.GetUtcNow());
        (await _machines.GetAsync(machine.Id, Ct)).ShouldBe(machine);
    }

    [Fact]
    public async Task AddAsync_MinimalSpec_DefaultsToX86_64WithoutFirmware()
    {
        var machine = await _registry.AddAsync(Spec(), Ct);

        machine.Arch.ShouldBe(CpuArchitecture.X86_64);
        machine.Firmware.ShouldBeNull();
        machine.Hostname.ShouldBeNull();
        machine.ProfileId.ShouldBeNull();
    }

    [Fact]
    public async Task AddAsync_TwoMachines_GetDifferentIdsAndTokens()
    {
        var a = await _registry.AddAsync(Spec("52:54:00:00:00:01"), Ct);
        var b = await _registry.AddAsync(Spec("52:54:00:00:00:02"), Ct);

        a.Id.ShouldNotBe(b.Id);
        a.Token.ShouldNotBe(b.Token);
    }

    [Fact]
    public async Task AddAsync_NoMacs_ErrorNamesMacs()
    {
        var e = await InvalidAsync(new MachineSpec());

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("macs");
    }

    [Fact]
    public async Task AddAsync_BadSecondMac_ErrorNamesItsIndex()
    {
        var e = await InvalidAsync(Spec("52:54:00:00:00:01", "52:54:00:00:00"));

        var error = e.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("macs[1]");
        error.Message.ShouldContain("'52:54:00:00:00'");
    }

    [Fact]
    public async Task AddAsync_SameMacTwiceInOtherForm_ErrorNamesSecondIndex()
    {
        var e = await InvalidAsync(Spec("52:54:00:00:00:01", "52:54:00:00:00:02", "52-54-00-00-00-01"));

        var error = e.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("macs[2]");
        error.Message.ShouldContain("52:54:00:00:00:01 is listed twice");
    }

    [Theory]
    [InlineData("Hostname", "web_01", "hostname")]
    [InlineData("Hostname", "-web", "hostname")]
    [InlineData("Hostname", "web..example", "hostname")]
    [InlineData("StaticIp", "10.0.0", "staticIp")]
    [InlineData("StaticIp", "10.0.0.256", "staticIp")]
    [InlineData("StaticIp", "fe80::1", "staticIp")]
    [InlineData("StaticIp", "10.0.0.010", "staticIp")]
    [InlineData("Uuid", "not-a-uuid", "uuid")]
    [InlineData("Arch", "i686", "arch")]
    [InlineData("Firmware", "coreboot", "firmware")]
    [InlineData("Profile", "Bad Id", "profile")]
    [InlineData("Profile", "missing", "profile")]
    public async Task AddAsync_BadField_ErrorNamesField(string property, string value, string field)
    {
        var spec = property switch
        {
            "Hostname" => Spec() with { Hostname = value },
            "StaticIp" => Spec() with { StaticIp = value },
            "Uuid" => Spec() with { Uuid = value },
            "Arch" => Spec() with { Arch = value },
            "Firmware" => Spec() with { Firmware = value },
            _ => Spec() with { Profile = value },
        };

        var e = await InvalidAsync(spec);

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe(field);
        e.Message.ShouldStartWith(field + ": ");
    }

    [Fact]
    public async Task AddAsync_MissingProfile_ErrorSaysHowToList()
    {
        var e = await InvalidAsync(Spec() with { Profile = "missing" });

        e.Errors[0].Message.ShouldBe("no profile 'missing' exists (see: fleetboot profiles list)");
    }

    [Fact]
    public async Task AddAsync_BadLabelName_ErrorNamesLabel()
    {
        var e = await InvalidAsync(Spec() with { Labels = new Dictionary<string, string> { ["ok"] = "1", ["x y"] = "2", ["-x"] = "3" } });

        e.Errors.Select(er => er.Field).Order(StringComparer.Ordinal).ShouldBe(["labels.-x", "labels.x y"]);
    }

    [Fact]
    public async Task AddAsync_SeveralBadFields_ReportsAllTogether()
    {
        var e = await InvalidAsync(new MachineSpec
        {
            Macs = ["52:54:00:00:00:01", "zz"],
            Hostname = "bad_host",
            StaticIp = "nope",
            Uuid = "nope",
            Arch = "mips",
            Firmware = "openfirmware",
            Labels = new Dictionary<string, string> { ["x"] = "ok", ["bad key"] = "v" },
            Profile = "absent",
        });

        e.Errors.Select(er => er.Field).Order(StringComparer.Ordinal)
            .ShouldBe(["arch", "firmware", "hostname", "labels.bad key", "macs[1]", "profile", "staticIp", "uuid"]);
    }

    [Fact]
    public async Task AddAsync_BlankOptionalStrings_AreTreatedAsAbsent()
    {
        var machine = await _registry.AddAsync(Spec() with { Hostname = " ", StaticIp = "", Uuid = " ", Profile = "", Role = " " }, Ct);

        machine.Hostname.ShouldBeNull();
        machine.StaticIp.ShouldBeNull();
        machine.Uuid.ShouldBeNull();
        machine.ProfileId.ShouldBeNull();
        machine.Role.ShouldBeNull();
    }

    [Fact]
    public async Task AddAsync_MacHeldByAnotherMachine_ThrowsConflict()
    {
        var first = await _registry.AddAsync(Spec("52:54:00:00:00:01"), Ct);

        var e = await Should.ThrowAsync<UniqueConflictException>(() => _registry.AddAsync(Spec("52:54:00:00:00:02", "5254.0000.0001"), Ct));

        e.Field.ShouldBe("mac");
        e.HolderId.ShouldBe(first.Id);
    }

    [Theory]
    [InlineData("52:54:00:00:00:02")]
    [InlineData("52-54-00-00-00-02")]
    [InlineData("5254.0000.0002")]
    [InlineData("525400000002")]
    [InlineData("52:54:00:00:00:01")]
    public async Task FindAsync_AnyMacInAnyForm_FindsMachine(string reference)
    {
        var machine = await _registry.AddAsync(Spec("52:54:00:00:00:01", "52:54:00:00:00:02") with { Hostname = "web-01" }, Ct);

        (await _registry.FindAsync(reference, Ct))!.Id.ShouldBe(machine.Id);
    }

    [Fact]
    public async Task FindAsync_IdOrHostname_FindsMachine()
    {
        var machine = await _registry.AddAsync(Spec() with { Hostname = "web-01" }, Ct);

        (await _registry.FindAsync(machine.Id, Ct))!.Id.ShouldBe(machine.Id);
        (await _registry.FindAsync("web-01", Ct))!.Id.ShouldBe(machine.Id);
    }

    [Fact]
    public async Task FindAsync_HostnameInOtherCase_FindsMachine()
    {
        var machine = await _registry.AddAsync(Spec() with { Hostname = "Web-01" }, Ct);

        (await _registry.FindAsync("WEB-01", Ct))!.Id.ShouldBe(machine.Id);
    }

    [Theory]
    [InlineData("cafebabe0001")]
    [InlineData("dead.beef.cafe")]
    public async Task FindAsync_HostnameThatLooksLikeMac_FindsMachineByHostname(string hostname)
    {
        var machine = await _registry.AddAsync(Spec() with { Hostname = hostname }, Ct);

        (await _registry.FindAsync(hostname, Ct))!.Id.ShouldBe(machine.Id);
    }

    [Fact]
    public async Task FindAsync_Unknown_ReturnsNull()
    {
        await _registry.AddAsync(Spec() with { Hostname = "web-01" }, Ct);

        (await _registry.FindAsync("web-02", Ct)).ShouldBeNull();
        (await _registry.FindAsync("52:54:00:00:00:09", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ReplaceAsync_ByMac_KeepsIdTokenStateAndCreation()
    {
        var original = await _registry.AddAsync(Spec() with { Hostname = "web-01" }, Ct);
        _time.Advance(TimeSpan.FromHours(1));

        var replaced = await _registry.ReplaceAsync("52-54-00-00-00-01", Spec("52:54:00:00:00:01", "52:54:00:00:00:03") with { Hostname = "web-02" }, Ct);

        replaced.ShouldNotBeNull();
        replaced.Id.ShouldBe(original.Id);
        replaced.Token.ShouldBe(original.Token);
        replaced.CreatedAt.ShouldBe(original.CreatedAt);
        replaced.UpdatedAt.ShouldBe(_time.GetUtcNow());
        replaced.Hostname.ShouldBe("web-02");
        (await _registry.FindAsync("52:54:00:00:00:03", Ct))!.Id.ShouldBe(original.Id);
    }

    [Fact]
    public async Task ReplaceAsync_Unknown_ReturnsNull()
    {
        (await _registry.ReplaceAsync("web-09", Spec(), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task RemoveAsync_ByHostname_RemovesMachine()
    {
        await _registry.AddAsync(Spec() with { Hostname = "web-01" }, Ct);

        (await _registry.RemoveAsync("web-01", Ct)).ShouldBeTrue();
        (await _registry.RemoveAsync("web-01", Ct)).ShouldBeFalse();
        _machines.All.ShouldBeEmpty();
    }
}
