using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Groups;

/// <summary>Puts selector values and request attributes into one canonical form so that matching compares strings.</summary>
public static class SelectorValues
{
    public static readonly IReadOnlySet<string> FieldKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "mac", "uuid", "hostname", "serial", "arch", "firmware", "role",
    };

    public static bool TryNormalise(string key, string value, out string normalised, out string problem)
    {
        problem = "";
        normalised = value.Trim();
        switch (key)
        {
            case "mac" when MacAddress.TryParse(value, out var mac):
                normalised = mac.ToString();
                return true;
            case "mac":
                problem = $"'{value}' is not a MAC address";
                return false;
            case "uuid" when Guid.TryParse(value, out var uuid):
                normalised = uuid.ToString();
                return true;
            case "uuid":
                problem = $"'{value}' is not a UUID";
                return false;
            case "arch" when MachineNames.TryParseArch(value, out var arch):
                normalised = MachineNames.Of(arch);
                return true;
            case "arch":
                problem = $"'{value}' is not an architecture (x86_64, arm64)";
                return false;
            case "firmware" when MachineNames.TryParseFirmware(value, out var firmware):
                normalised = MachineNames.Of(firmware);
                return true;
            case "firmware":
                problem = $"'{value}' is not a firmware kind (bios, uefi)";
                return false;
            case "hostname":
                normalised = normalised.ToLowerInvariant();
                return normalised.Length > 0 || Fail("a host name selector needs a value", out problem);
            default:
                return key.Length > 0 || Fail("a selector needs a name", out problem);
        }
    }

    private static bool Fail(string message, out string problem)
    {
        problem = message;
        return false;
    }
}
