namespace Fleetboot.Cli.Lab;

/// <summary>A lab step that failed for a reason the user can act on; the message says what and how to fix it.</summary>
public sealed class LabException : Exception
{
    public LabException(string message) : base(message) { }
    public LabException(string message, Exception inner) : base(message, inner) { }
    public LabException() { }
}
