using System.Globalization;
using System.Net;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;
using Fleetboot.Protocols.Dhcp;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Dhcp;

/// <summary>
/// Turns one request into at most one reply (RFC 2131 section 4.3 for full mode, PXE 2.1 proxyDHCP for proxy mode).
/// No sockets: the server feeds it parsed packets and sends what it returns. Not thread-safe; one processing loop calls it.
/// </summary>
internal sealed class DhcpMessageHandler
{
    private static readonly byte[] PxeDiscoveryControl = [6, 1, 8, 255]; // PXE_DISCOVERY_CONTROL: use the boot file name, no discovery

    /// <summary>
    /// Option 175 sub-option 176 <c>no-pxedhcp</c> = 1 (ipxe.org/howto/dhcpd): without it iPXE waits about 3 s after the first
    /// OFFER for a ProxyDHCP offer that never comes when this server gives both the address and the boot file.
    /// </summary>
    private static readonly byte[] IpxeNoPxeDhcp = [176, 1, 1];

    private readonly DhcpOptions _options;
    private IReadOnlyList<DhcpSubnet> _subnets;
    private readonly DhcpLeaseAllocator? _allocator;
    private readonly IDhcpMachineDirectory? _directory;
    private readonly IBootEventSink? _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<MacAddress, DateTimeOffset> _discoveredReported = [];

    public DhcpMessageHandler(
        DhcpOptions options,
        IReadOnlyList<DhcpSubnet> subnets,
        DhcpLeaseAllocator? allocator,
        IDhcpMachineDirectory? directory,
        IBootEventSink? events,
        TimeProvider time,
        ILogger logger)
    {
        _options = options;
        _subnets = subnets;
        _allocator = allocator;
        _directory = directory;
        _events = events;
        _time = time;
        _logger = logger;
    }

    /// <summary>Replaces the subnets; the caller serialises this with <see cref="HandleAsync"/>.</summary>
    public void UseSubnets(IReadOnlyList<DhcpSubnet> subnets) => _subnets = subnets;

    /// <param name="answered">A DISCOVER again, because the address probed for its OFFER answered: hold that one back, offer another.</param>
    public async ValueTask<DhcpReply?> HandleAsync(DhcpPacket request, DhcpRequestContext ctx, CancellationToken cancellationToken, DhcpOfferProbe? answered = null)
    {
        if (request.Operation != DhcpOperation.BootRequest || request.MessageType is not { } type)
        {
            return Ignore(request, "not a DHCP request (BOOTP or a reply)");
        }
        var mac = MacAddress.FromBytes(request.ClientHardwareAddress.Span);
        var binding = await FindAsync(mac, cancellationToken);
        var loaderRequest = new BootLoaderRequest(mac, request.ClientSystemArchitectures, request.VendorClassIdentifier, request.UserClasses, binding?.LoaderOverride);
        bool netboot = BootLoaderSelector.IsNetbootClient(loaderRequest, _options.Loaders);
        bool onTimeline = binding is not null || netboot;
        if (answered is null) Record(ctx, request, mac, onTimeline, "dhcp." + type.ToString().ToLowerInvariant(), "received", null, null);
        if (answered is null && binding is null && netboot) await ReportDiscoveredAsync(request, ctx, mac, cancellationToken);

        return _options.Mode switch
        {
            DhcpMode.Full => HandleFull(request, type, ctx, mac, binding, loaderRequest, onTimeline, answered),
            DhcpMode.Proxy => HandleProxy(request, type, ctx, mac, loaderRequest),
            _ => null,
        };
    }

    // ---------------------------------------------------------------- full mode

