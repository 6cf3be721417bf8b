namespace Fleetboot.Http.Admin;

/// <summary>Settings of the admin REST API.</summary>
public sealed class AdminApiOptions
{
    /// <summary>File holding the admin bearer token (<c>DATA/admin.token</c>). Re-read when it changes. No file: every write is refused.</summary>
    public string TokenFile { get; set; } = Path.Combine("data", "admin.token");

    /// <summary>Largest page a machine list returns.</summary>
    public int MaxPageSize { get; set; } = 1000;
}
