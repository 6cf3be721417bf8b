using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Fleetboot.Tftp;

/// <summary>
/// The few Linux calls behind <see cref="TftpTransferLoop"/>: an epoll set and an eventfd to wake it. A closed socket
/// leaves the set by itself. An epoll event is a 32-bit mask and a 64-bit cookie; x86-64 packs it into 12 bytes, other
/// architectures align it to 16, so events are handled as little-endian bytes (all the architectures supported here)
/// at the offsets of the running one.
/// </summary>
internal static class LinuxEpoll
{
    private const uint In = 0x001;
    private const uint EdgeTriggered = 1u << 31;

    private const int CloseOnExec = 0x80000; // EPOLL_CLOEXEC and EFD_CLOEXEC
    private const int EventFdNonBlocking = 0x800;
    private const int Add = 1;
    private const int Interrupted = 4; // EINTR

    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture == Architecture.X64;

    public static int EventSize { get; } = Packed ? 12 : 16;

    private static int CookieOffset => Packed ? 4 : 8;

    /// <summary>True where the loop can run: Linux on an architecture whose epoll event layout is known here.</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64;

    public static int Create() => Check(epoll_create1(CloseOnExec), "epoll_create1");

    public static int CreateWakeEvent() => Check(eventfd(0, CloseOnExec | EventFdNonBlocking), "eventfd");

    /// <summary>Watches <paramref name="fd"/> for incoming data, edge-triggered: each arrival makes the set report the fd once (arrivals before that report share it).</summary>
    public static void WatchReadable(int epoll, int fd, ulong cookie)
    {
        var ev = new byte[EventSize];
        BinaryPrimitives.WriteUInt32LittleEndian(ev, In | EdgeTriggered);
        BinaryPrimitives.WriteUInt64LittleEndian(ev.AsSpan(CookieOffset), cookie);
        Check(epoll_ctl(epoll, Add, fd, ev), "epoll_ctl(ADD)");
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1: forever); returns the number of events (0 after a signal).</summary>
    public static int Wait(int epoll, byte[] events, int timeoutMs)
    {
        int n = epoll_wait(epoll, events, events.Length / EventSize, timeoutMs);
        if (n >= 0) return n;
        int errno = Marshal.GetLastPInvokeError();
        return errno == Interrupted ? 0 : throw new IOException($"epoll_wait failed: errno {errno}");
    }

    public static ulong Cookie(byte[] events, int index) =>
        BinaryPrimitives.ReadUInt64LittleEndian(events.AsSpan(index * EventSize + CookieOffset));

    public static void Signal(int eventFd)
    {
        long one = 1;
        _ = write(eventFd, ref one, sizeof(long));
    }

    public static void ClearSignal(int eventFd)
    {
        long count = 0;
        while (read(eventFd, ref count, sizeof(long)) < 0 && Marshal.GetLastPInvokeError() == Interrupted)
        {
        }
    }

    public static void Close(int fd) => _ = close(fd);

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new IOException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_create1(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_ctl(int epoll, int op, int fd, byte[] ev);

    [DllImport("libc", SetLastError = true)]
    private static extern int epoll_wait(int epoll, [Out] byte[] events, int maxEvents, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    private static extern int eventfd(uint initial, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, ref long value, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, ref long value, nint count);

    [DllImport("libc")]
    private static extern int close(int fd);
}
