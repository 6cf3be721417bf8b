using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Dhcp;

public static class DhcpServiceCollectionExtensions
{
    /// <summary>
    /// Hosts <see cref="DhcpServer"/> (nothing binds when <see cref="DhcpOptions.Mode"/> is Off). Uses, when registered:
    /// <see cref="ILeaseStore"/> (required for durable leases in full mode), <see cref="IDhcpMachineDirectory"/>,
    /// <see cref="IBootEventSink"/>, <see cref="DhcpSubnetCatalog"/> (subnets that change at run time; without it
    /// <see cref="DhcpOptions.Subnets"/>) and <see cref="TimeProvider"/> (defaults to the system clock).
    /// </summary>
    public static IServiceCollection AddFleetbootDhcp(this IServiceCollection services, DhcpOptions options)
    {
        DhcpOptionsValidator.ThrowIfInvalid(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new DhcpServer(
            options,
            sp.GetService<ILeaseStore>(),
            sp.GetService<IDhcpMachineDirectory>(),
            sp.GetService<IBootEventSink>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DhcpServer>>(),
            sp.GetService<DhcpSubnetCatalog>()));
        services.AddHostedService(sp => sp.GetRequiredService<DhcpServer>());
        return services;
    }
}