    /// <param name="onTimeline">Whether this client's messages are boot events (see <see cref="Record"/>).</param>
    private DhcpReply? HandleFull(DhcpPacket request, DhcpMessageType type, DhcpRequestContext ctx, MacAddress mac, DhcpMachineBinding? binding, BootLoaderRequest loader,
        bool onTimeline, DhcpOfferProbe? answered)
    {
        if (ctx.LocalPort != _options.ServerPort) return Ignore(request, "full mode answers on the DHCP port only");
        var subnet = SelectSubnet(request, ctx);
        if (subnet is null) return Ignore(request, $"no subnet for interface {ctx.InterfaceName} / giaddr {request.GatewayAddress}");
        var allocator = _allocator!;
        var clientId = ClientId(request);
        var serverId = ServerIdentifier(ctx);

        switch (type)
        {
            case DhcpMessageType.Discover:
            {
                IReadOnlyList<DhcpLease> held = answered is null ? [] : HoldProbed(request, ctx, mac, onTimeline, subnet, clientId, answered);
                if (answered?.Attempt >= _options.ProbeAttempts)
                {
                    DhcpLog.ProbeAttemptsExhausted(_logger, mac.ToString(), Xid(request), subnet.Name, answered.Attempt);
                    return held.Count > 0 ? new DhcpReply(null, ctx.Source, default, 0, held) : null;
                }
                var ip = allocator.Offer(subnet.Plan, clientId, mac, request.RequestedIpAddress);
                if (ip is null)
                {
                    DhcpLog.PoolExhausted(_logger, subnet.Name, mac.ToString());
                    return held.Count > 0 ? new DhcpReply(null, ctx.Source, default, 0, held) : null;
                }
                var probe = subnet.Options.Probe == DhcpAddressProbe.Off || !allocator.IsFresh(clientId, mac, ip)
                    ? null
                    : new DhcpOfferProbe(ip, ProbeMethod(subnet, request), ctx.InterfaceName, subnet.Options.ProbeWait, (answered?.Attempt ?? 0) + 1);
                return Reply(request, ctx, mac, onTimeline, DhcpMessageType.Offer, ip, subnet, serverId, loader, binding, held, probe);
            }
            case DhcpMessageType.Request:
            {
                var sid = request.ServerIdentifier;
                bool ciaddrSet = !request.ClientAddress.Equals(IPAddress.Any);
                IPAddress? requested;
                bool initReboot = false;
                if (sid is not null)
                {
                    // SELECTING: the client picked a server; if not us, forget our offer.
                    if (!sid.Equals(serverId)) return Ignore(request, $"client selected server {sid}");
                    requested = request.RequestedIpAddress ?? (ciaddrSet ? request.ClientAddress : null);
                }
                else if (!ciaddrSet)
                {
                    requested = request.RequestedIpAddress; // INIT-REBOOT
                    initReboot = true;
                }
                else
                {
                    requested = request.ClientAddress; // RENEWING (unicast) or REBINDING (broadcast)
                }
                if (requested is null) return Ignore(request, "REQUEST without an address");

                var verdict = allocator.Check(subnet.Plan, clientId, mac, requested, initReboot);
                if (verdict == DhcpRequestVerdict.Unknown) return Ignore(request, $"INIT-REBOOT for {requested}, no record of it");
                if (verdict != DhcpRequestVerdict.Grant)
                {
                    var reason = verdict switch
                    {
                        DhcpRequestVerdict.WrongSubnet => $"{requested} is not on subnet {subnet.Name}",
                        DhcpRequestVerdict.Unavailable => $"{requested} is in use or reserved",
                        _ => $"{requested} cannot be allocated to this client",
                    };
                    return Nak(request, ctx, mac, onTimeline, serverId, requested, reason);
                }
                var leaseTime = subnet.Options.LeaseTime;
                var changes = allocator.Commit(subnet.Plan, clientId, mac, requested, leaseTime, binding?.HostName ?? request.HostName);
                return Reply(request, ctx, mac, onTimeline, DhcpMessageType.Ack, requested, subnet, serverId, loader, binding, changes);
            }
            case DhcpMessageType.Decline:
            {
                if (request.ServerIdentifier is { } s && !s.Equals(serverId)) return Ignore(request, "DECLINE for another server");
                if (request.RequestedIpAddress is not { } ip) return Ignore(request, "DECLINE without option 50");
                var declined = allocator.Decline(subnet.Plan, clientId, mac, ip);
                if (declined is null) return Ignore(request, $"DECLINE of {ip}, which this client does not hold");
                DhcpLog.Declined(_logger, mac.ToString(), ip.ToString(), allocator.DeclineHold);
                return new DhcpReply(null, ctx.Source, default, 0, [declined]);
            }
            case DhcpMessageType.Release:
            {
                if (request.ServerIdentifier is { } s && !s.Equals(serverId)) return Ignore(request, "RELEASE for another server");
                var released = allocator.Release(clientId, request.ClientAddress);
                if (released is null) return Ignore(request, $"RELEASE of {request.ClientAddress}, not leased to this client");
                return new DhcpReply(null, ctx.Source, default, 0, [released]);
            }
            case DhcpMessageType.Inform:
                return Reply(request, ctx, mac, onTimeline, DhcpMessageType.Ack, null, subnet, serverId, loader, binding, []);
            default:
                return Ignore(request, "not a client message");
        }
    }

