using Microsoft.Extensions.Logging;

namespace Fleetboot.Dhcp;

/// <summary>DHCP log messages; event ids 4000-4999.</summary>
internal static partial class DhcpLog
{
    [LoggerMessage(4000, LogLevel.Information, "DHCP {Mode} listening on {Interface} ({Address}) port {Port}")]
    public static partial void Listening(ILogger logger, string mode, string @interface, string address, int port);

    [LoggerMessage(4001, LogLevel.Information, "DHCP loaded {Count} leases from storage")]
    public static partial void LeasesLoaded(ILogger logger, int count);

    [LoggerMessage(4002, LogLevel.Information, "DHCP stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(4010, LogLevel.Debug, "DHCP dropped malformed packet from {Source}: {Reason}")]
    public static partial void Malformed(ILogger logger, string source, string reason);

    [LoggerMessage(4011, LogLevel.Debug, "DHCP suppressed {Count} more malformed-packet messages in the last window")]
    public static partial void MalformedSuppressed(ILogger logger, long count);

    [LoggerMessage(4013, LogLevel.Debug, "DHCP ignored {Type} from {Mac} xid {Xid}: {Reason}")]
    public static partial void Ignored(ILogger logger, string type, string mac, string xid, string reason);

    [LoggerMessage(4020, LogLevel.Information, "DHCP {Type} {Mac} xid {Xid} -> {Reply} {Address} file {File}")]
    public static partial void Answered(ILogger logger, string type, string mac, string xid, string reply, string address, string file);

    [LoggerMessage(4021, LogLevel.Warning, "DHCP subnet {Subnet} has no free address for {Mac}")]
    public static partial void PoolExhausted(ILogger logger, string subnet, string mac);

    [LoggerMessage(4022, LogLevel.Warning, "DHCP {Mac} declined {Address}: held back for {Hold}")]
    public static partial void Declined(ILogger logger, string mac, string address, TimeSpan hold);

    [LoggerMessage(4023, LogLevel.Information, "DHCP NAK to {Mac} xid {Xid} for {Address}: {Reason}")]
    public static partial void Nak(ILogger logger, string mac, string xid, string address, string reason);

    [LoggerMessage(4024, LogLevel.Warning, "DHCP {Mac}: its loader {Loader} does not fit {Arch}; sent the default {File}")]
    public static partial void LoaderDoesNotFit(ILogger logger, string mac, string loader, string arch, string file);

    [LoggerMessage(4025, LogLevel.Warning, "DHCP {Address} answered {Question} before it was offered to {Mac} xid {Xid}: in use by someone unknown, held back for {Hold}")]
    public static partial void ProbeAnswered(ILogger logger, string address, string question, string mac, string xid, TimeSpan hold);

    [LoggerMessage(4026, LogLevel.Warning, "DHCP offers nothing to {Mac} xid {Xid} on subnet {Subnet}: {Attempts} probed addresses in a row answered")]
    public static partial void ProbeAttemptsExhausted(ILogger logger, string mac, string xid, string subnet, int attempts);

    [LoggerMessage(4030, LogLevel.Error, "DHCP could not store {Count} leases; their ACKs were not sent")]
    public static partial void StoreFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(4031, LogLevel.Error, "DHCP failed handling a packet from {Source}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(4032, LogLevel.Warning, "DHCP send to {Destination} failed: {Reason}")]
    public static partial void SendFailed(ILogger logger, string destination, string reason);

    [LoggerMessage(4033, LogLevel.Warning, "DHCP machine registry lookup failed for {Mac}")]
    public static partial void DirectoryFailed(ILogger logger, Exception exception, string mac);

    [LoggerMessage(4050, LogLevel.Warning, "DHCP another server answers on {Interface}: {Server} (from {Source}) offered {Address} file {File}; two servers for one subnet hand out conflicting leases")]
    public static partial void RivalFound(ILogger logger, string @interface, string server, string source, string address, string file);

    [LoggerMessage(4051, LogLevel.Warning, "DHCP could not check {Interface} for other DHCP servers: {Reason}")]
    public static partial void RivalProbeFailed(ILogger logger, string @interface, string reason);

    [LoggerMessage(4052, LogLevel.Warning, "DHCP interface {Interface} ({Address}) is in no configured subnet: only relayed requests (giaddr) are answered there")]
    public static partial void InterfaceWithoutSubnet(ILogger logger, string @interface, string address);

    [LoggerMessage(4053, LogLevel.Warning, "DHCP cannot probe addresses by {Method} ({Reason}); subnets with that probe offer without one")]
    public static partial void ProbeUnavailable(ILogger logger, string method, string reason);

    [LoggerMessage(4040, LogLevel.Information, "DHCP recorded discovered netboot client {Mac} arch {Arch}")]
    public static partial void Discovered(ILogger logger, string mac, string arch);

    [LoggerMessage(4060, LogLevel.Warning, "DHCP full mode has no subnets yet: nothing is handed out until one is added (fleetboot subnets add, or dhcpSubnets in the config file)")]
    public static partial void NoSubnets(ILogger logger);

    [LoggerMessage(4061, LogLevel.Information, "DHCP now serves {Count} subnets: {Subnets}")]
    public static partial void SubnetsApplied(ILogger logger, int count, string subnets);

    [LoggerMessage(4062, LogLevel.Error, "DHCP kept its subnets: the changed set is invalid here: {Errors}")]
    public static partial void SubnetsRejected(ILogger logger, string errors);
}
