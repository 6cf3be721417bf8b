namespace Fleetboot.Contracts;

/// <summary>The text a machine would be served for one render kind, rendered now.</summary>
public sealed record RenderPreviewDto
{
    public required string Machine { get; init; }
    public required string Kind { get; init; }

    /// <summary>For generic files, the file name.</summary>
    public string? Name { get; init; }
    public required string ContentType { get; init; }
    public required string Content { get; init; }
}
