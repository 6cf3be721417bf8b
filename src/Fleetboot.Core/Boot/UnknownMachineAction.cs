namespace Fleetboot.Core.Boot;

/// <summary>What a machine that the registry does not know gets from the boot endpoints.</summary>
public enum UnknownMachineAction
{
    /// <summary>Hand over to the next boot device.</summary>
    Exit,

    /// <summary>An iPXE menu of the profiles.</summary>
    Menu,
}
