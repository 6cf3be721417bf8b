using System.Net;
using Fleetboot.Protocols.Dhcp;

namespace Fleetboot.Protocols.Tests.Dhcp;

public sealed class DhcpPacketTests
{
    [Fact]
    public void TryRead_UdhcpcPxeDiscover_ReadsPxeOptions()
    {
        DhcpPacket.TryRead(CapturedPackets.Bytes(CapturedPackets.UdhcpcPxeDiscover), out var p, out var error).ShouldBeTrue(error);

        p.Operation.ShouldBe(DhcpOperation.BootRequest);
        p.MessageType.ShouldBe(DhcpMessageType.Discover);
        p.TransactionId.ShouldBe(0xa35f281fu);
        Convert.ToHexString(p.ClientHardwareAddress.Span).ShouldBe("525400123456");
        p.VendorClassIdentifier.ShouldBe("PXEClient");
        p.ClientSystemArchitectures.ShouldBe(new ushort[] { 7 });
        p.MaximumMessageSize.ShouldBe((ushort)576);
        p.ParameterRequestList.ToArray().ShouldBe(new byte[] { 1, 3, 6, 12, 15, 28, 42 });
        Convert.ToHexString(p.ClientIdentifier!.Value.Span).ShouldBe("01525400123456");
        p.ClientMachineIdentifier.ShouldBe(new Guid(Convert.FromHexString("112233445566778899aabbccddeeff00")));
        p.Options.Select(o => (int)o.Code).ShouldBe(new[] { 53, 57, 55, 60, 61, 93, 97 });
    }

    [Fact]
    public void TryRead_DnsmasqOffer_ReadsAddressesAndFileField()
    {
        DhcpPacket.TryRead(CapturedPackets.Bytes(CapturedPackets.DnsmasqOffer), out var p, out var error).ShouldBeTrue(error);

        p.Operation.ShouldBe(DhcpOperation.BootReply);
        p.MessageType.ShouldBe(DhcpMessageType.Offer);
        p.YourAddress.ShouldBe(IPAddress.Parse("10.77.0.111"));
        p.NextServerAddress.ShouldBe(IPAddress.Parse("10.77.0.1"));
        p.ServerIdentifier.ShouldBe(IPAddress.Parse("10.77.0.1"));
        p.File.ShouldBe("undionly.kpxe");
        p.LeaseTimeSeconds.ShouldBe(3600u);
        p.RenewalTimeSeconds.ShouldBe(1800u);
        p.SubnetMask.ShouldBe(IPAddress.Parse("255.255.255.0"));
        p.BroadcastAddress.ShouldBe(IPAddress.Parse("10.77.0.255"));
        p.Routers.ShouldBe([IPAddress.Parse("10.77.0.1")]);
    }

    [Theory]
    [InlineData(nameof(CapturedPackets.UdhcpcPxeRequest), DhcpMessageType.Request, "10.77.0.111")]
    [InlineData(nameof(CapturedPackets.DhclientRequest), DhcpMessageType.Request, "10.77.0.111")]
    [InlineData(nameof(CapturedPackets.DhcpcdRequest), DhcpMessageType.Request, "10.77.0.112")]
    public void TryRead_CapturedRequest_ReadsRequestedAddressAndServerId(string name, DhcpMessageType type, string requested)
    {
        var hex = (string)typeof(CapturedPackets).GetField(name)!.GetValue(null)!;
        DhcpPacket.TryRead(Convert.FromHexString(hex), out var p, out var error).ShouldBeTrue(error);
        p.MessageType.ShouldBe(type);
        p.RequestedIpAddress.ShouldBe(IPAddress.Parse(requested));
        p.ServerIdentifier.ShouldBe(IPAddress.Parse("10.77.0.1"));
    }

    [Fact]
    public void TryRead_DhclientDiscover_ReadsHostNameAndRequestList()
    {
        DhcpPacket.TryRead(CapturedPackets.Bytes(CapturedPackets.DhclientDiscover), out var p, out var error).ShouldBeTrue(error);
        p.HostName.ShouldBe("vm");
        p.ParameterRequestList.ToArray().ShouldBe(new byte[] { 1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42 });
        p.ClientIdentifier.ShouldBeNull();
    }

