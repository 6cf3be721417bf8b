namespace Fleetboot.Core.Machines;

/// <summary>Where a machine is in its lifecycle; decides what it boots next.</summary>
public enum MachineState
{
    Discovered,
    Registered,
    Provisioning,
    Installing,
    Installed,
    Failed,
    Retired,
}
