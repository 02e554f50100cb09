using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace McpBridge.Bench.Processes;

/// <summary>Loopback-only guards: free ports on 127.0.0.1, and a check that nothing listens on a port beyond loopback.</summary>
internal static class Loopback
{
    /// <summary>A TCP port that is free on 127.0.0.1 right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Addresses listening on <paramref name="port"/> that are not loopback (empty when all is well), from /proc/net/tcp{,6}.</summary>
    public static List<string> NonLoopbackListeners(int port)
    {
        List<string> foreign = [];
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cols.Length < 4 || cols[3] != "0A")
                {
                    continue; // not LISTEN
                }

                var local = cols[1].Split(':');
                if (int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
                {
                    continue;
                }

                var address = ParseAddress(local[0]);
                if (!IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
                {
                    foreign.Add(address.ToString());
                }
            }
        }

        return foreign;
    }

    // /proc/net prints addresses as 32-bit words in host (little-endian) order.
    private static IPAddress ParseAddress(string hex)
    {
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            for (var b = 0; b < 4; b++)
            {
                bytes[(word * 4) + b] = byte.Parse(hex.AsSpan((word * 8) + ((3 - b) * 2), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return new IPAddress(bytes);
    }
}