    [Fact]
    public void TryRead_DhcpcdDiscover_ReadsRfc4361ClientIdAndEmptyOption()
    {
        DhcpPacket.TryRead(CapturedPackets.Bytes(CapturedPackets.DhcpcdDiscover), out var p, out var error).ShouldBeTrue(error);
        p.ClientIdentifier!.Value.Span[0].ShouldBe((byte)0xff);
        p.MaximumMessageSize.ShouldBe((ushort)1472);
        p.TryGetOption((DhcpOptionCode)80, out var rapidCommit).ShouldBeTrue();
        rapidCommit.Length.ShouldBe(0);
    }

    [Theory]
    [InlineData(nameof(CapturedPackets.UdhcpcPxeDiscover))]
    [InlineData(nameof(CapturedPackets.DnsmasqOffer))]
    [InlineData(nameof(CapturedPackets.DhclientDiscover))]
    [InlineData(nameof(CapturedPackets.DhcpcdRequest))]
    [InlineData(nameof(CapturedPackets.IpxeBiosDiscover))]
    [InlineData(nameof(CapturedPackets.OvmfPxeDiscover))]
    [InlineData(nameof(CapturedPackets.OvmfHttpBootDiscover))]
    public void Write_CapturedPacket_RoundTripsFieldsAndOptions(string name)
    {
        var hex = (string)typeof(CapturedPackets).GetField(name)!.GetValue(null)!;
        DhcpPacket.TryRead(Convert.FromHexString(hex), out var p, out _).ShouldBeTrue();

        var bytes = DhcpPacketWriter.Write(p, maximumMessageSize: 1500);
        DhcpPacket.TryRead(bytes, out var again, out var error).ShouldBeTrue(error);

        again.TransactionId.ShouldBe(p.TransactionId);
        again.Flags.ShouldBe(p.Flags);
        again.YourAddress.ShouldBe(p.YourAddress);
        again.File.ShouldBe(p.File);
        again.Options.Select(o => o.Code).OrderBy(c => c).ShouldBe(p.Options.Select(o => o.Code).OrderBy(c => c));
        foreach (var o in p.Options)
        {
            again.TryGetOption(o.Code, out var v).ShouldBeTrue();
            v.ToArray().ShouldBe(o.Value.ToArray());
        }
        // The header area is byte-identical to the capture.
        bytes.AsSpan(0, 236).ToArray().ShouldBe(Convert.FromHexString(hex).AsSpan(0, 236).ToArray());
    }

