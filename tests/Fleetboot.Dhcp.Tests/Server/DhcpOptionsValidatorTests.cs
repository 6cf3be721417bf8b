using System.Net;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;

namespace Fleetboot.Dhcp.Tests.Server;

public sealed class DhcpOptionsValidatorTests
{
    private static DhcpSubnetOptions Lab(params string[] pools) => new() { Name = "lab", Network = "10.9.0.0/24", Pools = pools };

    [Fact]
    public void Validate_GoodConfig_NoErrors() =>
        DhcpOptionsValidator.Validate(new DhcpOptions { Mode = DhcpMode.Full, Subnets = [Lab("10.9.0.100-10.9.0.200")] }).ShouldBeEmpty();

    [Fact]
    public void Validate_PoolOutsideSubnet_NamesSubnet() =>
        DhcpOptionsValidator.Validate(new DhcpOptions { Mode = DhcpMode.Full, Subnets = [Lab("10.9.1.100-10.9.1.200")] })
            .ShouldContain(e => e.Contains("subnet 'lab'") && e.Contains("outside"));

    [Fact]
    public void Validate_OverlappingPools_NamesBothSubnets()
    {
        var errors = DhcpOptionsValidator.Validate(new DhcpOptions
        {
            Mode = DhcpMode.Full,
            Subnets = [Lab("10.9.0.100-10.9.0.200"), new DhcpSubnetOptions { Name = "lab2", Network = "10.9.0.0/23", Pools = ["10.9.0.150-10.9.1.10"] }],
        });
        errors.ShouldContain(e => e.Contains("subnet 'lab'") && e.Contains("subnet 'lab2'") && e.Contains("overlaps"));
    }

    [Fact]
    public void Validate_OverlapWithinSubnet_IsError() =>
        DhcpOptionsValidator.Validate(new DhcpOptions { Mode = DhcpMode.Full, Subnets = [Lab("10.9.0.10-10.9.0.20", "10.9.0.20-10.9.0.30")] })
            .ShouldContain(e => e.Contains("overlap"));

    [Fact]
    public void Validate_ServerAddressInPool_IsError() =>
        DhcpOptionsValidator.Validate(new DhcpOptions { Mode = DhcpMode.Full, ServerAddress = "10.9.0.150", Subnets = [Lab("10.9.0.100-10.9.0.200")] })
            .ShouldContain(e => e.Contains("subnet 'lab'") && e.Contains("server address"));

    [Fact]
    public void Validate_ReservationInOtherSubnetsPool_IsError()
    {
        var errors = DhcpOptionsValidator.Validate(new DhcpOptions
        {
            Mode = DhcpMode.Full,
            Subnets =
            [
                Lab("10.9.0.100-10.9.0.200"),
                new DhcpSubnetOptions
                {
                    Name = "wide", Network = "10.9.0.0/16", Pools = ["10.9.5.1-10.9.5.10"],
                    Reservations = [new DhcpReservation(MacAddress.Parse("52:54:00:00:00:01"), IPAddress.Parse("10.9.0.150"))],
                },
            ],
        });
        errors.ShouldContain(e => e.Contains("subnet 'wide'") && e.Contains("inside a pool of subnet 'lab'"));
    }

    [Theory]
    [InlineData("10.9.0.0")]
    [InlineData("10.9.0.0/33")]
    [InlineData("fe80::/64")]
    public void Validate_BadNetwork_IsError(string network) =>
        DhcpOptionsValidator.Validate(new DhcpOptions { Mode = DhcpMode.Full, Subnets = [new DhcpSubnetOptions { Name = "x", Network = network, Pools = [] }] })
            .ShouldContain(e => e.Contains("subnet 'x'"));

    [Fact]
    public void Validate_OffWithBadSubnet_StillNamesIt() =>
        DhcpOptionsValidator.Validate(new DhcpOptions { Mode = DhcpMode.Off, Subnets = [Lab("nonsense")] }).ShouldContain(e => e.Contains("subnet 'lab'"));

    [Fact]
    public void Validate_FullWithoutSubnets_IsAllowedForApiSubnets() =>
        DhcpOptionsValidator.Validate(new DhcpOptions { Mode = DhcpMode.Full }).ShouldBeEmpty();

    [Fact]
    public void Validate_OverlappingNetworks_IsConflictNamingBoth()
    {
        var (_, errors) = DhcpOptionsValidator.CompileSubnets(new DhcpOptions { Mode = DhcpMode.Full },
            [Lab("10.9.0.100-10.9.0.200"), new DhcpSubnetOptions { Name = "inner", Network = "10.9.0.128/25", Pools = [] , Reservations = [new DhcpReservation(MacAddress.Parse("52:54:00:00:00:02"), IPAddress.Parse("10.9.0.250"))] }], []);

        errors.ShouldContain(e => e.Subnet == "inner" && e.Field == "network" && e.IsConflict && e.Other == "lab");
    }

    [Fact]
    public void CompileSubnets_InterfaceAddressInPool_NamesSubnetAndField()
    {
        var (_, errors) = DhcpOptionsValidator.CompileSubnets(new DhcpOptions { Mode = DhcpMode.Full }, [Lab("10.9.0.1-10.9.0.200")], [IPAddress.Parse("10.9.0.1")]);

        errors.ShouldHaveSingleItem().ShouldBe(new DhcpSubnetError("lab", "pools", "the server address 10.9.0.1 is inside a pool"));
    }
}
