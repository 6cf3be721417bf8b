using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Tests.Fakes;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Tests.Machines;

public sealed class MacAllocatorTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryMachineStore _machines = new();
    private readonly InMemoryMacReservationStore _reservations = new();

    private MacAllocator Allocator(string? prefix = null) =>
        new(_machines, _reservations, prefix is null ? new MacAllocatorOptions() : new MacAllocatorOptions { Prefix = prefix }, _time);

    private static CancellationToken Ct => BootFixture.Ct;

    [Fact]
    public async Task AllocateAsync_DefaultPrefix_GivesDistinctLocallyAdministeredAddresses()
    {
        var allocated = await Allocator().AllocateAsync(200, null, "vm pool", Ct);

        allocated.Count.ShouldBe(200);
        allocated.Select(r => r.Mac).Distinct().Count().ShouldBe(200);
        allocated.ShouldAllBe(r => r.Mac.ToString().StartsWith("02:fb:", StringComparison.Ordinal));
        allocated.ShouldAllBe(r => r.Mac.IsLocallyAdministered);
        allocated.ShouldAllBe(r => r.Note == "vm pool" && r.CreatedAt == _time.GetUtcNow());
        (await _reservations.ListAsync(Ct)).Count.ShouldBe(200);
    }

    [Theory]
    [InlineData("bc:24:11", "bc:24:11:")]
    [InlineData("BC-24-11", "bc:24:11:")]
    [InlineData("0a", "0a:")]
    [InlineData("02:fb:00:00:01", "02:fb:00:00:01:")]
    public async Task AllocateAsync_GivenPrefix_AllAddressesStartWithIt(string prefix, string expectedStart)
    {
        var allocated = await Allocator().AllocateAsync(20, prefix, null, Ct);

        allocated.Select(r => r.Mac).Distinct().Count().ShouldBe(20);
        allocated.ShouldAllBe(r => r.Mac.ToString().StartsWith(expectedStart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllocateAsync_ConfiguredPrefix_IsTheDefault()
    {
        var allocated = await Allocator("bc:24:11").AllocateAsync(5, null, null, Ct);

        allocated.ShouldAllBe(r => r.Mac.ToString().StartsWith("bc:24:11:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllocateAsync_TinyRangeMostlyHeld_GivesExactlyTheFreeAddresses()
    {
        // 02:fb:00:00:01:xx has 256 addresses: machines hold 10, reservations hold 240, 6 are free.
        var free = new HashSet<MacAddress> { Mac(3), Mac(77), Mac(128), Mac(200), Mac(254), Mac(255) };
        var held = Enumerable.Range(0, 256).Select(Mac).Where(m => !free.Contains(m)).ToList();
        foreach (var mac in held.Take(10))
            await _machines.AddAsync(BootFixture.NewMachine(mac.ToString(), hostname: null), Ct);
        foreach (var mac in held.Skip(10))
            (await _reservations.TryReserveAsync(new MacReservation(mac, "taken", _time.GetUtcNow()), Ct)).ShouldBeTrue();

        var allocated = await Allocator().AllocateAsync(6, "02:fb:00:00:01", null, Ct);

        allocated.Select(r => r.Mac).ToHashSet().SetEquals(free).ShouldBeTrue();
        (await _reservations.ListAsync(Ct)).Count.ShouldBe(246);
    }

    [Fact]
    public async Task AllocateAsync_TinyRangeOftenHeld_NeverGivesHeldAddress()
    {
        var held = Enumerable.Range(0, 256).Where(i => i % 4 != 0).Select(Mac).ToList();
        foreach (var mac in held.Take(20))
            await _machines.AddAsync(BootFixture.NewMachine(mac.ToString(), hostname: null), Ct);
        foreach (var mac in held.Skip(20))
            await _reservations.TryReserveAsync(new MacReservation(mac, "taken", _time.GetUtcNow()), Ct);

        var allocated = await Allocator().AllocateAsync(16, "02:fb:00:00:01", null, Ct);

        allocated.Select(r => r.Mac).Distinct().Count().ShouldBe(16);
        allocated.ShouldAllBe(r => (r.Mac.Value & 0xff) % 4 == 0);
    }

    [Fact]
    public async Task AllocateAsync_RangeFull_ThrowsValidationNamingPrefix()
    {
        foreach (var mac in Enumerable.Range(0, 256).Select(Mac))
            await _reservations.TryReserveAsync(new MacReservation(mac, null, _time.GetUtcNow()), Ct);

        var e = await Should.ThrowAsync<ValidationException>(() => Allocator().AllocateAsync(1, "02:fb:00:00:01", null, Ct));

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("prefix");
        e.Errors[0].Message.ShouldContain("no free address");
    }

    [Fact]
    public async Task AllocateAsync_MoreThanRangeHolds_Throws()
    {
        await Should.ThrowAsync<ValidationException>(() => Allocator().AllocateAsync(257, "02:fb:00:00:01", null, Ct));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("03:00")]
    [InlineData("ff:ff:ff")]
    [InlineData("01:00:5e")]
    public async Task AllocateAsync_MulticastPrefix_ThrowsValidationNamingPrefix(string prefix)
    {
        var e = await Should.ThrowAsync<ValidationException>(() => Allocator().AllocateAsync(1, prefix, null, Ct));

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("prefix");
        e.Errors[0].Message.ShouldContain("multicast");
    }

    [Theory]
    [InlineData("")]
    [InlineData("02:f")]
    [InlineData("02:fbb")]
    [InlineData("02fb")]
    [InlineData("02:zz")]
    [InlineData("02:fb:00:00:00:01")]
    [InlineData("02:fb:")]
    public async Task AllocateAsync_MalformedPrefix_ThrowsValidationNamingPrefix(string prefix)
    {
        var e = await Should.ThrowAsync<ValidationException>(() => Allocator().AllocateAsync(1, prefix, null, Ct));

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("prefix");
        (await _reservations.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task AllocateAsync_CountOutOfRange_ThrowsValidationNamingCount(int count)
    {
        var e = await Should.ThrowAsync<ValidationException>(() => Allocator().AllocateAsync(count, null, null, Ct));

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("count");
        (await _reservations.ListAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AllocateAsync_MaximumCount_Succeeds()
    {
        (await Allocator().AllocateAsync(MacAllocator.MaxPerRequest, null, null, Ct)).Select(r => r.Mac).Distinct().Count().ShouldBe(1000);
    }

    [Fact]
    public async Task ReserveAsync_FreeMacInAnyForm_ReservesIt()
    {
        var reservation = await Allocator().ReserveAsync("BC-24-11-00-00-01", "vm-1", Ct);

        reservation.Mac.ToString().ShouldBe("bc:24:11:00:00:01");
        (await _reservations.GetAsync(reservation.Mac, Ct))!.Note.ShouldBe("vm-1");
    }

    [Fact]
    public async Task ReserveAsync_MacOfMachineOrReservation_ThrowsConflict()
    {
        await _machines.AddAsync(BootFixture.NewMachine("bc:24:11:00:00:01"), Ct);
        await Allocator().ReserveAsync("bc:24:11:00:00:02", null, Ct);

        (await Should.ThrowAsync<UniqueConflictException>(() => Allocator().ReserveAsync("bc:24:11:00:00:01", null, Ct))).HolderId.ShouldBe("web-01");
        (await Should.ThrowAsync<UniqueConflictException>(() => Allocator().ReserveAsync("bc:24:11:00:00:02", null, Ct))).HolderId.ShouldBe("a reservation");
    }

    [Fact]
    public async Task ReserveAndRelease_BadMac_ThrowValidationNamingMac()
    {
        (await Should.ThrowAsync<ValidationException>(() => Allocator().ReserveAsync("nope", null, Ct))).Errors[0].Field.ShouldBe("mac");
        (await Should.ThrowAsync<ValidationException>(() => Allocator().ReleaseAsync("nope", Ct))).Errors[0].Field.ShouldBe("mac");
    }

    [Fact]
    public async Task ReleaseAsync_Reserved_FreesIt()
    {
        await Allocator().ReserveAsync("bc:24:11:00:00:02", null, Ct);

        (await Allocator().ReleaseAsync("bc2411000002", Ct)).ShouldBeTrue();
        (await Allocator().ReleaseAsync("bc2411000002", Ct)).ShouldBeFalse();
        (await _reservations.ListAsync(Ct)).ShouldBeEmpty();
    }

    private static MacAddress Mac(int last) => new(0x02fb00000100UL | (uint)last);
}
