using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Fleetboot.Tftp;

public static class TftpServiceCollectionExtensions
{
    /// <summary>
    /// Hosts the TFTP server. Optional services it uses when registered: <c>IBootEventSink</c> (transfer events),
    /// <see cref="ITftpVirtualFileSource"/> (rendered per-machine files) and <see cref="TimeProvider"/> (defaults to the system clock).
    /// </summary>
    public static IServiceCollection AddFleetbootTftp(this IServiceCollection services, TftpOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<TftpServer>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<TftpServer>());
        return services;
    }
}
