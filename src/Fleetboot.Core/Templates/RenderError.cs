namespace Fleetboot.Core.Templates;

/// <summary>Why a template did not render; <see cref="Line"/> and <see cref="Column"/> are 1-based when known.</summary>
public sealed record RenderError(string Template, string Message, int? Line, int? Column)
{
    public override string ToString() =>
        Line is null ? $"{Template}: {Message}" : $"{Template}:{Line}:{Column}: {Message}";
}
