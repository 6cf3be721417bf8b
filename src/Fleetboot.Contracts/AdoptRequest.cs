namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/machines/{ref}/adopt</c>: makes a discovered machine a registered one.</summary>
/// <param name="Hostname">Required.</param>
/// <param name="Profile">With a profile the machine is provisioning at once; without, registered.</param>
public sealed record AdoptRequest(string? Hostname, string? Profile = null);
