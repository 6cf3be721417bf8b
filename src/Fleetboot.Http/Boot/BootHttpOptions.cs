namespace Fleetboot.Http.Boot;

public sealed record BootHttpOptions
{
    /// <summary>The URL machines use to reach this server; null: taken from each request's Host header.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>The TFTP server's address as templates show it; null when TFTP is off.</summary>
    public string? TftpAddress { get; init; }

    /// <summary>Root of <c>/assets/</c>.</summary>
    public required string AssetsDirectory { get; init; }

    /// <summary>Where installers' uploaded logs are kept (<c>DATA/logs/&lt;machine-id&gt;/&lt;utc-timestamp&gt;.log</c>); null: uploads are refused.</summary>
    public string? LogsDirectory { get; init; }

    /// <summary>Largest install log a failure callback may upload.</summary>
    public int MaxLogBytes { get; init; } = 1024 * 1024;
}
