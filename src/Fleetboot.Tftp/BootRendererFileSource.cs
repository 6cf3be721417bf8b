using System.Net;
using System.Net.Sockets;
using System.Text;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Boot;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;

namespace Fleetboot.Tftp;

/// <summary>
/// Serves the per-machine TFTP files through Core's renderer, the same renders HTTP serves: PXELINUX and
/// GRUB configs, the iPXE chain script and <c>grub/grub.cfg</c>, which sends GRUB on to its per-MAC config. The
/// machine is known from the MAC in the name, else from the address it uses (its last request with a MAC, its
/// lease, or its static IP).
/// </summary>
public sealed class BootRendererFileSource(BootRenderer renderer, IMachineStore machines, MachineAddressBook addresses, TftpRenderOptions options)
    : ITftpVirtualFileSource
{
    public async ValueTask<ReadOnlyMemory<byte>?> TryRenderAsync(TftpVirtualFileName name, IPEndPoint client, CancellationToken cancellationToken)
    {
        var clientIp = client.Address.MapToIPv4();
        var request = new BootRequest
        {
            Mac = name.Mac ?? await MacAtAsync(name.IpAddress ?? clientIp, cancellationToken),
            ClientAddress = clientIp.ToString(),
            BaseUrl = options.PublicUrl?.TrimEnd('/') ?? $"http://{LocalAddressToward(clientIp)}:{options.HttpPort}",
            TftpAddress = LocalAddressToward(clientIp).ToString(),
        };
        var result = name.Kind switch
        {
            TftpVirtualFileKind.IpxeBoot or TftpVirtualFileKind.IpxeAutoexec => await renderer.RenderChainAsync(request, cancellationToken),
            TftpVirtualFileKind.GrubDefault => await renderer.RenderGrubDispatchAsync(request, cancellationToken),
            // A shorter hex prefix names a subnet, not a machine: those are files an operator puts on disk.
            TftpVirtualFileKind.PxelinuxIpPrefix or TftpVirtualFileKind.GrubIp when name.IpAddress is null => null,
            TftpVirtualFileKind.PxelinuxMac or TftpVirtualFileKind.PxelinuxIpPrefix or TftpVirtualFileKind.PxelinuxDefault =>
                await renderer.RenderAsync(request, BootArtifact.Pxelinux, cancellationToken),
            _ => await renderer.RenderAsync(request, BootArtifact.Grub, cancellationToken),
        };
        return result is { Status: RenderStatus.Ok } ? Encoding.UTF8.GetBytes(result.Content) : null;
    }

    private async Task<MacAddress?> MacAtAsync(IPAddress ip, CancellationToken ct)
    {
        var text = ip.ToString();
        var machine = addresses.MachineAt(text) is { } id ? await machines.GetAsync(id, ct) : await machines.FindByIpAsync(text, ct);
        return machine?.PrimaryMac;
    }

    /// <summary>The address this host sends from toward the client: what the client can reach us on. No packet is sent.</summary>
    private static IPAddress LocalAddressToward(IPAddress client)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(new IPEndPoint(client, 9));
        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }
}