    /// <summary>ARP reaches only the server's own links: a relayed client's address is pinged.</summary>
    private static DhcpAddressProbe ProbeMethod(DhcpSubnet subnet, DhcpPacket request) =>
        subnet.Options.Probe == DhcpAddressProbe.Arp && request.GatewayAddress.Equals(IPAddress.Any) ? DhcpAddressProbe.Arp : DhcpAddressProbe.Icmp;

    /// <summary>The probed address answered: somebody unknown uses it. Held back like a declined one, logged, put on the timeline.</summary>
    private IReadOnlyList<DhcpLease> HoldProbed(DhcpPacket request, DhcpRequestContext ctx, MacAddress mac, bool onTimeline, DhcpSubnet subnet, string clientId, DhcpOfferProbe answered)
    {
        var allocator = _allocator!;
        DhcpLog.ProbeAnswered(_logger, answered.Address.ToString(), answered.Question, mac.ToString(), Xid(request), allocator.DeclineHold);
        Record(ctx, request, mac, onTimeline, "dhcp.probe", "in-use", answered.Address, null, $"{answered.Address} answered {answered.Question}: in use, not offered");
        return allocator.Decline(subnet.Plan, clientId, mac, answered.Address) is { } held ? [held] : [];
    }

    private DhcpSubnet? SelectSubnet(DhcpPacket request, DhcpRequestContext ctx)
    {
        if (!request.GatewayAddress.Equals(IPAddress.Any))
        {
            foreach (var s in _subnets)
            {
                if (s.Plan.Contains(request.GatewayAddress)) return s;
            }
            return null;
        }
        foreach (var s in _subnets)
        {
            if (s.Options.Interface is { } name && name == ctx.InterfaceName) return s;
        }
        foreach (var s in _subnets)
        {
            if (s.Options.Interface is null && s.Plan.Contains(ctx.InterfaceAddress)) return s;
        }
        return null;
    }

    private DhcpReply Nak(DhcpPacket request, DhcpRequestContext ctx, MacAddress mac, bool onTimeline, IPAddress serverId, IPAddress requested, string reason)
    {
        var options = new List<DhcpOption>
        {
            DhcpOption.FromByte(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Nak),
            DhcpOption.FromAddress(DhcpOptionCode.ServerIdentifier, serverId),
            DhcpOption.FromString(DhcpOptionCode.Message, reason),
        };
        if (request.ClientIdentifier is { } cid) options.Add(new DhcpOption(DhcpOptionCode.ClientIdentifier, cid));
        if (request.RelayAgentInformation is { } rai) options.Add(new DhcpOption(DhcpOptionCode.RelayAgentInformation, rai));
        bool relayed = !request.GatewayAddress.Equals(IPAddress.Any);
        var packet = BaseReply(request) with
        {
            Flags = relayed ? (ushort)(request.Flags | DhcpPacket.BroadcastFlag) : request.Flags,
            Options = options,
        };
        var destination = relayed
            ? new IPEndPoint(request.GatewayAddress, _options.ServerPort)
            : new IPEndPoint(IPAddress.Broadcast, _options.ClientPort);
        DhcpLog.Nak(_logger, mac.ToString(), Xid(request), requested.ToString(), reason);
        Record(ctx, request, mac, onTimeline, "dhcp.nak", "nak", requested, null, reason);
        return new DhcpReply(packet, destination, request.ParameterRequestList, MaxSize(request), []);
    }

