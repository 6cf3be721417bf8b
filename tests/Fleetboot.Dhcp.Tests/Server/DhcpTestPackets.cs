using System.Net;
using Fleetboot.Protocols.Dhcp;

namespace Fleetboot.Dhcp.Tests.Server;

/// <summary>Builds client requests the way firmware and OS clients send them.</summary>
internal static class DhcpTestPackets
{
    public static readonly byte[] Mac1 = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
    public static readonly byte[] Mac2 = [0x52, 0x54, 0x00, 0x12, 0x34, 0x57];

    public static DhcpPacket Request(DhcpMessageType type, byte[]? mac = null, uint xid = 0x1234, IPAddress? ciaddr = null, IPAddress? giaddr = null,
        IPAddress? requested = null, IPAddress? serverId = null, ushort? arch = null, string? vendorClass = null, string? userClass = null,
        bool broadcast = true, byte[]? prl = null, byte[]? relayInfo = null, byte[]? uuid = null)
    {
        var options = new List<DhcpOption> { DhcpOption.FromByte(DhcpOptionCode.MessageType, (byte)type) };
        if (requested is not null) options.Add(DhcpOption.FromAddress(DhcpOptionCode.RequestedIpAddress, requested));
        if (serverId is not null) options.Add(DhcpOption.FromAddress(DhcpOptionCode.ServerIdentifier, serverId));
        options.Add(new DhcpOption(DhcpOptionCode.ParameterRequestList, prl ?? [1, 3, 6, 15, 66, 67]));
        if (vendorClass is not null) options.Add(DhcpOption.FromString(DhcpOptionCode.VendorClassIdentifier, vendorClass));
        if (userClass is not null) options.Add(DhcpOption.FromString(DhcpOptionCode.UserClass, userClass));
        if (arch is not null) options.Add(DhcpOption.FromUInt16(DhcpOptionCode.ClientSystemArchitecture, arch.Value));
        if (uuid is not null) options.Add(new DhcpOption(DhcpOptionCode.ClientMachineIdentifier, uuid));
        if (relayInfo is not null) options.Add(new DhcpOption(DhcpOptionCode.RelayAgentInformation, relayInfo));
        return new DhcpPacket
        {
            TransactionId = xid,
            Flags = broadcast ? DhcpPacket.BroadcastFlag : (ushort)0,
            ClientAddress = ciaddr ?? IPAddress.Any,
            GatewayAddress = giaddr ?? IPAddress.Any,
            Hops = giaddr is null ? (byte)0 : (byte)1,
            ClientHardwareAddress = mac ?? Mac1,
            Options = options,
        };
    }

    public static DhcpPacket PxeDiscover(ushort arch, byte[]? mac = null, string? userClass = null) =>
        Request(DhcpMessageType.Discover, mac, arch: arch, vendorClass: $"PXEClient:Arch:{arch:D5}:UNDI:003000", userClass: userClass,
            uuid: [0, .. Enumerable.Range(1, 16).Select(i => (byte)i)]);
}
