using Fleetboot.Core.Boot;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Events;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Lifecycle;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Templates;
using Fleetboot.Http.Admin;
using Fleetboot.Http.Assets;
using Fleetboot.Http.Boot;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Dhcp;
using Fleetboot.Storage;
using Fleetboot.Tftp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Cli.Serve;

/// <summary>The composition root: one process that hosts storage, Core and every protocol adapter.</summary>
public static class ServerHost
{
    /// <summary>Builds the server; call <see cref="InitializeAsync"/> before running it.</summary>
    public static WebApplication Build(ServerSettings settings, Action<ILoggingBuilder>? logging = null)
    {
        var data = Path.GetFullPath(settings.DataDirectory);
        if (!EndpointText.TryParse(settings.Http, out var httpEndpoint))
            throw new ConfigurationException($"'{settings.Http}' is not an HTTP listen address (ADDR:PORT)");

        // Settings come from ServerSettings alone: no appsettings.json, no file watchers, and Kestrel
        // without the HTTP/3 (QUIC) transport, which nothing here uses.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Services.AddRouting();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(httpEndpoint);
            k.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(Enum.Parse<LogLevel>(settings.LogLevel, ignoreCase: true));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // Every anonymous read would otherwise log that it carried no admin token.
        builder.Logging.AddFilter("Fleetboot.Http.Admin.AdminTokenAuthenticationHandler", LogLevel.Warning);
        // Start-up failures are reported once, in words, by the serve command.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        logging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddFleetbootSqlite(data);
        CacheMachineReads(services);
        services.AddSingleton<TemplateEngine>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<MachineRegistry>();
        services.AddSingleton<ProfileCatalog>();
        services.AddSingleton<GroupCatalog>();
        services.AddSingleton<TemplateLibrary>();
        services.AddSingleton(new MacAllocatorOptions { Prefix = settings.MacPrefix });
        services.AddSingleton<MacAllocator>();
        services.AddSingleton(new BootOptions
        {
            UnknownMachine = Enum.Parse<UnknownMachineAction>(settings.UnknownMachine, ignoreCase: true),
            DiscoveryProfile = settings.DiscoveryProfile,
        });
        services.AddSingleton<BootRenderer>();
        services.AddSingleton(new BootEventRetention());
        services.AddSingleton(new RepeatFolding());
        services.AddSingleton<MachineAddressBook>();
        services.AddSingleton<BootEventRecorder>();
        services.AddSingleton<Core.Abstractions.IBootEventSink>(sp => sp.GetRequiredService<BootEventRecorder>());
        services.AddSingleton<MachineLifecycle>();
        services.AddHostedService<BootEventWriter>();
        services.AddHostedService<LifecycleWatchdog>();
        services.AddSingleton(new BootHttpOptions
        {
            PublicUrl = settings.PublicUrl,
            TftpAddress = settings.Tftp == "off" ? null : settings.Tftp,
            AssetsDirectory = Path.Combine(data, "assets"),
            LogsDirectory = Path.Combine(data, "logs"),
        });
        services.AddFleetbootAdminApi(admin => admin.TokenFile = Path.Combine(data, AdminToken.FileName));

        if (settings.Tftp != "off" && EndpointText.TryParse(settings.Tftp, out var tftpEndpoint))
        {
            services.AddFleetbootTftp(new TftpOptions { Endpoint = tftpEndpoint, Root = Path.Combine(data, "tftp"), AssetsRoot = Path.Combine(data, "assets") });
            services.AddSingleton(new TftpRenderOptions(settings.PublicUrl, httpEndpoint.Port));
            services.AddSingleton<ITftpVirtualFileSource, BootRendererFileSource>();
        }

        // The subnets API works in every mode; the DHCP server (full mode) follows the catalog's changes.
        var dhcp = DhcpSettings.ToOptions(settings, httpEndpoint.Port);
        services.AddSingleton(sp => new DhcpSubnetCatalog(dhcp.Subnets, sp.GetRequiredService<IDhcpSubnetStore>()));
        if (dhcp.Mode != DhcpMode.Off)
        {
            services.AddFleetbootSqliteLeases();
            services.AddSingleton<IDhcpMachineDirectory, RegistryDhcpDirectory>();
            services.AddFleetbootDhcp(dhcp);
        }

        var app = builder.Build();
        app.UseFleetbootAssets(Path.Combine(data, "assets"));
        app.UseFleetbootLoaders(Path.Combine(data, "tftp"));
        app.MapFleetbootHealth();
        app.MapFleetbootBootEndpoints();
        app.MapFleetbootAdminApi();
        return app;
    }

    /// <summary>Puts <see cref="CachedMachineStore"/> in front of the registered machine store.</summary>
    private static void CacheMachineReads(IServiceCollection services)
    {
        var stored = services.Single(d => d.ServiceType == typeof(IMachineStore));
        services.Remove(stored);
        services.AddSingleton<IMachineStore>(sp => new CachedMachineStore(
            (IMachineStore)ActivatorUtilities.CreateInstance(sp, stored.ImplementationType!), sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Creates the data directory, applies migrations and makes the admin token; before any listener starts.</summary>
    /// <returns>The admin token's path and whether it was created now.</returns>
    public static async Task<(string TokenPath, bool Created)> InitializeAsync(WebApplication app, CancellationToken ct)
    {
        var settings = app.Services.GetRequiredService<ServerSettings>();
        var data = Path.GetFullPath(settings.DataDirectory);
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(Path.Combine(data, "assets"));
        await app.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(ct);
        // The loaders serve TFTP clients and, over HTTP at the base URL, UEFI HTTP Boot clients that DHCP points there.
        if (settings.Tftp != "off" || settings.Dhcp != "off") ReportLoaders(new TftpLoaderInstaller().Install(Path.Combine(data, "tftp")));
        return AdminToken.Ensure(data);
    }

    private static void ReportLoaders(TftpLoaderInstallReport report)
    {
        if (report.Installed.Count > 0) Console.WriteLine($"fleetboot: installed {report.Installed.Count} boot loaders into the TFTP root");
        if (report.FixCommand is { } fix)
            Console.WriteLine($"fleetboot: {report.Missing.Count} boot loaders are not on this machine ({string.Join(", ", report.Missing.Select(m => m.Target))}); to serve them: {fix}");
    }
}
