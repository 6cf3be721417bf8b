using System.Net.Sockets;
using System.Text;

namespace Fleetboot.Testing;

/// <summary>Sends a request line exactly as written; HttpClient would normalise the <c>..</c> that traversal tests need.</summary>
public static class RawHttp
{
    public static async Task<int> GetStatusAsync(int port, string rawPath)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        var request = $"GET {rawPath} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? throw new IOException("no response");
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
