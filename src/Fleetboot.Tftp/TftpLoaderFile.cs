namespace Fleetboot.Tftp;

/// <summary>One loader binary: the Debian package that ships it, its installed path, and its name in the TFTP root.</summary>
public sealed record TftpLoaderFile(string Package, string Source, string Target);
