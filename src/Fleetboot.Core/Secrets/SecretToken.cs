using System.Buffers.Text;
using System.Security.Cryptography;

namespace Fleetboot.Core.Secrets;

/// <summary>Bearer tokens (the admin token, machine callback tokens): random bytes from the kernel, base64url without padding.</summary>
/// <remarks>
/// On Linux <see cref="RandomNumberGenerator"/> goes through OpenSSL, and loading libcrypto for it alone adds about 5 MB to
/// the server's resident memory. The kernel's generator behind /dev/urandom is the one OpenSSL seeds itself from.
/// </remarks>
public static class SecretToken
{
    public static string New(int bytes)
    {
        var random = new byte[bytes];
        if (OperatingSystem.IsLinux())
        {
            using var urandom = new FileStream("/dev/urandom", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            urandom.ReadExactly(random);
        }
        else
        {
            RandomNumberGenerator.Fill(random);
        }
        return Base64Url.EncodeToString(random);
    }
}
