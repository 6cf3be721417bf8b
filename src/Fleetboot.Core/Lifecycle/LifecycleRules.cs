using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Lifecycle;

/// <summary>Which operator commands each state accepts, and where they lead.</summary>
public static class LifecycleRules
{
    private static readonly Dictionary<LifecycleCommand, MachineState[]> From = new()
    {
        [LifecycleCommand.Provision] = [MachineState.Registered],
        [LifecycleCommand.Reprovision] = [MachineState.Provisioning, MachineState.Installing, MachineState.Installed, MachineState.Failed],
        [LifecycleCommand.Reset] = [MachineState.Provisioning, MachineState.Installing, MachineState.Installed, MachineState.Failed, MachineState.Retired],
        [LifecycleCommand.Retire] = [MachineState.Discovered, MachineState.Registered, MachineState.Provisioning, MachineState.Installing, MachineState.Installed, MachineState.Failed],
        [LifecycleCommand.Adopt] = [MachineState.Discovered],
    };

    public static bool Allows(MachineState state, LifecycleCommand command) => From[command].Contains(state);

    /// <summary>The commands a machine in <paramref name="state"/> accepts, for error messages.</summary>
    public static IReadOnlyList<LifecycleCommand> Allowed(MachineState state) =>
        From.Where(c => c.Value.Contains(state)).Select(c => c.Key).Order().ToList();

    public static MachineState Target(LifecycleCommand command, bool hasProfile) => command switch
    {
        LifecycleCommand.Provision or LifecycleCommand.Reprovision => MachineState.Provisioning,
        LifecycleCommand.Reset => MachineState.Registered,
        LifecycleCommand.Retire => MachineState.Retired,
        _ => hasProfile ? MachineState.Provisioning : MachineState.Registered,
    };
}
