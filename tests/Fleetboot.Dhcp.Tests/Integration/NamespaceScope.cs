using System.Runtime.InteropServices;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>Runs code on a fresh thread that first entered a network namespace (setns). Sockets created there live in that namespace.</summary>
internal sealed partial class NamespaceScope(string name) : INetworkScope
{
    private const int CloneNewNet = 0x40000000;

    public string Name { get; } = name;

    public T Run<T>(Func<T> action)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var ns = File.OpenHandle($"/run/netns/{Name}");
                if (SetNs((int)ns.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new InvalidOperationException($"setns into {Name} failed: errno {Marshal.GetLastPInvokeError()}");
                result = action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }) { IsBackground = true, Name = "netns " + Name };
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(30))) throw new TimeoutException($"code in namespace {Name} did not finish");
        if (failure is not null) throw new InvalidOperationException($"in namespace {Name}: {failure.Message}", failure);
        return result!;
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SetNs(int fd, int nstype);
}
