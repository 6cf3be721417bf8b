namespace Fleetboot.Core.Profiles;

/// <summary>The install configuration kinds a profile can carry, with the content type each is served with.</summary>
public static class ConfigKinds
{
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ignition"] = "application/vnd.coreos.ignition+json",
        ["talos"] = "application/yaml",
        ["kickstart"] = "text/plain; charset=utf-8",
        ["preseed"] = "text/plain; charset=utf-8",
        ["user-data"] = "text/cloud-config; charset=utf-8",
        ["meta-data"] = "application/yaml",
        ["network-config"] = "application/yaml",
    };

    public static bool IsKnown(string kind) => ContentTypes.ContainsKey(kind);
}
