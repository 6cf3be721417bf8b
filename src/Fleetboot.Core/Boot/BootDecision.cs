using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Boot;

/// <summary>Whether a known machine boots its profile now, from its lifecycle state and netboot policy.</summary>
internal static class BootDecision
{
    /// <returns>null: boot the profile; otherwise why the machine boots its disk instead.</returns>
    public static string? LocalBootReason(Machine machine)
    {
        var name = machine.Hostname ?? machine.PrimaryMac.ToString();
        if (machine.State == MachineState.Retired) return $"{name} is retired";
        return machine.Netboot switch
        {
            NetbootPolicy.Always => null,
            NetbootPolicy.Never => $"{name} never boots from the network",
            _ => machine.State switch
            {
                MachineState.Provisioning or MachineState.Installing => null,
                MachineState.Installed => $"{name} is installed",
                MachineState.Failed => $"the install of {name} failed ({machine.StateReason}); reprovision it to try again",
                _ => $"{name} has no install pending",
            },
        };
    }
}