    private DhcpReply Reply(
        DhcpPacket request, DhcpRequestContext ctx, MacAddress mac, bool onTimeline, DhcpMessageType type, IPAddress? yiaddr, DhcpSubnet subnet,
        IPAddress serverId, BootLoaderRequest loader, DhcpMachineBinding? binding, IReadOnlyList<DhcpLease> changes, DhcpOfferProbe? probe = null)
    {
        var options = new List<DhcpOption>
        {
            DhcpOption.FromByte(DhcpOptionCode.MessageType, (byte)type),
            DhcpOption.FromAddress(DhcpOptionCode.ServerIdentifier, serverId),
        };
        if (yiaddr is not null)
        {
            var lease = (uint)subnet.Options.LeaseTime.TotalSeconds;
            options.Add(DhcpOption.FromUInt32(DhcpOptionCode.IpAddressLeaseTime, lease));
            options.Add(DhcpOption.FromUInt32(DhcpOptionCode.RenewalTime, lease / 2));
            options.Add(DhcpOption.FromUInt32(DhcpOptionCode.RebindingTime, (uint)(lease * 7L / 8)));
        }
        options.Add(DhcpOption.FromAddress(DhcpOptionCode.SubnetMask, subnet.Mask));
        options.Add(DhcpOption.FromAddress(DhcpOptionCode.BroadcastAddress, subnet.Broadcast));
        if (subnet.Router is not null) options.Add(DhcpOption.FromAddress(DhcpOptionCode.Router, subnet.Router));
        if (subnet.DnsServers.Count > 0) options.Add(DhcpOption.FromAddresses(DhcpOptionCode.DomainNameServer, subnet.DnsServers));
        if (subnet.Options.DomainName is { Length: > 0 } domain) options.Add(DhcpOption.FromString(DhcpOptionCode.DomainName, domain));
        if (subnet.NtpServers.Count > 0) options.Add(DhcpOption.FromAddresses(DhcpOptionCode.NtpServers, subnet.NtpServers));
        if (subnet.Options.Mtu is { } mtu) options.Add(DhcpOption.FromUInt16(DhcpOptionCode.InterfaceMtu, (ushort)mtu));
        if (subnet.Options.DomainSearch.Count > 0) options.Add(DhcpOption.FromDomainSearch(subnet.Options.DomainSearch));
        if (binding?.HostName is { Length: > 0 } host) options.Add(DhcpOption.FromString(DhcpOptionCode.HostName, host));

        var packet = BaseReply(request) with { YourAddress = yiaddr ?? IPAddress.Any };
        var decision = SelectLoader(loader, serverId);
        packet = AddBootInfo(packet, options, request, decision, serverId, proxy: false);
        if (decision?.Reason is "ipxe" or "fleetboot") options.Add(new DhcpOption(DhcpOptionCode.IpxeEncapsulated, IpxeNoPxeDhcp));
        if (request.ClientIdentifier is { } cid) options.Add(new DhcpOption(DhcpOptionCode.ClientIdentifier, cid));
        if (request.RelayAgentInformation is { } rai) options.Add(new DhcpOption(DhcpOptionCode.RelayAgentInformation, rai));
        packet = packet with { Options = options };

        var destination = Destination(request, type);
        var kind = type == DhcpMessageType.Offer ? "dhcp.offer" : "dhcp.ack";
        // Reads only the request and thread-safe sinks: a probed OFFER runs it on the prober's thread.
        void Announce()
        {
            if (_logger.IsEnabled(LogLevel.Information)) DhcpLog.Answered(_logger, request.MessageType.ToString()!, mac.ToString(), Xid(request), type.ToString(), (yiaddr ?? IPAddress.Any).ToString(), decision?.File ?? "-");
            Record(ctx, request, mac, onTimeline, kind, "ok", yiaddr, decision);
        }
        if (probe is not null) return new DhcpReply(packet, destination, request.ParameterRequestList, MaxSize(request), changes, probe, Announce);
        Announce();
        return new DhcpReply(packet, destination, request.ParameterRequestList, MaxSize(request), changes);
    }

