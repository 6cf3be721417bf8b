namespace Fleetboot.Tftp;

/// <summary>How rendered TFTP files point loaders back at the HTTP server.</summary>
/// <param name="PublicUrl">The URL machines reach the HTTP server on; null: this host's address toward the client, on <paramref name="HttpPort"/>.</param>
public sealed record TftpRenderOptions(string? PublicUrl, int HttpPort);
