using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Templates;
using Fleetboot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fleetboot.Cli.Lab;

/// <summary>
/// The lab's view of the registry: the test installer's profile, the lab VMs' machines and their timelines, through
/// Core's own services on the lab server's database (the server picks up writes from another process within
/// <see cref="CatalogCache.MaxAge"/> and <see cref="CachedMachineStore.MaxAge"/>; a VM is registered before it first boots).
/// </summary>
public sealed class LabRegistry : IAsyncDisposable
{
    public const string InstallerProfile = "lab-installer";
    public const string InstallerAssets = "lab";

    private readonly ServiceProvider _services;

    private LabRegistry(ServiceProvider services) => _services = services;

    public static async Task<LabRegistry> OpenAsync(string dataDirectory, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddFleetbootSqlite(Path.GetFullPath(dataDirectory));
        services.AddSingleton<TemplateEngine>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<MachineRegistry>();
        services.AddSingleton<ProfileCatalog>();
        services.AddSingleton(new MacAllocatorOptions());
        services.AddSingleton<MacAllocator>();
        var provider = services.BuildServiceProvider();
        try
        {
            Directory.CreateDirectory(dataDirectory);
            await provider.GetRequiredService<IStorageInitializer>().InitializeAsync(ct);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return new LabRegistry(provider);
    }

    /// <summary>Copies the installer into <c>DATA/assets/lab/</c> and makes (or updates) the profile that boots it.</summary>
    public async Task<Profile> EnsureInstallerProfileAsync(string dataDirectory, Installer.TestInstallerFiles installer, CancellationToken ct)
    {
        var assets = Path.Combine(Path.GetFullPath(dataDirectory), "assets", InstallerAssets);
        Directory.CreateDirectory(assets);
        CopyIfChanged(installer.Kernel, Path.Combine(assets, "vmlinuz"));
        CopyIfChanged(installer.Initrd, Path.Combine(assets, "initrd.gz"));
        var profile = new Profile
        {
            Id = InstallerProfile,
            Description = $"Fleetboot lab test installer (Debian kernel {installer.KernelRelease}, busybox initramfs)",
            Kernel = $"/assets/{InstallerAssets}/vmlinuz",
            Initrds = [$"/assets/{InstallerAssets}/initrd.gz"],
            Args = "console=ttyS0 panic=-1",
        };
        var catalog = _services.GetRequiredService<ProfileCatalog>();
        return await catalog.GetAsync(profile.Id, ct) is null
            ? await catalog.AddAsync(profile, ct)
            : await catalog.ReplaceAsync(profile, ct) ?? profile;
    }

    /// <summary>The machine with this host name, made when missing (with <paramref name="mac"/>, else a newly allocated MAC).</summary>
    /// <param name="loader">The machine's loader (null: its profile's, iPXE).</param>
    public async Task<Machine> EnsureMachineAsync(string hostname, string? mac, string firmware, string profile, string? loader, CancellationToken ct)
    {
        var registry = _services.GetRequiredService<MachineRegistry>();
        if (await registry.FindAsync(hostname, ct) is { } existing)
        {
            if (mac is not null && MacAddress.TryParse(mac, out var wanted) && !existing.Macs.Contains(wanted))
                throw new LabException($"machine {hostname} exists with MAC {existing.PrimaryMac}, not {mac}; pick another name or remove it");
            if (existing.Loader != loader)
                throw new LabException($"machine {hostname} exists with loader {existing.Loader ?? "(default)"}, not {loader ?? "(default)"}; pick another name or remove it");
            return existing;
        }
        mac ??= (await _services.GetRequiredService<MacAllocator>().AllocateAsync(1, null, $"lab VM {hostname}", ct))[0].Mac.ToString();
        try
        {
            return await registry.AddAsync(new MachineSpec
            {
                Macs = [mac],
                Hostname = hostname,
                Arch = "x86_64",
                Firmware = firmware,
                Role = "lab",
                Labels = new Dictionary<string, string> { ["lab"] = "true" },
                Profile = profile,
                Loader = loader,
            }, ct);
        }
        catch (UniqueConflictException e)
        {
            throw new LabException($"cannot register {hostname}: {e.Message}", e);
        }
    }

    public Task<Machine?> FindMachineAsync(string reference, CancellationToken ct) =>
        _services.GetRequiredService<MachineRegistry>().FindAsync(reference, ct);

    public async Task<IReadOnlyList<Machine>> LabMachinesAsync(CancellationToken ct)
    {
        var page = await _services.GetRequiredService<MachineRegistry>().ListAsync(new MachineQuery { Role = "lab", Limit = 500 }, ct);
        return page.Items;
    }

    public Task<IReadOnlyList<BootEvent>> TimelineAsync(string machineId, int limit, CancellationToken ct) =>
        _services.GetRequiredService<IBootEventStore>().ListForMachineAsync(machineId, limit, ct);

    public Task<IReadOnlyList<BootEvent>> EventsAfterAsync(long afterId, int limit, CancellationToken ct) =>
        _services.GetRequiredService<IBootEventStore>().ListAsync(afterId, null, limit, ct);

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static void CopyIfChanged(string source, string target)
    {
        var from = new FileInfo(source);
        var to = new FileInfo(target);
        if (to.Exists && to.Length == from.Length && to.LastWriteTimeUtc >= from.LastWriteTimeUtc) return;
        File.Copy(source, target, overwrite: true);
    }
}