    /// <summary>RFC 2131 4.1: giaddr, then ciaddr, then broadcast (unicast to an unconfigured client would need an ARP entry; broadcasting is allowed).</summary>
    private IPEndPoint Destination(DhcpPacket request, DhcpMessageType type)
    {
        if (!request.GatewayAddress.Equals(IPAddress.Any)) return new IPEndPoint(request.GatewayAddress, _options.ServerPort);
        if (!request.ClientAddress.Equals(IPAddress.Any) && (type == DhcpMessageType.Ack || request.MessageType == DhcpMessageType.Inform))
            return new IPEndPoint(request.ClientAddress, _options.ClientPort);
        return new IPEndPoint(IPAddress.Broadcast, _options.ClientPort);
    }

    // ---------------------------------------------------------------- proxy mode

    private DhcpReply? HandleProxy(DhcpPacket request, DhcpMessageType type, DhcpRequestContext ctx, MacAddress mac, BootLoaderRequest loader)
    {
        if (!BootLoaderSelector.IsNetbootClient(loader, _options.Loaders) || request.VendorClassIdentifier is not { } vc
            || !(vc.StartsWith("PXEClient", StringComparison.Ordinal) || vc.StartsWith("HTTPClient", StringComparison.Ordinal)))
            return Ignore(request, "proxy mode answers PXE clients only");
        var serverId = ServerIdentifier(ctx);
        bool bootServerPort = ctx.LocalPort == _options.ProxyPort;
        DhcpMessageType replyType;
        IPEndPoint destination;
        if (bootServerPort)
        {
            // Port 4011: the client already has an address and asks the boot server directly.
            if (type is not (DhcpMessageType.Request or DhcpMessageType.Inform)) return Ignore(request, "port 4011 takes REQUEST/INFORM");
            replyType = DhcpMessageType.Ack;
            destination = ctx.Source;
        }
        else if (type == DhcpMessageType.Discover)
        {
            replyType = DhcpMessageType.Offer;
            destination = new IPEndPoint(IPAddress.Broadcast, _options.ClientPort);
        }
        else if (type == DhcpMessageType.Request && request.ServerIdentifier is { } sid && sid.Equals(serverId))
        {
            replyType = DhcpMessageType.Ack;
            destination = new IPEndPoint(IPAddress.Broadcast, _options.ClientPort);
        }
        else
        {
            return Ignore(request, "proxy mode leaves this to the site's DHCP server");
        }
        if (!request.GatewayAddress.Equals(IPAddress.Any) && !bootServerPort) destination = new IPEndPoint(request.GatewayAddress, _options.ServerPort);

        var options = new List<DhcpOption>
        {
            DhcpOption.FromByte(DhcpOptionCode.MessageType, (byte)replyType),
            DhcpOption.FromAddress(DhcpOptionCode.ServerIdentifier, serverId),
        };
        var decision = SelectLoader(loader, serverId);
        var packet = AddBootInfo(BaseReply(request), options, request, decision, serverId, proxy: true);
        if (request.TryGetOption(DhcpOptionCode.ClientMachineIdentifier, out var uuid)) options.Add(new DhcpOption(DhcpOptionCode.ClientMachineIdentifier, uuid));
        if (request.RelayAgentInformation is { } rai) options.Add(new DhcpOption(DhcpOptionCode.RelayAgentInformation, rai));
        packet = packet with { Options = options };
        if (_logger.IsEnabled(LogLevel.Information)) DhcpLog.Answered(_logger, type.ToString(), mac.ToString(), Xid(request), "proxy " + replyType, "-", decision?.File ?? "-");
        Record(ctx, request, mac, onTimeline: true, replyType == DhcpMessageType.Offer ? "dhcp.offer" : "dhcp.ack", "ok", null, decision, "proxy"); // proxy answers netboot clients only
        return new DhcpReply(packet, destination, request.ParameterRequestList, MaxSize(request), []);
    }

