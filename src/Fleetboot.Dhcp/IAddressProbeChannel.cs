using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Dhcp;

/// <summary>How <see cref="DhcpAddressProber"/> asks whether an address is in use: the question it sends and the answers it recognises.</summary>
internal interface IAddressProbeChannel : IDisposable
{
    /// <summary>The socket that answers arrive on.</summary>
    Socket Socket { get; }

    /// <summary>Asks whether <paramref name="address"/> is in use, out of <paramref name="interfaceName"/> where the channel needs one.</summary>
    /// <exception cref="SocketException">it could not be sent (no route, interface down).</exception>
    void Send(IPAddress address, string interfaceName);

    /// <summary>The address that <paramref name="packet"/> proves in use; null when it is not an answer.</summary>
    IPAddress? ReadAnswer(ReadOnlySpan<byte> packet);
}
