namespace Fleetboot.Core.Boot;

public sealed record BootOptions
{
    public UnknownMachineAction UnknownMachine { get; init; } = UnknownMachineAction.Exit;

    /// <summary>The profile that discovered machines boot (an inventory image, say); null: they get <see cref="UnknownMachine"/>.</summary>
    public string? DiscoveryProfile { get; init; }
}
