namespace Fleetboot.Core.Validation;

/// <param name="Field">The input's name as the user wrote it (camelCase, dotted for nested values).</param>
public sealed record FieldError(string Field, string Message);
