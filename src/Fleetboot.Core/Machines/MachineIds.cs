using Fleetboot.Core.Secrets;

namespace Fleetboot.Core.Machines;

/// <summary>Generates machine ids and callback tokens.</summary>
public static class MachineIds
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>"m-" and ten characters; the prefix keeps ids apart from MACs and host names of hex digits.</summary>
    public static string NewId() => "m-" + new string(Random.Shared.GetItems(Alphabet.AsSpan(), 10));

    public static string NewToken() => SecretToken.New(24);
}
