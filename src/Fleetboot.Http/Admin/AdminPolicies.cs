namespace Fleetboot.Http.Admin;

/// <summary>Authorization policies of the admin API.</summary>
public static class AdminPolicies
{
    /// <summary>Every write (and every read that reveals a machine's secret) needs the admin bearer token.</summary>
    public const string Write = "fleetboot-admin-write";
}