    // ---------------------------------------------------------------- shared

    private BootLoaderDecision? SelectLoader(BootLoaderRequest loader, IPAddress serverId)
    {
        var decision = BootLoaderSelector.Select(loader, _options.Loaders, HttpBase(serverId));
        if (decision?.UnfitLoader is { } unfit)
            DhcpLog.LoaderDoesNotFit(_logger, loader.Mac.ToString(), unfit, decision.Architecture is { } a ? ClientArchitectures.Name(a) : "unknown arch", decision.File);
        return decision;
    }

    private static DhcpPacket AddBootInfo(DhcpPacket packet, List<DhcpOption> options, DhcpPacket request, BootLoaderDecision? decision, IPAddress serverId, bool proxy)
    {
        if (decision is null) return packet;
        var serverText = serverId.ToString();
        bool fitsFileField = decision.File.Length < 128;
        if (decision.IsHttpBoot) options.Add(DhcpOption.FromString(DhcpOptionCode.VendorClassIdentifier, "HTTPClient"));
        else if (proxy)
        {
            options.Add(DhcpOption.FromString(DhcpOptionCode.VendorClassIdentifier, "PXEClient"));
            options.Add(new DhcpOption(DhcpOptionCode.VendorSpecific, PxeDiscoveryControl));
        }
        options.Add(DhcpOption.FromString(DhcpOptionCode.TftpServerName, serverText));
        bool asked67 = request.ParameterRequestList.Span.Contains((byte)DhcpOptionCode.BootFileName);
        if (asked67 || !fitsFileField) options.Add(DhcpOption.FromNulTerminatedString(DhcpOptionCode.BootFileName, decision.File));
        return packet with
        {
            NextServerAddress = serverId,
            ServerName = serverText,
            File = fitsFileField ? decision.File : "",
        };
    }

    private static DhcpPacket BaseReply(DhcpPacket request) => new()
    {
        Operation = DhcpOperation.BootReply,
        HardwareType = request.HardwareType,
        HardwareLength = request.HardwareLength,
        TransactionId = request.TransactionId,
        Flags = request.Flags,
        ClientAddress = request.MessageType is DhcpMessageType.Request or DhcpMessageType.Inform ? request.ClientAddress : IPAddress.Any,
        GatewayAddress = request.GatewayAddress,
        ClientHardwareAddress = request.ClientHardwareAddress,
    };

    private IPAddress ServerIdentifier(DhcpRequestContext ctx) =>
        _options.ServerAddress is { Length: > 0 } s && Ipv4.TryParse(s, out var a) ? a : ctx.InterfaceAddress;

    private string HttpBase(IPAddress serverId) =>
        _options.HttpBaseUrl is { Length: > 0 } b ? b.TrimEnd('/') : $"http://{serverId}:{_options.HttpPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Option 61 as hex; without it <c>01</c> + chaddr, the form most clients use in option 61.</summary>
    internal static string ClientId(DhcpPacket request) =>
        request.ClientIdentifier is { } cid
            ? Convert.ToHexStringLower(cid.Span)
            : "01" + Convert.ToHexStringLower(request.ClientHardwareAddress.Span);

    private static int MaxSize(DhcpPacket request) => request.MaximumMessageSize ?? DhcpPacketWriter.MinimumMaximumMessageSize;

    private static string Xid(DhcpPacket p) => p.TransactionId.ToString("x8", CultureInfo.InvariantCulture);

