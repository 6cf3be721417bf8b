namespace Fleetboot.Dhcp;

internal sealed class CurrentNetworkScope : INetworkScope
{
    public static readonly CurrentNetworkScope Instance = new();

    public T Run<T>(Func<T> action) => action();
}
