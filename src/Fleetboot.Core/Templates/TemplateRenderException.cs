namespace Fleetboot.Core.Templates;

public sealed class TemplateRenderException(RenderError error) : Exception(error.ToString())
{
    public RenderError Error { get; } = error;
}
