using System.Net;
using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp;

/// <summary>A read request waiting for a transfer slot; in single-port mode it already owns its routed port.</summary>
internal sealed record TftpPendingRequest(TftpRequest Request, IPEndPoint Client, TftpSharedPort? SharedPort);
