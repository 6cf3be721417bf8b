namespace Fleetboot.Tftp;

/// <summary>Netascii (RFC 764) encoding as TFTP sends it: LF becomes CR LF, a bare CR becomes CR NUL.</summary>
internal static class TftpNetascii
{
    public static byte[] Encode(ReadOnlySpan<byte> source)
    {
        int extra = 0;
        foreach (var b in source)
        {
            if (b is (byte)'\n' or (byte)'\r') extra++;
        }
        var output = new byte[source.Length + extra];
        int n = 0;
        foreach (var b in source)
        {
            if (b == (byte)'\n')
            {
                output[n++] = (byte)'\r';
                output[n++] = (byte)'\n';
            }
            else if (b == (byte)'\r')
            {
                output[n++] = (byte)'\r';
                output[n++] = 0;
            }
            else
            {
                output[n++] = b;
            }
        }
        return output;
    }
}
