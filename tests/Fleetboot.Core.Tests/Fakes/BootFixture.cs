using System.Text.Json.Nodes;
using Fleetboot.Core.Boot;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Templates;

namespace Fleetboot.Core.Tests.Fakes;

/// <summary>A BootRenderer over in-memory stores, with helpers to put machines, profiles and groups in them.</summary>
internal sealed class BootFixture : IDisposable
{
    public const string BaseUrl = "http://10.0.0.1:8080";

    public ManualTimeProvider Time { get; } = new();
    public InMemoryMachineStore Machines { get; } = new();
    public InMemoryProfileStore Profiles { get; } = new();
    public InMemoryGroupStore Groups { get; } = new();
    public InMemoryTemplateStore Templates { get; }
    public CatalogCache Cache { get; }
    public TemplateEngine Engine { get; } = new();
    public BootRenderer Renderer { get; }

    public BootFixture(BootOptions? options = null)
    {
        Templates = new InMemoryTemplateStore(Time);
        Cache = new CatalogCache(Profiles, Groups, Templates, Time);
        Renderer = new BootRenderer(Machines, Cache, Engine, options ?? new BootOptions());
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Profile LinuxProfile(string id = "linux") => new()
    {
        Id = id,
        Description = "Linux installer",
        Kernel = "/assets/linux/vmlinuz",
        Initrds = ["/assets/linux/initrd.img"],
        Args = "console=ttyS0",
    };

    /// <summary>A machine waiting for its install, so that it boots its profile.</summary>
    public static Machine NewMachine(string mac = "52:54:00:00:00:01", string? hostname = "web-01", string? profile = null) => new()
    {
        State = MachineState.Provisioning,
        Id = "m-" + mac.Replace(":", "", StringComparison.Ordinal),
        Macs = [MacAddress.Parse(mac)],
        Hostname = hostname,
        ProfileId = profile,
        Token = "tok-" + mac.Replace(":", "", StringComparison.Ordinal),
    };

    public static BootRequest Request(string? mac = "52:54:00:00:00:01", IReadOnlyDictionary<string, string>? query = null) => new()
    {
        Mac = mac is null ? null : MacAddress.Parse(mac),
        ClientAddress = "10.0.0.50",
        BaseUrl = BaseUrl,
        TftpAddress = "10.0.0.1",
        Query = query ?? new Dictionary<string, string>(),
    };

    public async Task<Profile> AddAsync(Profile profile)
    {
        await Profiles.AddAsync(profile, Ct);
        Cache.Invalidate();
        return profile;
    }

    public async Task<Group> AddAsync(Group group)
    {
        await Groups.AddAsync(group, Ct);
        Cache.Invalidate();
        return group;
    }

    public async Task<Machine> AddAsync(Machine machine)
    {
        await Machines.AddAsync(machine, Ct);
        return machine;
    }

    public Task<RenderResult> RenderAsync(BootRequest request, BootArtifact artifact) => Renderer.RenderAsync(request, artifact, Ct);

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public void Dispose() => Cache.Dispose();
}
