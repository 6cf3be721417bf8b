using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Lifecycle;

/// <summary>The machine's state does not accept the command; <see cref="Allowed"/> says what it does accept.</summary>
public sealed class InvalidTransitionException(string machine, MachineState state, string command, IReadOnlyList<LifecycleCommand> allowed)
    : Exception($"{machine} is {MachineNames.Of(state)}: it cannot {command}; allowed: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant())))}")
{
    public MachineState State { get; } = state;
    public IReadOnlyList<LifecycleCommand> Allowed { get; } = allowed;
}
