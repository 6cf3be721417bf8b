namespace Fleetboot.Core.Validation;

/// <summary>A removal was refused because something still refers to the resource.</summary>
public sealed class ResourceInUseException(string resource, string usedBy)
    : Exception($"{resource} is still used by {usedBy}")
{
    public string Resource { get; } = resource;
    public string UsedBy { get; } = usedBy;
}
