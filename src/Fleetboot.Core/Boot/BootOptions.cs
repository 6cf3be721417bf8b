namespace Fleetboot.Core.Boot;

public sealed record BootOptions
{
    public UnknownMachineAction UnknownMachine { get; init; } = UnknownMachineAction.Exit;
}
