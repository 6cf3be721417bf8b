namespace Fleetboot.Cli.Serve;

/// <summary>One setting's value and where it came from, so an error can point at the line, variable or flag.</summary>
internal sealed record SettingSource(string Key, string Value, string Origin);
