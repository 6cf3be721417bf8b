namespace Fleetboot.Dhcp;

/// <summary>Where sockets are created and interfaces enumerated. Production runs in the process's own network namespace;
/// tests run the same code on a thread that entered a namespace the test created.</summary>
internal interface INetworkScope
{
    T Run<T>(Func<T> action);
}
