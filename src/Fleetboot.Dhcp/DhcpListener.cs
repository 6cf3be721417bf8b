using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Dhcp;

/// <summary>One UDP socket bound to one interface and port.</summary>
internal sealed record DhcpListener(Socket Socket, string InterfaceName, IPAddress InterfaceAddress, int Port) : IDisposable
{
    public void Dispose() => Socket.Dispose();
}
