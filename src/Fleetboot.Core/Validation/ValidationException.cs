namespace Fleetboot.Core.Validation;

/// <summary>The input was refused; nothing was changed.</summary>
public sealed class ValidationException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public ValidationException(string field, string message) : this([new FieldError(field, message)])
    {
    }
}
