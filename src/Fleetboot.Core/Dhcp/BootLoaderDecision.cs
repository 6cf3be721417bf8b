namespace Fleetboot.Core.Dhcp;

/// <summary>The boot file to put in the reply.</summary>
/// <param name="File">A TFTP path or an absolute http:// URL.</param>
/// <param name="Architecture">The architecture the decision was made for, when known.</param>
/// <param name="IsHttpBoot">UEFI HTTP boot: the reply must carry option 60 <c>HTTPClient</c>.</param>
/// <param name="Reason">Short text for logs and events (bios, uefi, ipxe, fleetboot, override, http-boot).</param>
/// <param name="UnfitLoader">The machine's loader kind when it does not fit this firmware and the default was chosen instead.</param>
public sealed record BootLoaderDecision(string File, ushort? Architecture, bool IsHttpBoot, string Reason, string? UnfitLoader = null);
