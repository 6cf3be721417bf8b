using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Machines;

/// <summary>Hands out MACs for machines that do not exist yet, never one that a machine or a reservation holds.</summary>
public sealed class MacAllocator(IMachineStore machines, IMacReservationStore reservations, MacAllocatorOptions options, TimeProvider time)
{
    public const int MaxPerRequest = 1000;
    private const int AttemptsPerAddress = 64;

    /// <summary>Ranges of at most this many free bits are searched exhaustively once random probes fail.</summary>
    private const int ScanBits = 16;

    /// <exception cref="ValidationException">bad count or prefix, or the prefix's range is full.</exception>
    public async Task<IReadOnlyList<MacReservation>> AllocateAsync(int count, string? prefix, string? note, CancellationToken ct)
    {
        if (count is < 1 or > MaxPerRequest) throw new ValidationException("count", $"must be between 1 and {MaxPerRequest}");
        var (prefixValue, prefixOctets) = ParsePrefix(prefix ?? options.Prefix);
        int freeBits = 8 * (MacAddress.Length - prefixOctets);
        var allocated = new List<MacReservation>(count);
        while (allocated.Count < count)
        {
            var reservation = await TryAllocateOneAsync(prefixValue, freeBits, note, ct)
                ?? throw new ValidationException("prefix", $"no free address found in {prefix ?? options.Prefix}; use a shorter prefix");
            allocated.Add(reservation);
        }
        return allocated;
    }

    /// <exception cref="ValidationException">not a MAC.</exception>
    /// <exception cref="UniqueConflictException">a machine or a reservation holds it.</exception>
    public async Task<MacReservation> ReserveAsync(string mac, string? note, CancellationToken ct)
    {
        if (!MacAddress.TryParse(mac, out var address)) throw new ValidationException("mac", $"'{mac}' is not a MAC address");
        if (await machines.FindByMacAsync(address, ct) is { } holder)
            throw new UniqueConflictException("mac", address.ToString(), holder.Hostname ?? holder.Id);
        var reservation = new MacReservation(address, note, time.GetUtcNow());
        if (!await reservations.TryReserveAsync(reservation, ct))
            throw new UniqueConflictException("mac", address.ToString(), "a reservation");
        return reservation;
    }

    public async Task<bool> ReleaseAsync(string mac, CancellationToken ct)
    {
        if (!MacAddress.TryParse(mac, out var address)) throw new ValidationException("mac", $"'{mac}' is not a MAC address");
        return await reservations.ReleaseAsync(address, ct);
    }

    public Task<IReadOnlyList<MacReservation>> ListAsync(CancellationToken ct) => reservations.ListAsync(ct);

    private async Task<MacReservation?> TryAllocateOneAsync(ulong prefixValue, int freeBits, string? note, CancellationToken ct)
    {
        ulong mask = (1UL << freeBits) - 1;
        for (int attempt = 0; attempt < AttemptsPerAddress; attempt++)
        {
            if (await TryReserveAsync(prefixValue | (RandomSuffix() & mask), note, ct) is { } reservation) return reservation;
        }
        // Random probes miss the last few free addresses of a nearly full small range: walk it from a random start.
        if (freeBits > ScanBits) return null;
        ulong start = RandomSuffix();
        for (ulong i = 0; i <= mask; i++)
        {
            if (await TryReserveAsync(prefixValue | ((start + i) & mask), note, ct) is { } reservation) return reservation;
        }
        return null;
    }

    private async Task<MacReservation?> TryReserveAsync(ulong value, string? note, CancellationToken ct)
    {
        var candidate = new MacAddress(value);
        if (await machines.FindByMacAsync(candidate, ct) is not null) return null;
        var reservation = new MacReservation(candidate, note, time.GetUtcNow());
        return await reservations.TryReserveAsync(reservation, ct) ? reservation : null;
    }

    private static ulong RandomSuffix() => (ulong)Random.Shared.NextInt64();

    /// <summary>True when <paramref name="prefix"/> is 1 to 5 octets that a unicast MAC can start with.</summary>
    public static bool IsValidPrefix(string prefix) => PrefixError(prefix, out _, out _) is null;

    /// <returns>The prefix's octets shifted into place, and how many octets it has (1 to 5).</returns>
    private static (ulong Value, int Octets) ParsePrefix(string prefix) =>
        PrefixError(prefix, out var value, out var octets) is { } error ? throw new ValidationException("prefix", error) : (value, octets);

    /// <returns>Why <paramref name="prefix"/> is not a MAC prefix, or null when it is.</returns>
    private static string? PrefixError(string prefix, out ulong value, out int octets)
    {
        var parts = prefix.Trim().Split(':', '-');
        (value, octets) = (0, parts.Length);
        if (parts.Length is < 1 or > 5 || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiHexDigit)))
            return $"'{prefix}' is not a MAC prefix of 1 to 5 octets, such as 02:fb or bc:24:11";
        foreach (var part in parts) value = (value << 8) | Convert.ToByte(part, 16);
        if ((parts.Length == 1 ? value : value >> (8 * (parts.Length - 1))) % 2 == 1)
            return $"'{prefix}' starts with a multicast octet (odd first octet)";
        value <<= 8 * (MacAddress.Length - parts.Length);
        return null;
    }
}
