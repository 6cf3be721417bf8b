namespace Fleetboot.Core.Lifecycle;

/// <summary>What an operator can ask of a machine's lifecycle.</summary>
public enum LifecycleCommand
{
    /// <summary>Install on the next network boot.</summary>
    Provision,

    /// <summary>Install again: after a finished or failed install, or to restart one.</summary>
    Reprovision,

    /// <summary>Forget any pending or finished install: back to registered.</summary>
    Reset,

    /// <summary>Take out of service: it boots nothing from the network.</summary>
    Retire,

    /// <summary>Make a discovered machine a registered one, with a host name and profile.</summary>
    Adopt,
}
