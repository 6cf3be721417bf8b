using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp;

/// <summary>The outcome of looking up a requested file: content to send, or the TFTP error to answer with.</summary>
internal sealed record TftpOpenResult(TftpContent? Content, TftpErrorCode Error, string ErrorMessage, string? Path, string? Refusal)
{
    public static TftpOpenResult Found(TftpContent content, string path) => new(content, TftpErrorCode.NotDefined, "", path, null);

    public static TftpOpenResult NotFound(string? path) => new(null, TftpErrorCode.FileNotFound, "File not found", path, null);

    public static TftpOpenResult Denied(string? path, string refusal) => new(null, TftpErrorCode.AccessViolation, "Access violation", path, refusal);

    public static TftpOpenResult Failed(string? path, string message) => new(null, TftpErrorCode.NotDefined, message, path, null);
}
