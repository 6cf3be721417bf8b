namespace Fleetboot.Core.Machines;

/// <summary>When a machine boots its profile from the network.</summary>
public enum NetbootPolicy
{
    /// <summary>Only while an install is pending: a finished install turns network install off.</summary>
    Once,

    /// <summary>On every boot (diskless machines).</summary>
    Always,

    /// <summary>Never; the machine always boots its disk.</summary>
    Never,
}
