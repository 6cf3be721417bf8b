using System.Text.RegularExpressions;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Machines;

/// <summary>Validates operators' machine descriptions and keeps the registry. Every change goes through here.</summary>
public sealed partial class MachineRegistry(IMachineStore machines, IProfileStore profiles, TimeProvider time)
{
    /// <exception cref="ValidationException">the spec is invalid; nothing is stored.</exception>
    /// <exception cref="UniqueConflictException">a MAC, host name, UUID or IP belongs to another machine.</exception>
    public async Task<Machine> AddAsync(MachineSpec spec, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // A machine registered with its profile is waiting for its install; without one, nothing is pending.
        var state = string.IsNullOrWhiteSpace(spec.Profile) ? MachineState.Registered : MachineState.Provisioning;
        var machine = await BuildAsync(spec, MachineIds.NewId(), MachineIds.NewToken(), state, now, ct) with { StateChangedAt = now };
        await machines.AddAsync(machine, ct);
        return machine;
    }

    /// <returns>null when no machine answers to <paramref name="reference"/>.</returns>
    public async Task<Machine?> ReplaceAsync(string reference, MachineSpec spec, CancellationToken ct)
    {
        var existing = await FindAsync(reference, ct);
        if (existing is null) return null;
        var machine = await BuildAsync(spec, existing.Id, existing.Token, existing.State, existing.CreatedAt, ct);
        machine = machine with
        {
            UpdatedAt = time.GetUtcNow(),
            StateReason = existing.StateReason,
            Phase = existing.Phase,
            Percent = existing.Percent,
            StateChangedAt = existing.StateChangedAt,
            LastActivityAt = existing.LastActivityAt,
        };
        return await machines.UpdateAsync(machine, ct) ? machine : null;
    }

    /// <summary>Finds a machine by id, by any of its MACs (in any accepted form) or by host name (in any case).</summary>
    public async Task<Machine?> FindAsync(string reference, CancellationToken ct)
    {
        // A host name such as cafebabe0001 or dead.beef.cafe also reads as a MAC: try it as a host name when no MAC matches.
        if (MacAddress.TryParse(reference, out var mac) && await machines.FindByMacAsync(mac, ct) is { } byMac) return byMac;
        return await machines.GetAsync(reference, ct) ?? await machines.FindByHostnameAsync(reference.Trim().ToLowerInvariant(), ct);
    }

    public Task<Page<Machine>> ListAsync(MachineQuery query, CancellationToken ct) => machines.ListAsync(query, ct);

    public async Task<bool> RemoveAsync(string reference, CancellationToken ct)
    {
        var existing = await FindAsync(reference, ct);
        return existing is not null && await machines.RemoveAsync(existing.Id, ct);
    }

    /// <summary>Stores a change that Core made (state, discovery facts); not for operators' input.</summary>
    public Task<bool> SaveAsync(Machine machine, CancellationToken ct) =>
        machines.UpdateAsync(machine with { UpdatedAt = time.GetUtcNow() }, ct);

    private async Task<Machine> BuildAsync(MachineSpec spec, string id, string token, MachineState state, DateTimeOffset createdAt, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var macs = ParseMacs(spec.Macs, errors);
        Guid? uuid = null;
        if (!string.IsNullOrWhiteSpace(spec.Uuid))
        {
            if (Guid.TryParse(spec.Uuid, out var parsed)) uuid = parsed;
            else errors.Add("uuid", $"'{spec.Uuid}' is not a UUID");
        }
        var hostname = Blank(spec.Hostname)?.ToLowerInvariant();
        if (hostname is not null) errors.CheckHostname("hostname", hostname);
        var staticIp = Blank(spec.StaticIp);
        if (staticIp is not null) errors.CheckIPv4("staticIp", staticIp, out _);
        var arch = CpuArchitecture.X86_64;
        if (spec.Arch is not null && !MachineNames.TryParseArch(spec.Arch, out arch))
            errors.Add("arch", $"'{spec.Arch}' is not an architecture (x86_64, arm64)");
        FirmwareKind? firmware = null;
        if (spec.Firmware is not null)
        {
            if (MachineNames.TryParseFirmware(spec.Firmware, out var fw)) firmware = fw;
            else errors.Add("firmware", $"'{spec.Firmware}' is not a firmware kind (bios, uefi)");
        }
        var labels = spec.Labels ?? new Dictionary<string, string>();
        foreach (var key in labels.Keys.Where(k => !LabelKeyPattern().IsMatch(k)))
            errors.Add($"labels.{key}", "label names are 1-63 characters of letters, digits, '-', '_', '.' and '/'");
        var features = (spec.Features ?? []).Select(f => f.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var netboot = NetbootPolicy.Once;
        if (spec.Netboot is not null && !MachineNames.TryParseNetboot(spec.Netboot, out netboot))
            errors.Add("netboot", $"'{spec.Netboot}' is not a netboot policy (once, always, never)");
        LocalBootMethod? localBoot = null;
        if (spec.LocalBoot is not null)
        {
            if (MachineNames.TryParseLocalBoot(spec.LocalBoot, out var method)) localBoot = method;
            else errors.Add("localBoot", $"'{spec.LocalBoot}' is not a local boot method (exit, disk, http404)");
        }
        string? loader = null;
        if (Blank(spec.Loader) is { } loaderText && !BootLoaderChoice.TryNormalize(loaderText, out loader, out var loaderError))
            errors.Add("loader", loaderError);
        var profile = Blank(spec.Profile);
        if (profile is not null && errors.CheckId("profile", profile) && await profiles.GetAsync(profile, ct) is null)
            errors.Add("profile", $"no profile '{profile}' exists (see: fleetboot profiles list)");
        errors.ThrowIfAny();

        return new Machine
        {
            Id = id,
            Macs = macs,
            Uuid = uuid,
            Hostname = hostname,
            Serial = Blank(spec.Serial),
            StaticIp = staticIp,
            Arch = arch,
            Firmware = firmware,
            Role = Blank(spec.Role),
            Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
            Features = features,
            Specs = spec.Specs,
            Metadata = spec.Metadata,
            ProfileId = profile,
            Netboot = netboot,
            LocalBoot = localBoot,
            Loader = loader,
            State = state,
            Token = token,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
    }

    private static List<MacAddress> ParseMacs(IReadOnlyList<string> texts, FieldErrors errors)
    {
        var macs = new List<MacAddress>();
        if (texts.Count == 0) errors.Add("macs", "at least one MAC address is needed");
        for (int i = 0; i < texts.Count; i++)
        {
            if (!MacAddress.TryParse(texts[i], out var mac))
                errors.Add($"macs[{i}]", $"'{texts[i]}' is not a MAC address (aa:bb:cc:dd:ee:ff, AA-BB-.., aabb.ccdd.eeff or aabbccddeeff)");
            else if (macs.Contains(mac))
                errors.Add($"macs[{i}]", $"{mac} is listed twice");
            else
                macs.Add(mac);
        }
        return macs;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$")]
    private static partial Regex LabelKeyPattern();
}