    [Fact]
    public void TryRead_IpxeStyleDiscover_ReadsUserClassArchAndEncapsulatedOptions()
    {
        // Built from iPXE's src/net/udp/dhcp.c: vendor class "PXEClient:Arch:00000:UNDI:002001", user class "iPXE"
        // (a bare string, not RFC 3004 framing), max size 1472, option 175 with feature sub-options.
        var request = new DhcpPacket
        {
            TransactionId = 0x1234abcd,
            ClientHardwareAddress = new byte[] { 0x52, 0x54, 0, 0xaa, 0xbb, 0xcc },
            Options =
            [
                DhcpOption.FromByte(DhcpOptionCode.MessageType, 1),
                DhcpOption.FromUInt16(DhcpOptionCode.MaximumMessageSize, 1472),
                DhcpOption.FromString(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00000:UNDI:002001"),
                DhcpOption.FromString(DhcpOptionCode.UserClass, "iPXE"),
                new DhcpOption(DhcpOptionCode.ParameterRequestList, new byte[] { 1, 3, 6, 7, 12, 15, 17, 26, 43, 60, 66, 67, 119, 128, 129, 130, 131, 132, 133, 134, 135, 175, 203 }),
                DhcpOption.FromUInt16(DhcpOptionCode.ClientSystemArchitecture, 0),
                new DhcpOption(DhcpOptionCode.ClientNetworkInterface, new byte[] { 1, 2, 1 }),
                new DhcpOption(DhcpOptionCode.IpxeEncapsulated, new byte[] { 0xb1, 0x05, 0x01, 0x80, 0x86, 0x10, 0x0e, 0x10, 0x01, 0x01, 0x13, 0x01, 0x01 }),
                new DhcpOption(DhcpOptionCode.ClientIdentifier, new byte[] { 1, 0x52, 0x54, 0, 0xaa, 0xbb, 0xcc }),
            ],
        };
        DhcpPacket.TryRead(DhcpPacketWriter.Write(request), out var p, out var error).ShouldBeTrue(error);

        p.UserClasses.ShouldBe(["iPXE"]);
        p.VendorClassIdentifier.ShouldBe("PXEClient:Arch:00000:UNDI:002001");
        p.ClientSystemArchitectures.ShouldBe(new ushort[] { 0 });
        p.ClientNetworkInterface.ShouldBe(((byte)1, (byte)2, (byte)1));
        p.TryGetOption(DhcpOptionCode.IpxeEncapsulated, out var eb).ShouldBeTrue();
        eb.Length.ShouldBe(13);
    }

    [Fact]
    public void TryRead_CapturedIpxeBiosDiscover_ReadsIpxeIdentity()
    {
        DhcpPacket.TryRead(CapturedPackets.Bytes(CapturedPackets.IpxeBiosDiscover), out var p, out var error).ShouldBeTrue(error);
        p.MessageType.ShouldBe(DhcpMessageType.Discover);
        p.UserClasses.ShouldBe(["iPXE"]);
        p.VendorClassIdentifier.ShouldBe("PXEClient:Arch:00000:UNDI:002001");
        p.ClientSystemArchitectures.ShouldBe(new ushort[] { 0 });
        p.ClientNetworkInterface.ShouldBe(((byte)1, (byte)2, (byte)1));
        p.MaximumMessageSize.ShouldBe((ushort)1472);
        p.ClientMachineIdentifier.ShouldBe(Guid.Empty); // QEMU without -uuid
        p.TryGetOption(DhcpOptionCode.IpxeEncapsulated, out var eb).ShouldBeTrue();
        // Sub-option 177 (bus id): PCI, vendor 1af4 device 1000, the virtio-net NIC; feature flags follow.
        eb.Span[..7].ToArray().ShouldBe(new byte[] { 0xb1, 5, 1, 0x1a, 0xf4, 0x10, 0x00 });
        p.ParameterRequestList.ToArray().ShouldContain((byte)175);
        Convert.ToHexString(p.ClientIdentifier!.Value.Span).ShouldBe("01525400123460");
    }

    [Fact]
    public void TryRead_CapturedIpxeBiosRequest_ReadsSelectingFields()
    {
        DhcpPacket.TryRead(CapturedPackets.Bytes(CapturedPackets.IpxeBiosRequest), out var p, out var error).ShouldBeTrue(error);
        p.MessageType.ShouldBe(DhcpMessageType.Request);
        p.ServerIdentifier.ShouldBe(IPAddress.Parse("10.0.2.2"));
        p.RequestedIpAddress.ShouldBe(IPAddress.Parse("10.0.2.15"));
    }

    [Fact]
    public void TryRead_CapturedOvmfPxeDiscover_ReadsUefiX64()
    {
        DhcpPacket.TryRead(CapturedPackets.Bytes(CapturedPackets.OvmfPxeDiscover), out var p, out var error).ShouldBeTrue(error);
        p.ClientSystemArchitectures.ShouldBe(new ushort[] { 7 });
        p.VendorClassIdentifier.ShouldBe("PXEClient:Arch:00007:UNDI:003000");
        p.ClientNetworkInterface.ShouldBe(((byte)1, (byte)3, (byte)0));
        p.IsBroadcast.ShouldBeTrue();
        p.UserClasses.ShouldBeEmpty();
        p.ParameterRequestList.Length.ShouldBe(35);
    }

    [Fact]
    public void TryRead_CapturedOvmfHttpBootDiscover_ReadsHttpClientArch16()
    {
        DhcpPacket.TryRead(CapturedPackets.Bytes(CapturedPackets.OvmfHttpBootDiscover), out var p, out var error).ShouldBeTrue(error);
        p.ClientSystemArchitectures.ShouldBe(new ushort[] { 16 });
        p.VendorClassIdentifier.ShouldBe("HTTPClient:Arch:00016:UNDI:003000");
        p.ParameterRequestList.ToArray().ShouldContain((byte)67);
    }

    [Fact]
    public void UserClasses_Rfc3004Framing_ReturnsEachClass()
    {
        var p = new DhcpPacket { Options = [new DhcpOption(DhcpOptionCode.UserClass, new byte[] { 4, (byte)'i', (byte)'P', (byte)'X', (byte)'E', 3, (byte)'a', (byte)'b', (byte)'c' })] };
        p.UserClasses.ShouldBe(["iPXE", "abc"]);
    }

    [Fact]
    public void TryRead_RepeatedOption_ConcatenatesInstances()
    {
        var bytes = Header(0x00);
        bytes.AddRange([53, 1, 1, 55, 2, 1, 3, 12, 1, (byte)'a', 55, 2, 6, 15, 255]);
        DhcpPacket.TryRead(bytes.ToArray(), out var p, out var error).ShouldBeTrue(error);
        p.ParameterRequestList.ToArray().ShouldBe(new byte[] { 1, 3, 6, 15 });
        p.Options.Select(o => o.Code).ShouldBe([DhcpOptionCode.MessageType, DhcpOptionCode.ParameterRequestList, DhcpOptionCode.HostName]);
    }

    [Fact]
    public void TryRead_OptionOverloadBoth_ReadsOptionsFromFileAndSname()
    {
        var bytes = Header(0x00);
        bytes.AddRange([53, 1, 2, 52, 1, 3, 255]);
        var b = bytes.ToArray();
        // file (offset 108): option 67 "boot.efi"; sname (offset 44): option 66 "tftp" then option 67 continued "x".
        new byte[] { 67, 8, (byte)'b', (byte)'o', (byte)'o', (byte)'t', (byte)'.', (byte)'e', (byte)'f', (byte)'i', 255 }.CopyTo(b, 108);
        new byte[] { 66, 4, (byte)'t', (byte)'f', (byte)'t', (byte)'p', 67, 1, (byte)'x', 255 }.CopyTo(b, 44);

        DhcpPacket.TryRead(b, out var p, out var error).ShouldBeTrue(error);

        p.BootFileName.ShouldBe("boot.efix");
        p.TftpServerName.ShouldBe("tftp");
        p.File.ShouldBe("");
        p.ServerName.ShouldBe("");
    }

    [Fact]
    public void Write_OptionLongerThan255_SplitsAndReadsBack()
    {
        var big = Enumerable.Range(0, 600).Select(i => (byte)i).ToArray();
        var packet = new DhcpPacket { Options = [DhcpOption.FromByte(DhcpOptionCode.MessageType, 5), new DhcpOption(DhcpOptionCode.VendorSpecific, big)] };

        var bytes = DhcpPacketWriter.Write(packet, maximumMessageSize: 1500);

        // 600 bytes = 255 + 255 + 90: three instances of option 43.
        bytes[240 + 3].ShouldBe((byte)43);
        bytes[240 + 4].ShouldBe((byte)255);
        bytes[240 + 3 + 257].ShouldBe((byte)43);
        bytes[240 + 3 + 514].ShouldBe((byte)43);
        bytes[240 + 3 + 514 + 1].ShouldBe((byte)90);
        DhcpPacket.TryRead(bytes, out var p, out var error).ShouldBeTrue(error);
        p.VendorSpecific!.Value.ToArray().ShouldBe(big);
    }

    [Fact]
    public void Write_ParameterRequestList_OrdersOptionsAsAsked()
    {
        var packet = new DhcpPacket
        {
            Operation = DhcpOperation.BootReply,
            Options =
            [
                DhcpOption.FromAddress(DhcpOptionCode.SubnetMask, IPAddress.Parse("255.255.255.0")),
                DhcpOption.FromAddress(DhcpOptionCode.Router, IPAddress.Parse("10.0.0.1")),
                new DhcpOption(DhcpOptionCode.RelayAgentInformation, new byte[] { 1, 2, 0, 1 }),
                DhcpOption.FromUInt32(DhcpOptionCode.IpAddressLeaseTime, 3600),
                DhcpOption.FromAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse("10.0.0.2")),
                DhcpOption.FromString(DhcpOptionCode.DomainName, "lab"),
                DhcpOption.FromByte(DhcpOptionCode.MessageType, 5),
            ],
        };

        var bytes = DhcpPacketWriter.Write(packet, new byte[] { 15, 3, 1 });

        DhcpPacket.TryRead(bytes, out var p, out _).ShouldBeTrue();
        p.Options.Select(o => (int)o.Code).ShouldBe(new[] { 53, 54, 15, 3, 1, 51, 82 });
        bytes.Length.ShouldBeGreaterThanOrEqualTo(300);
    }

