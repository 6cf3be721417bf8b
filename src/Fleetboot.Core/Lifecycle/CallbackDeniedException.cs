namespace Fleetboot.Core.Lifecycle;

/// <summary>An installer callback without the machine's token, or for a machine that does not exist; nothing changed.</summary>
public sealed class CallbackDeniedException(string message) : Exception(message);
