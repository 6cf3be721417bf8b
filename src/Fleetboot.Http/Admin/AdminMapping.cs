using Fleetboot.Contracts;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Templates;
using Fleetboot.Core.Validation;
using CoreState = Fleetboot.Core.Machines.MachineState;
using WireState = Fleetboot.Contracts.MachineState;
using static Fleetboot.Http.RequestText;

namespace Fleetboot.Http.Admin;

/// <summary>Core records to API resources and API requests to Core inputs. The machine token never leaves here.</summary>
internal static class AdminMapping
{
    public static MachineDto ToDto(this Machine m) => new()
    {
        Id = m.Id,
        Macs = m.Macs.Select(mac => mac.ToString()).ToList(),
        Hostname = m.Hostname,
        Uuid = m.Uuid,
        Serial = m.Serial,
        StaticIp = m.StaticIp,
        Arch = m.Arch switch
        {
            CpuArchitecture.Arm64 => MachineArch.Arm64,
            _ => MachineArch.X86_64,
        },
        Firmware = m.Firmware switch
        {
            FirmwareKind.Bios => MachineFirmware.Bios,
            FirmwareKind.Uefi => MachineFirmware.Uefi,
            _ => null,
        },
        Role = m.Role,
        Labels = m.Labels,
        Features = m.Features,
        Specs = m.Specs,
        Metadata = m.Metadata,
        Profile = m.ProfileId,
        State = ToWire(m.State),
        StateReason = m.StateReason,
        Phase = m.Phase,
        Percent = m.Percent,
        StateChangedAt = m.StateChangedAt,
        LastActivityAt = m.LastActivityAt,
        Netboot = MachineNames.Of(m.Netboot),
        LocalBoot = m.LocalBoot is { } localBoot ? MachineNames.Of(localBoot) : null,
        Loader = m.Loader,
        CreatedAt = m.CreatedAt,
        UpdatedAt = m.UpdatedAt,
    };

    public static MachineSpec ToSpec(this MachineRequest r) => new()
    {
        Macs = r.Macs ?? [],
        Uuid = r.Uuid,
        Hostname = r.Hostname,
        Serial = r.Serial,
        StaticIp = r.StaticIp,
        Arch = r.Arch,
        Firmware = r.Firmware,
        Role = r.Role,
        Labels = r.Labels,
        Features = r.Features,
        Specs = r.Specs,
        Metadata = r.Metadata,
        Profile = r.Profile,
        Netboot = Blank(r.Netboot),
        LocalBoot = Blank(r.LocalBoot),
        Loader = Blank(r.Loader),
    };

    public static MachinePage ToDto(this Page<Machine> page) =>
        new(page.Items.Select(ToDto).ToList(), page.Total, page.Offset, page.Limit);

    public static WireState ToWire(CoreState state) => state switch
    {
        CoreState.Discovered => WireState.Discovered,
        CoreState.Registered => WireState.Registered,
        CoreState.Provisioning => WireState.Provisioning,
        CoreState.Installing => WireState.Installing,
        CoreState.Installed => WireState.Installed,
        CoreState.Failed => WireState.Failed,
        CoreState.Retired => WireState.Retired,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown machine state"),
    };

    public static ProfileDto ToDto(this Profile p) => new()
    {
        Id = p.Id,
        Description = p.Description,
        Kernel = p.Kernel,
        Initrds = p.Initrds,
        Args = p.Args,
        Rootfs = p.Rootfs,
        Configs = p.Configs,
        Files = p.Files,
        Metadata = p.Metadata,
        LocalBoot = p.LocalBoot is { } localBoot ? MachineNames.Of(localBoot) : null,
        Loader = p.Loader,
        InstallTimeoutMinutes = p.InstallTimeoutMinutes,
        UpdatedAt = p.UpdatedAt,
    };

    public static Profile ToProfile(this ProfileRequest r, string id) => new()
    {
        Id = id,
        Description = Blank(r.Description),
        Kernel = Blank(r.Kernel),
        Initrds = r.Initrds ?? [],
        Args = r.Args,
        Rootfs = Blank(r.Rootfs),
        Configs = r.Configs ?? new Dictionary<string, string>(),
        Files = r.Files ?? new Dictionary<string, string>(),
        Metadata = r.Metadata,
        LocalBoot = LocalBootOf(r.LocalBoot),
        Loader = Blank(r.Loader),
        InstallTimeoutMinutes = r.InstallTimeoutMinutes,
    };

    /// <exception cref="ValidationException">not a local boot method.</exception>
    private static LocalBootMethod? LocalBootOf(string? text)
    {
        if (Blank(text) is not { } value) return null;
        return MachineNames.TryParseLocalBoot(value, out var method)
            ? method
            : throw new ValidationException("localBoot", $"'{value}' is not a local boot method (exit, disk, http404)");
    }

    public static BootEventDto ToDto(this BootEvent e) =>
        new(e.Id, e.Time, e.MachineId, e.Mac, e.Kind, e.Source, e.Outcome, e.Message, e.Data) { Count = e.Count, LastTime = e.LastTime };

    /// <summary>The homelab seed's <c>/api/states</c> row.</summary>
    public static MachineStatusDto ToStatus(this Machine m) =>
        new(m.PrimaryMac.ToString(), m.Hostname, MachineNames.Of(m.State), m.Phase, m.Percent, m.StateReason, m.StateChangedAt ?? m.UpdatedAt);

    public static GroupDto ToDto(this Group g) => new()
    {
        Id = g.Id,
        Description = g.Description,
        Profile = g.ProfileId,
        Selectors = g.Selectors,
        Metadata = g.Metadata,
        UpdatedAt = g.UpdatedAt,
    };

    public static Group ToGroup(this GroupRequest r, string id) => new()
    {
        Id = id,
        Description = Blank(r.Description),
        ProfileId = r.Profile?.Trim() ?? "",
        Selectors = r.Selectors ?? new Dictionary<string, string>(),
        Metadata = r.Metadata,
    };

    public static TemplateDto ToDto(this TemplateInfo t) => new()
    {
        Name = t.Name,
        Version = t.Version,
        BuiltIn = t.IsBuiltIn,
        Content = t.Content,
        CreatedAt = t.UpdatedAt,
    };

    public static TemplateDto ToDto(this TemplateVersion v) => new()
    {
        Name = v.Name,
        Version = v.Version,
        BuiltIn = false,
        Content = v.Content,
        CreatedAt = v.CreatedAt,
    };

    public static MacReservationDto ToDto(this MacReservation r) => new(r.Mac.ToString(), r.Note, r.CreatedAt);
}
