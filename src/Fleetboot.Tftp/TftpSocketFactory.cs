using System.Net.Sockets;

namespace Fleetboot.Tftp;

/// <summary>Creates the server's UDP sockets. Tests override it to create them inside a network namespace.</summary>
internal class TftpSocketFactory
{
    public virtual Socket CreateUdp(AddressFamily family) => new(family, SocketType.Dgram, ProtocolType.Udp);
}
