using System.Net;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;

namespace Fleetboot.Dhcp.Tests.Core;

public sealed class DhcpLeaseAllocatorTests
{
    private static readonly MacAddress MacA = MacAddress.Parse("52:54:00:00:00:0a");
    private static readonly MacAddress MacB = MacAddress.Parse("52:54:00:00:00:0b");
    private static readonly MacAddress MacC = MacAddress.Parse("52:54:00:00:00:0c");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static DhcpSubnetPlan Plan(string range = "10.9.0.10-10.9.0.12", Dictionary<MacAddress, IPAddress>? reservations = null) =>
        new("lab", IPAddress.Parse("10.9.0.0"), 24, [Range(range)], [IPAddress.Parse("10.9.0.1"), IPAddress.Parse("10.9.0.11")],
            reservations ?? []);

    private static DhcpAddressRange Range(string s) => DhcpAddressRange.TryParse(s, out var r) ? r! : throw new FormatException(s);

    private DhcpLeaseAllocator Allocator(DhcpSubnetPlan plan) => new([plan], _time, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30));

    private static IPAddress Ip(string s) => IPAddress.Parse(s);

    [Fact]
    public void Offer_TwoClients_GetDifferentAddressesSkippingExcluded()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        var a = alloc.Offer(plan, "a", MacA, null);
        var b = alloc.Offer(plan, "b", MacB, null);
        a.ShouldBe(Ip("10.9.0.10"));
        b.ShouldBe(Ip("10.9.0.12")); // .11 is excluded (the server's own)
        alloc.Offer(plan, "c", MacC, null).ShouldBeNull(); // pool exhausted while offers are held
    }

    [Fact]
    public void Offer_SameClientTwice_ReturnsSameAddress()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        alloc.Offer(plan, "a", MacA, null).ShouldBe(alloc.Offer(plan, "a", MacA, null));
    }

    [Fact]
    public void Offer_RequestedAddressLeasedToAnother_GivesAnotherAddress()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        alloc.Commit(plan, "a", MacA, Ip("10.9.0.12"), TimeSpan.FromHours(1), null);
        alloc.Offer(plan, "b", MacB, Ip("10.9.0.12")).ShouldBe(Ip("10.9.0.10"));
    }

    [Fact]
    public void Offer_RequestedFreeAddress_IsHonoured()
    {
        var plan = Plan();
        Allocator(plan).Offer(plan, "a", MacA, Ip("10.9.0.12")).ShouldBe(Ip("10.9.0.12"));
    }

    [Fact]
    public void Offer_ReservedForAnotherMac_IsNeverOffered()
    {
        var plan = Plan(reservations: new() { [MacC] = Ip("10.9.0.10") });
        var alloc = Allocator(plan);
        alloc.Offer(plan, "a", MacA, Ip("10.9.0.10")).ShouldBe(Ip("10.9.0.12"));
        alloc.Offer(plan, "c", MacC, null).ShouldBe(Ip("10.9.0.10"));
        alloc.Check(plan, "a", MacA, Ip("10.9.0.10"), initReboot: false).ShouldBe(DhcpRequestVerdict.Unavailable);
    }

    [Fact]
    public void Offer_RegistryReservation_OutsidePoolIsGivenToItsMac()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        alloc.UpdateReservations([new DhcpReservation(MacB, Ip("10.9.0.50"))]);
        alloc.Offer(plan, "b", MacB, null).ShouldBe(Ip("10.9.0.50"));
        alloc.Check(plan, "b", MacB, Ip("10.9.0.50"), initReboot: false).ShouldBe(DhcpRequestVerdict.Grant);
        alloc.Check(plan, "b", MacB, Ip("10.9.0.10"), initReboot: false).ShouldBe(DhcpRequestVerdict.NotAllocatable);
    }

    [Fact]
    public void Decline_Address_IsHeldBackUntilHoldEnds()
    {
        var plan = Plan("10.9.0.10-10.9.0.10");
        var alloc = Allocator(plan);
        var ip = alloc.Offer(plan, "a", MacA, null)!;
        alloc.Decline(plan, "a", MacA, ip).ShouldNotBeNull();

        alloc.Offer(plan, "a", MacA, null).ShouldBeNull();
        alloc.Offer(plan, "b", MacB, null).ShouldBeNull();
        _time.Advance(TimeSpan.FromMinutes(11));
        alloc.Offer(plan, "b", MacB, null).ShouldBe(ip);
    }

    [Fact]
    public void Decline_ByClientThatNeverHadIt_IsIgnored()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        alloc.Commit(plan, "a", MacA, Ip("10.9.0.10"), TimeSpan.FromHours(1), null);
        alloc.Decline(plan, "b", MacB, Ip("10.9.0.10")).ShouldBeNull();
        alloc.FindByClient("a")!.State.ShouldBe(DhcpLeaseState.Active);
    }

    [Fact]
    public void Offer_ExpiredLeaseOfAnother_IsReclaimed()
    {
        var plan = Plan("10.9.0.10-10.9.0.10");
        var alloc = Allocator(plan);
        alloc.Commit(plan, "a", MacA, Ip("10.9.0.10"), TimeSpan.FromMinutes(5), null);
        alloc.Offer(plan, "b", MacB, null).ShouldBeNull();
        _time.Advance(TimeSpan.FromMinutes(6));
        alloc.Offer(plan, "b", MacB, null).ShouldBe(Ip("10.9.0.10"));
    }

    [Fact]
    public void Offer_PoolHasFreshAndExpired_PrefersFreshAddress()
    {
        var plan = Plan("10.9.0.20-10.9.0.22");
        var alloc = Allocator(plan);
        alloc.Commit(plan, "a", MacA, Ip("10.9.0.20"), TimeSpan.FromMinutes(1), null);
        _time.Advance(TimeSpan.FromMinutes(2));
        alloc.Offer(plan, "b", MacB, null).ShouldBe(Ip("10.9.0.21"));
    }

    [Fact]
    public void Offer_AfterOfferHoldExpires_AddressGoesToAnother()
    {
        var plan = Plan("10.9.0.10-10.9.0.10");
        var alloc = Allocator(plan);
        alloc.Offer(plan, "a", MacA, null).ShouldNotBeNull();
        alloc.Offer(plan, "b", MacB, null).ShouldBeNull();
        _time.Advance(TimeSpan.FromSeconds(31));
        alloc.Offer(plan, "b", MacB, null).ShouldBe(Ip("10.9.0.10"));
    }

    [Fact]
    public void Check_InitRebootUnknownAddress_IsUnknownAndWrongSubnetIsNak()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        alloc.Check(plan, "a", MacA, Ip("10.9.0.12"), initReboot: true).ShouldBe(DhcpRequestVerdict.Unknown);
        alloc.Check(plan, "a", MacA, Ip("192.168.1.5"), initReboot: true).ShouldBe(DhcpRequestVerdict.WrongSubnet);
        alloc.Check(plan, "a", MacA, Ip("10.9.0.200"), initReboot: false).ShouldBe(DhcpRequestVerdict.NotAllocatable);
        alloc.Check(plan, "a", MacA, Ip("10.9.0.11"), initReboot: false).ShouldBe(DhcpRequestVerdict.Unavailable);
    }

    [Fact]
    public void Commit_ClientMoves_ReleasesPreviousAddress()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        alloc.Commit(plan, "a", MacA, Ip("10.9.0.10"), TimeSpan.FromHours(1), null);
        var changes = alloc.Commit(plan, "a", MacA, Ip("10.9.0.12"), TimeSpan.FromHours(1), null);
        changes.Count.ShouldBe(2);
        changes[0].State.ShouldBe(DhcpLeaseState.Released);
        changes[1].Address.ShouldBe(Ip("10.9.0.12"));
        alloc.Offer(plan, "b", MacB, null).ShouldBe(Ip("10.9.0.10"));
    }

    [Fact]
    public void Release_ByOwner_FreesAddressAndByOtherIsIgnored()
    {
        var plan = Plan("10.9.0.10-10.9.0.10");
        var alloc = Allocator(plan);
        alloc.Commit(plan, "a", MacA, Ip("10.9.0.10"), TimeSpan.FromHours(1), null);
        alloc.Release("b", Ip("10.9.0.10")).ShouldBeNull();
        alloc.Offer(plan, "b", MacB, null).ShouldBeNull();
        alloc.Release("a", Ip("10.9.0.10"))!.State.ShouldBe(DhcpLeaseState.Released);
        alloc.Offer(plan, "b", MacB, null).ShouldBe(Ip("10.9.0.10"));
    }

    [Fact]
    public void Load_StoredLeases_BlockOthersAndKeepOwner()
    {
        var plan = Plan("10.9.0.10-10.9.0.10");
        var alloc = Allocator(plan);
        var now = _time.GetUtcNow();
        alloc.Load([new DhcpLease(Ip("10.9.0.10"), "a", MacA, "lab", now, now.AddHours(1), DhcpLeaseState.Active)]);
        alloc.Offer(plan, "b", MacB, null).ShouldBeNull();
        alloc.Offer(plan, "a", MacA, null).ShouldBe(Ip("10.9.0.10"));
    }

    [Fact]
    public void IsFresh_AddressNeverHeldByClient_IsTrueUntilItIsLeasedToIt()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        var ip = alloc.Offer(plan, "a", MacA, null)!;
        alloc.IsFresh("a", MacA, ip).ShouldBeTrue();
        alloc.Commit(plan, "a", MacA, ip, TimeSpan.FromHours(1), null);
        alloc.IsFresh("a", MacA, ip).ShouldBeFalse();
        alloc.IsFresh("b", MacB, ip).ShouldBeTrue();
        _time.Advance(TimeSpan.FromHours(2)); // expired, still its history
        alloc.IsFresh("a", MacA, ip).ShouldBeFalse();
    }

    [Fact]
    public void IsFresh_ReservedForTheMac_IsFalse()
    {
        var plan = Plan(reservations: new() { [MacC] = Ip("10.9.0.10") });
        var alloc = Allocator(plan);
        alloc.IsFresh("c", MacC, Ip("10.9.0.10")).ShouldBeFalse();
        alloc.IsFresh("c", MacC, Ip("10.9.0.12")).ShouldBeTrue();
    }

    [Fact]
    public void Offer_AfterProbeAnsweredAndAddressHeld_GivesTheNextAddress()
    {
        var plan = Plan();
        var alloc = Allocator(plan);
        var taken = alloc.Offer(plan, "a", MacA, null)!;
        alloc.Decline(plan, "a", MacA, taken)!.State.ShouldBe(DhcpLeaseState.Declined);
        var next = alloc.Offer(plan, "a", MacA, null);
        next.ShouldBe(Ip("10.9.0.12"));
        alloc.IsFresh("a", MacA, taken).ShouldBeTrue(); // a held address is no history of the client
        alloc.Offer(plan, "b", MacB, taken).ShouldBeNull(); // held back for everybody, the pool has nothing else
    }
}
