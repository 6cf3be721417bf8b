using System.Net;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;
using Fleetboot.Protocols.Dhcp;
using Fleetboot.Protocols.Tests.Dhcp;
using Microsoft.Extensions.Logging.Abstractions;
using static Fleetboot.Dhcp.Tests.Server.DhcpTestPackets;

namespace Fleetboot.Dhcp.Tests.Server;

public sealed class DhcpMessageHandlerTests
{
    private static readonly IPAddress ServerIp = IPAddress.Parse("10.9.0.1");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingEventSink _events = new();
    private readonly FakeMachineDirectory _directory = new();
    private DhcpLeaseAllocator? _allocator;

    private static DhcpOptions FullOptions(DhcpMode mode = DhcpMode.Full) => new()
    {
        Mode = mode,
        Subnets =
        [
            new DhcpSubnetOptions
            {
                Name = "lab", Network = "10.9.0.0/24", Pools = ["10.9.0.100-10.9.0.101"], Router = "10.9.0.1",
                DnsServers = ["10.9.0.2"], DomainName = "lab.example", DomainSearch = ["lab.example"], Mtu = 1500,
                LeaseTime = TimeSpan.FromHours(2),
            },
            new DhcpSubnetOptions { Name = "far", Network = "10.20.0.0/24", Pools = ["10.20.0.50-10.20.0.60"], Router = "10.20.0.1" },
        ],
    };

