namespace Fleetboot.Cli.Serve;

/// <summary>The configuration is invalid; the message names where (file and line, variable or flag) and what to do.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