    [Fact]
    public void Write_OptionsPastMaximumSize_DropsLeastWantedButKeepsEssentials()
    {
        var options = new List<DhcpOption>
        {
            DhcpOption.FromByte(DhcpOptionCode.MessageType, 5),
            DhcpOption.FromAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse("10.0.0.2")),
            DhcpOption.FromAddress(DhcpOptionCode.SubnetMask, IPAddress.Parse("255.255.255.0")),
            new DhcpOption(DhcpOptionCode.VendorSpecific, new byte[400]),
        };
        var packet = new DhcpPacket { Operation = DhcpOperation.BootReply, Options = options };

        var small = DhcpPacketWriter.Write(packet, new byte[] { 1 }, maximumMessageSize: 100);
        var large = DhcpPacketWriter.Write(packet, new byte[] { 1 }, maximumMessageSize: 1500);

        small.Length.ShouldBeLessThanOrEqualTo(576 - 28);
        DhcpPacket.TryRead(small, out var s, out _).ShouldBeTrue();
        s.Options.Select(o => (int)o.Code).ShouldBe(new[] { 53, 54, 1 });
        DhcpPacket.TryRead(large, out var l, out _).ShouldBeTrue();
        l.Options.Select(o => (int)o.Code).ShouldBe(new[] { 53, 54, 1, 43 });
    }

    [Fact]
    public void DomainSearch_WrittenAndRead_RoundTrips()
    {
        var packet = new DhcpPacket { Options = [DhcpOption.FromDomainSearch(["lab.example.com", "example.com"])] };
        DhcpPacket.TryRead(DhcpPacketWriter.Write(packet), out var p, out _).ShouldBeTrue();
        p.DomainSearch.ShouldBe(["lab.example.com", "example.com"]);
    }

    [Fact]
    public void DomainSearch_CompressionPointer_IsFollowed()
    {
        // "eng.example.com" then "corp" + pointer to offset 4 ("example.com").
        byte[] data = [3, .. "eng"u8, 7, .. "example"u8, 3, .. "com"u8, 0, 4, .. "corp"u8, 0xC0, 4];
        var p = new DhcpPacket { Options = [new DhcpOption(DhcpOptionCode.DomainSearch, data)] };
        p.DomainSearch.ShouldBe(["eng.example.com", "corp.example.com"]);
    }

    [Fact]
    public void DomainSearch_PointerLoop_StopsWithoutHanging()
    {
        var p = new DhcpPacket { Options = [new DhcpOption(DhcpOptionCode.DomainSearch, new byte[] { 0xC0, 0 })] };
        p.DomainSearch.ShouldBeEmpty();
    }

    [Fact]
    public void Option67_NulTerminated_ReadsWithoutNul()
    {
        var o = DhcpOption.FromNulTerminatedString(DhcpOptionCode.BootFileName, "undionly.kpxe");
        o.Value.Span[^1].ShouldBe((byte)0);
        new DhcpPacket { Options = [o] }.BootFileName.ShouldBe("undionly.kpxe");
    }

    internal static List<byte> Header(byte op = 1)
    {
        var b = new byte[240];
        b[0] = op == 0 ? (byte)1 : op;
        b[1] = 1;
        b[2] = 6;
        b[236] = 0x63; b[237] = 0x82; b[238] = 0x53; b[239] = 0x63;
        return [.. b];
    }
}