    private DhcpMessageHandler Handler(DhcpOptions? options = null)
    {
        options ??= FullOptions();
        var (subnets, errors) = DhcpOptionsValidator.CompileSubnets(options, options.Subnets, []);
        errors.ShouldBeEmpty();
        _allocator = options.Mode == DhcpMode.Full ? new DhcpLeaseAllocator(subnets.Select(s => s.Plan), _time, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30)) : null;
        return new DhcpMessageHandler(options, subnets, _allocator, _directory, _events, _time, NullLogger.Instance);
    }

    private static DhcpRequestContext Ctx(int port = 67, string source = "0.0.0.0:68", string local = "255.255.255.255") =>
        new(IPEndPoint.Parse(source), IPAddress.Parse(local), "fbsrv0", ServerIp, port);

    private static async Task<DhcpReply> Answer(DhcpMessageHandler h, DhcpPacket request, DhcpRequestContext? ctx = null)
    {
        var reply = await h.HandleAsync(request, ctx ?? Ctx(), CancellationToken.None);
        reply.ShouldNotBeNull();
        return reply;
    }

    [Fact]
    public async Task HandleAsync_BiosPxeDiscoverThenRequest_OffersAndAcksWithUndionly()
    {
        var h = Handler();
        var offer = await Answer(h, PxeDiscover(0));

        offer.Packet!.MessageType.ShouldBe(DhcpMessageType.Offer);
        offer.Packet.YourAddress.ShouldBe(IPAddress.Parse("10.9.0.100"));
        offer.Packet.File.ShouldBe("undionly.kpxe");
        offer.Packet.NextServerAddress.ShouldBe(ServerIp);
        offer.Packet.ServerName.ShouldBe("10.9.0.1");
        offer.Packet.ServerIdentifier.ShouldBe(ServerIp);
        offer.Packet.TftpServerName.ShouldBe("10.9.0.1");
        offer.Packet.LeaseTimeSeconds.ShouldBe(7200u);
        offer.Packet.SubnetMask.ShouldBe(IPAddress.Parse("255.255.255.0"));
        offer.Packet.Routers.ShouldBe([IPAddress.Parse("10.9.0.1")]);
        offer.Packet.DomainSearch.ShouldBe(["lab.example"]);
        offer.Packet.TryGetOption(DhcpOptionCode.BootFileName, out var o67).ShouldBeTrue();
        o67.Span[^1].ShouldBe((byte)0);
        offer.Destination.ShouldBe(new IPEndPoint(IPAddress.Broadcast, 68));
        offer.LeaseChanges.ShouldBeEmpty();

        var ack = await Answer(h, Request(DhcpMessageType.Request, requested: offer.Packet.YourAddress, serverId: ServerIp, arch: 0, vendorClass: "PXEClient:Arch:00000:UNDI:002001"));
        ack.Packet!.MessageType.ShouldBe(DhcpMessageType.Ack);
        ack.Packet.YourAddress.ShouldBe(IPAddress.Parse("10.9.0.100"));
        ack.LeaseChanges.Single().Expires.ShouldBe(_time.GetUtcNow().AddHours(2));
        _events.Events.Select(e => e.Kind).ShouldBe(["dhcp.discover", "dhcp.offer", "dhcp.request", "dhcp.ack"]);
        _events.Events.Last().Data!["yiaddr"].ShouldBe("10.9.0.100");
        _events.Events.Last().Data!["filename"].ShouldBe("undionly.kpxe");
        _directory.Discovered.Single().Firmware.ShouldBe("bios");
    }

    [Theory]
    [InlineData(nameof(CapturedPackets.IpxeBiosDiscover), "http://10.9.0.1:8080/boot.ipxe", null)]
    [InlineData(nameof(CapturedPackets.OvmfPxeDiscover), "ipxe.efi", null)]
    [InlineData(nameof(CapturedPackets.OvmfHttpBootDiscover), "http://10.9.0.1:8080/ipxe.efi", "HTTPClient")]
    [InlineData(nameof(CapturedPackets.UdhcpcPxeDiscover), "ipxe.efi", null)]
    [InlineData(nameof(CapturedPackets.DhclientDiscover), "", null)]
    public async Task HandleAsync_CapturedFirmwareDiscover_OffersRightLoader(string name, string file, string? vendorClass)
    {
        var hex = (string)typeof(CapturedPackets).GetField(name)!.GetValue(null)!;
        DhcpPacket.TryRead(Convert.FromHexString(hex), out var request, out _).ShouldBeTrue();
        var h = Handler();

        var offer = await Answer(h, request);

        var wire = DhcpPacketWriter.Write(offer.Packet!, offer.ParameterRequestList.Span, offer.MaximumMessageSize);
        DhcpPacket.TryRead(wire, out var p, out _).ShouldBeTrue();
        p.MessageType.ShouldBe(DhcpMessageType.Offer);
        p.TransactionId.ShouldBe(request.TransactionId);
        p.YourAddress.ShouldBe(IPAddress.Parse("10.9.0.100"));
        p.File.ShouldBe(file);
        p.VendorClassIdentifier.ShouldBe(vendorClass);
        wire.Length.ShouldBeLessThanOrEqualTo(Math.Max(576, (int)(request.MaximumMessageSize ?? 576)) - 28);
    }

    [Fact]
    public async Task HandleAsync_UefiHttpBoot_ReturnsUrlAndHttpClient()
    {
        var h = Handler();
        var offer = await Answer(h, Request(DhcpMessageType.Discover, arch: 16, vendorClass: "HTTPClient:Arch:00016:UNDI:003000"));
        offer.Packet!.File.ShouldBe("http://10.9.0.1:8080/ipxe.efi");
        offer.Packet.VendorClassIdentifier.ShouldBe("HTTPClient");
    }

    [Fact]
    public async Task HandleAsync_OvmfHttpBootDiscover_ReplyFitsWithoutOption57AndCarriesUriAndHttpClient()
    {
        // Shaped like EDK2's HttpBootBuildDhcp4Options (NetworkPkg/HttpBootDxe/HttpBootDhcp4.c): 27-entry option 55,
        // option 97 (type 0 + GUID), 94 = UNDI 3.0, 93 = 16, 60 = "HTTPClient:Arch:00016:UNDI:003000", no option 57.
        var h = Handler();
        var request = new DhcpPacket
        {
            TransactionId = 0x0badf00d,
            Flags = DhcpPacket.BroadcastFlag,
            ClientHardwareAddress = Mac1,
            Options =
            [
                DhcpOption.FromByte(DhcpOptionCode.MessageType, 1),
                new DhcpOption(DhcpOptionCode.ParameterRequestList, new byte[] { 1, 2, 3, 4, 5, 6, 12, 13, 15, 17, 18, 22, 23, 28, 40, 41, 42, 43, 50, 51, 54, 58, 59, 60, 66, 67, 97 }),
                new DhcpOption(DhcpOptionCode.ClientMachineIdentifier, (byte[])[0, .. Guid.NewGuid().ToByteArray()]),
                new DhcpOption(DhcpOptionCode.ClientNetworkInterface, new byte[] { 1, 3, 0 }),
                DhcpOption.FromUInt16(DhcpOptionCode.ClientSystemArchitecture, 16),
                DhcpOption.FromString(DhcpOptionCode.VendorClassIdentifier, "HTTPClient:Arch:00016:UNDI:003000"),
            ],
        };
        var offer = await Answer(h, request);
        var wire = DhcpPacketWriter.Write(offer.Packet!, offer.ParameterRequestList.Span, offer.MaximumMessageSize);

        wire.Length.ShouldBeLessThanOrEqualTo(576 - 28);
        DhcpPacket.TryRead(wire, out var p, out _).ShouldBeTrue();
        p.YourAddress.ShouldBe(IPAddress.Parse("10.9.0.100"));
        p.VendorClassIdentifier.ShouldBe("HTTPClient"); // EDK2 compares the first 10 bytes
        p.File.ShouldBe("http://10.9.0.1:8080/ipxe.efi"); // an IP-expressed URI
        p.BootFileName.ShouldBe("http://10.9.0.1:8080/ipxe.efi");
        p.DomainNameServers.ShouldNotBeEmpty(); // makes it a "DhcpIpUriDns" offer, EDK2's first choice
    }

    [Fact]
    public async Task HandleAsync_IpxeUserClass_ReturnsBootScriptUrl()
    {
        var h = Handler(FullOptions() with { HttpBaseUrl = "http://boot.lab:9000/" });
        var offer = await Answer(h, PxeDiscover(7, userClass: "iPXE"));
        offer.Packet!.File.ShouldBe("http://boot.lab:9000/boot.ipxe");
    }

    [Fact]
    public async Task HandleAsync_IpxeUserClassFullMode_TellsIpxeNotToWaitForProxyDhcp()
    {
        var h = Handler();
        var offer = await Answer(h, PxeDiscover(0, userClass: "iPXE"));

        offer.Packet!.TryGetOption(DhcpOptionCode.IpxeEncapsulated, out var encapsulated).ShouldBeTrue();
        encapsulated.ToArray().ShouldBe(new byte[] { 176, 1, 1 });
    }

    [Fact]
    public async Task HandleAsync_FirmwarePxeAndProxyReplies_CarryNoIpxeOptions()
    {
        (await Answer(Handler(), PxeDiscover(0))).Packet!.TryGetOption(DhcpOptionCode.IpxeEncapsulated, out _).ShouldBeFalse();
        (await Answer(Handler(new DhcpOptions { Mode = DhcpMode.Proxy }), PxeDiscover(0, userClass: "iPXE"))).Packet!.TryGetOption(DhcpOptionCode.IpxeEncapsulated, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task HandleAsync_MachineOverride_UsesRegistryLoader()
    {
        _directory.Machines[MacAddress.FromBytes(Mac1)] = new DhcpMachineBinding("m1", null, "node1", "shimx64.efi");
        var h = Handler();
        var offer = await Answer(h, PxeDiscover(7));
        offer.Packet!.File.ShouldBe("shimx64.efi");
        offer.Packet.HostName.ShouldBe("node1");
        _directory.Discovered.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_MachineLoaderKindNotFittingBios_OffersDefaultAndRecordsTheUnfitLoader()
    {
        _directory.Machines[MacAddress.FromBytes(Mac1)] = new DhcpMachineBinding("m1", null, "node1", "grub");
        var h = Handler();
        var offer = await Answer(h, PxeDiscover(0));
        offer.Packet!.File.ShouldBe("undionly.kpxe");
        var data = _events.Events.Last().Data!;
        data["unfitLoader"].ShouldBe("grub");
        data["loader"].ShouldBe("bios");
    }

    [Fact]
    public async Task HandleAsync_OrdinaryClient_GetsNoBootFile()
    {
        var h = Handler();
        var offer = await Answer(h, Request(DhcpMessageType.Discover, vendorClass: "udhcp 1.35.0"));
        offer.Packet!.File.ShouldBe("");
        offer.Packet.BootFileName.ShouldBeNull();
        _directory.Discovered.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_RequestForOtherServer_IsIgnored()
    {
        var h = Handler();
        await Answer(h, Request(DhcpMessageType.Discover));
        (await h.HandleAsync(Request(DhcpMessageType.Request, requested: IPAddress.Parse("10.9.0.100"), serverId: IPAddress.Parse("10.9.0.254")), Ctx(), TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_InitRebootWrongSubnet_NaksByBroadcast()
    {
        var h = Handler();
        var nak = await Answer(h, Request(DhcpMessageType.Request, requested: IPAddress.Parse("192.168.7.7"), broadcast: false));
        nak.Packet!.MessageType.ShouldBe(DhcpMessageType.Nak);
        nak.Packet.YourAddress.ShouldBe(IPAddress.Any);
        nak.Destination.ShouldBe(new IPEndPoint(IPAddress.Broadcast, 68));
        nak.LeaseChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_InitRebootUnknownAddress_StaysSilent()
    {
        var h = Handler();
        (await h.HandleAsync(Request(DhcpMessageType.Request, requested: IPAddress.Parse("10.9.0.101")), Ctx(), TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_RequestForAddressLeasedToAnother_Naks()
    {
        var h = Handler();
        var offer = await Answer(h, Request(DhcpMessageType.Discover));
        await Answer(h, Request(DhcpMessageType.Request, requested: offer.Packet!.YourAddress, serverId: ServerIp));
        var nak = await Answer(h, Request(DhcpMessageType.Request, mac: Mac2, requested: offer.Packet.YourAddress, serverId: ServerIp));
        nak.Packet!.MessageType.ShouldBe(DhcpMessageType.Nak);
    }

    [Fact]
    public async Task HandleAsync_RenewUnicast_AcksToCiaddrAndExtendsLease()
    {
        var h = Handler();
        var offer = await Answer(h, Request(DhcpMessageType.Discover));
        var ip = offer.Packet!.YourAddress;
        await Answer(h, Request(DhcpMessageType.Request, requested: ip, serverId: ServerIp));
        _time.Advance(TimeSpan.FromHours(1));

        var ack = await Answer(h, Request(DhcpMessageType.Request, ciaddr: ip, broadcast: false), Ctx(source: $"{ip}:68", local: "10.9.0.1"));
        ack.Packet!.MessageType.ShouldBe(DhcpMessageType.Ack);
        ack.Destination.ShouldBe(new IPEndPoint(ip, 68));
        ack.Packet.ClientAddress.ShouldBe(ip);
        ack.LeaseChanges.Single().Expires.ShouldBe(_time.GetUtcNow().AddHours(2));
    }

    [Fact]
    public async Task HandleAsync_RelayedDiscover_UsesGiaddrSubnetRepliesToRelayAndEchoesOption82()
    {
        var h = Handler();
        byte[] rai = [1, 4, (byte)'p', (byte)'o', (byte)'r', (byte)'t'];
        var offer = await Answer(h, Request(DhcpMessageType.Discover, giaddr: IPAddress.Parse("10.20.0.1"), relayInfo: rai));
        offer.Packet!.YourAddress.ShouldBe(IPAddress.Parse("10.20.0.50"));
        offer.Packet.GatewayAddress.ShouldBe(IPAddress.Parse("10.20.0.1"));
        offer.Destination.ShouldBe(new IPEndPoint(IPAddress.Parse("10.20.0.1"), 67));
        offer.Packet.RelayAgentInformation!.Value.ToArray().ShouldBe(rai);
        DhcpPacket.TryRead(DhcpPacketWriter.Write(offer.Packet, offer.ParameterRequestList.Span), out var wire, out _).ShouldBeTrue();
        wire.Options[^1].Code.ShouldBe(DhcpOptionCode.RelayAgentInformation);
    }

    [Fact]
    public async Task HandleAsync_Decline_StoresHoldAndNextClientGetsAnotherAddress()
    {
        var h = Handler();
        var offer = await Answer(h, Request(DhcpMessageType.Discover));
        var ip = offer.Packet!.YourAddress;
        await Answer(h, Request(DhcpMessageType.Request, requested: ip, serverId: ServerIp));
        var decline = await Answer(h, Request(DhcpMessageType.Decline, requested: ip, serverId: ServerIp));
        decline.Packet.ShouldBeNull();
        decline.LeaseChanges.Single().State.ShouldBe(DhcpLeaseState.Declined);

        var next = await Answer(h, Request(DhcpMessageType.Discover, mac: Mac2, requested: ip));
        next.Packet!.YourAddress.ShouldNotBe(ip);
    }

    [Fact]
    public async Task HandleAsync_Release_FreesAddress()
    {
        var h = Handler();
        var offer = await Answer(h, Request(DhcpMessageType.Discover));
        var ip = offer.Packet!.YourAddress;
        await Answer(h, Request(DhcpMessageType.Request, requested: ip, serverId: ServerIp));
        var release = await Answer(h, Request(DhcpMessageType.Release, ciaddr: ip, serverId: ServerIp, broadcast: false));
        release.Packet.ShouldBeNull();
        release.LeaseChanges.Single().State.ShouldBe(DhcpLeaseState.Released);
    }

    [Fact]
    public async Task HandleAsync_Inform_AcksWithoutAddressOrLeaseTime()
    {
        var h = Handler();
        var ack = await Answer(h, Request(DhcpMessageType.Inform, ciaddr: IPAddress.Parse("10.9.0.77"), broadcast: false), Ctx(source: "10.9.0.77:68", local: "10.9.0.1"));
        ack.Packet!.MessageType.ShouldBe(DhcpMessageType.Ack);
        ack.Packet.YourAddress.ShouldBe(IPAddress.Any);
        ack.Packet.LeaseTimeSeconds.ShouldBeNull();
        ack.Packet.DomainNameServers.ShouldBe([IPAddress.Parse("10.9.0.2")]);
        ack.Destination.ShouldBe(new IPEndPoint(IPAddress.Parse("10.9.0.77"), 68));
        ack.LeaseChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_PoolExhausted_NoOffer()
    {
        var h = Handler();
        await Answer(h, Request(DhcpMessageType.Discover, mac: [2, 0, 0, 0, 0, 1]));
        await Answer(h, Request(DhcpMessageType.Discover, mac: [2, 0, 0, 0, 0, 2]));
        (await h.HandleAsync(Request(DhcpMessageType.Discover, mac: [2, 0, 0, 0, 0, 3]), Ctx(), TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_ProxyPxeDiscover_OffersBootFileWithoutAddress()
    {
        var h = Handler(new DhcpOptions { Mode = DhcpMode.Proxy });
        var offer = await Answer(h, PxeDiscover(7));
        offer.Packet!.MessageType.ShouldBe(DhcpMessageType.Offer);
        offer.Packet.YourAddress.ShouldBe(IPAddress.Any);
        offer.Packet.File.ShouldBe("ipxe.efi");
        offer.Packet.VendorClassIdentifier.ShouldBe("PXEClient");
        offer.Packet.VendorSpecific!.Value.ToArray().ShouldBe(new byte[] { 6, 1, 8, 255 });
        offer.Packet.TryGetOption(DhcpOptionCode.ClientMachineIdentifier, out var uuid).ShouldBeTrue();
        uuid.Length.ShouldBe(17);
        offer.Packet.LeaseTimeSeconds.ShouldBeNull();
        offer.Destination.ShouldBe(new IPEndPoint(IPAddress.Broadcast, 68));
    }

    [Fact]
    public async Task HandleAsync_ProxyOrdinaryClient_IsIgnored()
    {
        var h = Handler(new DhcpOptions { Mode = DhcpMode.Proxy });
        (await h.HandleAsync(Request(DhcpMessageType.Discover, vendorClass: "dhcpcd-9.4.1"), Ctx(), TestContext.Current.CancellationToken)).ShouldBeNull();
        (await h.HandleAsync(Request(DhcpMessageType.Request, requested: IPAddress.Parse("10.9.0.5"), serverId: IPAddress.Parse("10.9.0.254"), arch: 7, vendorClass: "PXEClient"), Ctx(), TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_ProxyPort4011Request_AcksToSourceForAnyArchitecture()
    {
        var h = Handler(new DhcpOptions { Mode = DhcpMode.Proxy });
        foreach (var (arch, file) in new[] { ((ushort)0, "undionly.kpxe"), ((ushort)7, "ipxe.efi"), ((ushort)11, "ipxe-arm64.efi") })
        {
            var req = Request(DhcpMessageType.Request, ciaddr: IPAddress.Parse("10.9.0.150"), arch: arch, vendorClass: $"PXEClient:Arch:{arch:D5}", broadcast: false);
            var ack = await Answer(h, req, Ctx(port: 4011, source: "10.9.0.150:68", local: "10.9.0.1"));
            ack.Packet!.MessageType.ShouldBe(DhcpMessageType.Ack);
            ack.Packet.File.ShouldBe(file);
            ack.Packet.YourAddress.ShouldBe(IPAddress.Any);
            ack.Destination.ShouldBe(IPEndPoint.Parse("10.9.0.150:68"));
        }
    }

    [Fact]
    public async Task HandleAsync_BootpWithoutMessageType_IsIgnored()
    {
        var h = Handler();
        (await h.HandleAsync(new DhcpPacket { ClientHardwareAddress = Mac1 }, Ctx(), TestContext.Current.CancellationToken)).ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_SubnetBoundToInterfaceName_ServesThatSubnetOnThatInterface()
    {
        var options = FullOptions() with
        {
            Subnets = [.. FullOptions().Subnets.Select(s => s.Name == "far" ? s with { Interface = "vlan20" } : s)],
        };
        var h = Handler(options);
        var onVlan = await Answer(h, Request(DhcpMessageType.Discover), new DhcpRequestContext(IPEndPoint.Parse("0.0.0.0:68"), IPAddress.Broadcast, "vlan20", IPAddress.Parse("192.168.99.1"), 67));
        onVlan.Packet!.YourAddress.ShouldBe(IPAddress.Parse("10.20.0.50"));
        onVlan.Packet.ServerIdentifier.ShouldBe(IPAddress.Parse("192.168.99.1"));
        var onLab = await Answer(h, Request(DhcpMessageType.Discover, mac: Mac2));
        onLab.Packet!.YourAddress.ShouldBe(IPAddress.Parse("10.9.0.100"));
    }

    [Fact]
    public async Task HandleAsync_NakThroughRelay_SetsBroadcastBitAndGoesToGiaddr()
    {
        var h = Handler();
        var nak = await Answer(h, Request(DhcpMessageType.Request, giaddr: IPAddress.Parse("10.20.0.1"), requested: IPAddress.Parse("10.9.0.100"), broadcast: false));
        nak.Packet!.MessageType.ShouldBe(DhcpMessageType.Nak);
        nak.Packet.IsBroadcast.ShouldBeTrue();
        nak.Destination.ShouldBe(IPEndPoint.Parse("10.20.0.1:67"));
    }

    [Fact]
    public async Task HandleAsync_PlainClientNotInTheRegistry_IsAnsweredButLeftOffTheTimeline()
    {
        var h = Handler();
        var offer = await Answer(h, Request(DhcpMessageType.Discover));
        await Answer(h, Request(DhcpMessageType.Request, requested: offer.Packet!.YourAddress, serverId: ServerIp));

        _events.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_PlainClientOfARegisteredMachine_IsOnTheTimeline()
    {
        _directory.Machines[MacAddress.FromBytes(Mac1)] = new DhcpMachineBinding("m1", null, "node1", null);
        var h = Handler();
        var offer = await Answer(h, Request(DhcpMessageType.Discover));
        await Answer(h, Request(DhcpMessageType.Request, requested: offer.Packet!.YourAddress, serverId: ServerIp));

        _events.Events.Select(e => e.Kind).ShouldBe(["dhcp.discover", "dhcp.offer", "dhcp.request", "dhcp.ack"]);
    }

    [Fact]
    public void ClientId_Option61_WinsOverChaddr()
    {
        DhcpMessageHandler.ClientId(Request(DhcpMessageType.Discover)).ShouldBe("01525400123456");
        var withId = Request(DhcpMessageType.Discover) with
        {
            Options = [DhcpOption.FromByte(DhcpOptionCode.MessageType, 1), new DhcpOption(DhcpOptionCode.ClientIdentifier, new byte[] { 0xff, 1, 2, 3 })],
        };
        DhcpMessageHandler.ClientId(withId).ShouldBe("ff010203");
    }

    private static DhcpOptions ProbingOptions(int attempts = 3, DhcpAddressProbe probe = DhcpAddressProbe.Icmp)
    {
        var options = FullOptions();
        return options with { ProbeAttempts = attempts, Subnets = [options.Subnets[0] with { Probe = probe }, options.Subnets[1] with { Probe = probe }] };
    }

    [Fact]
    public async Task HandleAsync_ProbeOff_OfferCarriesNoProbe()
    {
        (await Answer(Handler(), PxeDiscover(0))).Probe.ShouldBeNull();
    }

    [Fact]
    public async Task HandleAsync_ProbeIcmpFreshAddress_OfferWaitsForProbe()
    {
        var offer = await Answer(Handler(ProbingOptions()), PxeDiscover(0));
        offer.Probe.ShouldBe(new DhcpOfferProbe(IPAddress.Parse("10.9.0.100"), DhcpAddressProbe.Icmp, "fbsrv0", DhcpSubnetOptions.DefaultProbeWait, 1));
        offer.Packet!.YourAddress.ShouldBe(IPAddress.Parse("10.9.0.100"));
    }

    [Fact]
    public async Task HandleAsync_ProbeArpClientOnOurLink_ProbesByArpOnTheReceivingInterface()
    {
        var offer = await Answer(Handler(ProbingOptions(probe: DhcpAddressProbe.Arp)), PxeDiscover(0));

        offer.Probe.ShouldBe(new DhcpOfferProbe(IPAddress.Parse("10.9.0.100"), DhcpAddressProbe.Arp, "fbsrv0", DhcpSubnetOptions.DefaultProbeWait, 1));
        offer.Probe!.Question.ShouldBe("an ARP request");
    }

    [Fact]
    public async Task HandleAsync_ProbeArpRelayedClient_PingsInsteadBecauseArpStopsAtTheRelay()
    {
        var offer = await Answer(Handler(ProbingOptions(probe: DhcpAddressProbe.Arp)), Request(DhcpMessageType.Discover, giaddr: IPAddress.Parse("10.20.0.1")));

        offer.Packet!.YourAddress.ShouldBe(IPAddress.Parse("10.20.0.50"));
        offer.Probe.ShouldNotBeNull().Method.ShouldBe(DhcpAddressProbe.Icmp);
    }

    [Fact]
    public async Task HandleAsync_ProbeIcmpFreshAddress_OfferEventWrittenOnlyWhenSent()
    {
        var offer = await Answer(Handler(ProbingOptions()), PxeDiscover(0));
        _events.Events.ShouldNotContain(e => e.Kind == "dhcp.offer");

        offer.Sent.ShouldNotBeNull().Invoke();

        _events.Events.Where(e => e.Kind == "dhcp.offer").ShouldHaveSingleItem().Data!["yiaddr"].ShouldBe("10.9.0.100");
    }

    [Fact]
    public async Task HandleAsync_ProbeAnswered_HoldsAddressAndOffersTheNext()
    {
        var h = Handler(ProbingOptions());
        var first = await Answer(h, PxeDiscover(0));

        var second = await h.HandleAsync(PxeDiscover(0), Ctx(), CancellationToken.None, first.Probe);

        second.ShouldNotBeNull();
        second.Packet!.YourAddress.ShouldBe(IPAddress.Parse("10.9.0.101"));
        second.Probe!.Attempt.ShouldBe(2);
        second.LeaseChanges.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            l => l.Address.ShouldBe(IPAddress.Parse("10.9.0.100")),
            l => l.State.ShouldBe(DhcpLeaseState.Declined));
        _events.Events.ShouldContain(e => e.Kind == "dhcp.probe" && e.Outcome == "in-use" && e.Data!["yiaddr"] == "10.9.0.100");
        _events.Events.Count(e => e.Kind == "dhcp.discover").ShouldBe(1);
        _events.Events.ShouldNotContain(e => e.Kind == "dhcp.offer", "neither OFFER left: the first address answered, the second is still probed");
    }

    [Fact]
    public async Task HandleAsync_ProbeAnsweredOnLastAttempt_OffersNothingButHoldsTheAddress()
    {
        var h = Handler(ProbingOptions(attempts: 1));
        var first = await Answer(h, PxeDiscover(0));

        var second = await h.HandleAsync(PxeDiscover(0), Ctx(), CancellationToken.None, first.Probe);

        second.ShouldNotBeNull();
        second.Packet.ShouldBeNull();
        second.LeaseChanges.ShouldHaveSingleItem().State.ShouldBe(DhcpLeaseState.Declined);
    }

    [Fact]
    public async Task HandleAsync_ProbeIcmpAddressTheClientHeld_OffersWithoutProbe()
    {
        var h = Handler(ProbingOptions());
        var offer = await Answer(h, PxeDiscover(0));
        await Answer(h, Request(DhcpMessageType.Request, requested: offer.Packet!.YourAddress, serverId: ServerIp));

        var again = await Answer(h, PxeDiscover(0));

        again.Packet!.YourAddress.ShouldBe(offer.Packet.YourAddress);
        again.Probe.ShouldBeNull();
    }
}
