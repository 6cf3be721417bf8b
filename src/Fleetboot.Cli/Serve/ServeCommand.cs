using System.CommandLine;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Fleetboot.Cli.Serve;

/// <summary><c>fleetboot serve</c>: runs the server until SIGINT or SIGTERM.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "YAML configuration file (also FLEETBOOT_CONFIG)" };
        var flags = SettingKeys.All.ToDictionary(k => k, k => new Option<string?>(SettingKeys.FlagName(k)) { Description = Describe(k) });
        var command = new Command("serve", "Run the Fleetboot server (HTTP, and TFTP/DHCP when enabled)") { config };
        foreach (var flag in flags.Values) command.Options.Add(flag);

        command.SetAction(async (parse, ct) =>
        {
            var given = flags.Where(f => parse.GetValue(f.Value) is not null).ToDictionary(f => f.Key, f => parse.GetValue(f.Value)!);
            ServerSettings settings;
            try
            {
                settings = SettingsLoader.Load(parse.GetValue(config), Environment.GetEnvironmentVariables(), given);
            }
            catch (ConfigurationException e)
            {
                await Console.Error.WriteLineAsync($"fleetboot: configuration error: {e.Message}");
                return 2;
            }
            return await RunAsync(settings, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServerSettings settings, CancellationToken ct)
    {
        WebApplication built;
        try
        {
            built = ServerHost.Build(settings);
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"fleetboot: configuration error: {e.Message}");
            return 2;
        }
        await using var app = built;
        try
        {
            var (tokenPath, created) = await ServerHost.InitializeAsync(app, ct);
            Console.WriteLine($"fleetboot: data in {Path.GetFullPath(settings.DataDirectory)}");
            Console.WriteLine(created ? $"fleetboot: admin token written to {tokenPath} (mode 0600)" : $"fleetboot: admin token in {tokenPath}");
            await app.StartAsync(ct);
        }
        catch (Exception e) when (Describe(e, settings) is { } message)
        {
            await Console.Error.WriteLineAsync($"fleetboot: {message}");
            return 1;
        }
        Console.WriteLine($"fleetboot: HTTP on http://{settings.Http}; TFTP {settings.Tftp}; DHCP {settings.Dhcp}. Ctrl-C stops.");
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    /// <summary>Start-up failures a user can fix, said in one line with the fix.</summary>
    private static string? Describe(Exception e, ServerSettings settings) => e switch
    {
        // The protocol servers say which listener failed and how to fix it.
        InvalidOperationException { InnerException: SocketException } => e.Message,
        _ when HasSocketError(e, SocketError.AddressAlreadyInUse) =>
            $"cannot listen on {settings.Http}: the address is already in use; stop the other server or pick another with --http ADDR:PORT",
        _ when HasSocketError(e, SocketError.AccessDenied) =>
            $"cannot listen on {settings.Http}: permission denied; run as root, grant CAP_NET_BIND_SERVICE, or pick a port above 1023 with --http ADDR:PORT",
        Storage.SchemaVersionException => e.Message,
        UnauthorizedAccessException => $"cannot use the data directory {settings.DataDirectory}: {e.Message}; pick another with --data DIR",
        _ => null,
    };

    private static bool HasSocketError(Exception? e, SocketError error)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SocketException s && s.SocketErrorCode == error) return true;
        return false;
    }

    private static string Describe(string key) => key switch
    {
        "data" => "Data directory: database, admin token, assets, TFTP root (default ./data; FLEETBOOT_DATA)",
        "http" => "HTTP listen address ADDR:PORT (default 0.0.0.0:8080; FLEETBOOT_HTTP)",
        "tftp" => "TFTP listen address ADDR:PORT, or off (default 0.0.0.0:69; FLEETBOOT_TFTP)",
        "dhcp" => "DHCP mode: off, proxy (boot files beside the site's DHCP) or full (default off; FLEETBOOT_DHCP)",
        "dhcpInterface" => "Interface DHCP serves (FLEETBOOT_DHCP_INTERFACE)",
        "dhcpRange" => "Full DHCP's address pool FIRST-LAST on that interface's subnet (FLEETBOOT_DHCP_RANGE)",
        "dhcpRouter" => "Router handed out in full mode (FLEETBOOT_DHCP_ROUTER)",
        "dhcpDns" => "DNS servers handed out in full mode, comma-separated (FLEETBOOT_DHCP_DNS)",
        "dhcpServerAddress" => "DHCP server identifier and next-server (default: the receiving interface's address; FLEETBOOT_DHCP_SERVER_ADDRESS)",
        "dhcpDeclineHold" => "How long a declined or probe-answering address is held back, e.g. 10m (default 10m; FLEETBOOT_DHCP_DECLINE_HOLD)",
        "dhcpOfferHold" => "How long an offered address is kept for its client, e.g. 30s (default 30s; FLEETBOOT_DHCP_OFFER_HOLD)",
        "dhcpProbeAttempts" => "Probed addresses that may answer in a row before a DISCOVER goes unanswered (default 3; FLEETBOOT_DHCP_PROBE_ATTEMPTS)",
        "dhcpBiosLoader" => "Loader file for BIOS PXE clients (default undionly.kpxe; FLEETBOOT_DHCP_BIOS_LOADER)",
        "dhcpUefiLoader" => "Loader file for x86/x64 UEFI clients: ipxe.efi or snponly.efi (default ipxe.efi; FLEETBOOT_DHCP_UEFI_LOADER)",
        "dhcpArm64Loader" => "Loader file for arm64 UEFI clients (default ipxe-arm64.efi; FLEETBOOT_DHCP_ARM64_LOADER)",
        "dhcpGrubLoader" => "File of the grub loader kind (default grubnetx64.efi; FLEETBOOT_DHCP_GRUB_LOADER)",
        "dhcpShimLoader" => "File of the shim loader kind, for Secure Boot (default shimx64.efi; FLEETBOOT_DHCP_SHIM_LOADER)",
        "dhcpPxelinuxLoader" => "File of the pxelinux loader kind (default lpxelinux.0; FLEETBOOT_DHCP_PXELINUX_LOADER)",
        "publicUrl" => "URL machines use to reach this server (default: from each request; FLEETBOOT_PUBLIC_URL)",
        "unknownMachine" => "What unregistered machines get: exit or menu (default exit; FLEETBOOT_UNKNOWN_MACHINE)",
        "discoveryProfile" => "Profile that discovered (unregistered) machines boot (FLEETBOOT_DISCOVERY_PROFILE)",
        "macPrefix" => "Prefix for allocated MACs (default 02:fb; FLEETBOOT_MAC_PREFIX)",
        _ => "Log level: trace, debug, information, warning, error (default information; FLEETBOOT_LOG_LEVEL)",
    };
}