    private DhcpReply? Ignore(DhcpPacket request, string reason)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var mac = request.ClientHardwareAddress.Length >= 6 ? MacAddress.FromBytes(request.ClientHardwareAddress.Span).ToString() : "?";
            DhcpLog.Ignored(_logger, request.MessageType?.ToString() ?? "BOOTP", mac, Xid(request), reason);
        }
        return null;
    }

    private async ValueTask<DhcpMachineBinding?> FindAsync(MacAddress mac, CancellationToken cancellationToken)
    {
        if (_directory is null) return null;
        try
        {
            return await _directory.FindAsync(mac, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DhcpLog.DirectoryFailed(_logger, ex, mac.ToString());
            return null;
        }
    }

    private async ValueTask ReportDiscoveredAsync(DhcpPacket request, DhcpRequestContext ctx, MacAddress mac, CancellationToken cancellationToken)
    {
        if (_directory is null) return;
        var now = _time.GetUtcNow();
        if (_discoveredReported.TryGetValue(mac, out var last) && now - last < TimeSpan.FromMinutes(10)) return;
        if (_discoveredReported.Count > 10_000) _discoveredReported.Clear();
        _discoveredReported[mac] = now;
        var archs = request.ClientSystemArchitectures;
        ushort? arch = archs.Count > 0 ? archs[0] : null;
        var userClasses = request.UserClasses;
        string firmware = userClasses.Contains(_options.Loaders.IpxeUserClass) || userClasses.Contains(_options.Loaders.FleetbootUserClass) ? "ipxe"
            : arch is null or ClientArchitectures.X86Bios ? "bios"
            : ClientArchitectures.IsHttpBoot(arch.Value) ? "uefi-http" : "uefi";
        try
        {
            await _directory.RecordDiscoveredAsync(new DiscoveredNetbootClient(mac, arch, firmware, request.ClientMachineIdentifier,
                request.VendorClassIdentifier, userClasses, ctx.Source.ToString(), now), cancellationToken);
            DhcpLog.Discovered(_logger, mac.ToString(), arch is null ? "-" : ClientArchitectures.Name(arch.Value));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DhcpLog.DirectoryFailed(_logger, ex, mac.ToString());
        }
    }

    /// <summary>A boot event, when <paramref name="onTimeline"/>.</summary>
    /// <param name="onTimeline">
    /// The timeline is the story of boots: registered machines and netboot clients (which the lifecycle records as
    /// discovered). The other clients of a full-mode server (phones, printers, a machine's installed system before it is
    /// registered) are only logged: at a few events per exchange they would crowd the machines' history out of the
    /// timeline's retention and cost the server a third of its exchanges per second.
    /// </param>
    private void Record(DhcpRequestContext ctx, DhcpPacket request, MacAddress mac, bool onTimeline, string kind, string outcome, IPAddress? yiaddr, BootLoaderDecision? decision, string? message = null)
    {
        if (_events is null || !onTimeline) return;
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["xid"] = Xid(request), ["interface"] = ctx.InterfaceName };
        var archs = request.ClientSystemArchitectures;
        if (archs.Count > 0) data["arch"] = ClientArchitectures.Name(archs[0]);
        if (request.UserClasses is { Count: > 0 } uc) data["userClass"] = string.Join(',', uc);
        if (request.VendorClassIdentifier is { } vc) data["vendorClass"] = vc;
        if (yiaddr is not null) data["yiaddr"] = yiaddr.ToString();
        if (decision is not null)
        {
            data["filename"] = decision.File;
            data["loader"] = decision.Reason;
            if (decision.UnfitLoader is { } unfit) data["unfitLoader"] = unfit;
        }
        if (!request.GatewayAddress.Equals(IPAddress.Any)) data["giaddr"] = request.GatewayAddress.ToString();
        _events.Record(new BootEvent(_time.GetUtcNow(), kind, ctx.Source.ToString(), mac.ToString(), outcome, message ?? kind, data));
    }
}
