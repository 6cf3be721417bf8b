using System.Net;
using Fleetboot.Core.Dhcp;
using Fleetboot.Protocols.Dhcp;

namespace Fleetboot.Dhcp;

/// <summary>A reply ready to serialise (null for RELEASE/DECLINE, which get none), where it goes, the lease writes that must be durable before it leaves,
/// and for an OFFER of a fresh address on a probing subnet, the probe that must stay unanswered before it leaves.</summary>
/// <param name="Sent">A probed OFFER's log line and timeline event, for the sender to run once the OFFER has left (not when the address answered);
/// null when they were written already.</param>
internal sealed record DhcpReply(
    DhcpPacket? Packet,
    IPEndPoint Destination,
    ReadOnlyMemory<byte> ParameterRequestList,
    int MaximumMessageSize,
    IReadOnlyList<DhcpLease> LeaseChanges,
    DhcpOfferProbe? Probe = null,
    Action? Sent = null);
